"""Which date an input's relative dates resolve against, and where that date came from.

The order (documented in the README): ``--ref-date``, then the input's row in ``--ref-dates``,
then an archive record's date field, then a web page's metadata date ranked against the
article's own date line, then the article's own date line, then ``--default-ref-date``, then the
file's modification time when asked for; never today.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from .dates import ReferenceMoment, date_line_span, find_ref_date
from .entities import RawSpan
from .errors import OptionError
from .settings import Settings

# The row of a ``--ref-dates`` file that applies to every input without a row of its own and
# without a date in its text, like ``--default-ref-date``.
DEFAULT_ROW = "*"


def choose_reference(
    settings: Settings,
    source: str,
    text: str,
    *,
    mtime: float | None = None,
    override: dt.date | None = None,
    published: dt.date | None = None,
    record: ReferenceMoment | None = None,
) -> ReferenceMoment | None:
    """The reference moment for one input: date, time of day where known, and its source.

    Order: ``override`` / ``--ref-date`` (``option``), the input's row in ``--ref-dates``
    (``file``), an archive record's date field (``record``), a web page's publication date
    from its metadata (``published``), ranked against the article's own date line by
    :func:`entext.webpage.rank_ref_date` (``metadata`` or ``text``), the article's own date line
    (``text``), ``--default-ref-date`` or the ``*`` row of ``--ref-dates`` (``default``), the
    file's modification date when asked for (``mtime``); never today.
    """
    if override is not None:
        return ReferenceMoment(override, None, "option")
    if settings.ref_date is not None:
        return ReferenceMoment(settings.ref_date, None, "option")
    if source in settings.ref_dates:
        return ReferenceMoment(settings.ref_dates[source], None, "file")
    if record is not None:
        return record
    default = settings.default_ref_date or settings.ref_dates.get(DEFAULT_ROW)
    from_mtime = dt.date.fromtimestamp(mtime) if mtime is not None else None
    found = find_ref_date(text, fallback=published or default or from_mtime)
    if published is not None:
        from .webpage import rank_ref_date

        return rank_ref_date(published, found)
    if found is not None:
        return found
    if default is not None:
        return ReferenceMoment(default, None, "default")
    if from_mtime is not None:
        return ReferenceMoment(from_mtime, None, "mtime")
    return None


def with_date_line(
    spans: list[RawSpan], moment: ReferenceMoment | None, text: str = ""
) -> list[RawSpan]:
    """The spans with the article's own date line as one whole DATE mention ("Published 9
    January 2025" gives "9 January 2025", not the model's "January 2025"; "Friday 9 February
    2024 - 18:42" one mention with its time). The date line is looked for in ``text`` when
    the reference date came from elsewhere (``--ref-date``) or the line gives no year."""
    found = moment.span if moment is not None and moment.span is not None else None
    if found is None and text:
        found = date_line_span(text)
    if found is None:
        return spans
    start, end = found
    if any(s.start == start and s.end == end and s.label == "DATE" for s in spans):
        return spans  # the model read the date line whole
    kept = [
        s for s in spans if not (s.label in ("DATE", "TIME") and s.start < end and start < s.end)
    ]
    if any(s.start < end and start < s.end for s in kept):
        return spans  # the date line overlaps a name: leave the model's reading
    return sorted([*kept, RawSpan(start, end, "DATE", "", "pattern")], key=lambda s: s.start)


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
