"""Organisations known by the words around them: a company or outlet introduced by its trade
("the security consultancy Dryad Global", "maritime risk firm Ambrey", "state broadcaster
PTV"), a medium named before its kind ("the Dawn newspaper"), and the news agency of a credit
line ("Baghdad, Sep 16 (IANS)", "(MENAFN- IANS)", "Accra, Dec. 3, GNA -")."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..labels import PERSON_TITLES
from .context import Context, Draft, by_start, lookup_key
from .cue_words import NAME_RUN, NAME_WORD, alternation, word_alternation, words
from .non_names import is_people


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """The patterns, each with a shorter one that every match of it holds (or None): a text
    without that cue is not scanned name by name."""
    before = word_alternation(words("company_cues"))
    after = alternation(words("media_after"))
    police = alternation(words("police_heads"))
    heads = alternation(words("title_heads"))
    after_cue = rf"[ \t]+(?:{after})\b(?![ \t]+[A-Z])"
    police_cue = rf"[ \t]+(?:{police})\b(?![ \t]+(?:{heads})\b)"
    return (
        (re.compile(rf"(?:{before})[ \t]+({NAME_RUN})"), None),
        (re.compile(rf"(?<![\w'’-])({NAME_RUN}){after_cue}"), re.compile(after_cue)),
        # "the Dera Police", "Hathala Police Station"; not "District Police Officer X".
        (
            re.compile(
                rf"(?<![\w'’-])((?:{NAME_WORD}[ \t]+){{1,3}}(?:{police}))\b"
                rf"(?![ \t]+(?:{heads})\b)"
            ),
            re.compile(police_cue),
        ),
    )


# "(Reuters) -", "(MENAFN- IANS)", "Sep 16 (IANS) A Turkish ...", "Accra, Dec. 3, GNA -": an
# agency's short name in brackets, or after a comma before a dash, at a story's opening.
_AGENCY = r"[A-Z][A-Za-z]{1,9}"
_CREDIT = re.compile(
    rf"\((?P<a>{_AGENCY})-[ \t]*(?P<b>{_AGENCY})\)"
    rf"|\((?P<c>{_AGENCY})\)(?=[ \t]*[-—–])"
    rf"|(?<=\d[ \t])\((?P<d>{_AGENCY})\)"
    r"|,[ \t]+(?P<e>[A-Z]{2,6})[ \t]+[-—–][ \t]"
)
_CREDIT_OPENING = 400


def organisations_by_cue(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Names after a trade or outlet word, or before a medium's kind, are organisations;
    so are the agencies of a credit line near the top of a story.

    The model's person or unknown place there becomes an organisation and a name it missed is
    added; armed groups, state forces, known places, peoples and dates are left as they are.
    """
    text = ctx.text
    found: list[tuple[int, int]] = []
    for pattern, cue in _cues():
        if cue is None or cue.search(text):
            found.extend(match.span(1) for match in pattern.finditer(text))
    for match in _CREDIT.finditer(text, 0, min(len(text), _CREDIT_OPENING)):
        found.extend(match.span(g) for g in "abcde" if match.group(g))
    if not found:
        return mentions
    out = list(mentions)
    for start, end in found:
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        name = text[start:end]
        if name.split()[0].casefold().strip(".") in PERSON_TITLES or _not_organisation(ctx, name):
            continue
        clash = [i for i, o in enumerate(out) if o.start < end and start < o.end]
        if not clash:
            out.append(Draft(start, end, "ORG", None, "", "pattern"))
            continue
        for i in clash:
            o = out[i]
            if o.type in ("PERSON", "LOC") and o.source == "model" and not o.ent_id:
                out[i] = replace(o, start=start, end=end, type="ORG", kind=None)
    return by_start(_dedupe(out))


_TRAILING = re.compile(r"(?:[ \t]+(?:said|says|reported|added|and|of|in|on|at|to))+$|[.,’']+$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut what the name pattern took after the name: "Ambrey said" -> "Ambrey"."""
    surface = text[start:end]
    cut = _TRAILING.search(surface)
    if cut:
        end = start + cut.start()
    if text[start:end].startswith("The "):
        start += 4
    return start, end


def _not_organisation(ctx: Context, name: str) -> bool:
    """A country, place, people or armed group the gazetteers or lists know."""
    from ..places import known_place

    info = ctx.rules.find(name)
    if info is not None:
        return info.type != "ORG" or info.kind in ("MILITIA", "MILITARY")
    return is_people(name) or known_place(name) is not None or lookup_key(name) in _months()


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    names = (
        "january february march april may june july august september october november "
        "december monday tuesday wednesday thursday friday saturday sunday"
    )
    return frozenset(names.split())


def _dedupe(mentions: list[Draft]) -> list[Draft]:
    seen: set[tuple[int, int]] = set()
    out = []
    for m in mentions:
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        out.append(m)
    return out
