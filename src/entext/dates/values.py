"""What a resolved value means: its granularity and the first day it covers.

The resolver writes values in TIMEX3 shapes (``2024-02-07``, ``2024-W05-WE``, ``2024-SU``,
``199`` ...); everything that reads a value back (the resolver itself, the timeline's calendar
order) asks this module instead of parsing the shape again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .vocabulary import _SEASON_START


@dataclass(frozen=True)
class DateValue:
    """The calendar reading of a DATE/TIME mention.

    Attributes:
        value: ISO 8601 as precise as the text allows, a TIMEX3 token (``PRESENT_REF``,
            ``2024-SU``, ``199``...), or None when the mention has no calendar reading.
        value_end: End of a range ("2019-2021" -> value ``2019``, value_end ``2021``).
        kind: "DATE"; "TIME" for clock times and parts of days; "DURATION" for a length of
            time ("six weeks" -> ``P6W``); "SET" for a frequency ("every week" -> ``P1W``,
            "on Fridays" -> ``XXXX-WXX-5``).
    """

    value: str | None
    value_end: str | None = None
    kind: str = "DATE"

    @property
    def granularity(self) -> str | None:
        """See :func:`granularity`; None when there is no value."""
        return granularity(self.value) if self.value is not None else None


_DURATION_RE = re.compile(r"PT?[\dX][\d.X]*[A-Z]+")
_SEASON_RE = re.compile(r"\d{4}-(?:SP|SU|FA|WI)")
_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_RE = re.compile(r"\d{4}-\d{2}")


def granularity(value: str) -> str:
    """The granularity of a value from its shape: "time", "day", "week", "month", "season",
    "quarter", "half", "year", "decade", "century", "ref" (``PRESENT_REF`` ...), "duration"
    (``P6W``, ``PT30H``) or "set" (``XXXX-WXX-5``, ``TMO``: a repeated day or part of day)."""
    if value.endswith("_REF"):
        return "ref"
    if _DURATION_RE.fullmatch(value):
        return "duration"
    if value.startswith(("XXXX", "T")):
        return "set"
    if "T" in value[4:]:
        return "time"
    if _SEASON_RE.fullmatch(value):
        return "season"
    if _DAY_RE.fullmatch(value):
        return "day"
    if "-W" in value:
        return "week"
    if _MONTH_RE.fullmatch(value):
        return "month"
    if "-Q" in value:
        return "quarter"
    if "-H" in value:
        return "half"
    if len(value) == 3:
        return "decade"
    if len(value) == 2:
        return "century"
    return "year"


_START_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK_START_RE = re.compile(r"^(\d{4})-W(\d{2})")
_PART_OF_YEAR_RE = re.compile(r"^(\d{4})-(WI|SP|SU|FA|Q[1-4]|H[12])$")
_PART_START_MONTH = {**_SEASON_START, "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7}


def calendar_start(value: str) -> str:
    """A sortable ``YYYY-MM-DD`` for the first day a value covers (``00`` for a month or day
    the value leaves open: ``2024-W05`` -> ``2024-01-29``, ``2024-SU`` -> ``2024-06-00``,
    ``199`` -> ``1990-00-00``); ``~`` (after every date) for reference values and anything
    without a calendar position."""
    week = _WEEK_START_RE.match(value)
    part = _PART_OF_YEAR_RE.match(value)
    start = _START_RE.match(value)
    try:
        if week:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        if part:
            return f"{part[1]}-{_PART_START_MONTH[part[2]]:02d}-00"
        if start:
            return f"{start[1]}-{start[2] or '00'}-{start[3] or '00'}"
        if value[:1].isdigit():  # decades ("199") and centuries ("19")
            return value.ljust(4, "0") + "-00-00"
    except ValueError:
        pass
    return "~"


# Where TIMEX3's parts of day begin, so that "Saturday night" (``...TNI``) sorts after
# "10:30 a.m. Saturday" and before "11 p.m. Saturday"; DT is daytime, MI midday.
_PART_OF_DAY_STARTS = {"MO": "05:00", "DT": "08:00", "MI": "12:00", "AF": "12:01",
                       "EV": "17:00", "NI": "21:00"}  # fmt: skip
_TIME_OF_DAY_RE = re.compile(r"T(?:(\d{2}:\d{2})|(MO|DT|MI|AF|EV|NI))")


def calendar_order(value: str) -> tuple[str, str, str]:
    """A sort key in calendar order: the first day a value covers (:func:`calendar_start`),
    then the time of day (a day before its times; a part of day such as ``2024-06-10TNI``
    where that part begins), then the value itself."""
    tail = _TIME_OF_DAY_RE.search(value, 10) if _DAY_RE.match(value) else None
    when = "" if tail is None else tail[1] or _PART_OF_DAY_STARTS[tail[2]]
    return calendar_start(value), when, value


def _dv(value: str | None, end: str | None = None, kind: str = "DATE") -> DateValue:
    if value is None:
        return DateValue(None, None, kind)
    return DateValue(value, end, kind)


def _day(d: dt.date) -> str:
    return d.isoformat()


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"
