"""One exception hierarchy for entext; the CLI maps it to exit codes in one place."""

from __future__ import annotations


class EntextError(Exception):
    """Base class: every message says what went wrong and what to do next."""

    exit_code = 1


class ModelNotFoundError(EntextError):
    """No usable spaCy pipeline could be loaded."""


class RulesError(EntextError):
    """A gazetteer or pattern file is invalid; nothing runs until it is fixed."""


class OptionError(EntextError):
    """An option value is invalid (bad date, unknown type, ...)."""


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
