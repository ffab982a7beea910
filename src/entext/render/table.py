"""Rich tables for a person at a terminal: one table per entity type and document."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..schema import Document, Entity, Result
from .text import visible

TITLES = {"PERSON": "People", "ORG": "Organisations", "LOC": "Places", "DATE": "Dates"}
KIND_STYLES = {"MILITIA": "bold red", "MILITARY": "bold yellow"}
MAX_ROWS = 200


def _cell(value: object, style: str = "") -> Text:
    # Text() never interprets markup, and visible() removes escape sequences.
    return Text(visible("" if value is None else str(value)), style=style)


class TableRenderer:
    def __init__(self, stream: IO[str], *, color: bool = False) -> None:
        self.console = Console(
            file=stream,
            force_terminal=color,
            no_color=not color,
            highlight=False,
            soft_wrap=False,
            width=None if color else 120,
        )
        self.count = 0

    def write(self, result: Result) -> None:
        self.count += 1
        if not isinstance(result, Document):
            heading = Text.assemble(
                ("✗ ", "red"), _cell(result.source), (f"  {result.code}", "red")
            )
            self.console.print(heading)
            self.console.print(_cell(result.message, "dim"))
            self.console.print()
            return
        ref = (
            f"reference date {result.ref_date} ({result.ref_date_source})"
            if result.ref_date
            else "no reference date: relative dates unresolved (use --ref-date)"
        )
        header = Text.assemble(
            (visible(result.source), "bold"), f"  {result.chars:,} characters, {ref}"
        )
        self.console.print(header)
        if not result.entities:
            self.console.print(Text("  no entities found", style="dim"))
        for type_, title in TITLES.items():
            entities = [e for e in result.entities if e.type == type_]
            if entities:
                self.console.print(self._table(type_, title, entities))
        self.console.print()

    def _table(self, type_: str, title: str, entities: list[Entity]) -> Table:
        entities = sorted(entities, key=lambda e: (-e.count, e.first_offset))
        table = Table(title=f"{title} ({len(entities)})", title_justify="left", expand=False)
        table.add_column("Name", overflow="fold")
        if type_ != "PERSON":
            table.add_column("Kind")
        if type_ == "DATE":
            table.add_column("Text", overflow="fold")
        if type_ in ("ORG", "LOC"):
            table.add_column("Country")
        table.add_column("Mentions", justify="right")
        table.add_column("Source")
        for e in entities[:MAX_ROWS]:
            row = [_cell(e.name, "bold" if e.kind in KIND_STYLES else "")]
            if type_ != "PERSON":
                row.append(_cell(e.kind or "", KIND_STYLES.get(e.kind or "", "")))
            if type_ == "DATE":
                texts = list(dict.fromkeys(m.text for m in e.mentions))
                row.append(_cell("; ".join(texts)))
            if type_ in ("ORG", "LOC"):
                country = e.attrs.get("country", "")
                row.append(_cell(",".join(country) if isinstance(country, list) else country))
            row.append(_cell(e.count))
            row.append(_cell(",".join(sorted({m.source for m in e.mentions})), "dim"))
            table.add_row(*row)
        if len(entities) > MAX_ROWS:
            table.caption = f"… {len(entities) - MAX_ROWS} more (use -f json for all)"
        return table

    def close(self) -> None:
        self.console.file.flush()
