"""CSV: one row per mention, safe to open in a spreadsheet.

Rendered from ``to_dict()`` like every other format: the common gazetteer and geocoding fields
have columns of their own, any other entity field goes into ``extra`` as a JSON object, so no
field of the JSON is lost in the CSV.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from ..schema import Result
from .text import escape_controls

ENTITY_COLUMNS = ("id", "type", "kind", "name")
ATTR_COLUMNS = ("country", "admin1", "lat", "lon", "geonames_id", "feature", "category")
MENTION_COLUMNS = ("start", "end", "text", "value", "value_end", "source")
COLUMNS = (
    "source",
    "entity_id",
    "type",
    "kind",
    "name",
    *ATTR_COLUMNS,
    "start",
    "end",
    "text",
    "value",
    "value_end",
    "mention_source",
    "extra",
    "error",
    "error_message",
)
_KNOWN_ENTITY_KEYS = frozenset({*ENTITY_COLUMNS, *ATTR_COLUMNS, "count", "mentions"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formula injection (a text cell starting with = + - @ gets a
    quote) and terminal escape sequences (control characters are written as escapes).

    Numbers are written as they are ("-3" is not text from an article, offsets are never
    negative, so only strings are guarded). Lists are joined with commas.
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    if isinstance(value, str):
        value = escape_controls(value)  # no terminal escape sequences from articles or names
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def mention_rows(record: dict[str, Any]) -> list[list[object]]:
    """The CSV rows of one result record (a failure is one row with its error)."""
    if "error" in record:
        row: list[object] = [record["source"]] + [""] * (len(COLUMNS) - 3)
        return [[*row, record["error"]["code"], record["error"]["message"]]]
    rows = []
    for entity in record["entities"]:
        extra = {k: v for k, v in entity.items() if k not in _KNOWN_ENTITY_KEYS}
        head = [record["source"], *(entity.get(k) for k in ENTITY_COLUMNS)]
        attrs = [entity.get(k) for k in ATTR_COLUMNS]
        for m in entity["mentions"]:
            rows.append(
                [
                    *head,
                    *attrs,
                    *(m.get(k) for k in MENTION_COLUMNS),
                    json.dumps(extra, ensure_ascii=False) if extra else "",
                    "",
                    "",
                ]
            )
    return rows


class CsvRenderer:
    """One row per mention (failures: one row with the error code and message)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.writer(stream, lineterminator="\n")
        self.writer.writerow(COLUMNS)

    def write(self, result: Result) -> None:
        """Write the rows of one record."""
        for row in mention_rows(result.to_dict()):
            self.writer.writerow([safe_cell(v) for v in row])
        self.stream.flush()

    def close(self) -> None:
        """Flush the stream."""
        self.stream.flush()
