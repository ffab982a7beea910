"""How rules and the statistical model share the text (the precedence in components.py)."""

from __future__ import annotations

import pytest


def _ents(extractor, text: str) -> dict[str, tuple[str, str | None, str]]:
    doc = extractor.extract_text(text)
    return {m.text: (e.type, e.kind, m.source) for e in doc.entities for m in e.mentions}


def test_a_known_group_beats_the_model(extractor):
    # plain en_core_web_sm reads "Kataib Hezbollah" as a person
    got = _ents(extractor, "Kataib Hezbollah claimed the attack on Tuesday.")
    assert got["Kataib Hezbollah"] == ("ORG", "MILITIA", "gazetteer")


def test_a_pattern_does_not_eat_a_longer_model_name(extractor):
    got = _ents(extractor, "The Gaza Health Ministry said 12 people were killed.")
    assert got.get("Gaza Health Ministry", ("?",))[0] == "ORG", got
    assert "Gaza" not in got


@pytest.mark.parametrize(
    "text, name",
    [
        ("Saraya Ansar al-Mahdi claimed the drone attack.", "Saraya Ansar al-Mahdi"),
        ("The Espanola Battalion moved to Bakhmut.", "Espanola Battalion"),
        ("Harakat Sawad Misr claimed responsibility.", "Harakat Sawad Misr"),
        # names of more than two parts, which the model need not see whole
        (
            "A new group calling itself the Jaish al-Tahrir al-Watani seized the town.",
            "Jaish al-Tahrir al-Watani",
        ),
        (
            "Harakat Ahrar al-Sham al-Islamiyya fighters withdrew.",
            "Harakat Ahrar al-Sham al-Islamiyya",
        ),
    ],
)
def test_unlisted_militias_are_found_by_patterns(extractor, text, name):
    assert _ents(extractor, text).get(name, ("?", "?"))[:2] == ("ORG", "MILITIA")


@pytest.mark.parametrize(
    "text, name, other",
    [
        # A known name continued by an Arabic name chain is another group ...
        (
            "Fighters from Liwa al-Quds al-Thani clashed with the army.",
            "Liwa al-Quds al-Thani",
            "Liwa al-Quds",
        ),
        (
            "Harakat Hezbollah al-Nujaba denied the claim.",
            "Harakat Hezbollah al-Nujaba",
            "Hezbollah",
        ),
    ],
)
def test_a_longer_militia_name_is_another_group(extractor, text, name, other):
    got = _ents(extractor, text)
    assert got.get(name, ("?", "?"))[:2] == ("ORG", "MILITIA"), got
    assert other not in got


def test_the_chain_rule_and_the_militia_patterns_share_their_particles():
    import json
    from importlib import resources

    from entext.name_words import NAME_CHAIN_PARTICLES

    path = resources.files("entext") / "data" / "patterns" / "militia.jsonl"
    lines = [json.loads(x) for x in path.read_text().splitlines() if x.startswith("{")]
    chains = [
        set(token["LOWER"]["IN"])
        for line in lines
        for i, token in enumerate(line["pattern"])
        if i > 1 and "OP" not in token and isinstance(token.get("LOWER"), dict)
    ]
    assert chains and all(chain >= NAME_CHAIN_PARTICLES for chain in chains)


def test_a_known_name_keeps_its_entity_before_an_english_word(extractor):
    # ... but not one followed by a place ("at Timbuktu"): that is still the known group.
    doc = extractor.extract_text("Ansar Dine at Timbuktu claimed the attack.")
    (group,) = [e for e in doc.entities if e.type == "ORG"]
    assert group.id == "militia/ansar-dine" and group.name == "Ansar Dine"


def test_weak_aliases_need_support(extractor):
    # "Wagner" alone is a surname; the full name or the model's ORG reading supports it.
    got = _ents(extractor, "The Wagner Group left Mali. Wagner fighters stayed in Bamako.")
    assert got["Wagner"][:2] == ("ORG", "MILITIA")
    got = _ents(extractor, "Richard Wagner wrote operas.")
    assert all(kind != "MILITIA" for _, kind, _ in got.values())


@pytest.mark.parametrize(
    "text, not_id",
    [
        # Aliases with another common meaning are weak: they need the full name in the document.
        ("Abu Mohammed al-Golani met envoys in Damascus.", "military/golani-brigade"),
        ("The US sanctioned Bank Sepah on Monday.", "military/irgc"),
        ("Tribesmen attacked a checkpoint in Rada'a.", "militia/radaa"),
        ("The Australian ADF sent two frigates.", "militia/adf"),
    ],
)
def test_ambiguous_aliases_alone_are_not_the_group(extractor, text, not_id):
    doc = extractor.extract_text(text)
    assert all(e.id != not_id for e in doc.entities)


def test_a_country_s_joint_chiefs_are_its_own(extractor):
    doc = extractor.extract_text(
        "South Korea's Joint Chiefs of Staff said North Korea fired a missile."
    )
    assert "military/rok-joint-chiefs-of-staff" in {e.id for e in doc.entities}
    assert "military/us-joint-chiefs-of-staff" not in {e.id for e in doc.entities}
