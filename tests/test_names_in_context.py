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
        (
            "The Army of the Victorious Sect was announced as one of its groups.",
            "Army of the Victorious Sect",
            "MILITIA",
        ),
        (
            "The domains were seized by the Office of Foreign Assets Control.",
            "Office of Foreign Assets Control",
            None,
        ),
        (
            "Experts from the Iraqi Ministry of Culture inspected the site.",
            "Iraqi Ministry of Culture",
            None,
        ),
        (
            "The Committee for the Protection of Journalists said 12 reporters were held.",
            "Committee for the Protection of Journalists",
            None,
        ),
    ],
)
def test_organisations_by_head_noun_head_of_or_armed_body_word(extractor, text, name, kind):
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


def test_a_name_held_by_someone_or_fled_from_is_a_place_throughout(extractor):
    text = (
        "Marines began their assault on insurgent-held Karabilah at dawn. Insurgents who fled "
        "Karabilah regrouped in Husaybah, and Karabilah was cleared four days later."
    )
    doc = extractor.extract_text(text)
    found = [e.type for e in doc.entities for m in e.mentions if m.text == "Karabilah"]
    assert found == ["LOC"] * 3, found


def test_fled_before_a_possessive_is_no_place(extractor):
    types = mention_types(extractor.extract_text("Thousands fled Assad's rule in 2012."))
    assert types.get("Assad") == "PERSON", types


@pytest.mark.parametrize(
    "text, places",
    [
        (
            "The rehabilitation of the Ishtar Gate is the latest venture. The Ishtar Gate has "
            "stood at the entrance to the city since 575 BC.",
            ["Ishtar Gate"],
        ),
        (
            "Worshippers left the Umayyad Mosque after prayers, and the Nuri Mosque was rebuilt.",
            ["Umayyad Mosque", "Nuri Mosque"],
        ),
        ("Protesters filled Tahrir Square on Friday.", ["Tahrir Square"]),
    ],
)
def test_a_name_ending_in_a_building_or_square_is_a_place(extractor, text, places):
    types = mention_types(extractor.extract_text(text))
    assert all(types.get(p) == "LOC" for p in places), types


def test_a_bare_summit_is_no_name(extractor):
    types = mention_types(extractor.extract_text("The Summit is the first since last year's."))
    assert "Summit" not in types, types


@pytest.mark.parametrize(
    "text, name, absent",
    [
        (
            "The attack was shown live on Iraqi state television on Sunday.",
            "Iraqi state television",
            None,
        ),
        ("Iranian state TV reported that the drone was shot down.", "Iranian state TV", None),
        # The outlet's own name is the organisation.
        (
            "The Russian state news agency Tass said the first flights had landed.",
            "Tass",
            "Russian state news agency",
        ),
    ],
)
def test_state_media_are_organisations(extractor, text, name, absent):
    kinds = _kinds(extractor.extract_text(text))
    assert kinds.get(name) == ("ORG", None), kinds
    assert absent not in kinds, kinds


@pytest.mark.parametrize(
    "text, name, type_",
    [
        # A surname that is a building's noun: the person stays.
        (
            "Chelsea left-back Wayne Bridge could miss the rest of the season.",
            "Wayne Bridge",
            "PERSON",
        ),
        # A firm in the role of an adviser, and a people's noun after an age: no person.
        ("His previous adviser, JPMorgan, quit last year.", "JPMorgan", "ORG"),
        ("The 55-year-old Frenchman told the club website he was happy.", "Frenchman", None),
        (
            "New owner Yeahronimo Media Ventures has not ruled out a sale.",
            "Yeahronimo Media Ventures",
            "ORG",
        ),
        # "<Head> of <Name>" stops before a person and before "in <place>".
        (
            "She taught at the University of California and Dan Gillmor wrote the foreword.",
            "Dan Gillmor",
            "PERSON",
        ),
        ("He ran Bank of China in New York before he fled.", "New York", "LOC"),
    ],
)
def test_the_grammar_rules_leave_these_alone(extractor, text, name, type_):
    types = mention_types(extractor.extract_text(text))
    assert types.get(name) == type_, types


def test_a_firm_named_after_a_city_stays_a_firm_where_the_text_uses_it_so(extractor):
    doc = extractor.extract_text(
        "Japanese electronics firm Hitachi has unveiled a robot. Hitachi said it would go on "
        "sale in 2006. The robot was shown in Hitachi, the company's home town, and Hitachi "
        "engineers said it could walk."
    )
    found = [e.type for e in doc.entities for m in e.mentions if m.text == "Hitachi"]
    assert found.count("LOC") <= 1, found


def test_a_locative_word_alone_does_not_spread_a_place_over_a_document(extractor):
    doc = extractor.extract_text(
        "Mozilla has released Firefox 1.0. Many users in Firefox forums praised it, and "
        "Firefox now has 5% of the market."
    )
    found = [e.type for e in doc.entities for m in e.mentions if m.text == "Firefox"]
    assert found.count("LOC") <= 1, found


@pytest.mark.parametrize(
    "text, country, not_a_span",
    [
        ("Ships waited outside a Sudan port for a week.", "Sudan", "Sudan port"),
        ("The Mali town was empty after the raid.", "Mali", "Mali town"),
        ("Russian missiles hit a Ukraine city overnight.", "Ukraine", "Ukraine city"),
    ],
)
def test_a_country_before_a_place_noun_is_the_country_alone(extractor, text, country, not_a_span):
    kinds = _kinds(extractor.extract_text(text))
    assert kinds.get(country) == ("LOC", "COUNTRY"), kinds
    assert not_a_span not in kinds, kinds


@pytest.mark.parametrize(
    "text, regions",
    [
        (
            "Accra, Dec. 3 - The turnout for each region was Ashanti; 15,000 out of 19,000, "
            "Volta; 9,600 out of 14,400, and Upper East; 6,300 out of 7,200.",
            ["Ashanti", "Volta", "Upper East"],
        ),
        (
            "NAIROBI - Results from Turkana, Marsabit and Mandera counties arrived late, while "
            "Garissa was still counting.",
            ["Turkana", "Marsabit", "Garissa"],
        ),
    ],
)
def test_regions_of_the_documents_country_named_bare_are_places(extractor, text, regions):
    types = mention_types(extractor.extract_text(text))
    assert all(types.get(r) == "LOC" for r in regions), types
