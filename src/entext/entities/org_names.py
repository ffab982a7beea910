"""Organisations known by the form of their names.

* A name that ends in an organisation's head noun is an organisation, whatever the model
  said: "Saray al-Jihad Group", "the G-20 Interfaith Conference", "Hathala Welfare Society"
  (``organisation_heads`` in ``data/cue_words.json``). A place keeps its type when the head
  also ends names of places or buildings ("Soviet Union", "Aga Khan University", "Lady Reading
  Hospital"; ``heads_of_places_too``).
* A name that opens with the Arabic word for an armed body ("Jaish al-Muhajirin", "Liwa
  al-Quds", "Kataib Sayyid al-Shuhada", "Saraya Awliya al-Dam"; ``armed_group_openings``) is
  an armed group, however the model read it.
* "<Head> of <Name>" is an organisation's name even where the model missed it or took only
  its last words: "the Army of the Victorious Sect", "the Office of Foreign Assets Control",
  "the Council of Europe" (``organisation_heads_before_of``; an army of that shape is an armed
  group: state armies are named by their country).
* A state's force named by its head alone ("the National Army", "the Royal Navy", "the Armed
  Forces"; ``state_force_names``) is a state military body, not another organisation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..name_words import DESCRIBING_WORDS
from .context import Context, Draft, by_start, covered, model_only
from .cue_words import alternation, words
from .non_names import is_people


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    return (
        frozenset(words("organisation_heads")),
        frozenset(words("heads_of_places_too")),
        frozenset(words("armed_group_openings")),
        frozenset(" ".join(n.casefold().split()) for n in words("state_force_names")),
    )


def organisations_by_name(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Names that end in an organisation's head noun are organisations; names that open with
    the Arabic word for an armed body are armed groups; a state force named by its head alone
    is military."""
    heads, buildings, armed, forces = _lists()
    out = []
    for m in mentions:
        if m.source == "model" and not m.ent_id and m.type in ("PERSON", "LOC", "ORG"):
            m = _by_form(ctx, m, heads, buildings, armed, forces)
        out.append(m)
    return out


def _by_form(
    ctx: Context,
    m: Draft,
    heads: frozenset[str],
    buildings: frozenset[str],
    armed: frozenset[str],
    forces: frozenset[str],
) -> Draft:
    surface = ctx.surface(m)
    tokens = surface.split()
    if len(tokens) < 2 or m.kind in ("MILITIA", "MILITARY"):
        return m
    if tokens[0] in armed and tokens[1][:1].isalpha() and ctx.rules.find(surface) is None:
        return replace(m, type="ORG", kind="MILITIA")
    if m.type == "ORG":
        if m.kind is None and " ".join(surface.casefold().split()) in forces:
            return replace(m, kind="MILITARY")
        return m
    last = tokens[-1]
    if last not in heads or (
        m.type == "LOC" and (last in buildings or m.kind not in (None, "FACILITY"))
    ):
        return m
    if is_people(surface) or ctx.rules.find(surface) is not None:
        return m
    return replace(m, type="ORG", kind=None)


# A capitalised word of a name after "of": "Foreign", "al-Sham", "Victorious".
_OF_WORD = r"(?:[A-Z][\w'’-]*|al-[A-Z][\w'’-]*)"


@lru_cache(maxsize=1)
def _head_of() -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = alternation(words("organisation_heads_before_of"))
    leading = "|".join(sorted(DESCRIBING_WORDS))
    head_of = re.compile(
        rf"(?<![\w'’.-])(?P<head>{heads})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
        rf"{_OF_WORD}(?:[ \t]+(?:(?:of|for|and|the|on)[ \t]+)*{_OF_WORD}){{0,5}}"
    )
    # Capitalised words before the head belong to the name: "UN Independent Commission of
    # Inquiry", "Iraqi Ministry of Culture" (not "The", "In" ...; not "Syria's").
    before = re.compile(
        rf"(?<![\w'’.-])(?:(?!(?:{leading})\b)[A-Z][\w.&]*(?:-[A-Z][\w.&]*)*[ \t]+){{1,3}}$"
    )
    return head_of, before


_BEFORE_HEAD = 60


def organisations_named_head_of(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """ "<Head> of <Name>" ("the Army of the Victorious Sect", "the Office of Foreign Assets
    Control") is one organisation: added where the model found nothing, and in place of the
    model's shorter organisations and places inside it (a person inside is a list: "the
    University of California and Dan Gillmor")."""
    text = ctx.text
    taken = covered(text, mentions)
    out = list(mentions)
    changed = False
    head_of, before = _head_of()
    for match in head_of.finditer(text):
        start, end = match.span()
        words_before = before.search(text, max(0, start - _BEFORE_HEAD), start)
        if words_before is not None:
            start = words_before.start()
        kind = "MILITIA" if match.group("head") == "Army" else None
        if taken.find(1, start, end) == -1:
            if ctx.rules.find(text[start:end]) is None:
                out.append(Draft(start, end, "ORG", kind, "", "pattern"))
                taken[start:end] = b"\x01" * (end - start)
                changed = True
            continue
        clash = [i for i in _overlapping(out, start, end)]
        if clash and all(
            model_only(out[i], "ORG", "LOC")
            and start <= out[i].start
            and out[i].end <= end
            and (out[i].start, out[i].end) != (start, end)
            for i in clash
        ):
            out = [o for i, o in enumerate(out) if i not in set(clash)]
            out.append(Draft(start, end, "ORG", kind, "", "pattern"))
            changed = True
    return by_start(out) if changed else mentions


def _overlapping(mentions: list[Draft], start: int, end: int) -> list[int]:
    return [i for i, o in enumerate(mentions) if o.start < end and start < o.end]
