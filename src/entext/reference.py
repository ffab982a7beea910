"""Which date an input's relative dates resolve against, and where that date came from.

The order (documented in the README): ``--ref-date``, then the input's row in ``--ref-dates``,
then the article's own date line, then the file's modification time when asked for; never today.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from .dates import find_ref_date
from .errors import OptionError
from .settings import Settings

Reference = tuple[dt.date | None, dt.datetime | None, str | None]  # date, moment, source


def choose_reference(
    settings: Settings,
    source: str,
    text: str,
    *,
    mtime: float | None = None,
    override: dt.date | None = None,
) -> Reference:
    """The reference date for one input, with its time of day where known, and its source."""
    if override is not None:
        return override, None, "option"
    if settings.ref_date is not None:
        return settings.ref_date, None, "option"
    if source in settings.ref_dates:
        return settings.ref_dates[source], None, "file"
    found = find_ref_date(text)
    if found is not None:
        return found[0], found[1], "text"
    if mtime is not None:
        return dt.date.fromtimestamp(mtime), None, "mtime"
    return None, None, None


def load_ref_dates(path: str) -> dict[str, dt.date]:
    """Read a ``source,date`` mapping (CSV with a header, or JSONL objects) for batch runs.

    Raises:
        OptionError: naming the file and line of the first bad row.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise OptionError(f"cannot read --ref-dates file {path}: {reason or exc}") from None
    out: dict[str, dt.date] = {}
    lines = raw.splitlines()
    if raw.lstrip().startswith("{"):
        rows: Iterable[tuple[int, Any]] = (
            (n, json.loads(line)) for n, line in enumerate(lines, 1) if line.strip()
        )
    else:
        rows = enumerate(csv.DictReader(lines), 2)
    try:
        for n, row in rows:
            if not isinstance(row, dict) or "source" not in row or "date" not in row:
                raise OptionError(f"{path}:{n}: each row needs 'source' and 'date'")
            try:
                out[str(row["source"])] = dt.date.fromisoformat(str(row["date"]).strip()[:10])
            except ValueError:
                raise OptionError(f"{path}:{n}: {row['date']!r} is not a YYYY-MM-DD date") from None
    except json.JSONDecodeError as exc:
        raise OptionError(f"{path}: invalid JSON line: {exc.msg}") from None
    return out
