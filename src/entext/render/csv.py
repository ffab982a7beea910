"""CSV: one row per mention, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from typing import IO

from ..schema import Document, Result

COLUMNS = (
    "source",
    "entity_id",
    "type",
    "kind",
    "name",
    "start",
    "end",
    "text",
    "value",
    "mention_source",
    "error",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formula injection: a text cell starting with = + - @ gets a quote.

    Numbers are written as they are ("-3" is not text from an article, offsets are never
    negative, so only strings are guarded).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


class CsvRenderer:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.writer(stream, lineterminator="\n")
        self.writer.writerow(COLUMNS)

    def write(self, result: Result) -> None:
        if not isinstance(result, Document):
            row: list[object] = [result.source, "", "", "", "", "", "", "", "", "", result.code]
            self.writer.writerow([safe_cell(v) for v in row])
            return
        for entity in result.entities:
            for m in entity.mentions:
                row = [
                    result.source,
                    entity.id,
                    entity.type,
                    entity.kind,
                    entity.name,
                    m.start,
                    m.end,
                    m.text,
                    m.value,
                    m.source,
                    "",
                ]
                self.writer.writerow([safe_cell(v) for v in row])
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()
