"""The evaluation report as a Rich table."""

from __future__ import annotations

from rich.table import Table

from ..evaluate import Report
from .console import PipeConsole


def print_report(report: Report, color: bool) -> None:
    """Print an evaluation report as a table on stdout."""
    console = PipeConsole(force_terminal=color, no_color=not color, highlight=False)
    table = Table(title=f"entext on {report.documents} documents", title_justify="left")
    for col in ("Type", "Regime", "Gold", "Predicted", "TP", "Precision", "Recall", "F1"):
        table.add_column(col, justify="left" if col in ("Type", "Regime") else "right")
    rows = [(t, regimes) for t, regimes in sorted(report.by_type.items())]
    rows.append(("micro", {r: report.micro(r) for r in ("exact", "overlap")}))
    for type_, regimes in rows:
        for regime in ("exact", "overlap"):
            c = regimes.get(regime)
            if c is None:
                continue
            table.add_row(
                type_,
                regime,
                str(c.tp + c.fn),
                str(c.tp + c.fp),
                str(c.tp),
                f"{c.precision:.3f}",
                f"{c.recall:.3f}",
                f"{c.f1:.3f}",
            )
    console.print(table)
    acc = report.value_accuracy
    if acc is not None:
        console.print(
            f"date values: {report.value_correct}/{report.value_matched} matched DATE mentions "
            f"correct ({acc:.3f})"
        )
