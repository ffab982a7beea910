"""Placing year-less and relative expressions on the calendar around the reference date.

The reading policy (most recent occurrence unless a future cue, day-and-month dates a few
weeks ahead read as upcoming ...) is described in the package docstring.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .values import DateValue, _day, _dv, _month, _week
from .vocabulary import _SEASON_START


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + n
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _two_digit_year(yy: int, ref: dt.date | None) -> int:
    # Pivot on the reference year: "'58" in 2013 is 1958, "'05" is 2005.
    pivot = (ref.year % 100) + 5 if ref else 30
    return 2000 + yy if yy <= pivot else 1900 + yy


@dataclass(frozen=True)
class _State:
    """What a resolution depends on besides the mention (hashable, so results can be cached)."""

    ref: dt.date | None
    ref_time: dt.datetime | None
    dayfirst: bool
    future: bool  # a future cue precedes the mention
    nowadays: bool  # "today" reads as PRESENT_REF ("faster than can be done today")
    prev_century: str | None  # "19" when the mention follows "1957-", for the "58" of "1957-58"


def _pick_month(month: int, st: _State, rel: str = "") -> str | None:
    """A month name without a year, placed relative to the reference month."""
    if st.ref is None:
        return None
    y, rm = st.ref.year, st.ref.month
    if rel in ("last", "this past", "past"):
        year = y if month < rm else y - 1
    elif rel in ("next", "this coming", "coming"):
        year = y if month > rm else y + 1
    elif rel == "this":
        year = y
    elif st.future:
        year = y if month >= rm else y + 1
    else:
        year = y if month <= rm else y - 1
    return _month(year, month)


# A day-and-month date at most this many days ahead is read as upcoming even without a cue: a
# writer naming a date almost a year back would normally give its year ("Jan. 8" in a
# 20 December article is the coming one).
_NEAR_FUTURE_DAYS = 45
_WEEKDAY_YEAR_DAYS = 200


def _pick_month_day(month: int, day: int, st: _State, weekday: int | None = None) -> str | None:
    """A day and month without a year: nearest plausible year (see module docstring)."""
    if st.ref is None:
        return None
    ref = st.ref
    cands = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe_date(y, month, day))]
    if not cands:
        return None
    if weekday is not None:
        # The weekday picks among years, but not one most of a year away: "Wednesday,
        # September 11" two days after 13 September 2018 (a Tuesday) is a slip, not 2019.
        matching = [
            d for d in cands if d.weekday() == weekday and abs((d - ref).days) <= _WEEKDAY_YEAR_DAYS
        ]
        if matching:
            return _day(min(matching, key=lambda d: abs((d - ref).days)))
    past = [d for d in cands if d <= ref]
    future = [d for d in cands if d >= ref]
    best_past = max(past) if past else None
    best_future = min(future) if future else None
    ahead = (best_future - ref).days if best_future is not None else 999
    # A future cue moves a date forward, but not by most of a year: "will" often belongs to
    # another clause, and a date 11 months ahead is rarer than one a few days back.
    if best_future is not None and (ahead <= _NEAR_FUTURE_DAYS or (st.future and ahead <= 183)):
        return _day(best_future)
    if best_past is not None:
        return _day(best_past)
    return _day(best_future) if best_future else None


def _pick_weekday(wd: int, st: _State, rel: str = "") -> str | None:
    if st.ref is None:
        return None
    ref = st.ref
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if rel in ("last", "this past", "past"):
        d = ref - dt.timedelta(days=back or 7)
    elif rel in ("next", "this coming", "coming"):
        d = ref + dt.timedelta(days=ahead or 7)
    elif rel == "this":
        d = ref + dt.timedelta(days=ahead) if st.future else ref - dt.timedelta(days=back)
        if not st.future:
            # "this Tuesday" without a cue: the Tuesday of the reference week.
            d = ref - dt.timedelta(days=ref.weekday() - wd)
    elif st.future:
        d = ref + dt.timedelta(days=ahead)
    else:
        d = ref - dt.timedelta(days=back)
    return _day(d)


def _pick_season(code: str, st: _State, rel: str = "") -> str | None:
    if st.ref is None:
        return None
    y, rm = st.ref.year, st.ref.month
    start = _SEASON_START[code]
    # The season the reference month falls in, as (year, start month), for "last summer".
    cur_code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                8: "SU", 9: "FA", 10: "FA", 11: "FA"}[rm]  # fmt: skip
    cur_year = y + 1 if rm == 12 else y
    cur_key = (cur_year, _SEASON_START[cur_code])
    if rel == "this":
        year = cur_year if code == "WI" else y
    elif rel in ("last", "this past", "past"):
        year = cur_year if (cur_year, start) < cur_key else cur_year - 1
    elif rel in ("next", "this coming", "coming"):
        year = cur_year if (cur_year, start) > cur_key else cur_year + 1
    elif st.future:
        year = cur_year if (cur_year, start) >= cur_key else cur_year + 1
    else:
        year = cur_year if (cur_year, start) <= cur_key else cur_year - 1
    return f"{year:04d}-{code}"


def _pick_quarter(q: int, st: _State, rel: str = "") -> str | None:
    if st.ref is None:
        return None
    y = st.ref.year
    cur = (st.ref.month - 1) // 3 + 1
    if rel == "this":
        year = y
    elif rel in ("last", "past"):
        year = y if q < cur else y - 1
    elif rel in ("next", "coming"):
        year = y if q > cur else y + 1
    elif st.future:
        year = y if q >= cur else y + 1
    else:
        year = y if q <= cur else y - 1
    return f"{year:04d}-Q{q}"


def _rel_unit(unit: str, rel: str, st: _State) -> str | None:
    """ "this/last/next" + a calendar unit."""
    if st.ref is None:
        return None
    ref = st.ref
    step = {"this": 0, "current": 0, "present": 0, "last": -1, "next": 1, "coming": 1,
            "this coming": 1, "this past": -1}.get(rel)  # fmt: skip
    if step is None:
        return None
    if unit == "week":
        return _week(ref + dt.timedelta(days=7 * step))
    if unit == "weekend":
        # A weekend belongs to its ISO week.  "this weekend" from Monday to Thursday is the coming
        # one; "last weekend" is the most recent one that is over.
        if step == 0:
            base = ref
        elif step < 0:
            base = ref - dt.timedelta(days=7 if ref.weekday() >= 5 else ref.weekday() + 1)
        else:
            base = ref + dt.timedelta(days=7 if ref.weekday() >= 4 else 0)
        return _week(base) + "-WE"
    if unit == "month":
        return _month(*_add_months(ref.year, ref.month, step))
    if unit == "year":
        return f"{ref.year + step:04d}"
    if unit == "quarter":
        cur = (ref.month - 1) // 3 + step
        return f"{ref.year + cur // 4:04d}-Q{cur % 4 + 1}"
    if unit == "decade":
        return f"{ref.year // 10 + step:03d}"
    if unit in ("century", "centuries"):
        return f"{ref.year // 100 + step:02d}"
    return None


def _ago(n: int, unit: str, sign: int, st: _State) -> DateValue | None:
    if st.ref is None:
        return _dv(None)
    ref = st.ref
    unit = unit.rstrip("s") if unit != "centuries" else "century"
    if unit in ("day", "week", "fortnight"):
        days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return _dv(_day(ref + dt.timedelta(days=sign * days)))
    if unit == "month":
        return _dv(_month(*_add_months(ref.year, ref.month, sign * n)))
    if unit == "year":
        return _dv(f"{ref.year + sign * n:04d}")
    if unit == "decade":
        return _dv(f"{ref.year // 10 + sign * n:03d}")
    if unit == "century":
        return _dv(f"{ref.year // 100 + sign * n:02d}")
    if unit in ("hour", "minute") and st.ref_time is not None:
        delta = dt.timedelta(hours=n) if unit == "hour" else dt.timedelta(minutes=n)
        t = st.ref_time + sign * delta
        return _dv(t.strftime("%Y-%m-%dT%H:%M"), kind="TIME")
    return None
