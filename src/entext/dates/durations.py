"""Durations and frequencies: lengths of time and repetitions, not points on the calendar.

"six weeks", "more than 30 hours", "nearly two decades", "the past two years" are durations:
TIMEX3 ``DURATION`` with an ISO 8601 duration value (``P6W``, ``PT30H``, ``P2DE``, ``P2Y``;
``X`` for a number the text leaves open: "weeks" -> ``PXW``, "recent months" -> ``PXM``).
"every week", "daily", "twice a month", "on Fridays" are frequencies: TIMEX3 ``SET`` with the
value of one period (``P1W``, ``P1D``, ``P1M``, ``XXXX-WXX-5``).  Modifiers such as "nearly",
"more than", "at least" are TIMEX3's ``mod`` and leave the value alone.  Points ("three days
ago", "two years later") are not durations and are left to the date rules.
"""

from __future__ import annotations

import re

from .values import DateValue
from .vocabulary import _NUM_ALT, _PARTS_OF_DAY, _WD, _parse_number, _wd_num

# TIMEX3 unit letters; hours, minutes and seconds take the ``T`` of ISO 8601.
_UNIT_CODES = {
    "second": "TS", "sec": "TS", "minute": "TM", "min": "TM", "hour": "TH", "hr": "TH",
    "day": "D", "night": "D", "week": "W", "fortnight": "W", "month": "M", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
}  # fmt: skip
_UNIT = (
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?"
    r"|months?|years?|decades?|century|centuries|millennium|millennia)"
)
_UNIT_SINGULAR = {"centuries": "century", "millennia": "millennium"}
_VAGUE = (
    r"(?P<vague>a few|few|several|some|many|a number of|numerous|countless|recent|"
    r"the coming|coming|the next few|the past few|the last few)"
)
_QUANTITY = rf"(?P<n>\d+(?:[.,]\d+)?|{_NUM_ALT}|half an?|half a)"
# What TIMEX3 keeps in ``mod`` ("nearly", "more than") or that only frames the length ("the past").
_FRAME = (
    r"(?P<frame>(?:(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|"
    r"fewer than|under|at least|at most|up to|upwards of|just over|just under|well over|"
    r"close to|a mere|mere|just|only|another|an additional|a further|an extra|a full|full|"
    r"the better part of|the past|the last|the next|the first|the final|the previous|"
    r"the following|the entire|the whole|the|past|last|next|first|final|entire|whole|long|"
    r"more|extra|additional|further)\s+)*)"
)
# Without a number, a singular unit is a length only after these ("the past week", "another
# day", "more than a year" has its "a"): "the following day", "last week" are points.
_LENGTH_FRAME = re.compile(
    r"\b(?:the past|the last|the entire|the whole|entire|whole|another|an additional|"
    r"a further|an extra|a full|full|the better part of)\s+$"
)
_P_DURATION = re.compile(
    rf"^{_FRAME}(?:{_QUANTITY}[\s-]+|{_VAGUE}\s+)?(?:more\s+|long\s+|straight\s+)?{_UNIT}"
    r"(?P<half>\s+and\s+(?:a\s+)?half)?(?:\s+(?:long|straight|running|in a row|on end))?$"
)
# "two to three weeks", "four or five days": a duration with its range.
_P_DURATION_RANGE = re.compile(
    rf"^{_FRAME}(?P<n1>\d+|{_NUM_ALT})\s*(?:to|-|or|and)\s*(?P<n>\d+|{_NUM_ALT})[\s-]+{_UNIT}$"
)
_P_QUANT_HALF = re.compile(rf"^{_FRAME}(?P<n>\d+|{_NUM_ALT})\s+and\s+a\s+half\s+{_UNIT}$")
_P_ALL_UNIT = re.compile(
    r"^(?:nearly\s+|almost\s+)?(?:all|the whole|the entire|whole|entire)\s+"
    r"(?P<unit>day|night|week|month|year)(?:\s+long)?$"
)
_P_SET_EVERY = re.compile(
    rf"^(?:every|each|per)\s+(?:other\s+(?P<other>)|(?P<n>\d+|{_NUM_ALT})\s+)?{_UNIT}$"
)
_P_SET_TIMES = re.compile(
    rf"^(?:once|twice|(?:\d+|{_NUM_ALT})\s+times)\s+(?:a|an|per|each|every)\s+{_UNIT}$"
)
_P_SET_PART = re.compile(r"^(?:every|each)\s+(?P<pod>morning|afternoon|evening|night)$")
_P_SET_WEEKDAY = re.compile(rf"^(?P<every>(?:every|each)\s+)?{_WD}(?P<plural>s)?$")
_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W",
    "biweekly": "P2W", "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y",
    "annually": "P1Y", "every day": "P1D", "each day": "P1D", "every year": "P1Y",
}  # fmt: skip
_LENGTHS = {"day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y"}


def _code(unit: str) -> str:
    unit = _UNIT_SINGULAR.get(unit, unit)
    return _UNIT_CODES[unit.rstrip("s") if unit not in _UNIT_CODES else unit]


def _number(token: str) -> str | None:
    """A duration's number as TIMEX3 writes it: ``6``, ``1.5``, ``0.5`` ("half a")."""
    token = token.replace(",", ".")
    if token.startswith("half"):
        return "0.5"
    if re.fullmatch(r"\d+\.\d+", token):
        return token.rstrip("0").rstrip(".")
    n = _parse_number(token)
    return str(n) if n is not None else None


def _iso(number: str, code: str) -> str:
    """``P6W``, ``PT30H``; "a fortnight" counts two weeks."""
    if code.startswith("T"):
        return f"PT{number}{code[1:]}"
    return f"P{number}{code}"


def resolve_duration(s: str) -> DateValue | None:
    """A duration or frequency in a normalised mention, or None when it is neither."""
    if s == "half an hour":
        return DateValue("PT30M", kind="DURATION")
    if s in _ADVERBS:
        return DateValue(_ADVERBS[s], kind="SET")
    m = _P_ALL_UNIT.fullmatch(s)
    if m:
        return DateValue(_LENGTHS[m.group("unit")], kind="DURATION")
    m = _P_DURATION_RANGE.fullmatch(s)
    if m:
        low, high = _number(m.group("n1")), _number(m.group("n"))
        if low is not None and high is not None:
            code = _code(m.group("unit"))
            return DateValue(_iso(low, code), _iso(high, code), kind="DURATION")
    m = _P_QUANT_HALF.fullmatch(s)
    if m:
        n = _parse_number(m.group("n"))
        if n is not None:
            return DateValue(_iso(f"{n}.5", _code(m.group("unit"))), kind="DURATION")
    m = _P_DURATION.fullmatch(s)
    if m:
        return _duration(m)
    return _frequency(s)


def _duration(m: re.Match[str]) -> DateValue | None:
    unit = m.group("unit")
    code = _code(unit)
    if m.group("n"):
        number = _number(m.group("n"))
        if number is None:
            return None
    elif unit.endswith("s") and unit not in ("hrs", "mins", "secs"):
        number = "X"  # "weeks", "recent months", "a few days"
    elif not m.group("vague") and _LENGTH_FRAME.search(m.group("frame")):
        number = "1"  # "the past week", "another day"
    else:
        return None  # "the following day", "last week", "the coming week": points
    if unit.startswith("fortnight") and number.isdigit():
        number, code = str(int(number) * 2), "W"
    if m.group("half"):
        number = "X" if number == "X" else f"{float(number) + 0.5:g}"
    return DateValue(_iso(number, code), kind="DURATION")


def _frequency(s: str) -> DateValue | None:
    m = _P_SET_EVERY.fullmatch(s)
    if m:
        n = (
            "2"
            if m.group("other") is not None
            else (_number(m.group("n")) if m.group("n") else "1")
        )
        return DateValue(_iso(n or "1", _code(m.group("unit"))), kind="SET")
    m = _P_SET_TIMES.fullmatch(s)
    if m:
        return DateValue(_iso("1", _code(m.group("unit"))), kind="SET")
    m = _P_SET_PART.fullmatch(s)
    if m:
        return DateValue(f"T{_PARTS_OF_DAY[m.group('pod')]}", kind="SET")
    m = _P_SET_WEEKDAY.fullmatch(s)
    if m and (m.group("every") or m.group("plural")):
        return DateValue(f"XXXX-WXX-{_wd_num(m.group('wd')) + 1}", kind="SET")
    return None
