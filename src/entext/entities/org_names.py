"""Organisations known by the form of their names.

* A name that ends in an organisation's head noun is an organisation, whatever the model
  said: "Saray al-Jihad Group", "the G-20 Interfaith Conference", "Hathala Welfare Society"
  (``organisation_heads`` in ``data/cue_words.json``). A place keeps its type when the head
  also ends names of places or buildings ("Soviet Union", "Aga Khan University", "Lady Reading
  Hospital"; ``heads_of_places_too``).
* A name that opens with the Arabic word for an armed body ("Jaish al-Muhajirin", "Liwa
  al-Quds", "Kataib Sayyid al-Shuhada", "Saraya Awliya al-Dam"; ``armed_group_openings``) is
  an armed group, however the model read it.
* A state's force named by its head alone ("the National Army", "the Royal Navy", "the Armed
  Forces"; ``state_force_names``) is a state military body, not another organisation.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from .context import Context, Draft
from .cue_words import words
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
