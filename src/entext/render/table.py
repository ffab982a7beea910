"""Rich tables for a person at a terminal: one table per entity type and document.

Rendered from ``to_dict()`` like every other format, so a table shows what the JSON says.
"""

from __future__ import annotations

from typing import IO, Any

from rich.table import Table
from rich.text import Text

from ..schema import DATE_KINDS_APART, Result
from .console import PipeConsole
from .text import visible

TITLES = {"PERSON": "People", "ORG": "Organisations", "LOC": "Places", "DATE": "Dates"}
KIND_STYLES = {"MILITIA": "bold red", "MILITARY": "bold yellow"}
MAX_ROWS = 200


def _cell(value: object, style: str = "") -> Text:
    # Text() never interprets markup, and visible() removes escape sequences.
    return Text(visible("" if value is None else str(value)), style=style)


def _name_cell(entity: dict[str, Any], style: str) -> Text:
    """The canonical name, and the text as written where it differs ("FARDC")."""
    cell = _cell(entity["name"], style)
    if entity["type"] == "DATE":
        return cell
    written = [
        t
        for t in dict.fromkeys(m["text"] for m in entity["mentions"])
        if t.casefold() != entity["name"].casefold()
    ]
    if written:
        cell.append_text(_cell(f"\n  as written: {'; '.join(written[:4])}", "dim"))
    return cell


class TableRenderer:
    """Prints each record as it comes: a heading, then a table per entity type."""

    def __init__(self, stream: IO[str], *, color: bool = False) -> None:
        self.console = PipeConsole(
            file=stream,
            force_terminal=color,
            no_color=not color,
            color_system="auto" if color else None,
            highlight=False,
            soft_wrap=False,
            width=None if color else 120,
        )
        self.count = 0

    def write(self, result: Result) -> None:
        """Print one document's tables, or one failure."""
        self.count += 1
        record = result.to_dict()
        if "error" in record:
            heading = Text.assemble(
                ("✗ ", "red"), _cell(record["source"]), (f"  {record['error']['code']}", "red")
            )
            self.console.print(heading)
            self.console.print(_cell(record["error"]["message"], "dim"))
            self.console.print()
            return
        ref = (
            f"reference date {record['ref_date']} ({record['ref_date_source']})"
            if record["ref_date"]
            else "no reference date: relative dates unresolved (use --ref-date)"
        )
        header = Text.assemble(
            (visible(record["source"]), "bold"), f"  {record['chars']:,} characters, {ref}"
        )
        self.console.print(header)
        if not record["entities"]:
            self.console.print(Text("  no entities found", style="dim"))
        for type_, title in TITLES.items():
            entities = [e for e in record["entities"] if e["type"] == type_]
            if type_ == "DATE":
                self._print_dates(entities)
            elif entities:
                self.console.print(self._table(type_, title, entities))
        line = focus_line(record.get("focus"))
        if line:
            self.console.print(Text.assemble(("Focus: ", "bold"), _cell(line)))
        self.console.print()

    def _print_dates(self, entities: list[dict[str, Any]]) -> None:
        """Calendar dates in the Dates table; durations and frequencies (present only when
        ``--types`` asks for them) in their own; vague references ("now", "recently") in one
        line, since they are not dates on the calendar."""
        vague = [e for e in entities if str(e["name"]).endswith("_REF")]
        apart = [e for e in entities if e.get("kind") in DATE_KINDS_APART and e not in vague]
        dates = [e for e in entities if e not in vague and e not in apart]
        if dates:
            self.console.print(self._table("DATE", TITLES["DATE"], dates))
        if apart:
            self.console.print(self._table("DATE", "Durations and frequencies", apart))
        if vague:
            texts = dict.fromkeys(m["text"] for e in vague for m in e["mentions"])
            self.console.print(
                Text.assemble(("Vague references: ", "dim"), _cell("; ".join(texts), "dim"))
            )

    def _table(self, type_: str, title: str, entities: list[dict[str, Any]]) -> Table:
        entities = sorted(entities, key=lambda e: (-e["count"], e["mentions"][0]["start"]))
        table = Table(title=f"{title} ({len(entities)})", title_justify="left", expand=False)
        table.add_column("Name", overflow="fold")
        if type_ != "PERSON":
            table.add_column("Kind")
        if type_ == "DATE":
            table.add_column("Text", overflow="fold")
        if type_ in ("ORG", "LOC"):
            table.add_column("Country")
        if type_ == "LOC":
            table.add_column("Coordinates", no_wrap=True)
        table.add_column("Mentions", justify="right")
        table.add_column("Source")
        for e in entities[:MAX_ROWS]:
            kind = e.get("kind") or ""
            row = [_name_cell(e, "bold" if kind in KIND_STYLES else "")]
            if type_ != "PERSON":
                row.append(_cell(kind, KIND_STYLES.get(kind, "")))
            if type_ == "DATE":
                texts = dict.fromkeys(m["text"] for m in e["mentions"])
                row.append(_cell("; ".join(texts)))
            if type_ in ("ORG", "LOC"):
                country = e.get("country") or ""
                row.append(_cell(",".join(country) if isinstance(country, list) else country))
            if type_ == "LOC":
                row.append(coordinates_cell(e))
            row.append(_cell(e["count"]))
            row.append(_cell(",".join(sorted({m["source"] for m in e["mentions"]})), "dim"))
            table.add_row(*row)
        if len(entities) > MAX_ROWS:
            table.caption = f"… {len(entities) - MAX_ROWS} more (use -f json for all)"
        return table

    def close(self) -> None:
        """Flush the stream."""
        self.console.file.flush()


NO_POINT = "–  no point"


def coordinates_cell(e: dict[str, Any]) -> Text:
    """``33.3406 N 44.4009 E``, or a dim mark where the place could not be pinned down."""
    lat, lon = e.get("lat"), e.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return Text(NO_POINT, style="dim")
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    return Text(f"{abs(lat):.4f} {ns} {abs(lon):.4f} {ew}")


def focus_line(focus: object) -> str:
    """``IQ 0.45, US 0.21 · Baghdād (IQ) 0.21 · Baghdad 0.17`` from a document's focus."""
    if not isinstance(focus, dict):
        return ""
    parts = []
    countries = ", ".join(f"{c['country']} {c['score']:.2f}" for c in focus.get("countries", []))
    if countries:
        parts.append(countries)
    areas = ", ".join(
        f"{a['admin1']} ({a['country']}) {a['score']:.2f}" for a in focus.get("admin1", [])
    )
    if areas:
        parts.append(areas)
    cities = ", ".join(f"{c['name']} {c['score']:.2f}" for c in focus.get("cities", []))
    if cities:
        parts.append(cities)
    return " · ".join(parts)
