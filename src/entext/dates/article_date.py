"""The article's own date: date lines, bylines and wire datelines in its first lines."""

from __future__ import annotations

import datetime as dt
import re

from .placement import _safe_date
from .vocabulary import _MON, _TZ, _WD_ALT, _month_num

_HDR_MDY = re.compile(
    rf"\b{_MON}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_HDR_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_HDR_ISO = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})(?=[T\s,|]|$)", re.IGNORECASE
)
_HDR_NUM = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d{2})\b")
_HDR_TIME = re.compile(
    r"^[\s,|@-]*(?:at\s+|T)?(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::\d{2}(?:\.\d+)?)?\s*"
    r"(?P<ap>[ap]\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
_HDR_LABEL = re.compile(
    r"^\W*(?P<label>(?:first\s+)?published|posted|date(?:d)?|publication\s+date|released|"
    r"created|last\s+updated|last\s+modified|updated|modified)\b\s*(?:on|at)?\s*[:\-|]?\s*",
    re.IGNORECASE,
)
_HDR_DATELINE = re.compile(r"^[A-Z][A-Za-z .'\-/]{1,40},\s*$")
_HDR_FILLER = re.compile(
    rf"\b(?:at|on|{_WD_ALT}|{_TZ}|am|pm|a\.m|p\.m|local|time|hrs|utc\+?\d*|gmt\+?\d*)\b"
    r"|[\W\d_]",
    re.IGNORECASE,
)


def _header_date(line: str) -> tuple[dt.date, dt.datetime | None, int, int] | None:
    """The first full date (with year) in a line: (date, datetime|None, start, end)."""
    best: tuple[dt.date, int, int] | None = None
    for pat in (_HDR_MDY, _HDR_DMY, _HDR_ISO, _HDR_NUM):
        m = pat.search(line)
        if not m or (best is not None and m.start() >= best[1]):
            continue
        year = int(m.group("year"))
        if pat is _HDR_NUM:
            a, b = int(m.group("a")), int(m.group("b"))
            mon, day = (b, a) if a > 12 else (a, b)
        else:
            mon_tok = m.group("mon")
            mon = int(mon_tok) if mon_tok.isdigit() else _month_num(mon_tok.lower())
            day = int(m.group("day"))
        d = _safe_date(year, mon, day)
        if d is not None:
            best = (d, m.start(), m.end())
    if best is None:
        return None
    d, start, end = best
    tm = _HDR_TIME.match(line[end:])
    when: dt.datetime | None = None
    if tm:
        h, mi = int(tm.group("h")), int(tm.group("m"))
        if tm.group("ap"):
            if h > 12:
                h = 99
            h = (h % 12) + (12 if tm.group("ap").lower().startswith("p") else 0)
        if h < 24 and mi < 60:
            when = dt.datetime(d.year, d.month, d.day, h, mi)
            end += tm.end()
    return d, when, start, end


def find_ref_date(text: str) -> tuple[dt.date, dt.datetime | None] | None:
    """Find the article's own publication date (and time) in its header lines.

    Looks at the first 15 non-empty lines within the first 1,500 characters for a line that is
    a date ("February 8, 2024 at 3:18 pm", "Mon 12 Feb 2024 09.15 GMT"), a labelled date
    ("Published 14 March 2024", "Updated: 2024-03-14 10:02 GMT"; "published" beats
    "updated"), or a dateline with a year ("BAGHDAD, March 3, 2024 (Reuters) -").  Dates inside
    sentences are ignored, a date without a year is not guessed, and today is never used.

    Args:
        text: The article text.

    Returns:
        (date, datetime or None when no time is given), or None when nothing credible is found.
    """
    try:
        head = text[:1500]
        lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:15]
        candidates: list[tuple[int, int, dt.date, dt.datetime | None]] = []
        for idx, line in enumerate(lines):
            if len(line) > 160:
                continue
            found = _header_date(line)
            if found is None:
                continue
            d, when, start, end = found
            if not 1900 <= d.year <= 2100:
                continue
            label = _HDR_LABEL.match(line)
            before, after = line[:start], line[end:]
            if label and label.end() >= start - 12:
                word = label.group("label").lower()
                prio = 2 if ("updated" in word or "modified" in word) else 0
                candidates.append((prio, idx, d, when))
                continue
            leftover = _HDR_FILLER.sub(" ", before + " " + after).split()
            if len(leftover) <= 1 or (
                leftover[0].lower() == "by" and len(leftover) <= 6 and not line.endswith(".")
            ):
                candidates.append((1, idx, d, when))
                continue
            # Wire datelines: "BAGHDAD, March 3, 2024 (Reuters) - ..."
            if _HDR_DATELINE.match(before) and re.match(r"\s*(?:\([^)]{1,40}\))?\s*[-:]", after):
                candidates.append((1, idx, d, when))
        if not candidates:
            return None
        _, _, d, when = min(candidates, key=lambda c: (c[0], c[1]))
        return d, when
    except Exception:  # a header we cannot read means "no date", not a crash
        return None
