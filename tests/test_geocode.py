"""Geocoding with the document as context: which Georgia, which Washington, where a
neighbourhood is, and when to say nothing. Entities are built by hand from sentences written
for these tests, so each case tests the ranking, not the recogniser."""

from __future__ import annotations

import json
import math
import re

import pytest

from entext.geocode import geocode_entities, km
from entext.place_index import fold
from entext.render.geojson import GeoJsonRenderer
from entext.schema import Document, Entity, Mention


def places(text: str, *names: str, kinds: dict[str, str] | None = None) -> tuple[Entity, ...]:
    """One LOC entity per name, with a mention at every whole-word occurrence in ``text``."""
    kinds = kinds or {}
    out = []
    for name in names:
        mentions = tuple(
            Mention(m.start(), m.end(), name, "pattern" if name in kinds else "model")
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        )
        assert mentions, name
        out.append(Entity(f"loc/{fold(name)}", "LOC", kinds.get(name), name, mentions))
    return tuple(out)


def geocoded(text: str, *names: str, **kw) -> dict[str, Entity]:
    entities, _ = geocode_entities(text, places(text, *names, **kw))
    return {e.mentions[0].text: e for e in entities}


def test_a_us_state_over_a_same_named_town_when_the_story_is_american():
    text = (
        "Storms tore through Oklahoma on Tuesday. Officials in Tulsa said power was out across "
        "the state, and the governor asked Washington for federal aid."
    )
    got = geocoded(text, "Oklahoma", "Tulsa", "Washington")
    assert got["Oklahoma"].attrs["feature"] == "ADMIN1"
    assert got["Oklahoma"].attrs["country"] == "US"
    assert got["Tulsa"].attrs["admin1"] == "Oklahoma"
    assert got["Washington"].attrs["country"] == "US"


def test_georgia_is_the_country_next_to_russia_and_the_state_next_to_atlanta():
    caucasus = "Russian troops massed near the border with Georgia, officials in Tbilisi said."
    assert geocoded(caucasus, "Georgia", "Tbilisi")["Georgia"].attrs["country"] == "GE"
    south = "Voters in Atlanta, Georgia queued for hours; Savannah reported delays too."
    got = geocoded(south, "Atlanta", "Georgia", "Savannah")
    assert got["Georgia"].attrs["country"] == "US"
    assert got["Atlanta"].attrs["admin1"] == "Georgia"


def test_city_comma_country_picks_the_city_in_that_country():
    text = "Fighters shelled Tripoli, Lebanon overnight, a day after clashes in Beirut."
    got = geocoded(text, "Tripoli", "Lebanon", "Beirut")
    assert got["Tripoli"].attrs["country"] == "LB"
    assert km(got["Tripoli"].attrs["lat"], got["Tripoli"].attrs["lon"], 34.44, 35.85) < 20
    libya = "Militias clashed in Tripoli as the government in Libya lost control of Misrata."
    assert geocoded(libya, "Tripoli", "Libya", "Misrata")["Tripoli"].attrs["country"] == "LY"


def test_city_comma_state_abbreviation_the_model_does_not_tag():
    text = "The plant in Portland, Ore., closed after a fire; workers were moved to Salem."
    got = geocoded(text, "Portland", "Salem")
    assert got["Portland"].attrs["admin1"] == "Oregon"
    maine = "Flooding closed roads in Portland, Me. and in Bangor, Maine on Monday."
    got = geocoded(maine, "Portland", "Bangor", "Maine")
    assert got["Bangor"].attrs["admin1"] == "Maine"


def test_a_neighbourhood_takes_the_point_of_the_city_it_is_said_to_be_in():
    text = "A car bomb exploded in the Zubaydiya-Qarawi district of Mosul, police in Iraq said."
    got = geocoded(text, "Zubaydiya-Qarawi", "Mosul", "Iraq")
    hood, mosul = got["Zubaydiya-Qarawi"].attrs, got["Mosul"].attrs
    assert hood["geo_source"] == "parent"
    assert hood["country"] == "IQ"
    assert (hood["lat"], hood["lon"]) == (mosul["lat"], mosul["lon"])


def test_a_village_found_by_cue_words_takes_only_the_focus_country():
    text = (
        "Soldiers searched the village of Qaryat Zzyxq after an ambush. The army said Nigeria "
        "would send more troops to Borno; Maiduguri residents fled."
    )
    got = geocoded(
        text, "Qaryat Zzyxq", "Nigeria", "Borno", "Maiduguri", kinds={"Qaryat Zzyxq": "VILLAGE"}
    )
    village = got["Qaryat Zzyxq"].attrs
    assert village["country"] == "NG"
    assert village["lat"] is None and village["lon"] is None
    assert village["geo_source"] == "focus"


def test_null_when_nothing_in_the_text_supports_a_faraway_namesake():
    # "Mobile" is a word as well as a city in Alabama, and this story never touches the US.
    text = "Aid reached Kharkiv in Ukraine, and a second convoy was sent on to Mobile units."
    got = geocoded(text, "Mobile", "Ukraine", "Kharkiv")
    assert got["Mobile"].attrs["lat"] is None
    assert got["Mobile"].attrs["country"] is None
    assert got["Kharkiv"].attrs["country"] == "UA"


def test_unknown_names_get_null_fields_not_a_guess():
    text = "Protesters gathered at Xqzvbn Plaza before marching on."
    e = geocoded(text, "Xqzvbn Plaza")["Xqzvbn Plaza"]
    assert all(e.attrs[k] is None for k in ("country", "lat", "lon", "geonames_id"))


def test_designators_and_articles_are_folded():
    text = "Airstrikes hit al-Anbar province and the town of Hit in Anbar, Iraq."
    got = geocoded(text, "al-Anbar province", "Hit", "Anbar", "Iraq")
    assert got["al-Anbar province"].attrs["feature"] == "ADMIN1"
    assert got["al-Anbar province"].attrs["country"] == "IQ"
    assert got["Hit"].attrs["country"] == "IQ"
    assert fold("Al-Ḥasakah") == fold("Hasakah") == "hasakah"
    assert fold("St. Petersburg") == fold("Saint Petersburg")


def test_short_all_capital_words_match_only_known_abbreviations():
    text = "Officials in the UAE and the U.S. said WA was not involved."
    got = geocoded(text, "UAE", "U.S.", "WA")
    assert got["UAE"].attrs["country"] == "AE"
    assert got["U.S."].attrs["country"] == "US"
    assert got["WA"].attrs["lat"] is None  # not the town of Wa in Ghana


def test_countries_take_geonames_points_and_focus_counts_mentions():
    text = "Iraq said Iraq would respond. Baghdad blamed Iran, and Basra was calm."
    entities, focus = geocode_entities(text, places(text, "Iraq", "Baghdad", "Iran", "Basra"))
    assert focus.top_country == "IQ"
    assert focus.countries[0][1] > 0.5
    iraq = next(e for e in entities if e.name == "Iraq")
    assert (iraq.attrs["lat"], iraq.attrs["lon"]) == (33.0, 44.0)


def test_geojson_is_an_rfc7946_feature_collection(tmp_path):
    text = "Shelling hit Kharkiv and Odesa in Ukraine; talks moved to Xqzvbn Plaza."
    entities, focus = geocode_entities(
        text, places(text, "Kharkiv", "Odesa", "Ukraine", "Xqzvbn Plaza")
    )
    doc = Document("a.txt", "0" * 64, text, entities, focus=focus.to_dict())
    out = tmp_path / "places.geojson"
    with out.open("w", encoding="utf-8") as fh:
        r = GeoJsonRenderer(fh)
        r.write(doc)
        r.close()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 4  # one per place entity, pinned or not
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert by_name["Xqzvbn Plaza"]["geometry"] is None
    lon, lat = by_name["Kharkiv"]["geometry"]["coordinates"]
    assert by_name["Kharkiv"]["geometry"]["type"] == "Point"
    assert math.isclose(lat, 49.98, abs_tol=0.2) and math.isclose(lon, 36.25, abs_tol=0.2)
    for f in data["features"]:
        assert f["type"] == "Feature"
        assert f["properties"]["source"] == "a.txt"
        assert f["properties"]["mentions"]
        if f["geometry"] is not None:
            x, y = f["geometry"]["coordinates"]
            assert -180 <= x <= 180 and -90 <= y <= 90


@pytest.mark.parametrize("name, lat, lon", [("USA", 39.76, -98.5), ("UK", 54.75844, -2.69531)])
def test_country_points_are_geonames_points(name, lat, lon):
    from entext.place_index import open_index

    (p,) = [p for p in open_index().lookup(fold(name)) if p.feature == "COUNTRY"] or [None]
    assert p is not None and (p.lat, p.lon) == (lat, lon)


def test_sample_article_places(sample_doc):
    by_name = {e.name: e.attrs for e in sample_doc.entities if e.type == "LOC"}
    baghdad = by_name["Baghdad"]
    assert baghdad["country"] == "IQ"
    assert km(baghdad["lat"], baghdad["lon"], 33.34, 44.40) < 5
    mashtal = by_name["Mashtal"]
    assert mashtal["country"] == "IQ"
    assert km(mashtal["lat"], mashtal["lon"], 33.3406, 44.4009) < 15
    assert by_name["Jordan"]["country"] == "JO" and by_name["Jordan"]["feature"] == "COUNTRY"
    assert by_name["Washington"]["country"] == "US"
    assert sample_doc.focus["countries"][0]["country"] == "IQ"
