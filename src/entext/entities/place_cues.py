"""Places known by a cue noun after the name, and countries named in full.

* "the Baleela oil field", "Merowe Dam", "Kyauk Ni Maw village", "Bannu cantonment", "the Mayu
  mountain range": a name before a place noun (``place_after`` in ``data/cue_words.json``) is a
  place of the noun's kind (FACILITY, PORT, BASE, VILLAGE ...), the noun part of its span.
* "Central African Republic": a country's name of several words is one place, even where the
  model found only part of it ("Central African", which alone is a demonym).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..name_words import DESCRIBING_WORDS
from ..rules import load_countries
from .context import Context, Draft, by_start, lookup_key
from .cue_words import alternation, cue_words, words
from .non_names import is_people

_WORD = r"(?:[A-Z][\w'’-]*|al-[A-Z][\w'’-]*)"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"


@lru_cache(maxsize=1)
def _place_nouns() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    kinds: dict[str, str] = dict(cue_words().get("place_after", {}))
    for capital in words("capitalised_place_after"):
        kinds.setdefault(capital.casefold(), kinds.get(capital.casefold(), "FACILITY"))
    nouns = alternation([*cue_words().get("place_after", {}), *words("capitalised_place_after")])
    not_after = r"(?![ \t]+(?:of|de|hall|halls|council|square)\b)"
    after = re.compile(rf"[ \t]+({nouns})\b{not_after}")
    run = re.compile(rf"(?<![\w'’.-])({_NAME})[ \t]+({nouns})\b{not_after}")
    return kinds, after, run


def places_by_cue_noun(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A name before a place noun ("Baleela oil field", "Merowe Dam") is a place of that kind.

    The model's person or organisation there becomes a place, a place it found takes the
    noun into its span and its kind, and a name it missed is added. Armed groups and state
    forces ("Houthi port"), peoples ("the Sudanese town"), known organisations and names after
    a possessive ("Ahmed's village") are left alone.
    """
    text = ctx.text
    kinds, after, run = _place_nouns()
    out = []
    for m in mentions:
        if m.type == "LOC" and m.kind is None:
            inside = run.fullmatch(ctx.surface(m))
            if inside is not None:
                m = replace(m, kind=kinds[" ".join(inside.group(2).casefold().split())])
        noun = after.match(text, m.end)
        if noun is None or not _may_take_noun(ctx, m):
            out.append(m)
            continue
        kind = kinds[" ".join(noun.group(1).casefold().split())]
        if m.type == "LOC" and m.kind and kind in ("VILLAGE", "TOWN"):
            kind = m.kind
        out.append(replace(m, end=noun.end(1), type="LOC", kind=kind))
    for match in run.finditer(text):
        start, end = match.span()
        name = match.group(1)
        if name.split()[0] in DESCRIBING_WORDS or is_people(name) or _is_actor(ctx, name):
            continue
        if lookup_key(name) in _all_country_names():
            continue  # "a Sudan port": a port in Sudan
        clash = [o for o in out if o.start < end and start < o.end]
        if any((o.start, o.end) == (start, end) for o in clash) or not all(
            _replaceable(o, start, end) for o in clash
        ):
            continue
        kind = kinds[" ".join(match.group(2).casefold().split())]
        out = [o for o in out if o not in clash]
        out.append(Draft(start, end, "LOC", kind, "", "pattern"))
    return by_start(out)


def _may_take_noun(ctx: Context, m: Draft) -> bool:
    """Whether a mention followed by a place noun is that place's name: a place other than a
    country ("a Sudan port" is a port in Sudan, "Port Sudan" the city), or the model's person
    or organisation that no gazetteer knows and that is not a people."""
    if _is_country(ctx, m):
        return False
    if m.type == "LOC":
        return True
    return (
        m.type in ("PERSON", "ORG")
        and m.kind not in ("MILITIA", "MILITARY")
        and m.source == "model"
        and not m.ent_id
        and not is_people(ctx.surface(m))
    )


def _is_country(ctx: Context, m: Draft) -> bool:
    return (
        m.kind == "COUNTRY"
        or m.ent_id.startswith("country/")
        or lookup_key(ctx.surface(m)) in _all_country_names()
    )


@lru_cache(maxsize=1)
def _all_country_names() -> frozenset[str]:
    return frozenset(
        lookup_key(n) for c in load_countries() for n in [c["name"], *c.get("aliases", [])]
    )


def _replaceable(m: Draft, start: int, end: int) -> bool:
    """Whether a mention inside a cue-noun place is only part of its name ("Tungan" of
    "Tungan Kawo village")."""
    return (
        start <= m.start
        and m.end <= end
        and m.type in ("PERSON", "ORG", "LOC")
        and m.source == "model"
        and not m.ent_id
        and m.kind not in ("MILITIA", "MILITARY")
    )


def _is_actor(ctx: Context, name: str) -> bool:
    info = ctx.rules.find(name)
    return info is not None and info.type != "LOC"


@lru_cache(maxsize=1)
def _country_names() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    ids: dict[str, str] = {}
    for c in load_countries():
        for name in [c["name"], *c.get("aliases", [])]:
            if " " in name.strip():
                ids[lookup_key(name)] = f"country/{str(c['iso2']).lower()}"
    names = sorted(
        {n for c in load_countries() for n in [c["name"], *c.get("aliases", [])] if " " in n},
        key=len,
        reverse=True,
    )
    if not names:
        return None, ids
    found = alternation(names, not_after=r"[\w-]")  # after no word character or hyphen
    return re.compile(rf"(?:{found})(?![\w-])"), ids


def whole_country_names(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A country named in several words is one place: the model's "Central African" inside
    "Central African Republic" becomes the whole country. A longer name around it ("Central
    African Republic army") is left to the passes that read it."""
    pattern, ids = _country_names()
    if pattern is None:
        return mentions
    text = ctx.text
    out = list(mentions)
    for match in pattern.finditer(text):
        start, end = match.span()
        clash = [o for o in out if o.start < end and start < o.end]
        if any(o.start < start or o.end > end for o in clash):
            continue
        if any(o.start == start and o.end == end and o.type == "LOC" for o in clash):
            continue
        out = [o for o in out if o not in clash]
        ent_id = ids.get(lookup_key(match.group()), "")
        out.append(Draft(start, end, "LOC", "COUNTRY", ent_id, "gazetteer"))
    return by_start(out)


@lru_cache(maxsize=1)
def _designator_end() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def ending(name: str) -> re.Pattern[str]:
        return re.compile(rf"[ \t](?:{alternation(words(name))})$")

    return ending("place_designators"), ending("building_designators")


def designated_places(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A name the model took for a person or organisation that ends in a place designator
    ("Damboa Local Government Area", "Walker County", "Kurdistan Region") is a place; so is
    an armed-group pattern's name that does ("Tahrir Square" is no "Tahrir ..." group). A name
    ending in a building's noun ("Ishtar Gate", "Umayyad Mosque", "Stamford Bridge") is a
    place where the model took it for an organisation, not for a person ("Wayne Bridge")."""
    end, building = _designator_end()
    out = []
    for m in mentions:
        if (
            m.type in ("PERSON", "ORG")
            and (m.source == "model" or (m.source == "pattern" and m.kind == "MILITIA"))
            and not m.ent_id
        ):
            surface = ctx.surface(m)
            if end.search(surface) or (m.type == "ORG" and building.search(surface)):
                m = replace(m, type="LOC", kind=None)
        out.append(m)
    return out
