"""What the CLI shows people on stderr: messages, warnings and the progress bar.

stdout carries results only. ``NO_COLOR`` (any value) turns off every style, here and in tables;
text from articles and file names is never read as Rich markup and has escape sequences removed.
"""

from __future__ import annotations

import os
from typing import Any

from .runner import RunProgress
from .schema import Document


def styling_enabled() -> bool:
    """False when the user asked for no colour (https://no-color.org)."""
    return not os.environ.get("NO_COLOR")


def stderr_console() -> Any:
    """The console for people: stderr, no markup or highlighting of our text."""
    from rich.console import Console

    return Console(
        stderr=True,
        highlight=False,
        soft_wrap=True,
        color_system="auto" if styling_enabled() else None,
    )


def print_line(console: Any, line: str) -> None:
    """Print one line as plain text (never markup), with escape sequences made visible."""
    from rich.text import Text

    from .render.text import visible

    console.print(Text(visible(line)))


class ProgressBar:
    """A progress bar on stderr fed by the run's callback, or nothing when it would get in the way.

    It shows only when stderr is a terminal and stdout is not the same screen (results written
    to a file or a pipe), and it is cleared before anything else is printed at the end.
    """

    def __init__(self, console: Any, *, enabled: bool) -> None:
        self._console = console
        self._enabled = enabled and console.is_terminal
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, event: RunProgress) -> None:
        if not self._enabled or event.total < 2:
            return
        if self._bar is None:
            from .progress import make_progress

            self._bar = make_progress(self._console)
            self._task = self._bar.add_task("extracting", total=event.total, words=0)
            self._bar.start()
        # Counting words splits every article: only done when a bar shows words/s.
        words = len(event.result.text.split()) if isinstance(event.result, Document) else 0
        self._bar.update(self._task, advance=1, words=words)

    def close(self) -> None:
        """Remove the bar from the screen; no bar appears after this."""
        self._enabled = False
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
