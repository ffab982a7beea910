"""Names known by the words around them (issue 17): storms, weapon systems, merchant ships,
weather warnings and title words are not entities; companies and outlets introduced by their
trade are organisations; names before a place noun are places of that kind; countries are
whole. Sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import entities_by, mention_types


def _kinds(doc) -> dict[str, tuple[str, str | None]]:
    return {m.text: (e.type, e.kind) for e in doc.entities for m in e.mentions}


@pytest.mark.parametrize(
    "text, not_names",
    [
        ("Cyclone Idai flattened Beira in 2019. Idai left 600 people dead.", ["Idai"]),
        ("Super Typhoon Mawar battered Guam on Wednesday.", ["Mawar"]),
        ("Residents of Havana braced as Hurricane Rafael strengthened.", ["Rafael"]),
        (
            "The Observatory hoisted the Signal No. 8 and later a Red Rainstorm Warning.",
            ["Signal", "Red Rainstorm Warning"],
        ),
    ],
)
def test_storms_and_weather_warnings_are_not_entities(extractor, text, not_names):
    doc = extractor.extract_text(text)
    seen = " | ".join(mention_types(doc))
    for word in not_names:
        assert word not in seen, (word, mention_types(doc))


@pytest.mark.parametrize(
    "text, weapon, kept",
    [
        (
            "Russian forces fired Smerch rockets at Zaporizhzhia on Monday.",
            "Smerch",
            "Zaporizhzhia",
        ),
        ("The rebels said they downed a Lancet drone over Kupiansk.", "Lancet", "Kupiansk"),
        ("Kyiv asked Berlin for more Taurus missiles and IRIS-T batteries.", "IRIS-T", "Berlin"),
        ("Militants used Katyusha rockets against the base near Baghdad.", "Katyusha", "Baghdad"),
    ],
)
def test_weapon_systems_are_not_entities(extractor, text, weapon, kept):
    doc = extractor.extract_text(text)
    types = mention_types(doc)
    assert not [t for t in types if weapon in t], types
    assert types.get(kept) == "LOC", types


def test_an_armed_group_before_a_weapon_noun_stays(extractor):
    doc = extractor.extract_text("Hezbollah rockets struck Kiryat Shmona on Sunday.")
    assert _kinds(doc).get("Hezbollah") == ("ORG", "MILITIA"), _kinds(doc)


def test_a_merchant_ship_is_not_an_entity(extractor):
    doc = extractor.extract_text(
        "The Greek-owned bulk carrier Eternity C sank after the attack, and the crew of the "
        "tanker Sounion were rescued by a passing ship, Yemen's coast guard said."
    )
    types = mention_types(doc)
    assert not [t for t in types if "Eternity" in t or "Sounion" in t], types


@pytest.mark.parametrize(
    "text, dropped, person",
    [
        (
            "Interior Minister Abdul Rahman Mustafa visited the site.",
            "Interior",
            "Abdul Rahman Mustafa",
        ),
        ("Army Chief Asim Munir met the delegation in Rawalpindi.", "Army", "Asim Munir"),
        (
            "Station House Officer Tariq Mehmood said two suspects were held.",
            "Station House",
            "Tariq Mehmood",
        ),
    ],
)
def test_title_words_are_not_organisations(extractor, text, dropped, person):
    doc = extractor.extract_text(text)
    types = mention_types(doc)
    assert dropped not in types, types
    assert not [e for e in entities_by(doc, "ORG") if person in e.name], types


def test_a_title_inside_an_organisation_span_leaves_place_and_person():
    from entext.entities.context import Context, Draft
    from entext.entities.named_things import title_words_are_not_names
    from entext.rules import load_rules

    text = "Punjab Inspector General of Police Usman Anwar praised the officers."
    span = Draft(0, len("Punjab Inspector General of Police Usman Anwar"), "ORG", None, "", "model")
    out = title_words_are_not_names(Context(text, load_rules()), [span])
    assert [(text[m.start : m.end], m.type) for m in out] == [
        ("Punjab", "LOC"),
        ("Usman Anwar", "PERSON"),
    ]


def test_an_honorific_is_not_part_of_the_name(extractor):
    doc = extractor.extract_text(
        "U Thein Swe, a lawmaker from Sittwe, said Daw Mya Mya had fled to Yangon."
    )
    people = {e.name for e in entities_by(doc, "PERSON")}
    assert "Thein Swe" in people, people
    assert not [p for p in people if p.startswith(("U ", "Daw "))], people


@pytest.mark.parametrize(
    "text, org",
    [
        ("The private intelligence firm Sibylline said the threat had risen.", "Sibylline"),
        ("Drones hit a depot run by the trading company Gunvor, the ministry said.", "Gunvor"),
        ("According to the state broadcaster ORTM, the convoy reached Gao.", "ORTM"),
        ("The mining company Barrick suspended work at the site.", "Barrick"),
    ],
)
def test_a_company_introduced_by_its_trade_is_an_organisation(extractor, text, org):
    doc = extractor.extract_text(text)
    assert _kinds(doc).get(org) == ("ORG", None), _kinds(doc)


def test_a_credit_line_agency_is_an_organisation(extractor):
    doc = extractor.extract_text(
        "Gao, Mali, May 2 (APS) A convoy of trucks reached the city under escort."
    )
    assert _kinds(doc).get("APS") == ("ORG", None), _kinds(doc)


def test_a_place_police_force_is_an_organisation(extractor):
    doc = extractor.extract_text("The Swat Police arrested three men after the blast.")
    assert _kinds(doc).get("Swat Police") == ("ORG", None), _kinds(doc)


@pytest.mark.parametrize(
    "text, place, kind",
    [
        ("Fighters overran the Defra oil field in the night.", "Defra oil field", "FACILITY"),
        ("Water levels rose behind the Tekeze Dam after the rains.", "Tekeze Dam", "FACILITY"),
        ("Gunmen stormed Tungan Kawo village, residents said.", "Tungan Kawo village", "VILLAGE"),
        ("Troops withdrew to Kohat cantonment at dawn.", "Kohat cantonment", None),
    ],
)
def test_a_name_before_a_place_noun_is_a_place(extractor, text, place, kind):
    doc = extractor.extract_text(text)
    kinds = _kinds(doc)
    assert kinds.get(place, ("",))[0] == "LOC", kinds
    if kind is not None:
        assert kinds[place][1] == kind, kinds


def test_a_people_before_a_place_noun_is_not_a_place(extractor):
    doc = extractor.extract_text("They fled the Sudanese town of Tawila and an Arab village.")
    types = mention_types(doc)
    assert "Sudanese town" not in types and "Arab village" not in types, types


def test_a_country_named_in_several_words_is_whole(extractor):
    doc = extractor.extract_text(
        "Refugees crossed from Central African Republic into Chad, and others reached "
        "Equatorial Guinea."
    )
    kinds = _kinds(doc)
    assert kinds.get("Central African Republic") == ("LOC", "COUNTRY"), kinds
    assert kinds.get("Equatorial Guinea") == ("LOC", "COUNTRY"), kinds


def test_state_forces_and_militias_are_unchanged_by_the_cues(extractor):
    doc = extractor.extract_text(
        "The Sudanese army said it repelled the Rapid Support Forces near the Heglig oil "
        "field, while Houthi drones targeted the port of Eilat and the Israeli military "
        "intercepted them."
    )
    kinds = _kinds(doc)
    assert kinds.get("Sudanese army") == ("ORG", "MILITARY"), kinds
    assert kinds.get("Rapid Support Forces") == ("ORG", "MILITIA"), kinds
    assert kinds.get("Houthi") == ("ORG", "MILITIA"), kinds
    assert kinds.get("Israeli military") == ("ORG", "MILITARY"), kinds


@pytest.mark.parametrize(
    "text, not_a_place, place",
    [
        (
            "Arsenal reached the Champions League quarter-final after beating Bayern.",
            "Champions League",
            None,
        ),
        (
            "Chelsea lost the FA Cup quarter-final. Fighting reached the Old Town quarter of Nice.",
            "FA Cup",
            "Old Town",
        ),
        (
            "Officials opened a Kirkuk district-level office; the Hawija district was quiet.",
            None,
            "Hawija",
        ),
        (  # only "quarter" changes its sense before a hyphen: a district-level office is
            # still in its district
            "Later the Kenyan police said the Garissa district-level office was closed.",
            None,
            "Garissa",
        ),
        ("The match went to a quarter-hour of extra time at Anfield.", "quarter-hour", None),
    ],
)
def test_a_cue_word_opening_a_compound_makes_no_place(extractor, text, not_a_place, place):
    kinds = _kinds(extractor.extract_text(text))
    if not_a_place:
        assert kinds.get(not_a_place, ("", None))[0] != "LOC", kinds
    if place:
        assert kinds[place][0] == "LOC", kinds
