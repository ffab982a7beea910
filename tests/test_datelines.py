"""The article's own date from wire datelines, bylines and date lines in all their forms, the
date line as one whole mention, and the fallback reference date (--default-ref-date)."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from conftest import read_jsonl
from entext.cli import app
from entext.dates import find_ref_date, resolve_date
from entext.entities import RawSpan
from entext.reference import with_date_line

D = dt.date

# Openings written for these tests in the forms agencies and regional outlets use.
WIRE_OPENINGS = [
    (
        "TAIZ, Yemen, Feb. 3, 2025 — A drone hit a crowded market on Saturday night, "
        "killing at least six people, local officials said.",
        D(2025, 2, 3),
        "Feb. 3, 2025",
    ),
    (
        "KHARTOUM, Sudan, 3 February 2025 (AFP) – The paramilitary Rapid Support Forces shelled "
        "a displacement camp overnight, aid workers said on Monday.",
        D(2025, 2, 3),
        "3 February 2025",
    ),
    (
        "GOMA, Democratic Republic of Congo, Sept. 14, 2024 (Reuters) - M23 rebels advanced "
        "towards the town of Sake on Saturday, residents said.",
        D(2024, 9, 14),
        "Sept. 14, 2024",
    ),
    (
        "MOGADISHU, Somalia (AP) — Tuesday, March 11, 2025 — Al-Shabaab fighters stormed a "
        "hotel near the presidential palace late on Monday.",
        D(2025, 3, 11),
        "Tuesday, March 11, 2025",
    ),
    (
        "BAMAKO, 21 Jan 2025 (Xinhua) -- Mali's army said it repelled an attack on a base in the "
        "central region of Mopti.",
        D(2025, 1, 21),
        "21 Jan 2025",
    ),
    (
        "Kyiv, Ukraine, Dec 30, 2024 – Russian drones struck energy facilities in five regions "
        "overnight, the air force said.",
        D(2024, 12, 30),
        "Dec 30, 2024",
    ),
    (
        "BEIRUT, Lebanon, Oct. 2, 2024 -- Israeli strikes hit the southern suburbs of the "
        "capital again on Wednesday.",
        D(2024, 10, 2),
        "Oct. 2, 2024",
    ),
    (
        "DHAKA/COX'S BAZAR, Bangladesh, 5 May 2025 (Anadolu) — Fighting across the border in "
        "Myanmar's Rakhine state sent hundreds more Rohingya to the camps.",
        D(2025, 5, 5),
        "5 May 2025",
    ),
    # A weekday between the place and the date belongs to the date, not the place.
    (
        "SANAA, Yemen, Thursday, Jan. 16, 2025 (AP) — U.S. warplanes struck positions north of "
        "the capital overnight, the rebels' television channel said.",
        D(2025, 1, 16),
        "Thursday, Jan. 16, 2025",
    ),
    # Press-release wires write the agency between slashes.
    (
        "JUBA, South Sudan, Nov. 8th, 2024 /PRNewswire/ -- A relief convoy reached Malakal after "
        "a week of fighting on the road from Renk.",
        D(2024, 11, 8),
        "Nov. 8th, 2024",
    ),
    # A syndication credit before the dateline, and the story right after the agency.
    (
        "(MENAFN- Trend) Baku, 14 August 2024 (Trend) Azerbaijani border guards reported "
        "shooting from across the line near Tovuz on Tuesday evening.",
        D(2024, 8, 14),
        "14 August 2024",
    ),
]

# Year-less datelines: the year comes from the fallback date, the span is whole either way.
YEARLESS_OPENINGS = [
    ("GAZA (Reuters), Feb. 3 — Israeli strikes killed at least 12 people overnight.", "Feb. 3"),
    ("ISLAMABAD, Sept 5 (Reuters) - Gunmen killed four police officers in Bannu.", "Sept 5"),
    ("Accra, Dec. 3, GNA - The Electoral Commission announced the turnout.", "Dec. 3"),
    ("(MENAFN- IANS) Baghdad, Sep 16 (IANS) A Turkish drone strike on Monday killed one.",
     "Sep 16"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "date", "span_text"), WIRE_OPENINGS)
def test_wire_datelines_give_the_date_and_its_span(text: str, date: D, span_text: str) -> None:
    found = find_ref_date("Headline about the attack\n\n" + text)
    assert found is not None
    assert found.date == date and found.source == "text"
    assert found.span is not None
    start, end = found.span
    assert ("Headline about the attack\n\n" + text)[start:end] == span_text


def test_a_long_first_paragraph_still_opens_with_its_dateline() -> None:
    body = "word " * 80
    text = f"ADEN, Yemen, March 9, 2025 — {body}on Friday."
    found = find_ref_date(text)
    assert found is not None and found.date == D(2025, 3, 9)


YEARLESS = "GAZA (Reuters), Feb. 3 — Israeli tanks pushed into the north of the strip on Sunday."


def test_yearless_dateline_needs_a_fallback_year() -> None:
    assert find_ref_date(YEARLESS) is None
    found = find_ref_date(YEARLESS, fallback=D(2025, 2, 10))
    assert found is not None and found.date == D(2025, 2, 3)
    # A fallback early in January puts a December dateline in the year before.
    dec = "JUBA, Dec. 28 (Xinhua) -- Clashes broke out in Upper Nile state on Saturday."
    found = find_ref_date(dec, fallback=D(2025, 1, 4))
    assert found is not None and found.date == D(2024, 12, 28)


NOT_DATELINES = [
    "The ceasefire, agreed on Feb. 3, 2025 — after weeks of talks — collapsed within days.",
    "Officials said the talks, first held in Doha, 3 February 2025 - were stalled.",
    "A convoy left Goma on 14 September 2024 – witnesses said it was attacked.",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_dates_inside_sentences_are_not_datelines(text: str) -> None:
    assert find_ref_date(text) is None


DATE_LINES = [
    ("Published 9 January 2025\n\nBody.", D(2025, 1, 9), None, "9 January 2025"),
    (
        "Title\nFriday 9 February 2024 - 18:42\nBody.",
        D(2024, 2, 9),
        dt.time(18, 42),
        "Friday 9 February 2024 - 18:42",
    ),
    (
        "Title\nLast modified: 12 March 2024\nPublished: 11 March 2024\n",
        D(2024, 3, 11),
        None,
        "11 March 2024",
    ),
    ("Title\nBy Amina Yusuf, Reuters | Sept. 4, 2024\n", D(2024, 9, 4), None, "Sept. 4, 2024"),
]


@pytest.mark.parametrize(("text", "date", "time", "span_text"), DATE_LINES)
def test_date_lines(text: str, date: D, time: dt.time | None, span_text: str) -> None:
    found = find_ref_date(text)
    assert found is not None
    assert (found.date, found.time) == (date, time)
    assert found.span is not None and text[found.span[0] : found.span[1]] == span_text


@pytest.mark.parametrize(("text", "span_text"), YEARLESS_OPENINGS)
def test_yearless_datelines_take_the_fallback_year_and_are_whole(text: str, span_text: str) -> None:
    from entext.dates import date_line_span

    assert find_ref_date(text) is None
    found = find_ref_date(text, fallback=D(2025, 2, 10))
    assert found is not None and found.span is not None
    assert text[found.span[0] : found.span[1]] == span_text
    assert found.date.year in (2024, 2025) and found.date <= D(2025, 2, 11)
    span = date_line_span(text)
    assert span is not None and text[span[0] : span[1]] == span_text


UPDATED_LINES = [
    # The documented rule: a "Published"/"Posted" date wins over "Updated"/"Last modified",
    # in either order and also when both stand on one line.
    ("Title\nUpdated: 03 Feb 2025 14:20 GMT | Published: 02 Feb 2025 09:00 GMT\n", D(2025, 2, 2)),
    ("Title\nPublished 2 February 2025\nUpdated 3 February 2025\n", D(2025, 2, 2)),
    ("Title\nLast modified on Mon 3 Feb 2025 08.00 GMT\n", D(2025, 2, 3)),
    ("Title\nFebruary 3, 2025 / 2:20 PM / Updated 2 hours ago\n", D(2025, 2, 3)),
]


@pytest.mark.parametrize(("text", "date"), UPDATED_LINES)
def test_published_before_updated(text: str, date: D) -> None:
    found = find_ref_date(text)
    assert found is not None and found.date == date


def test_a_date_line_with_a_time_resolves_to_one_datetime() -> None:
    value = resolve_date("Friday 9 February 2024 - 18:42", D(2024, 2, 9))
    assert value.value == "2024-02-09T18:42"
    assert resolve_date("9am - 5pm", D(2024, 2, 9)).value == "2024-02-09T09:00"


def test_the_date_line_replaces_the_pieces_the_model_found() -> None:
    text = "Published 9 January 2025\n\nBody."
    found = find_ref_date(text)
    spans = [RawSpan(12, 24, "DATE", "", "model"), RawSpan(27, 31, "ORG", "", "model")]
    merged = with_date_line(spans, found)
    assert [(s.start, s.end, s.label) for s in merged] == [(10, 24, "DATE"), (27, 31, "ORG")]


ARTICLE_WITH_DATELINE = (
    "Drone strike on market\n\nTAIZ, Yemen, Feb. 3, 2025 — A drone hit a market on Saturday "
    "night, officials said.\n"
)
ARTICLE_WITHOUT_DATE = "Militants attacked a checkpoint in Mosul on Tuesday, police said.\n"


def _values(record: dict) -> dict:
    return {
        m["text"]: m["value"]
        for e in record["entities"]
        if e["type"] == "DATE"
        for m in e["mentions"]
    }


def test_default_ref_date_only_where_the_text_has_none(tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE_WITH_DATELINE, encoding="utf-8")
    b.write_text(ARTICLE_WITHOUT_DATE, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(a), str(b), "-f", "jsonl", "--default-ref-date", "2024-03-01"]
    )
    assert result.exit_code == 0, result.output
    first, second = read_jsonl(result.stdout)
    assert (first["ref_date"], first["ref_date_source"]) == ("2025-02-03", "text")
    assert _values(first)["Feb. 3, 2025"] == "2025-02-03"
    assert (second["ref_date"], second["ref_date_source"]) == ("2024-03-01", "default")
    assert _values(second)["Tuesday"] == "2024-02-27"
    # --ref-date keeps its meaning: it overrides the text.
    result = CliRunner().invoke(app, ["extract", str(a), "-f", "jsonl", "--ref-date", "2024-03-01"])
    (only,) = read_jsonl(result.stdout)
    assert (only["ref_date"], only["ref_date_source"]) == ("2024-03-01", "option")


def test_default_row_in_a_ref_dates_file(tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE_WITHOUT_DATE, encoding="utf-8")
    b.write_text(ARTICLE_WITHOUT_DATE, encoding="utf-8")
    mapping = tmp_path / "dates.csv"
    mapping.write_text(f"source,date\n{a},2024-05-10\n*,2024-03-01\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(a), str(b), "-f", "jsonl", "--ref-dates", str(mapping)]
    )
    first, second = read_jsonl(result.stdout)
    assert (first["ref_date"], first["ref_date_source"]) == ("2024-05-10", "file")
    assert (second["ref_date"], second["ref_date_source"]) == ("2024-03-01", "default")
