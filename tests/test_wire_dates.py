"""Dates end to end on wire copy written for these tests: the article's own date from its
opening, ages and counts left out, durations and frequencies kept apart, times on their day."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from entext.cli import app
from entext.extract import Extractor
from entext.settings import Settings, parse_types

# (article, reference date read from it, {mention text: (kind, value)})
ARTICLES = [
    (
        "TAIZ, Yemen, Feb. 3, 2025 — A drone hit a market on Saturday night, killing four "
        "people. The commander, 58, said the rebels would hand over the checkpoint on Friday. "
        "Talks lasted six weeks. At 10:30 p.m. on Sunday three drones struck the port. "
        "Yesterday, March 3rd, a 31-year-old driver was killed.",
        "2025-02-03",
        {
            "Feb. 3, 2025": ("DATE", "2025-02-03"),
            "Saturday night": ("DATE", "2025-02-01TNI"),
            "Friday": ("DATE", "2025-02-07"),
            "six weeks": ("DURATION", "P6W"),
            "10:30 p.m.": ("TIME", "2025-02-02T22:30"),
            "Sunday": ("DATE", "2025-02-02"),
            "Yesterday, March 3rd": ("DATE", "2025-03-03"),
        },
    ),
    (
        "KHARTOUM, Sudan, 12 June 2024 (AFP) – The paramilitary forces have besieged the city "
        "for more than 30 hours, residents said on Wednesday. Aid convoys, which used to arrive "
        "every week, are expected to resume on Friday. The war has lasted nearly two decades "
        "in Darfur, a 45-year-old doctor said.",
        "2024-06-12",
        {
            "12 June 2024": ("DATE", "2024-06-12"),
            "more than 30 hours": ("DURATION", "PT30H"),
            "Wednesday": ("DATE", "2024-06-12"),
            "every week": ("SET", "P1W"),
            "Friday": ("DATE", "2024-06-14"),
            "nearly two decades": ("DURATION", "P2DE"),
        },
    ),
]
NOT_DATES = ("58", "31-year-old", "45-year-old", "three", "four")


@pytest.fixture(scope="module")
def docs(extractor: Extractor) -> list[dict]:
    return [extractor.extract_text(text).to_dict() for text, _, _ in ARTICLES]


def _dates(record: dict) -> dict[str, tuple[str, str | None]]:
    return {
        m["text"]: (e["kind"], m["value"])
        for e in record["entities"]
        if e["type"] == "DATE"
        for m in e["mentions"]
    }


@pytest.mark.parametrize("index", range(len(ARTICLES)))
def test_wire_articles_resolve_from_their_own_opening(docs: list[dict], index: int) -> None:
    _, ref, expected = ARTICLES[index]
    record = docs[index]
    assert (record["ref_date"], record["ref_date_source"]) == (ref, "text")
    got = _dates(record)
    for text, want in expected.items():
        assert got.get(text) == want, text
    assert not set(got) & set(NOT_DATES)


def test_durations_are_kept_apart_by_id(docs: list[dict]) -> None:
    ids = {e["id"] for d in docs for e in d["entities"] if e["type"] == "DATE"}
    assert {"duration/P6W", "duration/PT30H", "set/P1W"} <= ids


def test_types_select_calendar_dates_apart_from_durations(extractor: Extractor) -> None:
    text = ARTICLES[1][0]
    only_dates = Extractor(Settings(types=parse_types("DATE")))
    only_dates._pipeline = extractor.pipeline  # the model is loaded once for the session
    kinds = {e.kind for e in only_dates.extract_text(text).entities}
    assert kinds <= {"DATE", "TIME"}
    durations = Extractor(Settings(types=parse_types("DURATION,SET")))
    durations._pipeline = extractor.pipeline
    kinds = {e.kind for e in durations.extract_text(text).entities}
    assert kinds == {"DURATION", "SET"}


def test_tables_and_timeline_show_durations_only_when_asked(tmp_path) -> None:
    path = tmp_path / "khartoum.txt"
    path.write_text(ARTICLES[1][0] + " Now the city waits.", encoding="utf-8")
    runner = CliRunner()
    table = runner.invoke(app, ["extract", str(path), "-f", "table"])
    assert table.exit_code == 0, table.output
    assert "PT30H" not in table.stdout and "Durations" not in table.stdout
    assert "Vague references: Now" in table.stdout
    asked = runner.invoke(app, ["extract", str(path), "-f", "table", "--types", "DATE,DURATION"])
    assert "Durations and frequencies" in asked.stdout and "PT30H" in asked.stdout
    assert "every week" not in asked.stdout  # a SET, not asked for
    timeline = runner.invoke(app, ["extract", str(path), "-f", "timeline"])
    assert "2024-06-14" in timeline.stdout
    assert "PT30H" not in timeline.stdout and "PRESENT_REF" not in timeline.stdout
    report = runner.invoke(app, ["extract", str(path), "-f", "html"])
    assert report.exit_code == 0, report.output
    assert "PT30H" not in report.stdout and "2024-06-14" in report.stdout
    machine = runner.invoke(app, ["extract", str(path), "-f", "json"])
    kinds = {e["kind"] for e in json.loads(machine.stdout)[0]["entities"] if e["type"] == "DATE"}
    assert {"DURATION", "SET"} <= kinds  # machine formats carry everything by default


def test_unknown_type_names_the_choices(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks lasted six weeks.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--types", "DATE,LENGTH"])
    assert result.exit_code != 0
    assert "DURATION" in result.output
