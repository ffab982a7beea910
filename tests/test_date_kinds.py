"""What is not a calendar date (ages, counts, durations, frequencies), and times with their day.

The articles here were written for these tests; the resolver rules were not written from them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from entext.dates import not_a_date, resolve_date, resolve_mentions

D = dt.date
MON = D(2025, 2, 3)  # a Monday
WED = D(2024, 6, 12)  # a Wednesday

DURATIONS = [
    ("six weeks", "P6W"),
    ("three days", "P3D"),
    ("more than 30 hours", "PT30H"),
    ("nearly two decades", "P2DE"),
    ("the past two years", "P2Y"),
    ("for eight months", "P8M"),
    ("four more days", "P4D"),
    ("an hour", "PT1H"),
    ("a mere 24 hours", "PT24H"),
    ("the last 48 hours", "PT48H"),
    ("48-hour", "PT48H"),
    ("three-month", "P3M"),
    ("a year and a half", "P1.5Y"),
    ("half an hour", "PT30M"),
    ("a fortnight", "P2W"),
    ("more than three decades", "P3DE"),
    ("the past week", "P1W"),
    ("nearly all day", "P1D"),
    ("weeks", "PXW"),
    ("for years", "PXY"),
    ("recent months", "PXM"),
    ("in the coming days", "PXD"),
    ("the past few weeks", "PXW"),
    ("several hours", "PTXH"),
]

FREQUENCIES = [
    ("every week", "P1W"),
    ("every two weeks", "P2W"),
    ("every other day", "P2D"),
    ("twice a month", "P1M"),
    ("three times a day", "P1D"),
    ("daily", "P1D"),
    ("weekly", "P1W"),
    ("annually", "P1Y"),
    ("every Friday", "XXXX-WXX-5"),
    ("on Fridays", "XXXX-WXX-5"),
    ("every morning", "TMO"),
]

# Points on the calendar that look like lengths: they stay dates.
POINTS = [
    ("three days ago", MON, "2025-01-31"),
    ("last week", MON, "2025-W05"),
    ("the coming week", MON, "2025-W07"),
    ("a year ago", MON, "2024"),
]


@pytest.mark.parametrize(("text", "value"), DURATIONS)
def test_durations_have_kind_duration_and_an_iso_value(text: str, value: str) -> None:
    got = resolve_date(text, MON)
    assert (got.kind, got.value) == ("DURATION", value)
    assert got.granularity == "duration"


def test_a_duration_range_has_both_ends() -> None:
    got = resolve_date("two to three weeks", MON)
    assert (got.kind, got.value, got.value_end) == ("DURATION", "P2W", "P3W")


@pytest.mark.parametrize(("text", "value"), FREQUENCIES)
def test_frequencies_have_kind_set(text: str, value: str) -> None:
    got = resolve_date(text, MON)
    assert (got.kind, got.value) == ("SET", value)


@pytest.mark.parametrize(("text", "ref", "value"), POINTS)
def test_points_are_not_durations(text: str, ref: D, value: str) -> None:
    got = resolve_date(text, ref)
    assert got.kind in ("DATE", "TIME")
    assert got.value == value


def test_anchored_points_are_neither() -> None:
    for text in ("the following day", "four days later", "the week"):
        got = resolve_date(text, MON)
        assert got.kind == "DATE"
        assert got.value is None


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


AGES = [
    ("The commander, 58, said the town had fallen.", "58"),
    ("A 31-year-old driver was killed at the checkpoint.", "31-year-old"),
    ("The victim, a 7-year-old girl, died in hospital.", "7-year-old"),
    ("The suspect is 24 years old, police said.", "24 years"),
    ("Rasool, aged 61, was arrested.", "61"),
    ("A man in his 60s was among the dead.", "60s"),
    ("She was killed with her three children.", "three"),
    ("Three mortars hit the airport at dawn.", "Three mortars"),
    ("Gunmen fired on 12 trucks near the border.", "12 trucks"),
]


@pytest.mark.parametrize(("text", "part"), AGES)
def test_ages_and_counts_are_not_dates(text: str, part: str) -> None:
    assert not_a_date(text, *_span(text, part))
    values = resolve_mentions(text, [_span(text, part)], MON)
    assert values == [None]


NOT_AGES = [
    ("Fighting in 1957-58 displaced thousands.", "58"),
    ("The army returned in the 1990s.", "1990s"),
    ("Talks lasted six weeks.", "six weeks"),
    ("The strike came on March 3.", "March 3"),
    ("Repairs will take three weeks.", "three weeks"),
]


@pytest.mark.parametrize(("text", "part"), NOT_AGES)
def test_years_decades_and_lengths_are_kept(text: str, part: str) -> None:
    assert not not_a_date(text, *_span(text, part))


TIMES_ON_DAYS = [
    # (article text, clock time, named day, reference date, expected value of the time)
    ("At 10:30 p.m. on Sunday three drones struck.", "10:30 p.m.", "Sunday", MON,
     "2025-02-02T22:30"),
    ("The shelling began at 2 a.m. (2300 GMT) on Saturday, residents said.", "2 a.m.",
     "Saturday", MON, "2025-02-01T02:00"),
    ("On Friday at around 9:15 a.m., gunmen opened fire.", "9:15 a.m.", "Friday", MON,
     "2025-01-31T09:15"),
    ("The ceasefire takes effect at midnight on Feb. 10, officials said.", "midnight",
     "Feb. 10", MON, "2025-02-10T00:00"),
    ("Sunday night at 11 p.m. the lights went out.", "11 p.m.", "Sunday night", MON,
     "2025-02-02T23:00"),
    ("Voting will close at 6 p.m. on Friday.", "6 p.m.", "Friday", WED, "2024-06-14T18:00"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "clock", "day", "ref", "value"), TIMES_ON_DAYS)
def test_a_clock_time_takes_the_day_named_in_its_clause(
    text: str, clock: str, day: str, ref: D, value: str
) -> None:
    spans = sorted([_span(text, clock), _span(text, day)])
    values = resolve_mentions(text, spans, ref)
    got = values[spans.index(_span(text, clock))]
    assert got is not None
    assert got.value == value


def test_a_clock_time_alone_takes_the_reference_day() -> None:
    text = "The blast was heard at 3:18 pm across the city."
    (got,) = resolve_mentions(text, [_span(text, "3:18 pm")], MON)
    assert got is not None and got.value == "2025-02-03T15:18"


def test_a_time_in_another_sentence_keeps_the_reference_day() -> None:
    text = "Talks ended on Sunday. At 10:30 p.m. the guns fell silent."
    spans = [_span(text, "Sunday"), _span(text, "10:30 p.m.")]
    values = resolve_mentions(text, spans, MON)
    assert values[1] is not None and values[1].value == "2025-02-03T22:30"


APPOSITIONS = [
    ("Yesterday, March 3rd", MON, "2025-03-03"),
    ("yesterday, Feb. 2", MON, "2025-02-02"),
    ("Sunday, 10:30 pm", MON, "2025-02-02T22:30"),
    ("Friday 9 February 2024 - 18:42", None, "2024-02-09T18:42"),
    ("Tuesday, June 11, 2024 - 07:05", None, "2024-06-11T07:05"),
]


@pytest.mark.parametrize(("text", "ref", "value"), APPOSITIONS)
def test_a_day_named_twice_or_with_its_time_is_one_value(text: str, ref: D, value: str) -> None:
    assert resolve_date(text, ref).value == value


FUTURE = [
    ("Friday", "said the rebels would hand over the checkpoint on ", WED, "2024-06-14"),
    ("Friday", "The rebels will hand over the checkpoint on ", WED, "2024-06-14"),
    ("Friday", "The rebels handed over the checkpoint on ", WED, "2024-06-07"),
    ("early Sunday", "The storm is expected to reach the coast ", WED, "2024-06-16"),
    ("later this week", "Talks are due ", WED, "2024-W24"),
    ("Monday", "The trial is scheduled to open on ", WED, "2024-06-17"),
    ("next Tuesday", "", WED, "2024-06-18"),
]


@pytest.mark.parametrize(("text", "context", "ref", "value"), FUTURE)
def test_future_tense_looks_ahead(text: str, context: str, ref: D, value: str) -> None:
    assert resolve_date(text, ref, context=context).value == value


def test_a_slipped_weekday_does_not_move_a_date_a_year() -> None:
    # 11 September 2018 was a Tuesday; the writer's "Wednesday" is a slip, not 2019.
    got = resolve_date("Wednesday, September 11", D(2018, 9, 13))
    assert got.value == "2018-09-11"


def test_calendar_order_puts_parts_of_day_where_they_begin() -> None:
    from entext.dates import calendar_order

    values = ["2024-06-10TNI", "2024-06-10T22:30", "2024-06-10", "2024-06-10TMO",
              "2024-06-10T09:15", "2024-06-10TAF", "2024-06-11", "2024-W24", "P6W"]  # fmt: skip
    assert sorted(values, key=calendar_order) == [
        "2024-06-10", "2024-W24", "2024-06-10TMO", "2024-06-10T09:15", "2024-06-10TAF",
        "2024-06-10TNI", "2024-06-10T22:30", "2024-06-11", "P6W",
    ]  # fmt: skip
