"""The progress bar for long runs (stderr only, never in machine output)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class WordsPerSecond(ProgressColumn):
    """Throughput in words per second, from the words counted into the task's fields."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        words = task.fields.get("total_words", 0)
        rate = words / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} words/s", style="cyan")


class WordProgress(Progress):
    """Progress that accumulates ``words=`` passed to ``update``."""

    def update(self, task_id: Any, *args: Any, words: int = 0, **kwargs: Any) -> None:
        if words:
            with self._lock:
                task = self._tasks[task_id]
                task.fields["total_words"] = task.fields.get("total_words", 0) + words
        super().update(task_id, *args, **kwargs)


def make_progress(console: Console) -> Progress:
    """The transient progress bar used by ``entext extract``."""
    return WordProgress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        WordsPerSecond(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
