"""The fixed forms of a date mention: absolute dates, years and decades, quarters and halves,
weekday, month, season and holiday names, relative units ("last week", "two days ago").
"""

from __future__ import annotations

import datetime as dt
import re

from .placement import (
    _ago,
    _easter,
    _pick_month,
    _pick_month_day,
    _pick_quarter,
    _pick_season,
    _pick_weekday,
    _rel_unit,
    _safe_date,
    _State,
    _two_digit_year,
)
from .values import DateValue, _day, _dv, _month, _week
from .vocabulary import (
    _DAY,
    _DECADE_WORDS,
    _FUTURE_REF,
    _MON,
    _NUM_ALT,
    _ORD_ALT,
    _ORDINAL_WORDS,
    _PAST_REF,
    _PRESENT_REF,
    _QUARTER_WORDS,
    _SEASONS,
    _VAGUE_NUM,
    _WD,
    _WD_ALT,
    _YEAR,
    _month_num,
    _parse_number,
    _wd_num,
)

# --- compiled patterns -------------------------------------------------------------------------


_P_MDY = re.compile(
    rf"^(?:{_WD},?\s+)?(?:the\s+)?{_MON}\s*{_DAY}(?:,?\s*{_YEAR})?(?:,?\s+{_WD_ALT})?$"
)
_P_DMY = re.compile(rf"^(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s*(?:of\s+)?{_MON}(?:,?\s*{_YEAR})?$")
_P_MY = re.compile(rf"^{_MON},?\s*(?:of\s+)?{_YEAR}$")
# "October last year", "in March this year", "the 5th of May next year"
_P_M_RELYEAR = re.compile(
    rf"^(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MON}\s*(?P<d2>\d{{1,2}})?(?:st|nd|rd|th)?"
    r",?\s+(?:of\s+)?(?P<rel>last|this|next|the previous|the following)\s+year$"
)
_P_M = re.compile(rf"^(?:(?P<rel>last|next|this|this past|this coming|coming|past)\s+)?{_MON}$")
_P_WD = re.compile(
    rf"^(?:(?P<rel>last|next|this|this past|this coming|coming|past)\s+)?{_WD}"
    r"(?:\s+(?P<post>next|last|week))?$"
)
_P_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[t ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?)?$"
)
_P_YMD_SLASH = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")
_P_NUM = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})$")
_P_YM = re.compile(r"^(?P<y>\d{4})[-/](?P<m>\d{2})$")
_P_MY_NUM = re.compile(r"^(?P<m>\d{1,2})/(?P<y>\d{4})$")
_P_YEAR = re.compile(
    r"^(?:(?:the\s+)?(?:calendar\s+)?year\s+)?(?:ad\s+|a\.d\.\s*)?(?P<y>1\d{3}|20\d{2}|21\d{2})(?:\s+ad)?$"
)
_P_FISCAL = re.compile(
    r"^(?:(?:the\s+)?(?:fiscal|financial)(?:\s+year)?|fy)\s*(?P<y>\d{4}|'?\d{2})$"
    r"|^(?:the\s+)?(?P<y2>\d{4})\s+(?:fiscal|financial)\s+year$"
)
_P_APOS = re.compile(r"^'(?P<yy>\d{2})$")
_P_TWO = re.compile(r"^(?P<yy>\d{2})$")
_P_BC = re.compile(r"^(?P<y>\d{1,4})\s*(?:b\.?\s?c\.?(?:e\.?)?)$")
_P_DECADE = re.compile(r"^(?P<c>1\d|20|21)?(?P<d>\d)0'?s$|^'(?P<d2>\d)0s$")
_P_DECADE_WORD = re.compile(r"^(?:nineteen\s+)?(?P<w>" + "|".join(_DECADE_WORDS) + r")$")
_P_CENTURY = re.compile(
    rf"^(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)?|(?P<w>{_ORD_ALT}))\s+century(?:\s+(?:ad|a\.d))?$"
)
_P_REL_UNIT = re.compile(
    r"^(?:the\s+)?(?P<rel>this|last|next|coming|current|present|this coming|this past)\s+"
    r"(?P<unit>week|weekend|month|year|quarter|decade|century)$"
)
_P_AGO = re.compile(
    rf"^(?P<n>\d+|{_NUM_ALT}|{_VAGUE_NUM})?\s*(?:more\s+|long\s+|short\s+)?"
    r"(?P<unit>days?|weeks?|fortnights?|months?|years?|decades?|century|centuries|hours?|minutes?)"
    r"\s+(?P<dir>ago|back|from now|hence|before now)$"
)
_P_SEASON = re.compile(
    r"^(?:(?P<rel>last|next|this|this past|this coming|coming|past)\s+)?"
    r"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>\d{4}))?$"
)
_P_YEAR_SEASON = re.compile(r"^(?P<y>\d{4})(?:'s)?\s+(?P<s>spring|summer|autumn|fall|winter)$")
_QW = r"first|1st|second|2nd|third|3rd|fourth|4th|final|last"
_YEAR_REF = r"\d{4}|this year|last year|next year|the year|the current year|the fiscal year"
_P_QUARTER = re.compile(
    rf"^(?:the\s+)?(?:(?P<y1>\d{{4}})(?:'s)?\s+|(?P<rel>last|this|next|current|coming)\s+)?"
    rf"(?:(?:fiscal|financial|calendar)\s+)?(?:(?P<qw>{_QW})\s+)?(?P<unit>quarter|half)"
    rf"(?:\s+(?:of\s+)?(?:the\s+)?(?:fiscal\s+|financial\s+)?(?:year\s+)?(?P<y2>{_YEAR_REF}))?$"
)
_P_QNUM = re.compile(
    r"^(?:q(?P<q>[1-4])\s*(?:of\s+)?(?P<y>\d{4}|'?\d{2})?|(?P<y2>\d{4})\s*q(?P<q2>[1-4]))$"
)
_P_HNUM = re.compile(r"^(?:h(?P<h>[12])\s*(?P<y>\d{4})?|(?P<y2>\d{4})\s*h(?P<h2>[12]))$")


_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's day": (1, 1), "new years day": (1, 1),
    "new year's eve": (12, 31), "new years eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "valentines day": (2, 14), "st valentine's day": (2, 14),
    "may day": (5, 1), "new year": (1, 1), "armistice day": (11, 11),
    "remembrance day": (11, 11), "veterans day": (11, 11), "bastille day": (7, 14),
    "guy fawkes night": (11, 5), "bonfire night": (11, 5), "st patrick's day": (3, 17),
}  # fmt: skip
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter day": 0, "good friday": -2,
                   "easter monday": 1, "palm sunday": -7, "ash wednesday": -46}  # fmt: skip


def _year_from(tok: str | None, st: _State) -> int | None:
    if not tok:
        return None
    if tok.startswith("'"):
        return _two_digit_year(int(tok[1:]), st.ref)
    return int(tok)


def _resolve_refs(s: str, st: _State) -> DateValue | None:
    if s in ("today", "today's"):
        if st.nowadays:
            return _dv("PRESENT_REF")
        return _dv(_day(st.ref)) if st.ref else _dv(None)
    if s in _PRESENT_REF:
        return _dv("PRESENT_REF")
    if s in _PAST_REF:
        return _dv("PAST_REF")
    if s in _FUTURE_REF:
        return _dv("FUTURE_REF")
    return None


def _resolve_relative_days(s: str, st: _State) -> DateValue | None:
    offsets = {
        "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "today": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
        "the day before yesterday": -2, "day before yesterday": -2,
        "the day after tomorrow": 2, "day after tomorrow": 2, "overnight": 0,
    }  # fmt: skip
    if s not in offsets:
        return None
    if s == "overnight":
        return None  # "overnight" straddles two days; no single calendar reading
    if st.ref is None:
        return _dv(None)
    return _dv(_day(st.ref + dt.timedelta(days=offsets[s])))


def _resolve_relative(s: str, st: _State) -> DateValue | None:
    m = _P_AGO.fullmatch(s)
    if m:
        sign = -1 if m.group("dir") in ("ago", "back", "before now") else 1
        n_tok = m.group("n")
        n = _parse_number(n_tok) if n_tok else None
        if n is None:
            return _dv("PAST_REF" if sign < 0 else "FUTURE_REF")
        return _ago(n, m.group("unit"), sign, st)
    m = _P_REL_UNIT.fullmatch(s)
    if m:
        if s.startswith("the ") and m.group("rel") in ("last", "next"):
            return _dv(None)  # "the last week": the past seven days, a duration in TimeML
        if st.ref is None:
            return _dv(None)
        return _dv(_rel_unit(m.group("unit"), m.group("rel"), st))
    if s in ("weekend", "the weekend"):
        if st.ref is None:
            return _dv(None)
        # News says "over the weekend" on a Monday for the one just gone, "at the weekend" on
        # a Thursday with a future verb for the one ahead.
        if st.ref.weekday() >= 5 or st.future:
            return _dv(_week(st.ref) + "-WE")
        return _dv(_week(st.ref - dt.timedelta(days=st.ref.weekday() + 1)) + "-WE")
    return None


def _resolve_calendar_names(s: str, st: _State) -> DateValue | None:
    m = _P_WD.fullmatch(s)
    if m:
        rel = m.group("rel") or ""
        post = m.group("post")
        if post == "next":
            rel = "next"
        elif post == "last":
            rel = "last"
        elif post == "week":
            return None
        return _dv(_pick_weekday(_wd_num(m.group("wd")), st, rel))
    m = _P_M.fullmatch(s)
    if m:
        return _dv(_pick_month(_month_num(m.group("mon")), st, m.group("rel") or ""))
    m = _P_SEASON.fullmatch(s) or _P_YEAR_SEASON.fullmatch(s)
    if m:
        code = _SEASONS[m.group("s")]
        if m.group("y"):
            return _dv(f"{int(m.group('y')):04d}-{code}")
        rel = m.groupdict().get("rel") or ""
        return _dv(_pick_season(code, st, rel))
    if s in _HOLIDAYS or s in _EASTER_OFFSETS or re.fullmatch(r".+ \d{4}", s):
        name, _, ytok = s.rpartition(" ") if re.fullmatch(r".+ \d{4}", s) else (s, "", "")
        year = int(ytok) if ytok else None
        if name in _HOLIDAYS:
            mon, day = _HOLIDAYS[name]
            if year is not None:
                return _dv(_day(dt.date(year, mon, day)))
            return _dv(_pick_month_day(mon, day, st))
        if name in _EASTER_OFFSETS:
            off = dt.timedelta(days=_EASTER_OFFSETS[name])
            if year is not None:
                return _dv(_day(_easter(year) + off))
            if st.ref is None:
                return _dv(None)
            cands = [_easter(y) + off for y in (st.ref.year - 1, st.ref.year, st.ref.year + 1)]
            ok = [d for d in cands if (d >= st.ref if st.future else d <= st.ref)]
            pick = (min(ok) if st.future else max(ok)) if ok else cands[1]
            return _dv(_day(pick))
    return None


def _resolve_absolute(s: str, st: _State) -> DateValue | None:
    for pat in (_P_MDY, _P_DMY):
        m = pat.fullmatch(s)
        if m:
            mon, day = _month_num(m.group("mon")), int(m.group("day"))
            year = _year_from(m.group("year"), st)
            wd = _wd_num(m.group("wd")) if m.group("wd") else None
            if year is not None:
                d = _safe_date(year, mon, day)
                return _dv(_day(d)) if d else None
            if not 1 <= day <= 31:
                return None
            return _dv(_pick_month_day(mon, day, st, wd))
    m = _P_M_RELYEAR.fullmatch(s)
    if m:
        rel = m.group("rel")
        if st.ref is None or rel.startswith("the "):
            return _dv(None)  # "the previous year" is anchored to an event we cannot see
        year = st.ref.year + {"last": -1, "this": 0, "next": 1}[rel]
        mon = _month_num(m.group("mon"))
        day_tok = m.group("day") or m.group("d2")
        if day_tok:
            d = _safe_date(year, mon, int(day_tok))
            return _dv(_day(d)) if d else None
        return _dv(_month(year, mon))
    m = _P_MY.fullmatch(s)
    if m:
        year = _year_from(m.group("year"), st)
        return _dv(_month(year, _month_num(m.group("mon")))) if year else None
    return None


def _resolve_numeric(s: str, st: _State) -> DateValue | None:
    """Dates written in digits: ISO, ``2024/02/07``, ``02/07/2024``, ``2024-02``, ``02/2024``."""
    m = _P_ISO.fullmatch(s)
    if m:
        d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if d is None:
            return None
        if m.group("H") is not None:
            return _dv(f"{_day(d)}T{int(m.group('H')):02d}:{m.group('M')}", kind="TIME")
        return _dv(_day(d))
    m = _P_YMD_SLASH.fullmatch(s)
    if m:
        d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return _dv(_day(d)) if d else None
    m = _P_NUM.fullmatch(s)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        ytok = m.group("y")
        year = int(ytok) if len(ytok) == 4 else _two_digit_year(int(ytok), st.ref)
        # Dotted dates are a European convention; slashes follow the caller unless impossible.
        dayfirst = st.dayfirst or m.group("sep") == "."
        if a > 12 >= b:
            dayfirst = True
        elif b > 12 >= a:
            dayfirst = False
        day, mon = (a, b) if dayfirst else (b, a)
        d = _safe_date(year, mon, day)
        return _dv(_day(d)) if d else None
    m = _P_YM.fullmatch(s)
    if m and int(m.group("m")) == (int(m.group("y")) + 1) % 100:
        return None  # "2011-12" in prose is a span of years, left to the range rule
    if m and 1 <= int(m.group("m")) <= 12:
        return _dv(_month(int(m.group("y")), int(m.group("m"))))
    m = _P_MY_NUM.fullmatch(s)
    if m and 1 <= int(m.group("m")) <= 12:
        return _dv(_month(int(m.group("y")), int(m.group("m"))))
    return None


def _period_year(ytok: str | None, st: _State) -> int | None:
    """The year of "the first quarter of 2004 / of this year / of last year"."""
    if ytok is None:
        return None
    if ytok.isdigit():
        return int(ytok)
    assert st.ref is not None  # the caller checks
    if ytok.startswith("last"):
        return st.ref.year - 1
    if ytok.startswith("next"):
        return st.ref.year + 1
    return st.ref.year


def _resolve_periods(s: str, st: _State) -> DateValue | None:
    """Quarters and halves in words: "the first quarter", "last quarter of 2004"."""
    m = _P_QUARTER.fullmatch(s)
    if m and (m.group("qw") or m.group("rel")):
        unit = m.group("unit")
        rel = m.group("rel") or ""
        qw = m.group("qw")
        if unit == "half":
            if not qw or qw not in ("first", "1st", "second", "2nd"):
                return None
            half = 1 if qw in ("first", "1st") else 2
        if qw is None and rel == "last" and (m.group("y1") or m.group("y2")):
            qw, rel = "last", ""  # "the last quarter of 2004": its fourth quarter
        if qw is None:
            # "last quarter", "this quarter"
            return _dv(_rel_unit("quarter", rel, st)) if unit == "quarter" else None
        if unit == "quarter" and rel and qw:
            return None  # "last first quarter": not a phrase we understand
        ytok = m.group("y1") or m.group("y2")
        if ytok is not None and not ytok.isdigit() and st.ref is None:
            return _dv(None)
        year = _period_year(ytok, st)
        if unit == "half":
            if year is None:
                if st.ref is None:
                    return _dv(None)
                year = st.ref.year
            return _dv(f"{year:04d}-H{half}")
        q = _QUARTER_WORDS[qw]
        if year is not None:
            return _dv(f"{year:04d}-Q{q}")
        return _dv(_pick_quarter(q, st))
    return None


def _resolve_period_codes(s: str, st: _State) -> DateValue | None:
    """Quarters and halves in codes: "Q1 2024", "2024 Q3", "H2"."""
    m = _P_QNUM.fullmatch(s)
    if m:
        q = int(m.group("q") or m.group("q2"))
        ytok = m.group("y") or m.group("y2")
        if ytok:
            year_ = (
                int(ytok)
                if ytok.isdigit() and len(ytok) == 4
                else _two_digit_year(int(ytok.lstrip("'")), st.ref)
            )
            return _dv(f"{year_:04d}-Q{q}")
        return _dv(_pick_quarter(q, st))
    m = _P_HNUM.fullmatch(s)
    if m:
        h = m.group("h") or m.group("h2")
        ytok = m.group("y") or m.group("y2")
        if ytok:
            return _dv(f"{int(ytok):04d}-H{h}")
        return _dv(f"{st.ref.year:04d}-H{h}") if st.ref else _dv(None)
    return None


def _resolve_years(s: str, st: _State) -> DateValue | None:
    m = _P_YEAR.fullmatch(s)
    if m:
        return _dv(m.group("y"))
    m = _P_FISCAL.fullmatch(s)
    if m:
        tok = m.group("y") or m.group("y2")
        year = int(tok) if len(tok) == 4 else _two_digit_year(int(tok.lstrip("'")), st.ref)
        return _dv(f"{year:04d}")
    m = _P_APOS.fullmatch(s)
    if m:
        return _dv(f"{_two_digit_year(int(m.group('yy')), st.ref):04d}")
    m = _P_TWO.fullmatch(s)
    if m:
        # The second half of "1957-58" arrives as its own span: borrow the century.
        return _dv(st.prev_century + m.group("yy")) if st.prev_century else None
    m = _P_BC.fullmatch(s)
    if m:
        return _dv(f"BC{int(m.group('y')):04d}")
    m = _P_DECADE.fullmatch(s)
    if m:
        d = m.group("d") or m.group("d2")
        c = m.group("c")
        if c is None:
            c = "19"
        return _dv(f"{c}{d}")
    m = _P_DECADE_WORD.fullmatch(s)
    if m:
        return _dv(f"19{_DECADE_WORDS[m.group('w')]}")
    m = _P_CENTURY.fullmatch(s)
    if m:
        n = int(m.group("n")) if m.group("n") else _ORDINAL_WORDS[m.group("w")]
        return _dv(f"{n - 1:02d}") if 1 <= n <= 30 else None
    if s in ("this century", "the century", "the current century"):
        return _dv(f"{st.ref.year // 100:02d}") if st.ref else _dv(None)
    return None
