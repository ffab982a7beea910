"""Table tests for entext.dates: resolving DATE/TIME mentions and finding an article's date."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entext.dates import DateValue, calendar_start, find_ref_date, resolve_date

D = dt.date
SAMPLE_REF = D(2024, 2, 8)  # Thursday; the seed article's own date
TE_FRI = D(2013, 3, 22)  # a TempEval-3 document creation date (a Friday)

# (mention, reference date, expected value)
SAMPLE_ARTICLE = [
    ("last night", SAMPLE_REF, "2024-02-07"),
    ("Last night’s", SAMPLE_REF, "2024-02-07"),
    ("February 07, 2024", SAMPLE_REF, "2024-02-07"),
    ("last month", SAMPLE_REF, "2024-01"),
    ("last week", SAMPLE_REF, "2024-W05"),
    ("October", SAMPLE_REF, "2023-10"),
    ("3:18 pm", SAMPLE_REF, "2024-02-08T15:18"),
]

RELATIVE = [
    ("today", SAMPLE_REF, "2024-02-08"),
    ("tonight", SAMPLE_REF, "2024-02-08"),
    ("this morning", SAMPLE_REF, "2024-02-08"),
    ("yesterday", SAMPLE_REF, "2024-02-07"),
    ("tomorrow", SAMPLE_REF, "2024-02-09"),
    ("the day before yesterday", SAMPLE_REF, "2024-02-06"),
    ("two days ago", SAMPLE_REF, "2024-02-06"),
    ("a week ago", SAMPLE_REF, "2024-02-01"),
    ("two weeks ago", SAMPLE_REF, "2024-01-25"),
    ("three months ago", SAMPLE_REF, "2023-11"),
    ("six years ago", D(2013, 3, 21), "2007"),
    ("A year ago", SAMPLE_REF, "2023"),
    ("earlier this month", SAMPLE_REF, "2024-02"),
    ("later this year", SAMPLE_REF, "2024"),
    ("this week", SAMPLE_REF, "2024-W06"),
    ("this week", TE_FRI, "2013-W12"),
    ("next week", SAMPLE_REF, "2024-W07"),
    ("the coming week", SAMPLE_REF, "2024-W07"),
    ("next month", SAMPLE_REF, "2024-03"),
    ("this year", SAMPLE_REF, "2024"),
    ("This year", D(2013, 3, 21), "2013"),
    ("last year", SAMPLE_REF, "2023"),
    ("next year", SAMPLE_REF, "2025"),
    ("early next year", SAMPLE_REF, "2025"),
    ("last quarter", SAMPLE_REF, "2023-Q4"),
    ("this decade", SAMPLE_REF, "202"),
    ("last weekend", SAMPLE_REF, "2024-W05-WE"),
    ("this weekend", SAMPLE_REF, "2024-W06-WE"),
    ("the end of the month", SAMPLE_REF, "2024-02"),
]

WEEKDAYS = [
    ("on Tuesday", SAMPLE_REF, "2024-02-06"),
    ("Tuesday", SAMPLE_REF, "2024-02-06"),
    ("Thursday", SAMPLE_REF, "2024-02-08"),  # the reference date itself is that weekday
    ("Friday", SAMPLE_REF, "2024-02-02"),
    ("Friday", TE_FRI, "2013-03-22"),
    ("Wednesday", TE_FRI, "2013-03-20"),
    ("last Friday", TE_FRI, "2013-03-15"),
    ("next Friday", TE_FRI, "2013-03-29"),
    ("next Tuesday", SAMPLE_REF, "2024-02-13"),
    ("last Tuesday", SAMPLE_REF, "2024-02-06"),
    ("this coming Tuesday", SAMPLE_REF, "2024-02-13"),
    ("Tuesday next", SAMPLE_REF, "2024-02-13"),
    ("Friday afternoon", TE_FRI, "2013-03-22TAF"),
    ("yesterday morning", SAMPLE_REF, "2024-02-07TMO"),
    ("the early hours of Sunday", SAMPLE_REF, "2024-02-04"),
]

MONTHS_AND_SEASONS = [
    ("October", SAMPLE_REF, "2023-10"),
    ("February", SAMPLE_REF, "2024-02"),
    ("last June", TE_FRI, "2012-06"),
    ("last December", SAMPLE_REF, "2023-12"),
    ("next March", SAMPLE_REF, "2024-03"),
    ("mid-February", SAMPLE_REF, "2024-02"),
    ("May 2010", TE_FRI, "2010-05"),
    ("early November 2005", SAMPLE_REF, "2005-11"),
    ("spring 2024", SAMPLE_REF, "2024-SP"),
    ("summer of 2023", SAMPLE_REF, "2023-SU"),
    ("last summer", SAMPLE_REF, "2023-SU"),
    ("last summer", D(2024, 10, 2), "2024-SU"),
    ("2024's first quarter", SAMPLE_REF, "2024-Q1"),
    ("the first quarter of 2024", SAMPLE_REF, "2024-Q1"),
    ("the fourth quarter", SAMPLE_REF, "2023-Q4"),
    ("Q3 2023", SAMPLE_REF, "2023-Q3"),
    ("the first half of 2024", SAMPLE_REF, "2024-H1"),
    ("the last quarter of 2004", SAMPLE_REF, "2004-Q4"),
    ("October last year", D(2005, 3, 1), "2004-10"),
    ("in March this year", D(2005, 3, 1), "2005-03"),
    ("the early 1980s", None, "198"),
    ("the mid-1990s", None, "199"),
]

ABSOLUTE = [
    ("February 07, 2024", None, "2024-02-07"),
    ("7 February 2024", None, "2024-02-07"),
    ("7th February", SAMPLE_REF, "2024-02-07"),
    ("Feb. 7", SAMPLE_REF, "2024-02-07"),
    ("Feb 7th, 2024", None, "2024-02-07"),
    ("Dec.14th", D(2016, 12, 20), "2016-12-14"),
    ("the third of March", D(2024, 3, 20), "2024-03-03"),
    ("Thursday, Dec. 15", D(2016, 12, 20), "2016-12-15"),
    ("11am on Thursday 28 July", D(2016, 8, 2), "2016-07-28T11:00"),
    ("Monday 19 December", D(2017, 1, 5), "2016-12-19"),  # the weekday picks the year
    ("Jan. 8", D(2016, 12, 20), "2017-01-08"),  # a date a few weeks ahead is the coming one
    ("December 25", SAMPLE_REF, "2023-12-25"),
    ("2024-02-07", None, "2024-02-07"),
    ("02/07/2024", None, "2024-02-07"),
    ("13/02/2024", None, "2024-02-13"),
    ("07.02.2024", None, "2024-02-07"),
    ("2024-02", None, "2024-02"),
    ("2010", None, "2010"),
    ("Since 2009", None, "2009"),
    ("in 1953.", None, "1953"),
    ("the end of 2023", None, "2023"),
    ("fiscal 2024", None, "2024"),
    ("FY2024", None, "2024"),
    ("'58", D(2013, 3, 22), "1958"),
    ("the 1990s", None, "199"),
    ("the '90s", None, "199"),
    ("the nineties", None, "199"),
    ("the 2000s", None, "200"),
    ("the 20th century", None, "19"),
    ("20th Century", None, "19"),
    ("the twenty-first century", None, "20"),
    ("575 B.C", None, "BC0575"),
    ("Christmas Day", SAMPLE_REF, "2023-12-25"),
    ("Easter 2024", None, "2024-03-31"),
]

REFERENCE_TOKENS = [
    ("now", SAMPLE_REF, "PRESENT_REF"),
    ("Now", None, "PRESENT_REF"),
    ("currently", SAMPLE_REF, "PRESENT_REF"),
    ("at present", SAMPLE_REF, "PRESENT_REF"),
    ("the past", SAMPLE_REF, "PAST_REF"),
    ("recently", SAMPLE_REF, "PAST_REF"),
    ("at the time", SAMPLE_REF, "PAST_REF"),
    ("formerly", SAMPLE_REF, "PAST_REF"),
    ("the future", SAMPLE_REF, "FUTURE_REF"),
    ("soon", SAMPLE_REF, "FUTURE_REF"),
]

TIMES = [
    ("3:18 pm", SAMPLE_REF, "2024-02-08T15:18"),
    ("3 p.m.", SAMPLE_REF, "2024-02-08T15:00"),
    ("10.30am", SAMPLE_REF, "2024-02-08T10:30"),
    ("15:18 GMT", SAMPLE_REF, "2024-02-08T15:18"),
    ("0300 GMT", SAMPLE_REF, "2024-02-08T03:00"),
    ("3 p.m. local time", SAMPLE_REF, "2024-02-08T15:00"),
    ("at 3:18 pm on Tuesday", SAMPLE_REF, "2024-02-06T15:18"),
    ("midnight", SAMPLE_REF, "2024-02-08T00:00"),
    ("noon", SAMPLE_REF, "2024-02-08T12:00"),
    ("12 am", SAMPLE_REF, "2024-02-08T00:00"),
    ("12:30 pm", SAMPLE_REF, "2024-02-08T12:30"),
    ("2023-12-25T10:30Z", None, "2023-12-25T10:30"),
]

# Month and year ends, leap days, ISO week 53 and weeks that belong to another ISO year.
BOUNDARIES = [
    ("last month", D(2024, 1, 2), "2023-12"),
    ("last week", D(2024, 1, 2), "2023-W52"),
    ("yesterday", D(2024, 1, 2), "2024-01-01"),
    ("yesterday", D(2024, 1, 1), "2023-12-31"),
    ("yesterday", D(2024, 3, 1), "2024-02-29"),
    ("yesterday", D(2023, 3, 1), "2023-02-28"),
    ("tomorrow", D(2023, 12, 31), "2024-01-01"),
    ("next month", D(2023, 12, 15), "2024-01"),
    ("this week", D(2021, 1, 1), "2020-W53"),
    ("last week", D(2021, 1, 8), "2020-W53"),
    ("this week", D(2024, 12, 30), "2025-W01"),
    ("next week", D(2020, 12, 24), "2020-W53"),
    ("last year", D(2024, 1, 1), "2023"),
    ("December", D(2024, 1, 3), "2023-12"),
    ("January", D(2024, 1, 3), "2024-01"),
    ("Monday", D(2024, 1, 2), "2024-01-01"),
    ("Sunday", D(2024, 1, 2), "2023-12-31"),
    ("last Tuesday", D(2024, 1, 2), "2023-12-26"),
    ("Feb 29", D(2024, 3, 10), "2024-02-29"),
    ("two days ago", D(2024, 3, 1), "2024-02-28"),
    ("a month ago", D(2024, 3, 31), "2024-02"),
    ("last quarter", D(2024, 1, 5), "2023-Q4"),
    ("the 21st century", None, "20"),
]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    SAMPLE_ARTICLE
    + RELATIVE
    + WEEKDAYS
    + MONTHS_AND_SEASONS
    + ABSOLUTE
    + REFERENCE_TOKENS
    + TIMES
    + BOUNDARIES,
)
def test_resolve_value(text: str, ref: dt.date | None, expected: str) -> None:
    assert resolve_date(text, ref).value == expected


# Future cues in the text before the mention (TempEval-3 shows "June" with dct 2013-03-18
# after "to run through" as 2013-06, "May" after "is due to be published in" as 2013-05).
CONTEXT_CASES = [
    ("June", D(2013, 3, 18), "three companies for the China program to run through ", "2013-06"),
    ("June", D(2013, 3, 18), "The company was founded in ", "2012-06"),
    ("May", TE_FRI, "Lewis-Jones, is due to be published in ", "2013-05"),
    ("Tuesday", SAMPLE_REF, "The ministers will meet again on ", "2024-02-13"),
    ("Tuesday", SAMPLE_REF, "The ministers met on ", "2024-02-06"),
    ("Thursday", SAMPLE_REF, "The vote is scheduled for ", "2024-02-08"),
    ("May 5", SAMPLE_REF, "Elections are expected on ", "2024-05-05"),
    ("May 5", SAMPLE_REF, "The building was hit on ", "2023-05-05"),
    # a cue does not push a date most of a year ahead when it was days ago
    ("27 February", D(2005, 3, 1), "The company will say that on ", "2005-02-27"),
    ("October", SAMPLE_REF, "Fighting has raged since ", "2023-10"),
    ("today", D(2013, 3, 22), "millions of times faster than can be done ", "PRESENT_REF"),
    ("today", SAMPLE_REF, "The army said ", "2024-02-08"),
    ("58", D(2013, 3, 22), "in the trans-Antarctic expedition of 1957-", "1958"),
]


@pytest.mark.parametrize(("text", "ref", "context", "expected"), CONTEXT_CASES)
def test_resolve_with_context(text: str, ref: dt.date, context: str, expected: str) -> None:
    assert resolve_date(text, ref, context=context).value == expected


RANGES = [
    ("2019-2021", None, "2019", "2021"),
    ("1980-88", None, "1980", "1988"),
    ("1957-58", None, "1957", "1958"),
    ("between March 3 and 5", D(2024, 3, 20), "2024-03-03", "2024-03-05"),
    ("11-13 Dec.", D(2016, 12, 20), "2016-12-11", "2016-12-13"),
    ("5-6 April 2016", None, "2016-04-05", "2016-04-06"),
    ("November 16 - 17", D(2016, 11, 20), "2016-11-16", "2016-11-17"),
    ("from January to March 2024", D(2005, 3, 1), "2024-01", "2024-03"),
    ("16 or 17 March", D(2005, 3, 1), "2005-03-16", "2005-03-17"),
    ("the 1950s and 1960s", None, "195", "196"),
]


@pytest.mark.parametrize(("text", "ref", "start", "end"), RANGES)
def test_resolve_range(text: str, ref: dt.date | None, start: str, end: str) -> None:
    value = resolve_date(text, ref)
    assert (value.value, value.value_end) == (start, end)


# Vague, event-anchored or duration-like mentions have no calendar reading.
NO_VALUE = [
    ("four days later", SAMPLE_REF),
    ("the following day", SAMPLE_REF),
    ("the previous year", SAMPLE_REF),
    ("the year to March 2005", SAMPLE_REF),
    ("the 99th day", SAMPLE_REF),
    ("89", SAMPLE_REF),
    ("", SAMPLE_REF),
    ("   \n", SAMPLE_REF),
    # relative mentions without a reference date
    ("last night", None),
    ("October", None),
    ("on Tuesday", None),
    ("last month", None),
    ("3:18 pm", None),
]


@pytest.mark.parametrize(("text", "ref"), NO_VALUE)
def test_no_value(text: str, ref: dt.date | None) -> None:
    value = resolve_date(text, ref)
    assert value.value is None
    assert value.granularity is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 07, 2024", (DateValue("2024-02-07", None, "DATE"), "day")),
        ("last month", (DateValue("2024-01", None, "DATE"), "month")),
        ("last week", (DateValue("2024-W05", None, "DATE"), "week")),
        ("3:18 pm", (DateValue("2024-02-08T15:18", None, "TIME"), "time")),
        ("Friday afternoon", (DateValue("2024-02-02TAF", None, "TIME"), "time")),
        ("spring 2024", (DateValue("2024-SP", None, "DATE"), "season")),
        ("Q1 2024", (DateValue("2024-Q1", None, "DATE"), "quarter")),
        ("2023", (DateValue("2023", None, "DATE"), "year")),
        ("the 1990s", (DateValue("199", None, "DATE"), "decade")),
        ("the 20th century", (DateValue("19", None, "DATE"), "century")),
        ("now", (DateValue("PRESENT_REF", None, "DATE"), "ref")),
        ("2019-2021", (DateValue("2019", "2021", "DATE"), "year")),
    ],
)
def test_granularity_and_kind(text: str, expected: tuple[DateValue, str]) -> None:
    value, granularity = expected
    assert resolve_date(text, SAMPLE_REF) == value
    assert resolve_date(text, SAMPLE_REF).granularity == granularity


def test_ref_time_stands_in_for_ref() -> None:
    when = dt.datetime(2024, 2, 8, 15, 18)
    assert resolve_date("yesterday", None, ref_time=when).value == "2024-02-07"
    assert resolve_date("two hours ago", None, ref_time=when).value == "2024-02-08T13:18"


def test_dayfirst_only_for_ambiguous_numeric_dates() -> None:
    assert resolve_date("02/07/2024", None, dayfirst=True).value == "2024-07-02"
    assert resolve_date("13/02/2024", None, dayfirst=False).value == "2024-02-13"
    assert resolve_date("02/13/2024", None, dayfirst=True).value == "2024-02-13"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=80),
    context=st.text(max_size=60),
    ref=st.one_of(st.none(), st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))),
)
def test_never_raises(text: str, context: str, ref: dt.date | None) -> None:
    value = resolve_date(text, ref, context=context)
    assert isinstance(value, DateValue)
    assert value.kind in ("DATE", "TIME", "DURATION", "SET")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_find_ref_date_never_raises(text: str) -> None:
    result = find_ref_date(text)
    assert result is None or isinstance(result.date, dt.date)
    if result is not None and result.span is not None:
        assert 0 <= result.span[0] < result.span[1] <= len(text)


# ---------------------------------------------------------------------------------------------
# find_ref_date
# ---------------------------------------------------------------------------------------------

HEADERS = [
    (
        "US drone strike kills commanders\n\nFebruary 8, 2024 at 3:18 pm\n\nPeople inspect the "
        "vehicle targeted in Baghdad, Iraq on February 07, 2024.",
        D(2024, 2, 8),
        dt.datetime(2024, 2, 8, 15, 18),
    ),
    ("Title here\n\nPublished 14 March 2024\n\nBody text.", D(2024, 3, 14), None),
    (
        "Title\nUpdated: 2024-03-14 10:02 GMT\nBody",
        D(2024, 3, 14),
        dt.datetime(2024, 3, 14, 10, 2),
    ),
    ("Title\nMon 12 Feb 2024 09.15 GMT\nBody", D(2024, 2, 12), dt.datetime(2024, 2, 12, 9, 15)),
    (
        "Title\nPublished: 12 March 2024 | Updated: 14 March 2024 10:02 GMT\nBody",
        D(2024, 3, 12),
        None,
    ),
    ("Title\nUpdated 15 March 2024\nPublished 14 March 2024\nBody", D(2024, 3, 14), None),
    (
        "Title\nBy Jane Doe | February 12, 2024, 9:15 AM\n",
        D(2024, 2, 12),
        dt.datetime(2024, 2, 12, 9, 15),
    ),
    ("Posted on February 8, 2024 by admin\nBody", D(2024, 2, 8), None),
    ("BAGHDAD, March 3, 2024 (Reuters) - Iraqi forces said...", D(2024, 3, 3), None),
    ("2024-03-14T10:02:00Z\nTitle", D(2024, 3, 14), dt.datetime(2024, 3, 14, 10, 2)),
]


@pytest.mark.parametrize(("text", "date", "when"), HEADERS)
def test_find_ref_date(text: str, date: dt.date, when: dt.datetime | None) -> None:
    found = find_ref_date(text)
    assert found is not None
    assert (found.date, found.datetime, found.source) == (date, when, "text")


NO_HEADER_DATE = [
    "BAGHDAD, March 3 (Reuters) - Iraqi forces said on Tuesday they had...",  # no year
    "Elections on 3 March 2005 delayed\n\nThe vote was postponed.",  # a date in a headline
    "The summit will take place on 3 March 2024.\n",  # a date in a sentence
    "Title\n\nIn 2005, the firm said on 4 May 2005 that it would sell the unit.\n",
    "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner...",
    "",
]


@pytest.mark.parametrize("text", NO_HEADER_DATE)
def test_find_ref_date_none(text: str) -> None:
    assert find_ref_date(text) is None


def test_find_ref_date_ignores_dates_after_the_header() -> None:
    body = "\n".join(f"Paragraph {i} of the article body." for i in range(20))
    assert find_ref_date("Title\n" + body + "\nPublished 14 March 2024\n") is None


SEED = Path("/work/shared/seeds/000_16e2e3b6ff264acf.txt")
BBC = Path("/work/shared/corpora/bbc-news")


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_find_ref_date_seed_article() -> None:
    found = find_ref_date(SEED.read_text(encoding="utf-8"))
    assert found is not None
    assert found.datetime == dt.datetime(2024, 2, 8, 15, 18)


@pytest.mark.skipif(not BBC.exists(), reason="BBC corpus not available")
def test_find_ref_date_bbc_has_no_date_lines() -> None:
    # The BBC set has titles and bodies but no date lines: any date found would be wrong.
    files = sorted(BBC.glob("*/*.txt"))[::25]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert find_ref_date(text) is None, path


# ---------------------------------------------------------------------------------------------
# The optional span_ruler patterns
# ---------------------------------------------------------------------------------------------


def test_date_patterns_file_is_valid() -> None:
    path = resources.files("entext") / "data" / "date_patterns.jsonl"
    if not path.is_file():
        pytest.skip("no date patterns shipped")
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == {"label", "pattern", "id"}
        assert row["label"] == "DATE"
        assert row["id"].startswith("date/")
        assert isinstance(row["pattern"], list) and row["pattern"]
        ids.add(row["id"])
    assert ids


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("2024-02-07", "2024-02-07"),
        ("2024-02-07T15:18", "2024-02-07"),
        ("2024-02-07TAF", "2024-02-07"),
        ("2024-W05", "2024-01-29"),
        ("2024-W05-WE", "2024-01-29"),
        ("2024-02", "2024-02-00"),
        ("2024-SU", "2024-06-00"),
        ("2024-WI", "2024-01-00"),
        ("2024-Q3", "2024-07-00"),
        ("2024-H2", "2024-07-00"),
        ("2024", "2024-00-00"),
        ("199", "1990-00-00"),
        ("19", "1900-00-00"),
        ("PRESENT_REF", "~"),
        ("BC0575", "~"),
    ],
)
def test_calendar_start_orders_every_value_shape(value: str, start: str) -> None:
    assert calendar_start(value) == start
