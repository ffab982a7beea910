"""entext eval resolves each gold document's dates against the date the document itself states."""

from __future__ import annotations

import pytest

from entext.evaluate import document_date, evaluate, gold_problem

TEXT = "Gunmen attacked a checkpoint near Kidal on Friday, the army said."


def _gold(**date: str) -> dict:
    start = TEXT.index("Friday")
    return {
        "id": "g1",
        "text": TEXT,
        "entities": [
            {
                "start": start,
                "end": start + 6,
                "text": "Friday",
                "label": "DATE",
                "value": "2025-01-31",
            }
        ],
        **date,
    }


@pytest.mark.parametrize("key", ["dct", "pub_date"])
def test_a_document_date_under_either_name_resolves_its_weekdays(extractor, key):
    # 2025-02-05 is a Wednesday: "on Friday" in past-tense copy is 31 January.
    report = evaluate([_gold(**{key: "2025-02-05"})], extractor, types=frozenset({"DATE"}))
    assert (report.value_matched, report.value_correct) == (1, 1)


def test_without_a_document_date_the_weekday_stays_unresolved(extractor):
    report = evaluate([_gold()], extractor, types=frozenset({"DATE"}))
    assert (report.value_matched, report.value_correct) == (1, 0)


def test_dct_wins_over_pub_date_and_a_bad_pub_date_is_named():
    assert str(document_date({"dct": "2024-03-01", "pub_date": "2025-02-05"})) == "2024-03-01"
    assert gold_problem({"text": "x", "entities": [], "pub_date": "soon"}) == (
        "'pub_date' 'soon' is not a date (YYYY-MM-DD...)"
    )
