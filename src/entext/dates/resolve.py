"""Resolving one mention: clock times, parts of days and ranges (which resolve their parts
recursively), the dispatcher over every form, and the public :func:`resolve_date`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable

from .durations import resolve_duration
from .expressions import (
    _resolve_absolute,
    _resolve_calendar_names,
    _resolve_numeric,
    _resolve_period_codes,
    _resolve_periods,
    _resolve_refs,
    _resolve_relative,
    _resolve_relative_days,
    _resolve_years,
    _year_from,
)
from .normalise import _clause, _future_cue, _normalise, _strip_leading
from .placement import _pick_month_day, _safe_date, _State
from .values import DateValue, _day, _dv
from .vocabulary import (
    _MODIFIER_RE,
    _MON,
    _MONTH_ALT,
    _NUM_ALT,
    _ORD_ALT,
    _ORDINAL_WORDS,
    _PARTS_OF_DAY,
    _SIMPLE_MOD_RE,
    _TZ,
    _YEAR,
    _month_num,
    _parse_number,
)

_T_AMPM = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)")
_T_COLON = re.compile(r"\b(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?(?!\d)")
_T_DOT_TZ = re.compile(rf"\b(?P<h>\d{{1,2}})\.(?P<m>\d{{2}})\s*(?={_TZ}\b)")
_T_MIL = re.compile(rf"\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hrs|hours|h\b|{_TZ}\b)")
_T_OCLOCK = re.compile(rf"\b(?P<h>\d{{1,2}}|{_NUM_ALT})\s+o'?clock\b")
_T_WORD = re.compile(r"\b(?P<w>noon|midday|midnight)\b")
_T_CLOCK_ONLY = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?\s?m\b\.?|[a-z]{2,4}))?")
_T_FILLER = re.compile(
    rf"(?:\b(?:at|on|of|in|around|about|approximately|the|hours|hrs|{_TZ})\b|[,@-])"
)


def _clock(s: str) -> tuple[int, int, re.Match[str]] | None:
    """The first clock time in a span: (hour, minute, where), or None."""
    m = _T_AMPM.search(s)
    if m:
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if hour > 12:
            return None
        pm = m.group("ap").startswith("p")
        return (hour % 12) + (12 if pm else 0), minute, m
    for pat in (_T_COLON, _T_DOT_TZ, _T_MIL):
        m = pat.search(s)
        if m:
            return int(m.group("h")), int(m.group("m")), m
    m = _T_OCLOCK.search(s)
    if m:
        n = _parse_number(m.group("h"))
        return (n, 0, m) if n is not None else None
    m = _T_WORD.search(s)
    if not m:
        return None
    return (0, 0, m) if m.group("w") == "midnight" else (12, 0, m)


def clock_only(text: str) -> bool:
    """A clock time with no day of its own ("10:30 p.m.", "at about 0645 GMT")."""
    s = _normalise(text)
    found = _clock(s)
    if found is None:
        return False
    m = found[2]
    rest = _T_FILLER.sub(" ", s[: m.start()] + " " + s[m.end() :])
    return not rest.strip(" .")


def _resolve_time(s: str, st: _State) -> DateValue | None:
    """Clock times, alone or with a day ("11am on Thursday 28 July")."""
    found = _clock(s)
    if found is None:
        return None
    hour, minute, m = found
    if hour > 24 or minute > 59:
        return None
    rest = (s[: m.start()] + " " + s[m.end() :]).strip()
    rest = re.sub(r"\s+", " ", _T_FILLER.sub(" ", rest)).strip()
    if rest:
        if re.fullmatch(r"(?:this|tonight|today)(?:\s+(?:morning|afternoon|evening))?", rest):
            rest = "today"
        elif rest in (
            "last night",
            "yesterday morning",
            "yesterday afternoon",
            "yesterday evening",
        ):
            rest = "yesterday"
        elif rest == "tomorrow morning" or rest.startswith("tomorrow "):
            rest = "tomorrow"
        else:
            rest = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", rest)
        sub = _resolve_norm(_strip_leading(rest), st)
        if sub is None or sub.value is None or sub.granularity != "day":
            return _dv(None, kind="TIME")
        day = sub.value
    elif st.ref is not None:
        day = _day(st.ref)
    elif st.ref_time is not None:
        day = _day(st.ref_time.date())
    else:
        return _dv(None, kind="TIME")
    return _dv(f"{day}T{hour:02d}:{minute:02d}", kind="TIME")


def _resolve_part_of_day(s: str, st: _State) -> DateValue | None:
    m = re.fullmatch(
        r"(?:(?P<pre>.+?)\s+)?(?:early\s+|late\s+)?(?P<pod>morning|afternoon|evening|night)"
        r"(?:\s+(?:of\s+)?(?P<post>.+))?",
        s[4:] if s.startswith("the ") else s,  # "the night of Feb 6"
    )
    if not m or (m.group("pre") and m.group("post")):
        return None
    other = (m.group("pre") or m.group("post") or "").strip()
    pod = _PARTS_OF_DAY[m.group("pod")]
    if other in ("", "the"):
        return None  # "the morning": anchored to an event we cannot see
    if st.ref is None:
        return _dv(None, kind="TIME")
    if other in ("this", "to", "today", "this very"):
        return _dv(_day(st.ref))
    if other == "last" and pod == "NI":
        return _dv(_day(st.ref - dt.timedelta(days=1)))
    if other in ("last", "yesterday"):
        day: str | None = _day(st.ref - dt.timedelta(days=1))
    elif other == "tomorrow":
        day = _day(st.ref + dt.timedelta(days=1))
    else:
        sub = _resolve_norm(_strip_leading(other), st)
        if sub is None or sub.granularity != "day":
            return None
        day = sub.value
    return _dv(f"{day}T{pod}", kind="TIME")


_R_DAYS_MON = re.compile(
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|and|until|till|through|or|/)\s*"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s*{_YEAR})?"
)
_R_MON_DAYS = re.compile(
    rf"{_MON}\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|to|and|until|till|through|or)\s*"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*{_YEAR})?"
)
_R_YEARS = re.compile(
    r"(?P<y1>\d{4})\s*(?P<sep>-|to|until|till|through|/|and)\s*(?P<y2>\d{4}|\d{2})"
)


def _day_range(r1: re.Match[str], st: _State) -> DateValue | None:
    """ "3-5 March 2024", "March 3 to 5": days of one month."""
    mon = _month_num(r1.group("mon"))
    d1, d2 = int(r1.group("d1")), int(r1.group("d2"))
    year = _year_from(r1.group("year"), st)
    if year is not None:
        a, b = _safe_date(year, mon, d1), _safe_date(year, mon, d2)
        return _dv(_day(a), _day(b)) if a and b else None
    start = _pick_month_day(mon, d1, st)
    if start is None:
        return _dv(None)
    end = _safe_date(int(start[:4]), mon, d2)
    return _dv(start, _day(end) if end else None)


def _year_range(ry: re.Match[str]) -> DateValue | None:
    """ "2019-2021", "1957-58"."""
    y1, y2s = int(ry.group("y1")), ry.group("y2")
    if len(y2s) == 2:
        if ry.group("sep") == "-" and int(y2s) <= 12 and int(y2s) != (y1 + 1) % 100:
            return None  # "2024-02" is a month, not a range
        y2 = (y1 // 100) * 100 + int(y2s)
        if y2 < y1:
            y2 += 100
    else:
        y2 = int(y2s)
    if y1 <= y2 <= y1 + 200:
        return _dv(f"{y1:04d}", f"{y2:04d}")
    return None


def _resolve_ranges(s: str, st: _State) -> DateValue | None:
    r1 = _R_DAYS_MON.fullmatch(s) or _R_MON_DAYS.fullmatch(s)
    if r1:
        return _day_range(r1, st)
    ry = _R_YEARS.fullmatch(s)
    if ry:
        return _year_range(ry)
    for sep in (" - ", "-", " to ", " until ", " till ", " through ", " and ", " or "):
        if sep not in s:
            continue
        left, right = s.split(sep, 1)
        left, right = left.strip(), right.strip()
        if not left or not right or (sep == "-" and left[-1:].isdigit() and right[:1].isdigit()):
            continue
        if "-" in sep and _clock(left) is None and _T_CLOCK_ONLY.fullmatch(right):
            # "Friday 9 February 2024 - 18:42": a day and its time, not a range
            return _time_on_day(left, right, st)
        rv = _resolve_norm(_strip_leading(right), st)
        if rv is None or rv.value is None or rv.granularity == "ref":
            continue
        # "from January to March 2024": the left end shares the right end's year.
        shares_year = (
            rv.value[:4].isdigit()
            and re.search(r"\d{4}", right) is not None
            and re.search(r"\d{4}", left) is None
            and (_MONTH_WORD_RE.search(left) is not None or left[-1:].isdigit())
        )
        lv = _resolve_norm(_strip_leading(left) + " " + rv.value[:4], st) if shares_year else None
        if lv is None or lv.value is None:
            lv = _resolve_norm(_strip_leading(left), st)
        if lv is None or lv.value is None or lv.granularity == "ref":
            continue
        return DateValue(lv.value, rv.value, lv.kind)
    return None


def _time_on_day(day_text: str, time_text: str, st: _State) -> DateValue | None:
    """A clock time on the day another part names: "Friday 9 February 2024 - 18:42"."""
    day = _resolve_norm(_strip_leading(day_text), st)
    if day is None or day.value is None or day.granularity != "day":
        return None
    on_day = dataclasses.replace(st, ref=dt.date.fromisoformat(day.value), ref_time=None)
    return _resolve_time(time_text, on_day)


def _resolve_apposition(s: str, st: _State) -> DateValue | None:
    """Two readings of one day side by side: "yesterday, March 3rd" (the calendar date wins,
    placed next to the day the other names), "Sunday, 10:30 pm" (the time on that day)."""
    left, sep, right = s.partition(", ")
    if not sep or not left or not right:
        return None
    if _clock(right) is not None and _clock(left) is None:
        return _time_on_day(left, right, st)
    lv = _resolve_norm(_strip_leading(left), st)
    if lv is None or lv.value is None or lv.granularity != "day":
        return None
    named = dataclasses.replace(st, ref=dt.date.fromisoformat(lv.value), future=False)
    rv = _resolve_norm(_strip_leading(right), named)
    if rv is None or rv.value is None or rv.granularity != "day":
        return None
    return rv if re.search(r"\d", right) else lv


_ORD_RE = re.compile(rf"\b({_ORD_ALT})\b")
_MONTH_WORD_RE = re.compile(rf"\b{_MONTH_ALT}\b")

_HANDLERS: tuple[Callable[[str, _State], DateValue | None], ...] = (
    _resolve_refs,
    _resolve_relative_days,
    _resolve_years,
    _resolve_absolute,
    _resolve_numeric,
    _resolve_calendar_names,
    _resolve_relative,
    _resolve_periods,
    _resolve_period_codes,
    _resolve_part_of_day,
    _resolve_ranges,
    _resolve_time,
    _resolve_apposition,
)


def _resolve_norm(s: str, st: _State) -> DateValue | None:
    """Resolve a normalised, filler-stripped mention; None when no rule understands it."""
    if _ORD_RE.search(s) and _MONTH_WORD_RE.search(s):
        # "the third of March", "March twenty-first": spelled-out days become digits.
        s = _ORD_RE.sub(lambda mo: f"{_ORDINAL_WORDS[mo.group(1)]}th", s)
    for handler in _HANDLERS:
        out = handler(s, st)
        if out is not None:
            return out
    # Modifiers TIMEX3 keeps in ``mod``: "the end of 2023", "mid-February", "early next year".
    stripped = _MODIFIER_RE.sub("", s, count=1)
    if stripped == s:
        stripped = _SIMPLE_MOD_RE.sub("", s, count=1)
    if stripped != s and stripped:
        if stripped in ("month", "year", "week", "decade", "century", "day"):
            stripped = "today" if stripped == "day" else "this " + stripped
        return _resolve_norm(_strip_leading(stripped), st)
    return None


# "faster than can be done today", "even today": nowadays, not the calendar day.
_NOWADAYS_RE = re.compile(r"\bthan\b|\b(?:even|still|of|until|till)\s*$")
_PREV_YEAR_RE = re.compile(r"(\d{2})\d{2}\s*[-/]\s*$")


@functools.lru_cache(maxsize=8192)
def _resolve_cached(s: str, st: _State) -> DateValue | None:
    # Batch runs see the same few hundred mentions ("last year", "on Tuesday") against the same
    # reference dates over and over; the cache makes those repeats nearly free.
    stripped = _strip_leading(s)
    return _resolve_refs(s, st) or resolve_duration(stripped) or _resolve_norm(stripped, st)


def resolve_date(
    text: str,
    ref: dt.date | None,
    *,
    ref_time: dt.datetime | None = None,
    dayfirst: bool = False,
    context: str = "",
) -> DateValue:
    """Resolve the text of a DATE/TIME mention to a calendar value.

    Args:
        text: The mention exactly as in the article; may carry "the", "on", "last",
            newlines, curly quotes and trailing punctuation.
        ref: The reference date (the article's date).  Without it absolute dates still
            resolve and relative ones give ``value=None``.
        ref_time: The reference date and time, when known; used for "two hours ago" and as
            the day when ``ref`` is None.
        dayfirst: Read ambiguous numeric dates ("02/07/2024") day first.
        context: Up to ~60 characters of article text before the mention; future cues there
            ("will", "is due to") move month and weekday readings forward.

    Returns:
        A :class:`DateValue`; its ``value`` is None when the mention has no calendar reading
        ("recent weeks", "years", "the following day").  Never raises.
    """
    try:
        if ref is None and ref_time is not None:
            ref = ref_time.date()
        s = _normalise(text[:300])
        if not s:
            return _dv(None)
        st = _State(
            ref,
            ref_time,
            dayfirst,
            _future_cue(context) if context else False,
            bool(context) and bool(_NOWADAYS_RE.search(_clause(context))),
            m.group(1) if context and (m := _PREV_YEAR_RE.search(context)) else None,
        )
        out = _resolve_cached(s, st)
        if out is not None:
            return out
        kind = "TIME" if _T_AMPM.search(s) or _T_COLON.search(s) else "DATE"
        return _dv(None, kind=kind)
    except Exception:  # a malformed span must never break a batch run
        return _dv(None)
