"""Places in context: names the small model reads as people or organisations, or misses, that
their context or the gazetteers show to be places."""

from __future__ import annotations

import re
from dataclasses import replace

from ..labels import PERSON_TITLES
from ..name_words import LEADING_WORDS
from .context import Context, Draft, by_start, covered, lookup_key
from .cue_words import words
from .names import NameParts, name_parts, name_tokens

# Words after which a name the model took for a person or organisation is a place:
# "in Kasba Bonli", "near Palmyra". "at" and "to" also introduce people ("aimed at Kelly"), so
# they only count for names known as places.
LOCATIVE = frozenset(
    # One moves towards, retakes or shells a place, not a person.
    """in near outside across throughout around inside toward towards recaptured retook
    overran besieged shelled bombarded""".split()
)
LOCATIVE_KNOWN = LOCATIVE | frozenset(
    # Conflict news names places as what is struck, taken or left: "missiles hit Eilat".
    """at into towards toward to from between hit struck shelled bombed bombarded targeted
    attacked captured seized recaptured retook liberated besieged stormed overran entered
    encircled evacuated raided""".split()
)
# A span the model opened with the preposition: "Near Palmyra, one strike destroyed ...".
_LEADING_PREPOSITION = re.compile(r"(?:Near|Outside|In|Around|Inside)[ \t]+(?=[A-Z])")
# "Brands Hatch Indy, Kent": a known place after another name and a comma.
_AFTER_PLACE = re.compile(r"[A-Z][\w.'’-]*,[ \t]+$")
# "the besieged suburb of Darayya", "the town of Marea", "the siege of Kobani".
_PLACE_OF = re.compile(
    r"\b(?:" + "|".join(words("place_of_nouns")) + r")[ \t]+of[ \t]+$", re.IGNORECASE
)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_COMMA_AFTER = re.compile(r",[ \t]+")
# A place nobody labelled is taken, without other signs, from this population up.
GAP_MIN_POPULATION = 100_000


def places_the_model_misread(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Places the small model reads as people or organisations become places.

    * "Near Palmyra" as a person: the preposition is cut and the rest is a place.
    * A country is a place ("Mauritius", "DPRK"), whatever the model said.
    * A known city or state ("Košice", "Tamil Nadu", "Kent") is a place when it is a major
      city, follows a locative word ("in", "near", "at") or "<Name>, ", is followed by
      ", <place>", or is a state or province of several words the model took for a person.
    * Any name after "the town of", "the suburb of", "the siege of" ... is a place.
    * An unknown name the model took for a person is a place after "in", "near", "outside" ...
      ("in Kasba Bonli"), unless a possessive follows ("in Trump's view").
    In every case a name after a title ("Secretary Kerry") or that is part of a person's full
    name in this document stays a person ("Michael Jordan" ... "Jordan").
    """
    parts_of_people = name_parts(
        name_tokens(ctx.surface(m))
        for m in mentions
        if m.type == "PERSON" and len(ctx.surface(m).split()) > 1
    )
    starts = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.type not in ("PERSON", "ORG") or m.source != "model" or m.ent_id:
            out.append(m)
        else:
            out.append(_read_again(ctx, m, parts_of_people, starts))
    return out


def _read_again(
    ctx: Context, m: Draft, parts_of_people: NameParts, starts: dict[int, Draft]
) -> Draft:
    """One person or organisation of the model's, as a place if its context says so."""
    from ..places import MAJOR_CITY_POPULATION, known_place

    text = ctx.text
    surface = ctx.surface(m)
    lead = _LEADING_PREPOSITION.match(surface)
    if lead and len(surface.split()) > 1:
        return replace(m, start=m.start + lead.end(), type="LOC", kind=None)
    info = ctx.rules.find(surface)
    if info is not None and info.kind == "COUNTRY":
        return replace(m, type="LOC", kind="COUNTRY")
    toks = name_tokens(surface)
    if toks in parts_of_people:
        return m
    before = ctx.word_before(m.start)
    if before in PERSON_TITLES:
        return m
    if info is not None:
        # A name the gazetteers know as a place ("Khartoum", "Kyiv's gains") that names no
        # person here is that place.
        return replace(m, type="LOC", kind=info.kind) if info.type == "LOC" else m
    after_place = _AFTER_PLACE.search(text, max(0, m.start - 40), m.start) is not None
    if not _POSSESSIVE_AFTER.match(text, m.end) and _PLACE_OF.search(
        text, max(0, m.start - 30), m.start
    ):
        return replace(m, type="LOC", kind=None)
    comma = _COMMA_AFTER.match(text, m.end)
    then_place = comma is not None and (
        (nxt := starts.get(comma.end())) is not None and nxt.type == "LOC"
    )
    place = known_place(surface)
    if place is not None and not place.is_word:
        if (
            (place.kind == "CITY" and place.population >= MAJOR_CITY_POPULATION)
            or before in LOCATIVE_KNOWN
            or then_place
            or after_place
            or (place.kind == "ADMIN" and m.type == "PERSON" and len(toks) > 1)
        ):
            m = replace(m, type="LOC", kind="CITY" if place.kind == "CITY" else None)
    elif (
        m.type == "PERSON"
        and (before in LOCATIVE or then_place)
        and not _POSSESSIVE_AFTER.match(text, m.end)
    ):
        m = replace(m, type="LOC", kind=None)
    return m


# "northern towns, including Jabra, Hamrat and Umm Badr", "villages like Shwe Kyin, Dai Tha":
# a list after a plural place noun is a list of places.
_PLACE_LIST = re.compile(
    r"\b(?:towns|villages|cities|areas|districts|localities|regions|provinces|"
    r"neighbou?rhoods|camps|settlements|townships|counties|municipalities|suburbs)"
    r",?[ \t]+(?:including|such[ \t]+as|like|namely|of)[ \t]+"
    r"(?P<list>[A-Z][^.;:()\n—–]*)"
)
_LIST_GLUE = re.compile(r"^(?:,|,?[ \t]+and|,?[ \t]+or)?[ \t]*$")


def listed_places(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Names the model took for people or organisations in a list after a plural place noun
    ("towns, including A, B and C") are places, as long as only commas and "and" join them."""
    text = ctx.text
    out = list(mentions)
    for match in _PLACE_LIST.finditer(text):
        position = match.start("list")
        for i, m in enumerate(out):
            if m.start < position or m.start >= match.end("list"):
                continue
            if not _LIST_GLUE.match(text[position : m.start]):
                break
            if m.type in ("PERSON", "ORG") and m.source == "model" and not m.ent_id:
                out[i] = replace(m, type="LOC", kind=None)
            position = m.end
    return out


# A run of capitalised words ("Aleppo", "Tamil Nadu"); all-capitals runs are handled as
# datelines. A run that goes on in capitals or digits is part of a longer name ("Nenagh MDC").
_NAME_RUN = re.compile(
    r"(?<![\w'’.-])[A-Z][a-zà-ÿā-ž'’-]+(?:[ \t]+[A-Z][a-zà-ÿā-ž'’-]+)*(?![\w'’-])"
)
_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-Z0-9]|of[ \t]+[A-Z])")


def unlabelled_places(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Known places nobody labelled: "historic cities such as Aleppo" (the small model misses
    many Middle Eastern cities), and later mentions of a name that is a place in this document.

    A capitalised name found nowhere in the mentions is taken when it is, under its main
    spelling, a city of 100,000 people or more, a known place after a locative word ("in
    Chattanooga"), or a name already labelled a place in this document. Names that are also
    English words ("Reading", "Mobile") and names of people in this document are never taken.
    """
    text = ctx.text
    located = {lookup_key(ctx.surface(m)) for m in mentions if m.type == "LOC"}
    people = {t for m in mentions if m.type == "PERSON" for t in name_tokens(ctx.surface(m))}
    taken = covered(text, mentions)
    added: list[Draft] = []
    for match in _NAME_RUN.finditer(text):
        start, end = match.span()
        words = match.group().split()
        while words and words[0] in LEADING_WORDS:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words.pop(0)
        if not words or len(words) > 4 or taken.find(1, start, end) != -1:
            continue
        if _NAME_GOES_ON.match(text, end):
            continue
        surface = text[start:end]
        if any(t in people for t in name_tokens(surface)):
            continue
        if lookup_key(surface) in located:
            added.append(Draft(start, end, "LOC", None, "", "alias"))
            continue
        found = _unlabelled_place(ctx, surface, start, end)
        if found is not None:
            added.append(found)
    if not added:
        return mentions
    return by_start(mentions + added)


def _unlabelled_place(ctx: Context, surface: str, start: int, end: int) -> Draft | None:
    """A place the gazetteers know by this name, when it is big or after a locative word."""
    from ..places import known_place

    if ctx.rules.find(surface) is not None:
        return None
    place = known_place(surface)
    if place is None or place.is_word:
        return None
    big = place.kind == "CITY" and place.population >= GAP_MIN_POPULATION
    if big or ctx.word_before(start) in LOCATIVE_KNOWN:
        kind = "CITY" if place.kind == "CITY" else None
        return Draft(start, end, "LOC", kind, "", "gazetteer")
    return None
