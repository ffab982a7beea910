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
        source: Where it came from: ``text`` (the article's own date line), ``record`` (an archive
            record's date field), ``metadata``, ``option`` (``--ref-date``), ``file``
            (``--ref-dates``), ``default`` (``--default-ref-date``), ``mtime``.
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
# A weekday or month is never part of the place: "BEIRUT, Lebanon, Monday, Oct. 7, 2024 —".
_CAP_WORD = rf"(?!(?i:{_WD_ALT}|{_MONTH_ALT})\b)[A-Z\u00c0-\u024f][\w.'’/-]*"
_PLACE = rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|of|the|de|du|des|la|el|al))" + "{0,4}"
# "(AFP)", "/PRNewswire/", and after the date a bare agency code: "Accra, Dec. 3, GNA -".
_AGENCY = r"(?:\((?P<ag{n}>[^()\n]{{1,40}})\)|/[A-Za-z][\w -]{{1,30}}/)"
_BARE_AGENCY = r"(?:,\s*[A-Z]{2,8}\b)"
_WIRE_DATE = (
    rf"(?i:(?:{_WD_ALT}\.?,?\s+)?(?:{_MON}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_ALT})\.?)"
    r"(?:,?\s*(?P<year>(?:19|20)\d{2}))?)"
)
# Before the place, a syndication credit may stand: "(MENAFN- IANS) Baghdad, Sep 16 (IANS) A
# Turkish drone ..."; after an agency in brackets the story may start without a dash.
_WIRE_DATELINE = re.compile(
    r"(?:\([^()\n]{1,40}\)\s*)?"
    rf"(?P<place>{_PLACE}(?:,\s*{_PLACE}){{0,2}})\s*(?:{_AGENCY.format(n=1)})?\s*[,\-–—]\s*"
    rf"(?P<date>{_WIRE_DATE})\s*(?:{_AGENCY.format(n=2)}\s*(?:(?:-{{1,2}}|[–—:])\s|(?=[A-Z]))"
    rf"|{_BARE_AGENCY}?\s*(?:-{{1,2}}|[–—:])\s)"
)


def _wire_dateline(line: str, fallback: dt.date | None) -> tuple[dt.date | None, int, int] | None:
    """A wire dateline at the start of a line: (date, start, end) of its date; the date is
    None when the dateline gives no year and there is no fallback to take one from."""
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
    return d, m.start("date"), m.end("date")


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


def date_line_span(text: str) -> tuple[int, int] | None:
    """The span of the article's own date line, also when it gives no year ("GAZA, Feb. 3
    (Xinhua) --" without a fallback date), so that the date line is one whole mention."""
    try:
        found = _candidates(text, None)
    except Exception:  # a header we cannot read has no date line
        return None
    return min(found, key=lambda c: (c[0], c[1]))[2].span if found else None


def _find_ref_date(text: str, fallback: dt.date | None) -> ReferenceMoment | None:
    found = [c for c in _candidates(text, fallback) if c[2].date is not None]
    if not found:
        return None
    moment = min(found, key=lambda c: (c[0], c[1]))[2]
    assert moment.date is not None
    return ReferenceMoment(moment.date, moment.time, "text", moment.span)


# Header lines in parts: "Updated: 03 Feb 2025 14:20 | Published: 02 Feb 2025 09:00",
# "February 3, 2025 / 2:20 PM / Updated 2 hours ago".
_SEGMENT_SEP = re.compile(r"\s+[|/·•]\s+")


@dataclass(frozen=True)
class _Found:
    date: dt.date | None
    time: dt.time | None
    span: tuple[int, int]


def _candidates(text: str, fallback: dt.date | None) -> list[tuple[int, int, _Found]]:
    """(priority, line index, what was found) for every date line of the opening lines."""
    candidates: list[tuple[int, int, _Found]] = []
    lines = [
        (m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip())
        for m in re.finditer(r"[^\n]+", text[:1500])
        if m.group().strip()
    ][:15]
    for idx, (offset, line) in enumerate(lines):
        wire = _wire_dateline(line, fallback)
        if wire is not None:
            d, start, end = wire
            candidates.append((1, idx, _Found(d, None, (offset + start, offset + end))))
            continue
        if len(line) > 160:
            continue
        pieces = [(0, line)]
        if _SEGMENT_SEP.search(line):
            bounds = [0, *(p for m in _SEGMENT_SEP.finditer(line) for p in (m.start(), m.end()))]
            bounds.append(len(line))
            pieces += [
                (bounds[i], line[bounds[i] : bounds[i + 1]]) for i in range(0, len(bounds), 2)
            ]
        for at, piece in pieces:
            found = _header_line(piece)
            if found is not None:
                prio, d, when, start, end = found
                span = (offset + at + start, offset + at + end)
                candidates.append((prio, idx, _Found(d, when, span)))
    return candidates


def _header_line(line: str) -> tuple[int, dt.date, dt.time | None, int, int] | None:
    """A date line, labelled line or byline: (priority, date, time, start, end)."""
    found = _header_date(line)
    if found is None:
        return None
    d, when, start, end = found
    if not 1900 <= d.year <= 2100:
        return None
    prio = _header_priority(line, start, end)
    if prio is None:
        return None
    wd = _WEEKDAY_BEFORE.search(line, 0, start)
    if wd is not None:
        start = wd.start()
    end = start + len(line[start:end].rstrip())
    return prio, d, when.time() if when else None, start, end


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
