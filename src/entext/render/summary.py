"""The corpus summary as Rich tables."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..summary import CorpusSummary
from .table import TITLES
from .text import visible


def print_summary(summary: CorpusSummary, console: Console, n: int = 15) -> None:
    """Print a corpus summary as tables on ``console``."""
    console.print(
        Text(f"{summary.documents:,} documents, {summary.failures:,} failed", style="bold")
    )
    for type_, title in TITLES.items():
        rows = summary.top(type_, n)
        if not rows:
            continue
        table = Table(title=f"Top {title.lower()}", title_justify="left")
        table.add_column("Name")
        if type_ != "PERSON":
            table.add_column("Kind")
        table.add_column("Documents", justify="right")
        table.add_column("Mentions", justify="right")
        for r in rows:
            cells = [Text(visible(r["name"]))]
            if type_ != "PERSON":
                cells.append(Text(r["kind"] or ""))
            cells += [Text(str(r["documents"])), Text(str(r["mentions"]))]
            table.add_row(*cells)
        console.print(table)
    pairs = summary.top_pairs(n)
    if pairs:
        table = Table(title="Entities that appear together", title_justify="left")
        table.add_column("Entity")
        table.add_column("Entity")
        table.add_column("Documents", justify="right")
        for p in pairs:
            table.add_row(_label(p["a"]), _label(p["b"]), Text(str(p["documents"])))
        console.print(table)


def _label(row: dict[str, Any]) -> Text:
    kind = f" ({row['kind']})" if row["kind"] else ""
    return Text(visible(f"{row['name']}{kind}"))
