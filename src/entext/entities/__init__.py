"""From raw spans to entities: an ordered list of passes over draft mentions, then grouping.

Each pass (``Context``, drafts) -> drafts lives in the module of its concern: what is not a
name (``non_names``), one label per name (``discourse``), people's names (``names``), places in
context (``place_context``), datelines (``datelines``), acronyms (``acronyms``); ``grouping``
makes the entities and ``locations`` gives each place its record. Works on character offsets
and plain text only (no spaCy), so it applies unchanged to documents processed in chunks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..labels import split_label
from ..schema import DATE_KINDS_APART, SELECTABLE_TYPES, Entity
from .acronyms import learn_acronyms
from .aliases import nicknames_and_aliases
from .appositions import people_by_apposition
from .context import Context, Draft, RawSpan, RuleSet, by_start
from .datelines import dateline_places
from .discourse import consistent_labels
from .grouping import DateContext, group
from .named_things import (
    headline_fragments,
    storms_weapons_and_ships,
    title_words_are_not_names,
    zones_and_bare_nouns,
)
from .names import (
    name_tokens,
    propagate_surnames,
    relabel_person_surnames,
    titles_are_not_names,
)
from .non_names import drop_non_names, peoples_are_not_places
from .org_cues import organisations_by_cue
from .org_names import organisations_by_name, organisations_named_head_of
from .place_context import listed_places, places_the_model_misread, unlabelled_places
from .place_cues import designated_places, places_by_cue_noun, whole_country_names
from .place_names import (
    held_places,
    one_place_per_name,
    place_word_names,
    places_after_place_phrases,
    slashed_names,
    subdivisions_named_bare,
)
from .state_forces import state_forces

__all__ = ["PASSES", "Context", "Draft", "RawSpan", "build_entities", "name_tokens"]

Pass = Callable[[Context, list[Draft]], list[Draft]]

# In this order: each pass sees what the ones before it decided.
PASSES: tuple[Pass, ...] = (
    drop_non_names,
    storms_weapons_and_ships,
    zones_and_bare_nouns,
    headline_fragments,
    title_words_are_not_names,
    peoples_are_not_places,
    whole_country_names,
    slashed_names,
    consistent_labels,
    people_by_apposition,
    organisations_by_name,
    organisations_named_head_of,
    state_forces,
    organisations_by_cue,
    places_by_cue_noun,
    designated_places,
    place_word_names,
    places_after_place_phrases,
    held_places,
    nicknames_and_aliases,
    titles_are_not_names,
    relabel_person_surnames,
    places_the_model_misread,
    listed_places,
    dateline_places,
    one_place_per_name,
    learn_acronyms,
    propagate_surnames,
    unlabelled_places,
    subdivisions_named_bare,
)


def build_entities(
    text: str,
    spans: Iterable[RawSpan],
    rules: RuleSet,
    *,
    ref: dt.date | None = None,
    ref_time: dt.datetime | None = None,
    dayfirst: bool = False,
    types: frozenset[str] = frozenset(SELECTABLE_TYPES),
) -> tuple[Entity, ...]:
    """Group spans into entities with canonical names, ordered by first mention.

    ``types`` selects entity types, and among DATE entities the kinds DURATION and SET by
    those names ("DATE" itself: calendar dates and times)."""
    ctx = Context(text, rules)
    mentions = drafts(spans)
    for step in PASSES:
        mentions = step(ctx, mentions)
    wanted = types | ({"DATE"} if types & set(DATE_KINDS_APART) else set())
    mentions = [m for m in mentions if m.type in wanted]
    entities = [
        e
        for e in group(ctx, mentions, DateContext(ref, ref_time, dayfirst))
        if e.type != "DATE" or (e.kind if e.kind in DATE_KINDS_APART else "DATE") in types
    ]
    return tuple(sorted(entities, key=lambda e: (e.first_offset, e.type)))


def drafts(spans: Iterable[RawSpan]) -> list[Draft]:
    """The pipeline's spans as draft mentions of the public types, in text order."""
    out = []
    for s in spans:
        mapped = split_label(s.label)
        if mapped is None or s.end <= s.start:
            continue
        out.append(Draft(s.start, s.end, mapped[0], mapped[1], s.ent_id, s.source))
    return by_start(out)
