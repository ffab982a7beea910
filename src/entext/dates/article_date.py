"""The article's own date: date lines, bylines and wire datelines in its first lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .placement import _safe_date
from .vocabulary import _MON, _MONTH_ALT, _TZ, _WD_ALT, _month_num

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


@dataclass(frozen=True)
class ReferenceMoment:
    """The moment an article's relative dates resolve against, built once per document.

    Attributes:
        date: The reference day.
        time: The time of day, when the source gives one (a date line "at 3:18 pm").
        source: Where it came from: ``text`` (the article's own date line), ``metadata``,
            ``option`` (``--ref-date``), ``file`` (``--ref-dates``), ``default``
            (``--default-ref-date``), ``mtime``.
        span: For ``text``: the (start, end) offsets of the date in the article, so that the
            date line is one whole mention.
    """

    date: dt.date
    time: dt.time | None = None
    source: str = "option"
    span: tuple[int, int] | None = None

    @property
    def datetime(self) -> dt.datetime | None:
        """The date with its time of day, or None when no time is known."""
        return dt.datetime.combine(self.date, self.time) if self.time is not None else None


# Wire datelines open the first paragraph, however long it is: "TAIZ, Yemen, Feb. 3, 2025 —",
# "KHARTOUM, Sudan, 3 February 2025 (AFP) –", "GAZA (Reuters), Feb. 3 —", "KYIV, Feb 3 (UPI) --".
# A place is a few capitalised words ("DHAKA/COX'S BAZAR", "Democratic Republic of Congo").
_CAP_WORD = r"[A-Z\u00c0-\u024f][\w.'’/-]*"
_PLACE = rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|of|the|de|du|des|la|el|al))" + "{0,4}"
_AGENCY = r"\((?P<ag{n}>[^()\n]{{1,40}})\)"
_WIRE_DATE = (
    rf"(?i:(?:{_WD_ALT}\.?,?\s+)?(?:{_MON}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_ALT})\.?)"
    r"(?:,?\s*(?P<year>(?:19|20)\d{2}))?)"
)
_WIRE_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?:,\s*{_PLACE}){{0,2}})\s*(?:{_AGENCY.format(n=1)})?\s*[,\-–—]\s*"
    rf"(?P<date>{_WIRE_DATE})\s*(?:{_AGENCY.format(n=2)})?\s*(?:-{{1,2}}|[–—:])\s"
)


def _wire_dateline(line: str, fallback: dt.date | None) -> tuple[dt.date, int, int] | None:
    """A wire dateline at the start of a line: (date, start, end) of its date."""
    m = _WIRE_DATELINE.match(line)
    if m is None:
        return None
    mon = _month_num((m.group("mon") or m.group("mon2")).lower())
    day = int(m.group("day") or m.group("day2"))
    if m.group("year"):
        d = _safe_date(int(m.group("year")), mon, day)
    elif fallback is not None:
        # "GAZA, Feb. 3 (Xinhua) --": the year that puts the date nearest on or before the
        # fallback date (a day of slack for time zones).
        cands = [
            _safe_date(y, mon, day) for y in (fallback.year + 1, fallback.year, fallback.year - 1)
        ]
        past = [c for c in cands if c is not None and c <= fallback + dt.timedelta(days=1)]
        d = max(past) if past else None
    else:
        d = None  # no year and nothing to take one from: not guessed
    return (d, m.start("date"), m.end("date")) if d is not None else None


_WEEKDAY_BEFORE = re.compile(rf"\b{_WD_ALT}\.?,?\s*$", re.IGNORECASE)


def find_ref_date(text: str, fallback: dt.date | None = None) -> ReferenceMoment | None:
    """Find the article's own publication date (and time) in its opening lines.

    Looks at the first 15 non-empty lines within the first 1,500 characters for a line that is
    a date ("February 8, 2024 at 3:18 pm", "Mon 12 Feb 2024 09.15 GMT"), a labelled date
    ("Published 14 March 2024", "Updated: 2024-03-14 10:02 GMT"), a byline with a date
    ("By Jane Doe | February 12, 2024"), or a wire dateline at the start of a line, however
    long the paragraph it opens ("TAIZ, Yemen, Feb. 3, 2025 — A drone ...", "KHARTOUM,
    Sudan, 3 February 2025 (AFP) –", "GAZA (Reuters), Feb. 3 —").  Preference: a
    "Published"/"Posted"/"Date" line first (the relative dates were written against it), then
    a bare date line, byline or dateline, then "Updated"/"Last modified" lines; among equals the
    first.  Dates inside sentences are ignored and today is never used.  A dateline without a
    year takes its year from ``fallback`` (the nearest such day on or before it); without one
    it is not read.

    Args:
        text: The article text.
        fallback: A date known from outside the text (``--default-ref-date``, the file's
            modification time), used only to complete a year-less dateline.

    Returns:
        A :class:`ReferenceMoment` with ``source="text"`` and the span of the date in the
        text, or None when nothing credible is found.
    """
    try:
        return _find_ref_date(text, fallback)
    except Exception:  # a header we cannot read means "no date", not a crash
        return None


def _find_ref_date(text: str, fallback: dt.date | None) -> ReferenceMoment | None:
    candidates: list[tuple[int, int, ReferenceMoment]] = []
    lines = [
        (m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip())
        for m in re.finditer(r"[^\n]+", text[:1500])
        if m.group().strip()
    ][:15]
    for idx, (offset, line) in enumerate(lines):
        wire = _wire_dateline(line, fallback)
        if wire is not None:
            d, start, end = wire
            span = (offset + start, offset + end)
            candidates.append((1, idx, ReferenceMoment(d, None, "text", span)))
            continue
        if len(line) > 160:
            continue
        found = _header_date(line)
        if found is None:
            continue
        d, when, start, end = found
        if not 1900 <= d.year <= 2100:
            continue
        prio = _header_priority(line, start, end)
        if prio is None:
            continue
        wd = _WEEKDAY_BEFORE.search(line, 0, start)
        if wd is not None:
            start = wd.start()
        moment = ReferenceMoment(
            d, when.time() if when else None, "text", (offset + start, offset + end)
        )
        candidates.append((prio, idx, moment))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


def _header_priority(line: str, start: int, end: int) -> int | None:
    """0 for a "Published" line, 1 for a bare date line or byline, 2 for "Updated"; None
    when the date stands in a sentence."""
    label = _HDR_LABEL.match(line)
    before, after = line[:start], line[end:]
    if label and label.end() >= start - 12:
        word = label.group("label").lower()
        return 2 if ("updated" in word or "modified" in word) else 0
    leftover = _HDR_FILLER.sub(" ", before + " " + after).split()
    if len(leftover) <= 1 or (
        leftover[0].lower() == "by" and len(leftover) <= 6 and not line.endswith(".")
    ):
        return 1
    # Wire datelines with a year that the wire pattern does not take: "BAGHDAD, March 3,
    # 2024 (Reuters) - ..."
    if _HDR_DATELINE.match(before) and re.match(r"\s*(?:\([^)]{1,40}\))?\s*[-:–—]", after):
        return 1
    return None
