"""A Rich console for results on stdout that lets a closed pipe end the run quietly."""

from __future__ import annotations

from rich.console import Console


class PipeConsole(Console):
    """Rich answers a reader that went away (``| head``) with ``SystemExit(1)``, exit code 1,
    which entext defines as fatal; this raises ``BrokenPipeError`` instead, which the command
    line turns into a quiet exit 0 like every other format."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError
