"""Place names by their form and by the rest of the document.

* One sense per discourse, for places: once a name is a place in a document ("in Darayya"),
  the model's person or organisation of the same name elsewhere in it ("journalists could not
  enter Darayya") is that place too, unless the name is part of a person's longer name here
  ("Michael Jordan" ... "Jordan") or follows a title.
* Names opened by a place word of Arabic or Kurdish toponymy ("Jabal Hamrin", "Wadi Hadramawt",
  "Ras al-Ain", "Tal Abyad", "Deir ez-Zor"; ``arabic_place_words`` in ``data/cue_words.json``)
  are places whatever the model said; the words mean mountain, valley, cape, hill, monastery.
* A name after a place phrase is a place even where the model missed it: "the village of Umm
  Sharshouh", "the Kuwaiti island of Failaka", "the besieged suburb of Darayya", "the river
  Tigris" (the phrase is not part of the span).
* A name held, controlled or occupied by someone is a place ("insurgent-held Karabilah",
  "Houthi-controlled Hodeidah", "Russian-occupied Melitopol"), and so is an unknown name
  people flee ("residents fled Karabilah"; not "fled Assad's rule").
* The subdivisions of the document's country named bare are places: "turnout in each region
  was Ashanti; 15,474 ..., Greater Accra; ..., Volta; ..." in a story from Accra, where the
  model reads the region names as organisations. The document's countries are those of its
  countries and known cities; at least two subdivisions of one of them must be named.
* Two names joined by a slash ("Sere Kaniye/Ras al-Ain", "Kyiv/Kiev") are two mentions, and
  when one of them is a place, so is the other: the slash gives two names of one place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..labels import PERSON_TITLES
from ..name_words import LEADING_WORDS
from .context import (
    Context,
    Draft,
    by_start,
    covered,
    lookup_key,
    model_only,
)
from .cue_words import NAME_RUN, words
from .names import NAME_PART_MAX_TOKENS, proper_runs
from .place_context import _PLACE_OF, _POSSESSIVE_AFTER, LOCATIVE

_MONTHS_AND_DAYS = (
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
).split()
# "the village of X", "the Kuwaiti island of X", "the besieged suburb of X"; "the river X".
# Lower-case nouns only: "the City of London" is a name of its own.
_PLACE_NOUNS = "(?:" + "|".join(words("place_phrase_nouns")) + ")"
_PLACE_PHRASE = re.compile(
    r"\b(?:[Tt]he|[Aa])[ \t]+(?:(?:[a-z]+|[A-Z][a-z]+)[ \t]+){0,2}?"
    rf"(?:{_PLACE_NOUNS}[ \t]+of|river|lake)[ \t]+"
    rf"(?P<name>{NAME_RUN})"
)
_NOT_A_NAME_START = frozenset({*LEADING_WORDS, *_MONTHS_AND_DAYS})


def places_after_place_phrases(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A name after "the town of", "the island of", "the river" ... is a place: added where
    the model found nothing, and the model's person or organisation there made a place."""
    text = ctx.text
    out = list(mentions)
    taken = covered(text, mentions)
    starts = {m.start: i for i, m in enumerate(mentions)}
    changed = False
    for match in _PLACE_PHRASE.finditer(text):
        start, end = _trimmed(text, match.start("name"), match.end("name"))
        if end <= start or text[start:end].split(" ")[0] in _NOT_A_NAME_START:
            continue
        if taken.find(1, start, end) == -1:
            out.append(Draft(start, end, "LOC", None, "", "pattern"))
            taken[start:end] = b"\x01" * (end - start)
            changed = True
            continue
        i = starts.get(start)
        if (
            i is not None
            and out[i].end <= end
            and _editable(out[i])
            and (taken.find(1, out[i].end, end) == -1)
        ):
            out[i] = replace(out[i], type="LOC", kind=None)
            changed = True
    return by_start(out) if changed else mentions


# What a name run takes after the name: "Darayya fell", "Failaka, and" (a run is capitalised
# words only, so only a final possessive or punctuation).
_RUN_TAIL = re.compile(r"(?:['’]s|[.,;:'’])+$")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    cut = _RUN_TAIL.search(text, start, end)
    return start, (cut.start() if cut else end)


def _editable(m: Draft) -> bool:
    """A person or organisation only the model found (no gazetteer entry, no kind)."""
    return model_only(m, "PERSON", "ORG")


# "insurgent-held", "Houthi-controlled", "Russian-occupied", "rebel-besieged" (not "-run" or
# "-owned": "state-run Xinhua", "family-owned Bayat").
_HELD = re.compile(r"[\w’'.]-(?:held|controlled|occupied|besieged|encircled)[ \t]+(?:the[ \t]+)?$")
_FLED = re.compile(r"\bfled[ \t]+$")
_HELD_BEFORE = 24


def _held_or_fled(ctx: Context, m: Draft) -> int:
    """2 after "X-held" and the like, 1 after "fled" (a place unless a possessive follows),
    else 0."""
    if _HELD.search(ctx.text, max(0, m.start - _HELD_BEFORE), m.start):
        return 2
    if _FLED.search(ctx.text, max(0, m.start - 8), m.start) and not _POSSESSIVE_AFTER.match(
        ctx.text, m.end
    ):
        return 1
    return 0


def held_places(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """The model's person or organisation after "X-held", "X-controlled", "X-occupied" is a
    place; its person after "fled" too."""
    out = []
    for m in mentions:
        if _editable(m):
            how = _held_or_fled(ctx, m)
            if how == 2 or (how == 1 and m.type == "PERSON"):
                m = replace(m, type="LOC", kind=None)
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, frozenset[str]]:
    """Subdivision name -> the countries (ISO codes) with a region, province or state of that
    name (not the districts and boroughs named after their towns: "Derby", "Bolton")."""
    town_like = frozenset(words("town_like_subdivision_types"))
    found: dict[str, set[str]] = {}
    from ..places import admin_area_rows

    for fields in admin_area_rows():
        if len(fields) >= 4 and fields[2] not in town_like:
            found.setdefault(lookup_key(fields[1]), set()).add(fields[3])
    return {k: frozenset(v) for k, v in found.items()}


def subdivisions_named_bare(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """The model's person or organisation named like a subdivision of the document's country
    is that subdivision, when two or more of that country's subdivisions are named here."""
    from ..places import find_city

    table = _subdivisions()
    countries: set[str] = set()
    for m in mentions:
        if m.type != "LOC":
            continue
        if m.ent_id.startswith("country/"):
            countries.add(m.ent_id.removeprefix("country/").upper())
        elif (city := find_city(ctx.surface(m))) is not None:
            countries.add(city.country)
    if not countries:
        return mentions
    named: dict[str, set[str]] = {}
    for m in mentions:
        key = lookup_key(ctx.surface(m))
        for country in table.get(key, frozenset()) & countries:
            named.setdefault(country, set()).add(key)
    listed = {c for c, names in named.items() if len(names) >= 2}
    if not listed:
        return mentions
    out = []
    for m in mentions:
        if _editable(m) and table.get(lookup_key(ctx.surface(m)), frozenset()) & listed:
            m = replace(m, type="LOC", kind=None)
        out.append(m)
    return out


def one_place_per_name(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """The model's person or organisation with the name of a place in this document is that
    place, unless the name is part of a longer person's name here or follows a title.

    The place must be one by more than the model's word: a gazetteer or pattern made it (a
    country, "the village of Umm Sharshouh"), a pass gave it a kind ("Kazgeil village", a known
    city) and the name is more often a place than an organisation here, or it follows a place
    phrase ("the suburb of Darayya", "insurgent-held Karabilah"); a locative word is not enough
    ("stored in Dropbox", "the latest version of Firefox" read as "in Firefox").
    """
    located: dict[str, int] = {}
    as_org: Counter[str] = Counter()
    for m in mentions:
        key = lookup_key(ctx.surface(m))
        as_org[key] += m.type == "ORG"
        as_org[key] -= m.type == "LOC"
        how = _placed(ctx, m)
        if how:
            located[key] = max(how, located.get(key, 0))
    # A kind the model's place got on the way ("CITY" for a known city: "Kent") counts where
    # the name is more often a place than an organisation here (not "Hitachi", "Nokia").
    for m in mentions:
        key = lookup_key(ctx.surface(m))
        if m.type == "LOC" and m.kind is not None and as_org[key] < 0:
            located[key] = 2
    if not located:
        return mentions
    in_names = _words_of_people(ctx, mentions)
    out = []
    for m in mentions:
        if (
            _editable(m)
            and located.get(lookup_key(ctx.surface(m)), 0) >= 2
            and tuple(ctx.surface(m).casefold().split()) not in in_names
            and ctx.word_before(m.start) not in PERSON_TITLES
        ):
            m = replace(m, type="LOC", kind=None)
        out.append(m)
    return out


def _placed(ctx: Context, m: Draft) -> int:
    """How surely a mention is a place by more than the model's label: 2 by a gazetteer,
    pattern, place phrase ("the suburb of X") or holder ("insurgent-held X"), 1 after a
    locative word or "fled", else 0 (a kind is weighed by the caller)."""
    if m.type != "LOC":
        return 0
    if m.source in ("pattern", "gazetteer") or m.ent_id:
        return 2
    if _POSSESSIVE_AFTER.match(ctx.text, m.end):
        return 0
    if _PLACE_OF.search(ctx.text, max(0, m.start - 30), m.start) is not None:
        return 2
    return max(_held_or_fled(ctx, m), 1 if ctx.word_before(m.start) in LOCATIVE else 0)


def _words_of_people(ctx: Context, mentions: list[Draft]) -> set[tuple[str, ...]]:
    """Every word and run of words of the people's names of two words or more here, short of
    the whole name (the model's person "Umm Sharshouh" is no evidence against the place)."""
    out: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.type != "PERSON":
            continue
        toks = tuple(ctx.surface(m).casefold().split())
        if not 2 <= len(toks) <= NAME_PART_MAX_TOKENS:
            continue
        out.update(proper_runs(toks))
    return out


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset(words("arabic_place_words"))


# "Ras al-Ain", "Ain al-Asad": words that are also given names open a place before an article.
_ARTICLE = re.compile(r"(?:[Aa]l|[Ee]l|[Aa][dhnrstz]{1,2}|[Ee]z)[-‐ ]")


def place_word_names(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A name of two words or more that opens with a place word of Arabic or Kurdish toponymy
    ("Jabal Hamrin", "Ras al-Ain", "Wadi Hadramawt") is a place, not a person."""
    opening = _place_words()
    before_article = frozenset(words("arabic_place_words_before_article"))
    out = []
    for m in mentions:
        if _editable(m):
            first, _, rest = ctx.surface(m).partition(" ")
            if (first in opening and rest[:1].isalpha()) or (
                first in before_article and _ARTICLE.match(rest)
            ):
                m = replace(m, type="LOC", kind=None)
        out.append(m)
    return out


# "Sere Kaniye/Ras al-Ain": two capitalised names around a slash, no spaces at the slash.
_SLASH = re.compile(r"(?<=[\w.'’])/(?=[A-Z])")


def slashed_names(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A span of the model's with two names joined by a slash is two mentions of its type;
    beside a place (the other half known as a place, or named by a place word) both are
    places."""
    out: list[Draft] = []
    changed = False
    for m in mentions:
        surface = ctx.surface(m)
        cut = _SLASH.search(surface) if m.source == "model" and not m.ent_id else None
        if (
            cut is None
            or m.type not in ("PERSON", "ORG", "LOC")
            or "/" in surface[cut.end() :]
            or surface[: cut.start()].isupper()
            or surface[cut.end() :].isupper()
        ):
            out.append(m)
            continue
        left = replace(m, end=m.start + cut.start())
        right = replace(m, start=m.start + cut.end())
        if m.type != "LOC" and (_is_place_name(ctx, left) or _is_place_name(ctx, right)):
            left = replace(left, type="LOC", kind=None)
            right = replace(right, type="LOC", kind=None)
        out += [left, right]
        changed = True
    return by_start(out) if changed else mentions


def _is_place_name(ctx: Context, m: Draft) -> bool:
    from ..places import known_place

    surface = ctx.surface(m)
    info = ctx.rules.find(surface)
    if info is not None:
        return info.type == "LOC"
    place = known_place(surface)
    return (place is not None and not place.is_word) or surface.split(" ")[0] in _place_words()
