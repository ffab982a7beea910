"""Names read by the grammar around them (issue 17): appositions, ages and birth names make
people; organisation head nouns and Arabic armed-body words make organisations; place phrases,
Arabic place words, slashed pairs and one sense per discourse make places. Sentences written
for these tests (none is taken from an evaluation document)."""

from __future__ import annotations

import pytest

from conftest import mention_types


def _kinds(doc) -> dict[str, tuple[str, str | None]]:
    return {m.text: (e.type, e.kind) for e in doc.entities for m in e.mentions}


@pytest.mark.parametrize(
    "text, person",
    [
        ("One young girl, Islam, tells me she spends all day in the library.", "Islam"),
        ("Another boy, Jihad, said he had not been to school for two years.", "Jihad"),
        ("Knox Thames, the Special Advisor on Minorities, will visit Turkey.", "Knox Thames"),
        ("For 14-year-old Amjad it is safer there than being above ground.", "Amjad"),
        ("Fourteen-year-old Bilal sells tea, and 12-year-old Yazan helps him.", "Yazan"),
        ("For 11-year-old Nour, school is a tent.", "Nour"),
        ('"We paid by the day," says the farm\'s owner, Khaled Mahasneh.', "Khaled Mahasneh"),
        ("Anwar Qudsi, 52, said the shelling lasted all night.", "Anwar Qudsi"),
        ("The commander, born Ahmad Fadel al-Nazal, grew up in Zarqa.", "Ahmad Fadel al-Nazal"),
        ("His brother Tariq was arrested at the checkpoint.", "Tariq"),
    ],
)
def test_a_person_by_apposition_age_or_role_noun(extractor, text, person):
    types = mention_types(extractor.extract_text(text))
    assert types.get(person) == "PERSON", types


@pytest.mark.parametrize(
    "text, name, type_",
    [
        # A locative word before the name: the role noun belongs to the next clause.
        ("In Kasba Bonli, the village chief said twelve houses burned.", "Kasba Bonli", "LOC"),
        # A known place, an organisation's head noun, a known armed group.
        ("Mosul, the city's governor said, is safe again.", "Mosul", "LOC"),
        (
            "Thames Valley Police, an officer said, are searching for the driver.",
            "Thames Valley Police",
            "ORG",
        ),
        ("Hamas, the group's leader said, would not disarm.", "Hamas", "ORG"),
        ("Tamer Group, a construction firm, won the contract.", "Tamer Group", "ORG"),
    ],
)
def test_an_apposition_does_not_make_places_or_organisations_people(extractor, text, name, type_):
    types = mention_types(extractor.extract_text(text))
    assert types.get(name) == type_, types


@pytest.mark.parametrize(
    "text, name, kind",
    [
        (
            "Jaish al-Ta'ifa al-Mansurah denied any role in the bombing.",
            "Jaish al-Ta'ifa al-Mansurah",
            "MILITIA",
        ),
        ("Fighters of Liwa Fatemiyoun arrived from Afghanistan.", "Liwa Fatemiyoun", "MILITIA"),
        (
            "Delegates met at the G-20 Interfaith Conference in Potsdam.",
            "G-20 Interfaith Conference",
            None,
        ),
        (
            "The Hathala Welfare Society distributed food in the camp.",
            "Hathala Welfare Society",
            None,
        ),
        ("The Zamzam Relief Committee asked for more tents.", "Zamzam Relief Committee", None),
        (
            "Khalid Ibn al-Walid Group fighters moved into the village.",
            "Khalid Ibn al-Walid Group",
            None,
        ),
    ],
)
def test_organisations_by_head_noun_or_armed_body_word(extractor, text, name, kind):
    kinds = _kinds(extractor.extract_text(text))
    assert kinds.get(name) == ("ORG", kind), kinds


def test_a_country_named_union_stays_a_place(extractor):
    kinds = _kinds(extractor.extract_text("The Soviet Union collapsed in 1991."))
    assert kinds.get("Soviet Union", ("",))[0] == "LOC", kinds


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Meanwhile, the commander of the National Army, General Luis Cardozo, said troops "
            "were on alert.",
            "National Army",
        ),
        ("The Royal Navy sent a frigate to the Gulf.", "Royal Navy"),
    ],
)
def test_a_state_force_named_by_its_head_is_military(extractor, text, name):
    kinds = _kinds(extractor.extract_text(text))
    assert kinds.get(name) == ("ORG", "MILITARY"), kinds


def test_a_dateline_read_as_a_person_does_not_make_the_city_a_person(extractor):
    doc = extractor.extract_text(
        "KHARTOUM - The army tightened its grip on Khartoum on Sunday as fighting spread west."
    )
    types = mention_types(doc)
    assert types.get("Khartoum") == "LOC", types


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Shelling hit the village of Umm Sharshouh. Umm Sharshouh had been quiet, and the "
            "people of Umm Sharshouh fled north.",
            "Umm Sharshouh",
        ),
        ("He commanded a garrison on the Kuwaiti island of Failaka.", "Failaka"),
        ("Engineers repaired the bridges over the river Tigris, which divides Mosul.", "Tigris"),
        ("It was impossible to enter Darayya. The besieged suburb of Darayya may fall.", "Darayya"),
    ],
)
def test_a_name_after_a_place_phrase_is_a_place_throughout(extractor, text, place):
    doc = extractor.extract_text(text)
    found = [(m.text, e.type) for e in doc.entities for m in e.mentions if m.text == place]
    assert found and all(t == "LOC" for _, t in found), found
    assert len(found) == text.count(place), found


@pytest.mark.parametrize(
    "text, places",
    [
        (
            "Fighting continued in Sere Kaniye/Ras al-Ain and Geri Spi/Tal Abyad.",
            ["Sere Kaniye", "Ras al-Ain", "Geri Spi", "Tal Abyad"],
        ),
        (
            "The rebels withdrew to Jabal Hamrin, north of Wadi Hauran.",
            ["Jabal Hamrin", "Wadi Hauran"],
        ),
        ("Shells fell on Deir Hafer and Kafr Nabl overnight.", ["Deir Hafer", "Kafr Nabl"]),
    ],
)
def test_arabic_place_words_and_slashed_pairs_are_places(extractor, text, places):
    types = mention_types(extractor.extract_text(text))
    assert all(types.get(p) == "LOC" for p in places), types


def test_a_first_name_of_a_person_here_is_not_made_a_place(extractor):
    doc = extractor.extract_text(
        "Mahathir Mohamad spoke in Kuala Lumpur. Critics of Mahathir say he will not step down, "
        "and Mahathir said on Friday that he would stay."
    )
    types = mention_types(doc)
    assert types.get("Mahathir") != "LOC", types
