"""Resolving all the DATE mentions of one document together.

A mention alone is resolved by :func:`resolve_date`; the document adds what one span cannot
see: the words around it ("the commander, 58," and "a 31-year-old driver" are ages, not
dates), and the day a bare clock time belongs to ("at 10:30 p.m. on Sunday": the time takes
Sunday's date, not the reference day's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from .normalise import _normalise
from .resolve import clock_only, resolve_date
from .values import DateValue
from .vocabulary import _NORM_TRANS, _NUM_ALT

# Ages: "31-year-old", "58 years old", "aged 58", "in his 60s", "a man in his late forties".
_AGE_IN_SPAN = re.compile(
    r"\b(?:\d+|" + _NUM_ALT + r")[\s-]+(?:years?|months?|weeks?|days?)[\s-]+olds?\b"
    r"|\b(?:years?|months?)\s+of\s+age\b|^(?:aged?|ages)\s",
)
_AGE_BEFORE = re.compile(
    r"(?:\b(?:aged?|ages|age of)|\b(?:his|her|their|my|your|our)(?:\s+(?:early|mid|late))?)"
    r"[\s-]*$"
)
_AGE_AFTER = re.compile(r"^[\s-]*(?:olds?\b|of age\b)")
# A bare number: "58" in "the commander, 58," or a count ("three"). "1957-58" keeps its "58".
_BARE_NUMBER = re.compile(r"^(?:\d{1,3}|" + _NUM_ALT + r")$")
_YEAR_DASH = re.compile(r"\d{4}\s*[-–/]\s*$")
# A count: a number and a plural noun that is no unit of time ("three mortars", "two drones").
_COUNT = re.compile(r"^(?:\d{1,3}|" + _NUM_ALT + r")\s+(?P<noun>[a-z]+s)$")
_TIME_NOUNS = re.compile(
    r"(?:second|sec|minute|min|hour|hr|day|night|week|weekend|fortnight|month|year|decade|"
    r"centurie|millennia|morning|afternoon|evening|season|quarter|half|time)s?"
)

# What may stand between a clock time and the day it belongs to: "10:30 p.m. on Sunday",
# "10:30 p.m. (1930 GMT) on Sunday", "11 p.m. local time Saturday"; "Sunday at 10:30 p.m.".
_TIME_THEN_DAY = re.compile(
    r"^\s*(?:\([^()\n]{1,24}\)\s*)?(?:local time\s*|[A-Z]{3,4}\s*)?,?\s*(?:on\s+|of\s+)?$"
)
_DAY_THEN_TIME = re.compile(
    r"^\s*,?\s*(?:at|from|by|around|about|until|till|after|before|shortly after|"
    r"shortly before|just after|just before)?\s*(?:around|about|approximately|roughly)?\s*$"
)


def not_a_date(text: str, start: int, end: int) -> bool:
    """An age or a count the model read as a date: "58" in "the commander, 58,", "a
    31-year-old driver", "58 years old", "in his 60s", "three", "three mortars"."""
    surface = _normalise(text[start:end])
    before = text[max(0, start - 24) : start].translate(_NORM_TRANS).lower()
    after = text[end : end + 12].lower()
    if _AGE_IN_SPAN.search(surface) or _AGE_AFTER.match(after):
        return True
    if _AGE_BEFORE.search(before) and re.fullmatch(
        r"(?:early |mid |late )?\d0'?s|\w+ties", surface
    ):
        return True
    count = _COUNT.fullmatch(surface)
    if count and not _TIME_NOUNS.fullmatch(count.group("noun")):
        return True
    return bool(_BARE_NUMBER.fullmatch(surface)) and not _YEAR_DASH.search(before)


def resolve_mentions(
    text: str,
    spans: Sequence[tuple[int, int]],
    ref: dt.date | None,
    *,
    ref_time: dt.datetime | None = None,
    dayfirst: bool = False,
) -> list[DateValue | None]:
    """The value of each DATE span of a document, in the order given; None for a span that
    is not a date at all (an age, a count).

    Each span is resolved with the ~60 characters before it as context (future cues), then a
    clock time with no day of its own takes the day named next to it in its clause.
    """
    out: list[DateValue | None] = []
    for start, end in spans:
        if not_a_date(text, start, end):
            out.append(None)
            continue
        context = text[max(0, start - 60) : start]
        out.append(
            resolve_date(
                text[start:end], ref, ref_time=ref_time, dayfirst=dayfirst, context=context
            )
        )
    return _times_take_their_day(text, spans, out, dayfirst)


def _times_take_their_day(
    text: str,
    spans: Sequence[tuple[int, int]],
    values: list[DateValue | None],
    dayfirst: bool,
) -> list[DateValue | None]:
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    for pos, i in enumerate(order):
        value = values[i]
        start, end = spans[i]
        if value is None or not clock_only(text[start:end]):
            continue
        neighbours = []
        if pos + 1 < len(order):
            neighbours.append(
                (order[pos + 1], _TIME_THEN_DAY, text[end : spans[order[pos + 1]][0]])
            )
        if pos > 0:
            neighbours.append(
                (order[pos - 1], _DAY_THEN_TIME, text[spans[order[pos - 1]][1] : start])
            )
        for j, gap_rule, gap in neighbours:
            day = _day_of(values[j])
            if day is not None and gap_rule.match(gap):
                timed = resolve_date(text[start:end], day, dayfirst=dayfirst)
                if timed.value is not None:
                    values[i] = dataclasses.replace(value, value=timed.value)
                break
    return values


def _day_of(value: DateValue | None) -> dt.date | None:
    """The calendar day a value names ("2025-02-02", "2025-02-02TNI"), if it names one."""
    if value is None or value.value is None or value.kind in ("DURATION", "SET"):
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T(?:MO|AF|EV|NI|DT|MI))?$", value.value)
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
