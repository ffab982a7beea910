"""Places pinned down: cities from GeoNames, kinds from gazetteers and patterns, datelines."""

from __future__ import annotations

import pytest

from entext.places import find_city, is_major_city


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
