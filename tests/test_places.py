"""Places pinned down: cities from GeoNames, kinds from gazetteers and patterns, datelines."""

from __future__ import annotations

import pytest

from conftest import mention_types
from entext.places import find_city, is_major_city, known_place


def test_find_city_prefers_a_country_the_document_names():
    assert find_city("Baghdad").country == "IQ"
    tripoli = find_city("Tripoli")
    assert tripoli is not None and tripoli.country == "LY"  # the most populous Tripoli
    assert find_city("Tripoli", ["LB"]).country == "LB"


def test_unknown_names_are_not_cities():
    assert find_city("Nowhereville Prime") is None
    assert not is_major_city("Mashtal")
    assert is_major_city("Mosul")


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Gunmen attacked the Zamzam camp near El Fasher on Sunday.", "Zamzam", "CAMP"),
        ("Aid trucks waited at the Rafah crossing.", "Rafah crossing", "CROSSING"),
        ("Rockets hit Ain al-Asad air base in western Iraq.", "Ain al-Asad Air Base", "BASE"),
        ("Clashes erupted in the Karrada district of Baghdad.", "Karrada", "NEIGHBOURHOOD"),
        ("Clashes erupted in the Qasimiya district of Mosul.", "Qasimiya", "DISTRICT"),
        ("Fighting spread across Deir ez-Zor province.", "Deir ez-Zor", "GOVERNORATE"),
        ("Fighting spread across Qarabel province.", "Qarabel province", "PROVINCE"),
    ],
)
def test_small_places_get_a_kind(extractor, text, name, kind):
    doc = extractor.extract_text(text)
    places = {e.name: e.kind for e in doc.entities if e.type == "LOC"}
    assert any(n.startswith(name.split()[0]) and k == kind for n, k in places.items()), places


def test_cities_carry_coordinates(sample_doc):
    (baghdad,) = [e for e in sample_doc.entities if e.name == "Baghdad"]
    assert baghdad.kind == "CITY" and baghdad.attrs["country"] == "IQ"
    assert abs(baghdad.attrs["lat"] - 33.34) < 0.1 and abs(baghdad.attrs["lon"] - 44.40) < 0.1


def test_dateline_opens_with_a_place(extractor):
    doc = extractor.extract_text("MOSUL, Iraq (Reuters) - Islamic State fighters withdrew.\n")
    first = min((m.start, e) for e in doc.entities for m in e.mentions)[1]
    assert first.type == "LOC" and first.name == "Mosul"
    doc = extractor.extract_text("UPDATE 2 - Talks resume in Geneva.\n")
    assert all(e.name != "UPDATE" for e in doc.entities)


@pytest.mark.parametrize(
    "text, places",
    [
        # Stories pasted one after another: each dateline counts, not only the first.
        (
            "Shares fell on Monday. By Jane Roe. BOSTON (Reuters) - A restaurant owner was "
            "charged. Officials declined to comment. ALBUQUERQUE, N.M. (AP) - Documents show "
            "a New Mexico official was paid.",
            ["BOSTON", "ALBUQUERQUE"],
        ),
        (
            "By JILL COLVIN, Associated Press WASHINGTON (AP) — China vowed to fight.",
            ["WASHINGTON"],
        ),
        (
            "TIJUANA & SAN DIEGO,, MARCH 29, 2018 -- The Mexican government said.",
            ["TIJUANA", "SAN DIEGO"],
        ),
        (
            "Lawmakers met on Tuesday. IMMOKALEE – Congressman Mario Diaz-Balart spoke.",
            ["IMMOKALEE"],
        ),
        ("OKLAHOMA CITY The Latest on teachers rallying for higher pay.", ["OKLAHOMA CITY"]),
        ("ST. LOUIS – St. Louis Police announced arrests.", ["ST. LOUIS"]),
    ],
)
def test_datelines_anywhere_in_the_text(extractor, text, places):
    types = _types(extractor, text)
    for place in places:
        assert types.get(place) == "LOC", (place, types)


@pytest.mark.parametrize(
    "text, name",
    [
        # Capitals that open a sentence are not a dateline unless they name a known place...
        ("Wall talks stalled. AMLO, as he is known, said little.", "AMLO"),
        ("The alliance met. NATO – the alliance – agreed to act.", "NATO"),
        # ... and headings are not places.
        ("Markets closed. UPDATE 2 - Talks resume in Geneva.", "UPDATE"),
    ],
)
def test_capitals_that_are_not_datelines(extractor, text, name):
    assert _types(extractor, text).get(name) != "LOC"


def test_known_places_include_states_and_flag_english_words():
    assert known_place("Tamil Nadu").kind == "ADMIN"  # ISO 3166-2 "Tamil Nādu", folded
    assert known_place("Aleppo").kind == "CITY" and known_place("Aleppo").population > 1_000_000
    assert known_place("Reading").is_word and known_place("Delta").is_word
    assert not known_place("Kent").is_word
    assert known_place("Mashtal") is None


def _types(extractor, text: str) -> dict[str, str]:
    return mention_types(extractor.extract_text(text))


@pytest.mark.parametrize(
    "text, name",
    [
        # The small model reads these as people or organisations, or misses them.
        ("Near Palmyra, one strike destroyed two ISIL weapons caches.", "Palmyra"),
        ("Historic cities such as Aleppo have been reduced to rubble.", "Aleppo"),
        ("The DPRK and the United States lack basic mutual trust.", "DPRK"),
        ("Tamil Nadu accused the Centre of refusing to act on the order.", "Tamil Nadu"),
        ("The migrants have camped out in Kasba Bonli since Tuesday.", "Kasba Bonli"),
        ("The next race is at Brands Hatch Indy, Kent.", "Kent"),
        ("Yahya Saree said the missiles hit Eilat.", "Eilat"),
        ("Government forces recaptured Bakhmut after a week.", "Bakhmut"),
    ],
)
def test_places_the_model_misreads_or_misses(extractor, text, name):
    assert _types(extractor, text).get(name) == "LOC"


@pytest.mark.parametrize(
    "text, name, type_",
    [
        ("Secretary Kerry said the talks would go on.", "Kerry", "PERSON"),
        ("Tim Reading said the talks would go on.", "Reading", None),
        ("Paul Kent scored twice. Later Kent said he was tired.", "Kent", "PERSON"),
    ],
)
def test_people_are_not_taken_for_places(extractor, text, name, type_):
    got = _types(extractor, text).get(name)
    assert got == type_ or (type_ is None and got != "LOC")
