"""The bigger gazetteer also fixes recognition: names the small model calls people or
organisations that the world gazetteer knows as places in the document's focus country, used as
places, become places; people stay people. The sentences are written for these tests; entities
are built by hand with the model's (wrong) labels, so each case tests the pass, not the model."""

from __future__ import annotations

import re

import pytest

from entext.geocode import geocode_entities
from entext.normalize import slugify
from entext.schema import Entity, Mention


def _entities(text: str, labels: dict[str, str]) -> tuple[Entity, ...]:
    """One entity per name with the given label, a model mention at each whole-word occurrence."""
    out = []
    for name, label in labels.items():
        mentions = tuple(
            Mention(m.start(), m.end(), name, "model")
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        )
        assert mentions, name
        out.append(Entity(f"{label.lower()}/{slugify(name)}", label, None, name, mentions))  # type: ignore[arg-type]
    return tuple(sorted(out, key=lambda e: e.first_offset))


def _types(text: str, labels: dict[str, str]) -> dict[str, tuple[str, str | None]]:
    entities, _ = geocode_entities(text, _entities(text, labels))
    return {e.mentions[0].text: (e.type, e.attrs.get("country")) for e in entities}


@pytest.mark.parametrize(
    "text, labels, name, country",
    [
        # a Nigerian town after "in", read as an organisation
        (
            "Gunmen attacked a market in Konduga on Sunday, police in Borno said. Residents "
            "of Maiduguri fled as the army sent troops across Nigeria's northeast.",
            {"Borno": "LOC", "Maiduguri": "LOC", "Nigeria": "LOC", "Konduga": "ORG"},
            "Konduga",
            "NG",
        ),
        # a Ukrainian town after "near", read as a person
        (
            "Russian forces pressed their assault near Vuhledar, Ukraine's general staff said, "
            "while shelling hit Kharkiv and Donetsk overnight.",
            {"Ukraine": "LOC", "Kharkiv": "LOC", "Donetsk": "LOC", "Vuhledar": "PERSON"},
            "Vuhledar",
            "UA",
        ),
        # a list of Libyan cities, one read as an organisation
        (
            "Clashes spread to Tripoli, Gharyan, Sirte and Benghazi as Libya's rival "
            "governments traded blame.",
            {"Tripoli": "LOC", "Sirte": "LOC", "Benghazi": "LOC", "Libya": "LOC", "Gharyan": "ORG"},
            "Gharyan",
            "LY",
        ),
        # residence after ", of" in a British court report, read as a person
        (
            "Thomas Reed, 34, of Kidlington, admitted the offence at Oxford Crown Court. "
            "He was remanded in custody in Oxford, England.",
            {"Thomas Reed": "PERSON", "Oxford": "LOC", "England": "LOC", "Kidlington": "PERSON"},
            "Kidlington",
            "GB",
        ),
        # a place before its larger place, read as an organisation
        (
            "Floods closed roads in Minnesota on Friday. The river crested at Owatonna, "
            "Minnesota, and officials in Minneapolis opened shelters.",
            {"Minnesota": "LOC", "Minneapolis": "LOC", "Owatonna": "ORG"},
            "Owatonna",
            "US",
        ),
        # a Yemeni district with its designator, read as a person
        (
            "Houthi fighters advanced on Harib district in Yemen's Marib governorate, "
            "tribal sources in Yemen said.",
            {"Yemen": "LOC", "Marib": "LOC", "Harib": "PERSON"},
            "Harib",
            "YE",
        ),
        # "at" a town, the model saying person
        (
            "A drone struck a checkpoint at Sangin in Afghanistan's Helmand province, the "
            "governor's office in Lashkar Gah said.",
            {"Afghanistan": "LOC", "Helmand": "LOC", "Lashkar Gah": "LOC", "Sangin": "PERSON"},
            "Sangin",
            "AF",
        ),
    ],
)
def test_a_place_of_the_focus_country_used_as_a_place_becomes_a_place(text, labels, name, country):
    assert _types(text, labels)[name] == ("LOC", country)


@pytest.mark.parametrize(
    "text, labels, name",
    [
        # a surname that is also an American city, after a title
        (
            "Senator Burton told reporters in Washington that Michigan would get the money. "
            "Burton said the vote in Detroit was close.",
            {"Washington": "LOC", "Michigan": "LOC", "Detroit": "LOC", "Burton": "PERSON"},
            "Burton",
        ),
        # a person's surname that is a British town, part of a longer name here
        (
            "Jane Tenby, the charity's director, spoke in London. Later Tenby visited Cardiff "
            "and Wales.",
            {
                "Jane Tenby": "PERSON",
                "Tenby": "PERSON",
                "London": "LOC",
                "Cardiff": "LOC",
                "Wales": "LOC",
            },
            "Tenby",
        ),
        # a speaker after a place and a comma
        (
            "In Ames, Selma argued that Iowa farmers had been ignored. Officials in Des Moines "
            "disagreed.",
            {"Ames": "LOC", "Iowa": "LOC", "Des Moines": "LOC", "Selma": "PERSON"},
            "Selma",
        ),
        # a place name abroad: not in the story's focus country
        (
            "Protesters gathered in Baghdad and Basra on Friday. Iraqi officials met in "
            "Baghdad as crowds near Darwin's statue chanted.",
            {"Baghdad": "LOC", "Basra": "LOC", "Darwin": "PERSON"},
            "Darwin",
        ),
        # an organisation after "at": universities are named after their towns
        (
            "She studied at Princeton before moving to New Jersey and later New York, where "
            "she taught in Manhattan.",
            {"New Jersey": "LOC", "New York": "LOC", "Manhattan": "LOC", "Princeton": "ORG"},
            "Princeton",
        ),
        # no place cue at all: the model's reading stands
        (
            "Officials in Nigeria said Dikwa had been informed of the decision, which Abuja "
            "welcomed.",
            {"Nigeria": "LOC", "Abuja": "LOC", "Dikwa": "PERSON"},
            "Dikwa",
        ),
        # a person after "in" with a possessive ("in Kamal's view") in a story about Indonesia
        (
            "Jakarta and Surabaya saw protests; in Kamal's view, Indonesia had waited too long.",
            {"Jakarta": "LOC", "Surabaya": "LOC", "Indonesia": "LOC", "Kamal": "PERSON"},
            "Kamal",
        ),
    ],
)
def test_people_and_organisations_stay_what_they_are(text, labels, name):
    assert _types(text, labels)[name][0] == labels[name]


def test_gazetteer_and_pattern_names_are_never_changed():
    text = "Fighting near Gharyan and Tripoli spread across Libya."
    entities = list(_entities(text, {"Tripoli": "LOC", "Libya": "LOC", "Gharyan": "ORG"}))
    i = next(i for i, e in enumerate(entities) if e.name == "Gharyan")
    mention = entities[i].mentions[0]
    entities[i] = Entity(
        "org/gharyan", "ORG", None, "Gharyan", (Mention(mention.start, mention.end, "Gharyan",
                                                         "gazetteer"),)
    )  # fmt: skip
    got, _ = geocode_entities(text, entities)
    assert next(e for e in got if e.name == "Gharyan").type == "ORG"


def test_a_converted_place_is_geocoded_and_counts_for_the_list_beside_it():
    text = (
        "The storm cut power between Helmsley and Malton. Engineers from York worked through "
        "the night across North Yorkshire, England."
    )
    labels = {"North Yorkshire": "LOC", "England": "LOC", "York": "LOC", "Helmsley": "PERSON",
              "Malton": "ORG"}  # fmt: skip
    entities, _ = geocode_entities(text, _entities(text, labels))
    got = {e.name: e for e in entities}
    for name in ("Helmsley", "Malton"):
        assert got[name].type == "LOC", name
        assert got[name].attrs["country"] == "GB"
        assert 53.8 < got[name].attrs["lat"] < 54.5, name
