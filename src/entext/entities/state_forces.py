"""State forces however they are written: "Niger's army", "Somalia's national army", "Israeli air
defence forces", "US forces", "the French-led task force"; and a state's civil bodies in the
same shapes ("Chad's defence ministry", "Kenyan police", "Syrian state television") as
organisations, not military.

A possessive country is its own place ("Niger" + "army", the army named "Nigerien army").
Built from the countries table (``data/countries.jsonl``), so every country and demonym is
covered alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..regex_trie import phrase_alternation
from ..rules import load_countries
from .context import Context, Draft, EntityInfo, by_start, slugify

# Words that may stand between the country and the head: "national army", "armed forces",
# "special forces", "air defence forces" (case-insensitive: "Colombia's Military Forces").
_MODIFIERS = (
    r"(?:national|armed|regular|federal|security|special|elite|ground|land|naval|air|"
    r"defen[cs]e|border|military|government|presidential|republican)"
)
# The head nouns of a state's armed forces ...
_FORCE_HEADS = (
    r"(?:army|armed[ \t]+forces|forces|military|navy|air[ \t]+force|national[ \t]+guard|"
    r"coast[ \t]+guard|marines)"
)
# ... and of its civil bodies (ministries, police forces and civilian services are ORG).
_CIVIL_HEADS = (
    r"(?:(?:defen[cs]e|foreign|interior|information|security|justice|finance|health)"
    r"[ \t]+ministry|ministry[ \t]+of[ \t]+(?:defen[cs]e|foreign[ \t]+affairs|interior)|"
    r"(?:national[ \t]+|federal[ \t]+)?police(?:[ \t]+force)?|government|"
    # "Iraqi state television said" (not "the Russian state news agency Tass": the name is it).
    r"state[ \t]+(?:television|tv|media|broadcaster|news[ \t]+agency|radio)(?![ \t]+(?-i:[A-Z]))|"
    r"intelligence[ \t]+(?:service|agency))"
)
# "Iraq's military spokesperson", "Nigeria's army chief": the force names a person's post.
_NOT_BEFORE_A_TITLE = (
    r"(?![ \t]+(?i:spokes(?:man|woman|person)|chief|commanders?|officials?|sources?|"
    r"leaders?|advis[eo]rs?|officers?)\b)"
)
# "the French-led task force", "a US-led coalition" (not "a US-led airstrike campaign").
_LED_HEADS = (
    r"(?:(?:multinational|international|military|naval|joint)[ \t]+)?"
    r"(?:task[ \t]+force|coalition|force|mission)"
)


@dataclass(frozen=True)
class _Country:
    iso: str
    adjective: str
    is_name: bool  # a name of the country, not only its demonym


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, _Country]]:
    by_name: dict[str, _Country] = {}
    for c in load_countries():
        adjective = str((c.get("adjectives") or c.get("demonyms") or [c["name"]])[0])
        iso = str(c["iso2"]).lower()
        for name in [c["name"], *c.get("aliases", [])]:
            by_name.setdefault(str(name), _Country(iso, adjective, True))
        for name in [*c.get("demonyms", []), *c.get("adjectives", [])]:
            by_name.setdefault(str(name), _Country(iso, adjective, False))
    # After no word character, full stop, apostrophe or hyphen (the check is inside: see
    # phrase_alternation).
    names = phrase_alternation(by_name, not_after=r"[\w.’'-]")
    actor = (
        rf"(?P<country>{names})(?P<owner>['’]s)?[ \t]+"
        rf"(?P<head>(?i:(?:{_MODIFIERS}[ \t]+){{0,3}}(?:(?P<force>{_FORCE_HEADS})|"
        rf"(?P<civil>{_CIVIL_HEADS}))))(?![\w-]){_NOT_BEFORE_A_TITLE}"
    )
    led = rf"(?P<country>{names})-led[ \t]+(?P<head>(?i:{_LED_HEADS}))(?![\w-])"
    return re.compile(actor), re.compile(led), by_name


def state_forces(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Country or demonym + army/forces/navy/air force/national guard ... is one state actor
    (MILITARY); + ministry/police/government is an organisation. After a possessive country
    the head alone is the actor and the country its own place."""
    actor, led, by_name = _tables()
    text = ctx.text
    found: list[tuple[Draft, Draft | None]] = []
    for match in actor.finditer(text):
        country = by_name[match.group("country")]
        type_kind = ("ORG", "MILITARY") if match.group("force") else _civil_kind(match)
        head = " ".join(match.group("head").split())
        if match.group("owner"):
            if not country.is_name:
                continue
            start = match.start("head")
            place = Draft(match.start("country"), match.end("country"), "LOC", "COUNTRY",
                          f"country/{country.iso}", "pattern")  # fmt: skip
        else:
            start, place = match.start(), None
        name = f"{country.adjective} {head}" if place else " ".join(match.group().split())
        found.append((_actor(ctx, start, match.end(), type_kind, name), place))
    for match in led.finditer(text):
        name = " ".join(match.group().split())
        found.append((_actor(ctx, match.start(), match.end(), ("ORG", "MILITARY"), name), None))
    if not found:
        return mentions
    out = list(mentions)
    for draft, place in found:
        out = _place(ctx, out, draft, place)
    return by_start(out)


def _civil_kind(match: re.Match[str]) -> tuple[str, str | None]:
    """Police forces and state media are organisations of no particular kind; ministries are
    government."""
    civil = match.group("civil").lower()
    return ("ORG", None) if "police" in civil or "state" in civil else ("ORG", "GOVERNMENT")


def _actor(
    ctx: Context, start: int, end: int, type_kind: tuple[str, str | None], name: str
) -> Draft:
    ent_id = f"{type_kind[0].lower()}/{slugify(name)}"
    ctx.known.setdefault(ent_id, EntityInfo(ent_id, name, type_kind[0], type_kind[1], {}))
    return Draft(start, end, type_kind[0], type_kind[1], ent_id, "pattern")


def _place(ctx: Context, mentions: list[Draft], draft: Draft, place: Draft | None) -> list[Draft]:
    """Put a state actor (and its possessive country) in place of what it overlaps, unless a
    known entity other than a country overlaps it ("Sudanese Armed Forces" is the SAF)."""
    start = place.start if place else draft.start
    clash = [m for m in mentions if m.start < draft.end and start < m.end]
    for m in clash:
        known = m.ent_id in ctx.rules.entities and m.kind != "COUNTRY"
        if known or m.end > draft.end or m.start < start:
            return mentions
    kept = [m for m in mentions if m not in clash]
    return kept + [draft] + ([place] if place else [])
