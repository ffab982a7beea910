"""One exception hierarchy for entext, and the exit codes the CLI maps it to in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes (see CONTRACT: the same for every command)."""

    OK = 0
    FATAL = 1  # no model, bad option values, nothing readable
    USAGE = 2  # the command line itself is wrong
    PARTIAL = 3  # some inputs failed; results for the rest were written
    INTERRUPTED = 130  # SIGINT or SIGTERM


class EntextError(Exception):
    """Base class: every message says what went wrong and what to do next."""

    exit_code: ExitCode = ExitCode.FATAL


class UsageError(EntextError):
    """Options that cannot go together, or a value of the wrong shape (exit code 2)."""

    exit_code = ExitCode.USAGE


class ModelNotFoundError(EntextError):
    """No usable spaCy pipeline could be loaded."""


class RulesError(EntextError):
    """A gazetteer or pattern file is invalid; nothing runs until it is fixed."""


class OptionError(EntextError):
    """An option value is invalid (bad date, unknown type, ...)."""


class OutputError(EntextError):
    """Results cannot be written where the user asked."""


class InputError(EntextError):
    """One input could not be read; becomes a failure record, never stops a batch.

    Attributes:
        code: a short machine-readable code (``not_found``, ``decode``, ``binary`` ...).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Records cross process boundaries in batch runs; keep the code when pickled.
        return (InputError, (self.code, str(self)))


class Interrupted(BaseException):
    """SIGTERM during a run (SIGINT arrives as ``KeyboardInterrupt``); ends the run cleanly."""
