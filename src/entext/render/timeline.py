"""The timeline: every dated mention of a document or a batch in calendar order, in context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO

from rich.table import Table
from rich.text import Text

from ..schema import Document, Result
from .console import PipeConsole
from .text import visible

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"(\[])|\n\s*\n|\n")


@dataclass(frozen=True)
class TimelineRow:
    """One dated mention in the timeline."""

    value: str
    text: str
    source: str
    sentence: str


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence a mention stands in (by punctuation and line breaks), shortened to ``limit``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    match = _SENTENCE_END.search(text, end)
    right = match.start() if match else len(text)
    sentence = " ".join(text[left:right].split())
    if len(sentence) > limit:
        rel = max(0, start - left - limit // 2)
        sentence = "…" + sentence[rel : rel + limit] + "…"
    return sentence


def timeline_rows(result: Document) -> list[TimelineRow]:
    """Dated mentions with a resolved value, in text order. Vague references ("now":
    PRESENT_REF) are not on the calendar and are left out; durations and frequencies are
    listed (after every date) only when they were asked for (``--types ...,DURATION``)."""
    rows = []
    for e in result.entities:
        if e.type != "DATE":
            continue
        for m in e.mentions:
            if m.value and not m.value.endswith("_REF"):
                rows.append(
                    TimelineRow(
                        m.value, m.text, result.source, sentence_around(result.text, m.start, m.end)
                    )
                )
    return rows


def _sort_key(value: str) -> tuple[str, str, str]:
    """Calendar order: the first day a value covers ("2024-W05" -> 2024-01-29), then the time
    of day (a day before its times, "2024-06-10TNI" where the night begins); durations and
    frequencies go last."""
    from ..dates import calendar_order

    return calendar_order(value)


class TimelineRenderer:
    """Collects dated mentions of all documents and prints them in calendar order at the end."""

    def __init__(self, stream: IO[str], *, color: bool = False) -> None:
        self.console = PipeConsole(
            file=stream,
            force_terminal=color,
            no_color=not color,
            highlight=False,
            width=None if color else 160,
        )
        self.rows: list[TimelineRow] = []
        self.sources = 0

    def write(self, result: Result) -> None:
        if isinstance(result, Document):
            self.sources += 1
            self.rows.extend(timeline_rows(result))

    def close(self) -> None:
        table = Table(title=f"Timeline ({len(self.rows)} dated mentions)", title_justify="left")
        table.add_column("When", no_wrap=True)
        table.add_column("Text")
        if self.sources > 1:
            table.add_column("Source", overflow="fold")
        table.add_column("Sentence", overflow="fold")
        for row in sorted(self.rows, key=lambda r: (_sort_key(r.value), r.source)):
            cells = [Text(visible(row.value), style="bold"), Text(visible(row.text))]
            if self.sources > 1:
                cells.append(Text(visible(row.source), style="dim"))
            cells.append(Text(visible(row.sentence)))
            table.add_row(*cells)
        self.console.print(table)
        self.console.file.flush()
