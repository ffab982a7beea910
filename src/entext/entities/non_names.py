"""What the model takes for a name but is not one: vessels and their hull numbers, weapon
abbreviations, transcript labels and lower-case words."""

from __future__ import annotations

import re
from functools import lru_cache

from ..rules import load_countries
from .context import Context, Draft, lookup_key, read_data_lines

# Ships are named after people and places ("USS Mahan", "FS Forbin", "HMS Ocean"): a vessel
# is not a person, organisation or place, and nor are its hull numbers ("DDG 72", "L 12").
_VESSEL_PREFIXES = (
    "USS USNS HMS HMAS HMCS HMNZS FS INS RFS TCG ROKS KRI BNS PNS ARA NRP HNLMS ESPS FGS KNM "
    "HDMS HSwMS MV"
).split()
_VESSEL = re.compile(
    r"\b(?:" + "|".join(_VESSEL_PREFIXES) + r")[ \t]+"
    r"((?:[A-Z][\w'’.-]*|de|la|del|von|van)(?:[ \t]+(?:[A-Z][\w'’.-]*|de|la|del|von|van)){0,3})"
)
_HULL_NUMBER = re.compile(r"\([A-Z]{1,4}[ \t-]?\d{1,4}\)")
# Transcript speaker labels: "QUESTION: Secretary Kerry, did you ..."
_SPEAKER_LABEL = re.compile(r"(?m)^[ \t]*(?:QUESTION|ANSWER|MODERATOR|Q|A)[ \t]*:")


@lru_cache(maxsize=1)
def _equipment() -> frozenset[str]:
    return frozenset(x.upper() for x in read_data_lines("equipment.txt"))


def _is_equipment(surface: str) -> bool:
    words = _equipment()
    upper = surface.upper()
    return upper in words or (upper.endswith("S") and upper[:-1] in words)


def drop_non_names(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Drop what the model takes for names but is not one: vessels and their hull numbers,
    weapon abbreviations ("VBIED", "UAV"), transcript labels ("QUESTION:") and lower-case
    words ("officer")."""
    text = ctx.text
    blocked: list[tuple[int, int]] = []
    vessel_names: set[str] = set()
    for match in _VESSEL.finditer(text):
        blocked.append(match.span())
        vessel_names.add(match.group(1))
    blocked += [m.span() for m in _HULL_NUMBER.finditer(text)]
    blocked += [m.span() for m in _SPEAKER_LABEL.finditer(text)]
    out = []
    for m in mentions:
        surface = ctx.surface(m)
        if (
            m.type != "DATE"
            and m.source == "model"
            and (surface in vessel_names or _is_equipment(surface) or not _has_capital(surface))
        ):
            continue
        if any(s < m.end and m.start < e for s, e in blocked) and (
            m.type != "DATE" or _HULL_NUMBER.search(text, max(0, m.start - 6), m.end + 2)
        ):
            continue
        out.append(m)
    return out


def _has_capital(surface: str) -> bool:
    return any(c.isupper() for c in surface) or not any(c.isalpha() for c in surface)


@lru_cache(maxsize=1)
def _peoples() -> frozenset[str]:
    """Demonyms that are not also a country's name ("Sudanese", not "UK"), their nouns of
    people ("Frenchman"), and ethnic groups."""
    names: set[str] = set()
    demonyms: set[str] = set()
    for c in load_countries():
        names.update(lookup_key(n) for n in [c["name"], *c.get("aliases", [])])
        demonyms.update(lookup_key(d) for d in [*c.get("demonyms", []), *c.get("adjectives", [])])
    # "Sudanese", "Hutus"; "Frenchman", "Englishwomen" (single-word demonyms only).
    nouns = {d + end for d in demonyms if " " not in d for end in ("man", "men", "woman", "women")}
    demonyms |= {d + "s" for d in demonyms} | nouns
    groups = {lookup_key(x) for x in read_data_lines("ethnic_groups.txt")}
    return frozenset((demonyms - names) | groups)


def peoples_are_not_places(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A demonym or an ethnic group the model took for a place or organisation is neither:
    "the Sudanese town of Tawila", "Hutu militias", "a Ugandan armed group"."""
    peoples = _peoples()
    return [
        m
        for m in mentions
        if not (
            m.source == "model"
            and m.type in ("LOC", "ORG")
            and lookup_key(ctx.surface(m)) in peoples
        )
    ]


def is_people(name: str) -> bool:
    """Whether ``name`` is a demonym or an ethnic group ("Sudanese", "Hutus", "Masalit")."""
    return lookup_key(name) in _peoples()
