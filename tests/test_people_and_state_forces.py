"""People whole with their nicknames and aliases; state forces however they are written;
peoples that are not places; lists of places (issue 17). Sentences written for these tests."""

from __future__ import annotations

import pytest

from conftest import entities_by, mention_types


def _person(doc, name):
    people = [e for e in entities_by(doc, "PERSON") if e.name == name]
    assert len(people) == 1, [(e.name, [m.text for m in e.mentions]) for e in doc.entities]
    return people[0]


@pytest.mark.parametrize(
    "text, canonical, alias, later",
    [
        (
            'Mexican officials said Nemesio "El Mencho" Oseguera was still at large. '
            "El Mencho has evaded capture for a decade.",
            "Nemesio Oseguera",
            "El Mencho",
            "El Mencho",
        ),
        (
            'The strike killed Jamal Jaafar "Abu Mahdi" al-Muhandis near the airport. '
            "Abu Mahdi had long been close to Tehran.",
            "Jamal Jaafar al-Muhandis",
            "Abu Mahdi",
            "Abu Mahdi",
        ),
        (
            "Prosecutors named Joaquín “El Chapo” Guzmán in the indictment. Guzmán denied it, "
            "and El Chapo's lawyers appealed.",
            "Joaquín Guzmán",
            "El Chapo",
            "Guzmán",
        ),
    ],
)
def test_a_quoted_nickname_is_part_of_the_name_and_an_alias(
    extractor, text, canonical, alias, later
):
    doc = extractor.extract_text(text)
    person = _person(doc, canonical)
    assert alias in person.attrs["aliases"]
    texts = [m.text for m in person.mentions]
    assert texts[0].startswith(canonical.split()[0]) and alias in texts[0], texts
    assert later in texts[1:], texts
    assert not [e for e in entities_by(doc, "ORG") if alias in e.name]


@pytest.mark.parametrize(
    "text, canonical, alias",
    [
        ("Salim Hadi, also known as Abu Hadi, commanded the unit. Abu Hadi fled.", "Salim Hadi",
         "Abu Hadi"),
        ("The court tried Omar Farouk, alias Sheikh Omar, in absentia.", "Omar Farouk",
         "Sheikh Omar"),
        ("The raid targeted Khalid Mansour, better known as Abu Zaid, in Idlib.",
         "Khalid Mansour", "Abu Zaid"),
        ("Ahmed Karim, whose nom de guerre is Abu Bakr, was captured in 2019.", "Ahmed Karim",
         "Abu Bakr"),
        # an age between the name and the alias
        ("Mohamed Hamdan Dagalo, 49, known as Hemedti, leads the RSF.",
         "Mohamed Hamdan Dagalo", "Hemedti"),
        ("Police named Yusuf Abdi Warsame, 31, also known as Abu Yasir, as the bomber.",
         "Yusuf Abdi Warsame", "Abu Yasir"),
    ],
)  # fmt: skip
def test_also_known_as_joins_two_names_of_one_person(extractor, text, canonical, alias):
    doc = extractor.extract_text(text)
    person = _person(doc, canonical)
    assert person.attrs["aliases"] == [alias]
    assert alias in [m.text for m in person.mentions]


def test_known_as_after_an_organisation_makes_no_person(extractor):
    doc = extractor.extract_text(
        "The Islamic State, also known as ISIS, claimed the attack on the checkpoint."
    )
    assert not entities_by(doc, "PERSON")


@pytest.mark.parametrize(
    "text, country, actor, kind",
    [
        ("Niger's army said it had repelled an attack near Tillaberi.", "Niger",
         "Nigerien army", "MILITARY"),
        ("Somalia's national army retook the town on Friday.", "Somalia",
         "Somali national army", "MILITARY"),
        ("Mali’s armed forces announced a curfew in Gao.", "Mali", "Malian armed forces",
         "MILITARY"),
        ("Colombia's Military Forces condemned the attack.", "Colombia",
         "Colombian Military Forces", "MILITARY"),
        ("Chad's defence ministry denied the report on Tuesday.", "Chad",
         "Chadian defence ministry", "GOVERNMENT"),
        ("Nigeria's interior ministry said the camp had been closed.", "Nigeria",
         "Nigerian interior ministry", "GOVERNMENT"),
    ],
)  # fmt: skip
def test_a_possessive_country_is_a_place_and_its_force_an_actor(
    extractor, text, country, actor, kind
):
    doc = extractor.extract_text(text)
    assert country in {e.name for e in entities_by(doc, "LOC", "COUNTRY")}
    actors = [e for e in entities_by(doc, "ORG") if e.name == actor]
    assert actors and actors[0].kind == kind, [(e.name, e.kind) for e in doc.entities]
    assert country not in actors[0].mentions[0].text


@pytest.mark.parametrize(
    "text, span, kind",
    [
        ("Israeli air defence forces intercepted the missile over Haifa.",
         "Israeli air defence forces", "MILITARY"),
        ("The French-led task force withdrew from Mali in 2022.", "French-led task force",
         "MILITARY"),
        ("Nigerian special forces freed the hostages.", "Nigerian special forces", "MILITARY"),
        ("Ethiopian national defense forces crossed the border.",
         "Ethiopian national defense forces", "MILITARY"),
        ("Kenyan police arrested three suspects in Mandera.", "Kenyan police", None),
        ("The Chadian defence ministry denied the report.", "Chadian defence ministry",
         "GOVERNMENT"),
    ],
)  # fmt: skip
def test_a_demonym_and_a_force_are_one_state_actor(extractor, text, span, kind):
    doc = extractor.extract_text(text)
    found = [e for e in entities_by(doc, "ORG") if span in [m.text for m in e.mentions]]
    assert found and found[0].kind == kind, [(e.name, e.kind) for e in doc.entities]


def test_a_known_army_keeps_its_gazetteer_entity(extractor):
    doc = extractor.extract_text("The Sudanese Armed Forces shelled positions near El Fasher.")
    saf = [e for e in entities_by(doc, "ORG", "MILITARY") if "Sudanese Armed Forces" in e.name]
    assert saf and "/" in saf[0].id and not saf[0].id.startswith("org/")


@pytest.mark.parametrize(
    "text, not_a_place",
    [
        ("Residents fled the Sudanese town of Tawila after the attack.", "Sudanese"),
        ("Hutu militias crossed into the province overnight.", "Hutu"),
        ("The Masalit were driven from El Geneina.", "Masalit"),
        ("The ADF, a Ugandan armed group, attacked the village.", "Ugandan"),
    ],
)
def test_demonyms_and_ethnic_groups_are_not_places(extractor, text, not_a_place):
    types = mention_types(extractor.extract_text(text))
    assert types.get(not_a_place) not in ("LOC", "ORG"), types


@pytest.mark.parametrize(
    "text, places",
    [
        ("The army holds the northern towns, including Kafr Talha, Umm Sayala and Jabal Amir.",
         ["Kafr Talha", "Umm Sayala", "Jabal Amir"]),
        ("Families fled villages such as Nyan Chaung, Ah Lel and Thit Tone Nar.",
         ["Nyan Chaung", "Ah Lel", "Thit Tone Nar"]),
    ],
)  # fmt: skip
def test_a_list_after_a_plural_place_noun_is_a_list_of_places(extractor, text, places):
    types = mention_types(extractor.extract_text(text))
    for place in places:
        assert types.get(place) in ("LOC", None), types
    assert sum(types.get(p) == "LOC" for p in places) >= 2, types


def test_a_list_of_leaders_stays_people(extractor):
    types = mention_types(
        extractor.extract_text("Leaders such as Vladimir Putin and Narendra Modi met.")
    )
    assert types.get("Vladimir Putin") == "PERSON" and types.get("Narendra Modi") == "PERSON"
