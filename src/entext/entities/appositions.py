"""People known by the grammar around their names: appositions, ages and birth names.

News introduces a person with a noun phrase beside the name, and the small model often takes
an unfamiliar name there for an organisation or a place:

* an apposition after the name: "Knox Thames, the Special Advisor to ...", "Jamal Alzoubi, a
  farmer from Ramtha", "Ali Hassan, 45, said";
* a role noun right before it: "the farm's owner, Jamal Alzoubi", "one young girl, Islam,",
  "his brother Omar";
* an age before it: "14-year-old Amjad";
* a birth name: "born Badran Turki Hishan al-Mazidi".

The role nouns (``person_nouns`` in ``data/cue_words.json``) name people only: kin, trades,
offices. A name the gazetteers know, a known place, a demonym, or a name that ends in an
organisation's head noun ("Thames Valley Police") is never turned into a person, and nor is
a name after a locative word ("In Kasba Bonli, the village chief said").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .context import Context, Draft, model_only
from .cue_words import alternation, words
from .non_names import is_people
from .place_context import LOCATIVE_KNOWN


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = alternation(words("person_nouns"))
    # Roles firms fill too ("His previous adviser, JPMorgan") count only in an apposition after
    # the name ("Knox Thames, the Special Advisor").
    after_nouns = alternation([*words("person_nouns"), *words("person_nouns_after")])
    after = re.compile(
        # ", the Special Advisor to", ", a farmer from", ", 45, a farmer", ", 45, said"
        r",[ \t]+(?:\d{1,3},[ \t]+(?=[a-z])|"
        r"(?:the|a|an|his|her|their|its|our)[ \t]+"
        r"(?:(?:[\w-]+(?:['’]s)?|[A-Z][\w.-]*)[ \t]+){0,3}"
        rf"(?i:{after_nouns})\b(?![-'’])"
        r")"
    )
    before = re.compile(
        # "his brother ", "the farm's owner, " (the comma: see _CLOSED), "14-year-old ", "born "
        rf"(?:(?<![\w-])(?:{nouns})(?P<comma>,)?[ \t]+"
        r"|\b\d{1,3}-year-old[ \t]+"
        r"|(?<![\w-])born[ \t]+)$"
    )
    age_after = re.compile(r",[ \t]+\d{1,3}[ \t]*,")
    return after, before, age_after


# After "<role noun>, " the name closes the apposition: "the farm's owner, Jamal Alzoubi." (not
# "a driver, Uber said").
_CLOSED = re.compile(r"[ \t]*(?:[,.;:)]|$)")


def people_by_apposition(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """The model's organisation or place with a person's apposition, role noun, age or
    birth name beside it is a person."""
    after, before, age_after = _patterns()
    text = ctx.text
    out = []
    for m in mentions:
        if (
            model_only(m, "ORG", "LOC")
            and _beside_a_person_phrase(text, m, after, before, age_after)
            and _may_be_person(ctx, m)
        ):
            m = replace(m, type="PERSON", kind=None)
        out.append(m)
    return out


def _beside_a_person_phrase(
    text: str,
    m: Draft,
    after: re.Pattern[str],
    before: re.Pattern[str],
    age_after: re.Pattern[str],
) -> bool:
    if after.match(text, m.end) or age_after.match(text, m.end):
        return True
    found = before.search(text, max(0, m.start - 40), m.start)
    return found is not None and (not found.group("comma") or bool(_CLOSED.match(text, m.end)))


def _may_be_person(ctx: Context, m: Draft) -> bool:
    """A name of two to four capitalised words, or one word in lower case after the capital,
    that no gazetteer, place table or people list knows and that names no organisation."""
    from ..places import known_place

    surface = ctx.surface(m)
    tokens = surface.split()
    if not 1 <= len(tokens) <= 4 or surface.isupper() or not surface[:1].isupper():
        return False
    if any((t.isupper() and len(t) > 1) or t[1:2].isupper() for t in tokens):
        return False  # an acronym in it or a firm's capitals: "UN", "ISIS", "JPMorgan"
    if tokens[-1] in _org_heads() or is_people(surface) or ctx.rules.find(surface) is not None:
        return False
    place = known_place(surface)
    if place is not None and not place.is_word:
        return False
    return ctx.word_before(m.start) not in LOCATIVE_KNOWN


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(words("organisation_heads"))
