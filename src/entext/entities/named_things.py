"""Names that are not entities, known by the cue words around them: storms ("Cyclone Freddy"),
weather warnings ("Typhoon Signal No. 8", "Black Rainstorm Warning"), weapon systems ("Grad
rockets", "Shahed drones"), merchant ships ("the tanker Marlin Luanda"), and the words of a
title ("Defence" in "Defence Minister X", "Army" in "Army General X", "Brig." in "Brig. Gen.").
The cue words are in ``data/cue_words.json``."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..labels import PERSON_TITLES
from .context import Context, Draft, read_data_lines
from .cue_words import NAME_RUN, alternation, word_alternation, words


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    storm = word_alternation(words("storm_words"))
    level = alternation(words("warning_levels"))
    kind = alternation(words("warning_kinds"))
    noun = alternation(words("warning_nouns"))
    vessel = word_alternation(words("merchant_vessel_nouns"))
    return (
        # "Cyclone Freddy", "Super Typhoon Ragasa"; the name is group 1.
        re.compile(rf"(?:{storm})[ \t]+((?!Signal\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"),
        # "Typhoon Signal No. 8", "Black Rainstorm Warning", "Red Alert".
        re.compile(
            rf"\b(?:(?:{kind})[ \t]+)?(?:Signal|Warning)[ \t]+(?:No\.?|Number)[ \t]*\d+"
            rf"|\b(?:{level})[ \t]+(?:(?:{kind})[ \t]+)?(?:{noun})\b"
        ),
        # "the Liberian-flagged tanker Marlin Luanda", "container ship MSC Orion".
        re.compile(rf"(?:{vessel})[ \t]+({NAME_RUN})"),
    )


@lru_cache(maxsize=1)
def _weapon_after() -> re.Pattern[str]:
    return re.compile(rf"[ \t]+(?:{alternation(words('weapon_nouns'))})\b")


@lru_cache(maxsize=1)
def _systems() -> frozenset[str]:
    return frozenset(words("weapon_systems"))


@lru_cache(maxsize=1)
def _title_words() -> tuple[frozenset[str], re.Pattern[str]]:
    generic = PERSON_TITLES | frozenset(words("title_department_words"))
    heads = alternation(words("title_heads"))
    return generic, re.compile(rf"\.?[ \t]+(?:{heads})\b\.?[ \t,]")


def storms_weapons_and_ships(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Drop storms, weather warnings, weapon systems and merchant ships: none is an entity.

    A name after a storm word ("Cyclone Freddy") is the storm's everywhere in the document
    ("Freddy" alone); a name the model found before a weapon noun ("Grad rockets") or listed
    as a system ("Shahed") is a weapon, unless the gazetteers know it; a name after a merchant
    vessel noun ("the tanker Marlin Luanda") is the ship's. Warships keep their prefixes and are
    handled with vessels in ``non_names``.
    """
    text = ctx.text
    storm, warning, vessel = _patterns()
    blocked: list[tuple[int, int]] = []
    names: set[str] = set()
    for match in storm.finditer(text):
        blocked.append(match.span())
        names.add(match.group(1))
    blocked += [m.span() for m in warning.finditer(text)]
    for match in vessel.finditer(text):
        blocked.append(match.span(1))
        names.add(match.group(1))
    systems = _systems()
    weapon_after = _weapon_after()
    out = []
    for m in mentions:
        if m.type != "DATE" and m.source == "model" and not m.ent_id:
            surface = ctx.surface(m)
            if surface in names or surface in systems:
                continue
            if any(s < m.end and m.start < e for s, e in blocked):
                continue
            if weapon_after.match(text, m.end) and not _known(ctx, surface):
                continue
        out.append(m)
    return out


def _known(ctx: Context, surface: str) -> bool:
    """Whether the gazetteers name ``surface`` (an armed group, a country, a place)."""
    from ..places import known_place

    return ctx.rules.find(surface) is not None or known_place(surface) is not None


def title_words_are_not_names(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """The words of a title are not an organisation or a person.

    * A span of the model's made only of title and department words, before a title word and
      a name, is dropped: "Defence" in "Defence Minister X", "Army" in "Army General X",
      "District Police" in "District Police Officer X", "Brig" in "Brig. Gen. X". Known
      organisations ("EC Head of Communications") stay.
    * A person's honorific is not part of the name: "U Kyaw Zaw" and "Daw Khin Mar" (which the
      model often calls organisations) are the people "Kyaw Zaw" and "Khin Mar".
    """
    text = ctx.text
    generic, title_next = _title_words()
    honorifics = frozenset(words("honorifics"))
    out = []
    for m in mentions:
        if m.source != "model" or m.ent_id or m.type not in ("ORG", "PERSON"):
            out.append(m)
            continue
        surface = ctx.surface(m)
        tokens = surface.replace(".", " ").split()
        if (
            tokens
            and all(t.casefold() in generic for t in tokens)
            and (title_next.match(text, m.end) or (m.type == "PERSON" and len(tokens) == 1))
        ):
            continue
        first = surface.split(" ", 1)
        if len(first) == 2 and first[0] in honorifics and first[1][:1].isupper():
            m = replace(m, start=m.start + len(first[0]) + 1, type="PERSON", kind=None)
        out.extend(_title_inside(ctx, m, generic) if m.type == "ORG" else [m])
    return out


_TOKEN = re.compile(r"[^\s]+")


def _title_inside(ctx: Context, m: Draft, generic: frozenset[str]) -> list[Draft]:
    """An organisation of the model's that holds a title is a place, a title and a person:
    "KP Inspector General of Police Zulfiqar Hameed" -> the place "KP" and the person
    "Zulfiqar Hameed"; the words before the title stay only when they name a known place."""
    heads = frozenset(w.casefold() for w in words("title_heads"))
    tokens = [(t.start() + m.start, t.end() + m.start) for t in _TOKEN.finditer(ctx.surface(m))]
    text = ctx.text
    at = next(
        (i for i, (s, e) in enumerate(tokens) if i and text[s:e].strip(".").casefold() in heads),
        None,
    )
    if at is None:
        return [m]
    rest = at
    while rest < len(tokens) and text[slice(*tokens[rest])].strip(".").casefold() in (
        generic | heads
    ):
        rest += 1
    out = []
    place_end = tokens[at - 1][1]
    before = text[m.start : place_end]
    if _is_place(ctx, before):
        out.append(Draft(m.start, place_end, "LOC", None, "", "model"))
    elif before.isupper() and 2 <= len(before) <= 5:
        # "EC Head of Communications X": an organisation's acronym before the title.
        out.append(Draft(m.start, place_end, "ORG", None, "", "model"))
    if len(tokens) - rest >= 2:
        out.append(Draft(tokens[rest][0], m.end, "PERSON", None, "", "model"))
    return out


def _is_place(ctx: Context, surface: str) -> bool:
    from ..places import known_place

    info = ctx.rules.find(surface)
    if info is not None:
        return info.type == "LOC"
    return known_place(surface) is not None or surface in _place_abbreviations()


@lru_cache(maxsize=1)
def _place_abbreviations() -> frozenset[str]:
    """The abbreviations news uses for places ("KP", "DRC"), from ``place_abbreviations.tsv``."""
    return frozenset(line.split("\t", 1)[0] for line in read_data_lines("place_abbreviations.tsv"))


_THE_BEFORE = re.compile(r"(?:^|(?<=\W))[Tt]he[ \t]+$")


def zones_and_bare_nouns(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Drop time zones ("0645 GMT") and bare descriptions the model took for names: "the
    Army's Eighth Division" names no army, nor does "the Police said"."""
    zones = frozenset(words("time_zones"))
    bare = frozenset(words("bare_generic_orgs"))
    out = []
    for m in mentions:
        if m.source == "model" and not m.ent_id and m.type != "DATE":
            surface = ctx.surface(m)
            if surface in zones:
                continue
            if (
                m.type == "ORG"
                and surface in bare
                and _THE_BEFORE.search(ctx.text, max(0, m.start - 5), m.start)
            ):
                continue
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _headline_verb() -> re.Pattern[str]:
    return re.compile(rf"[ \t]+(?:{alternation(words('headline_verbs'))})(?![\w'’-])")


def headline_fragments(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A title-case headline runs names into verbs: the model's "Borno Claims Lives" or
    "Turkish Drone Attack Kills" is cut before the verb, and what is left stays only when it
    is a known place or organisation ("Borno")."""
    verb = _headline_verb()
    out = []
    for m in mentions:
        if m.source != "model" or m.ent_id or m.type not in ("ORG", "PERSON", "LOC"):
            out.append(m)
            continue
        cut = verb.search(ctx.text, m.start, m.end)
        if cut is None:
            out.append(m)
            continue
        head = ctx.text[m.start : cut.start()]
        info = ctx.rules.find(head)
        if info is not None:
            out.append(replace(m, end=cut.start(), type=info.type, kind=info.kind))
        elif _is_place(ctx, head):
            out.append(replace(m, end=cut.start(), type="LOC", kind=None))
    return out
