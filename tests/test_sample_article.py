"""The acceptance points of the sample article the tool was designed around.

These come from general rules (gazetteers, patterns, trimming, name merging); nothing in
entext knows this article.
"""

from __future__ import annotations

import itertools

from conftest import entities_by, names


def test_people(sample_doc):
    people = names(sample_doc, "PERSON")
    assert {"Abu Baqir Al-Saadi", "Arkan Al Alyawi", "Yahya Rasool", "Murtadha Al-Sudani"} <= people
    assert "Kataib Hezbollah" not in people


def test_rasool_possessive_merges_into_the_spokesman(sample_doc):
    (rasool,) = [e for e in entities_by(sample_doc, "PERSON") if e.name == "Yahya Rasool"]
    texts = [m.text for m in rasool.mentions]
    assert "Rasool" in texts and "Yahya Rasool" in texts
    assert all("’s" not in t and "'s" not in t for t in texts)


def test_militia_and_military_told_apart(sample_doc):
    assert "Kataib Hezbollah" in names(sample_doc, "ORG", "MILITIA")
    centcom = [
        e for e in entities_by(sample_doc, "ORG", "MILITARY") if e.name == "US Central Command"
    ]
    assert len(centcom) == 1
    assert {"US Central Command", "CENTCOM"} <= {m.text for m in centcom[0].mentions}


def test_other_organisations(sample_doc):
    assert "Anadolu Agency" in names(sample_doc, "ORG", None)
    orgs = names(sample_doc, "ORG")
    assert not {"Rasool's", "Rasool’s", "Rasool", "Mashtal"} & orgs


def test_places(sample_doc):
    places = names(sample_doc, "LOC")
    assert {
        "Baghdad",
        "Iraq",
        "Syria",
        "Jordan",
        "Israel",
        "Gaza Strip",
        "Middle East",
        "Mashtal",
    } <= places
    (mashtal,) = [e for e in entities_by(sample_doc, "LOC") if e.name == "Mashtal"]
    assert mashtal.kind == "NEIGHBOURHOOD"


def test_dates(sample_doc):
    assert sample_doc.ref_date == "2024-02-08"
    assert sample_doc.ref_date_source == "text"
    values = {m.text: m.value for e in entities_by(sample_doc, "DATE") for m in e.mentions}
    assert values["February 07, 2024"] == "2024-02-07"
    assert values["last night"] == "2024-02-07"
    assert values["last month"] == "2024-01"


def test_offsets_slice_to_the_mention_text(sample_doc):
    text = sample_doc.text
    mentions = [m for e in sample_doc.entities for m in e.mentions]
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_mentions_do_not_overlap(sample_doc):
    spans = sorted((m.start, m.end) for e in sample_doc.entities for m in e.mentions)
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        assert e1 <= s2, f"{(s1, e1)} overlaps {(s2, e2)}"
