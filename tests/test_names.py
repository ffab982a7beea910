"""Names cut cleanly: brackets and citation marks glued to names stay out of them."""

from __future__ import annotations

import pytest

from conftest import mention_texts, mention_types


@pytest.mark.parametrize(
    "text, name",
    [
        ("Abboud Qanbar(Arabic: Abboud) is an Iraqi general.", "Abboud Qanbar"),
        ("He is also known as Abu Haidar,[1] and was appointed in 2007.", "Abu Haidar"),
        ("The choice fell on Mohan al-Freiji.[2] He declined.", "Mohan al-Freiji"),
    ],
)
def test_glued_brackets_and_citations_are_not_part_of_names(extractor, text, name):
    doc = extractor.extract_text(text)
    texts = mention_texts(doc)
    assert name in texts, texts
    assert not any("[" in t or "(" in t for t in texts), texts


@pytest.mark.parametrize(
    "text, not_a_name",
    [
        ("Forbin is joining U.S. ships USS Hopper (DDG 70) and USS Mahan (DDG 72).", "Mahan"),
        ("The French frigate FS Forbin joined the task force. Forbin sailed on.", "Forbin"),
        ("Near Mosul, one strike destroyed a VBIED and a UAV.", "VBIED"),
        ("Near Mosul, one strike destroyed four VBIEDs.", "VBIEDs"),
        ("QUESTION: Secretary Kerry, did you discuss Aleppo?", "QUESTION"),
    ],
)
def test_vessels_weapons_and_labels_are_not_names(extractor, text, not_a_name):
    doc = extractor.extract_text(text)
    texts = mention_texts(doc)
    assert not any(not_a_name in t for t in texts), texts
    assert not any(e.type == "DATE" and "7" in e.name for e in doc.entities), texts


@pytest.mark.parametrize(
    "text, name, type_",
    [
        (
            "Minister for the Middle East Tobias Ellwood visited Baghdad.",
            "Tobias Ellwood",
            "PERSON",
        ),
        ("U.S. Secretary of State Kerry met his counterpart.", "State", None),
        ("Rebels held the besieged suburb of Darayya for four years.", "Darayya", "LOC"),
        ("The siege of Darayya by government forces began in 2012.", "Darayya", "LOC"),
    ],
)
def test_titles_and_place_phrases(extractor, text, name, type_):
    doc = extractor.extract_text(text)
    types = mention_types(doc)
    assert types.get(name) == type_, types


def test_name_parts_stay_small_for_a_name_the_model_runs_over_a_paragraph():
    from entext.entities.names import NAME_PART_MAX_TOKENS, is_part_of, name_parts

    runaway = ("mohammed",) * 5_000 + ("rasool",)
    parts = name_parts([runaway, ("yahya", "rasool"), ("abu", "baqir", "al-saadi")])
    assert len(parts.short) <= 2 * NAME_PART_MAX_TOKENS + 3
    assert ("rasool",) in parts and ("abu", "baqir") in parts
    assert ("mohammed", "rasool") in parts and is_part_of(("mohammed", "rasool"), runaway)
    long_part = runaway[-40:]
    assert long_part in parts and is_part_of(long_part, runaway)
    assert ("rasool", "mohammed") not in parts and runaway not in parts
