"""From raw spans to entities: relabelling, acronyms, name merging, grouping, canonical names.

Works on character offsets and plain text only (no spaCy), so it applies unchanged to
documents that were processed in chunks.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .datafiles import read_data_lines
from .labels import PERSON_TITLES, split_label
from .normalize import lookup_key, slugify
from .rules import EntityInfo, RuleSet
from .schema import ENTITY_TYPES, Entity, Mention

# Arabic and other name particles that do not identify a person on their own.
_PARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ad-", "bin", "ibn", "bint", "ben"}
)
_KUNYA = frozenset({"abu", "umm", "abou"})
_NAME_SPLIT = re.compile(r"[\s\-‐‑]+")
_ACRONYM_AFTER = re.compile(r"\s*[(\[]\s*(?:the\s+)?([A-Z][A-Za-z0-9&.\-]{1,11})\s*[)\]]")
_ACRONYM_SHAPE = re.compile(r"^[A-Z][A-Za-z0-9&.\-]*$")


@dataclass(frozen=True)
class RawSpan:
    """A span from the pipeline: absolute offsets, label, gazetteer id and producer."""

    start: int
    end: int
    label: str
    ent_id: str
    source: str


@dataclass
class _M:
    start: int
    end: int
    type: str
    kind: str | None
    ent_id: str
    source: str


def name_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a person's name: ``"Abu Baqir Al-Saadi"`` -> ``(abu, baqir, saadi)``."""
    cleaned = re.sub(r"['’‘ʼ`.]", "", name.casefold())
    return tuple(t for t in _NAME_SPLIT.split(cleaned) if t and t not in _PARTICLES)


def _is_part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    if not short or len(short) >= len(full):
        return False
    if full[-len(short) :] == short:
        return True
    # A kunya alone ("Abu Baqir") names the same man as "Abu Baqir Al-Saadi".
    return short[0] in _KUNYA and full[: len(short)] == short


def _name_parts(names: Iterable[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Every ``short`` with ``_is_part_of(short, full)`` for one of ``names``: one set lookup
    instead of a scan over the document's people for each mention."""
    parts: set[tuple[str, ...]] = set()
    for full in names:
        for k in range(1, len(full)):
            parts.add(full[-k:])
            if full[0] in _KUNYA:
                parts.add(full[:k])
    return parts


def build_entities(
    text: str,
    spans: Iterable[RawSpan],
    rules: RuleSet,
    *,
    ref: dt.date | None = None,
    ref_time: dt.datetime | None = None,
    dayfirst: bool = False,
    types: frozenset[str] = frozenset(ENTITY_TYPES),
) -> tuple[Entity, ...]:
    """Group spans into entities with canonical names, ordered by first mention."""
    mentions = _to_mentions(spans)
    mentions = _drop_non_names(text, mentions)
    mentions = _consistent_labels(text, mentions)
    mentions = _titles_are_not_names(text, mentions)
    mentions = _relabel_person_surnames(text, mentions, rules)
    mentions = _places_the_model_misread(text, mentions, rules)
    mentions = _dateline_places(text, mentions, rules)
    mentions = _learn_acronyms(text, mentions)
    mentions = _propagate(text, mentions)
    mentions = _unlabelled_places(text, mentions, rules)
    mentions = [m for m in mentions if m.type in types]
    entities = _group(text, mentions, rules, ref, ref_time, dayfirst)
    return tuple(sorted(entities, key=lambda e: (e.first_offset, e.type)))


def _to_mentions(spans: Iterable[RawSpan]) -> list[_M]:
    out = []
    for s in spans:
        mapped = split_label(s.label)
        if mapped is None or s.end <= s.start:
            continue
        out.append(_M(s.start, s.end, mapped[0], mapped[1], s.ent_id, s.source))
    return sorted(out, key=lambda m: m.start)


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


def _drop_non_names(text: str, mentions: list[_M]) -> list[_M]:
    """Drop what the model takes for names but is not one: vessels and their hull numbers,
    weapon abbreviations ("VBIED", "UAV"), transcript labels ("QUESTION:") and lower-case
    words ("officer")."""
    blocked: list[tuple[int, int]] = []
    vessel_names: set[str] = set()
    for match in _VESSEL.finditer(text):
        blocked.append(match.span())
        vessel_names.add(match.group(1))
    blocked += [m.span() for m in _HULL_NUMBER.finditer(text)]
    blocked += [m.span() for m in _SPEAKER_LABEL.finditer(text)]
    out = []
    for m in mentions:
        surface = text[m.start : m.end]
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


def _consistent_labels(text: str, mentions: list[_M]) -> list[_M]:
    """One sense per discourse: a name the model labels differently in one document gets the
    label most of its mentions have ("Darayya" as a place four times and a person once)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.source == "model" and m.type != "DATE":
            by_name[lookup_key(text[m.start : m.end])].append(i)
    out = list(mentions)
    for indexes in by_name.values():
        types = Counter(mentions[i].type for i in indexes)
        if len(types) < 2:
            continue
        (best, n), (_, n2) = types.most_common(2)
        if n == n2:
            continue
        kinds = Counter(mentions[i].kind for i in indexes if mentions[i].type == best)
        kind = kinds.most_common(1)[0][0]
        for i in indexes:
            if out[i].type != best:
                out[i] = replace(out[i], type=best, kind=kind)
    return out


# "Secretary of State Kerry", "Minister for the Middle East, Tobias Ellwood": the department or
# region belongs to the title, not to the news.
_TITLE_OF = re.compile(
    r"\b(?:Secretary|Minister|Envoy|Commissioner)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?$"
)
_GLUED_NAME = re.compile(r"(?<= )[A-Z][a-z]+ [A-Z][a-z]+$")
_NAME_FOLLOWS = re.compile(r",?[ \t]+(?:[A-Z][a-z]|[A-Z]\.)")


def _titles_are_not_names(text: str, mentions: list[_M]) -> list[_M]:
    """Drop a department or region the model found inside a person's title, and cut a title the
    model glued to a person's name ("Middle East Tobias Ellwood") down to the person."""
    people = {text[m.start : m.end] for m in mentions if m.type == "PERSON"}
    people = {p for p in people if len(p.split()) > 1}
    out = []
    for m in mentions:
        if m.source == "model" and m.type in ("ORG", "LOC"):
            surface = text[m.start : m.end]
            if _TITLE_OF.search(text, max(0, m.start - 30), m.start):
                name = _GLUED_NAME.search(surface)
                if m.type == "ORG" and name is not None and name.start() > 0:
                    out.append(replace(m, start=m.start + name.start(), type="PERSON", kind=None))
                    continue
                if _NAME_FOLLOWS.match(text, m.end):
                    continue
            tail = _person_at_end(surface, people) if m.type == "ORG" else None
            if tail is not None:
                m = replace(m, start=m.end - len(tail), type="PERSON", kind=None)
        out.append(m)
    return out


def _person_at_end(surface: str, people: set[str]) -> str | None:
    """The longest of ``people`` that ends ``surface`` after a space, if any."""
    at = surface.find(" ")
    while at != -1:
        if surface[at + 1 :] in people:
            return surface[at + 1 :]
        at = surface.find(" ", at + 1)
    return None


def _relabel_person_surnames(text: str, mentions: list[_M], rules: RuleSet) -> list[_M]:
    """An ORG or unknown place the model found that is really a person's name in this document
    becomes PERSON.

    The small model reads "Rasool's statement" as an organisation; once "Yahya Rasool" is a
    person here, "Rasool" is him. Known places ("Jordan") are never relabelled.
    """
    people = {name_tokens(text[m.start : m.end]) for m in mentions if m.type == "PERSON"}
    people.discard(())
    if not people:
        return mentions
    parts = _name_parts(people)
    out = []
    for m in mentions:
        surface = text[m.start : m.end]
        if (
            m.source == "model"
            and not m.ent_id
            and (m.type == "ORG" or (m.type == "LOC" and rules.find(surface) is None))
        ):
            toks = name_tokens(surface)
            if toks in people or toks in parts:
                m = replace(m, type="PERSON", kind=None, source="alias")
        out.append(m)
    return out


# Words after which a name the model took for a person or organisation is a place:
# "in Kasba Bonli", "near Palmyra". "at" and "to" also introduce people ("aimed at Kelly"), so
# they only count for names known as places.
_LOCATIVE = frozenset("in near outside across throughout around inside".split())
_LOCATIVE_KNOWN = _LOCATIVE | frozenset(
    # Conflict news names places as what is struck, taken or left: "missiles hit Eilat".
    """at into towards toward to from between hit struck shelled bombed bombarded targeted
    attacked captured seized recaptured retook liberated besieged stormed overran entered
    encircled evacuated raided""".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+(?:the[ \t]+)?$")
# A span the model opened with the preposition: "Near Palmyra, one strike destroyed ...".
_LEADING_PREPOSITION = re.compile(r"(?:Near|Outside|In|Around|Inside)[ \t]+(?=[A-Z])")
# "Brands Hatch Indy, Kent": a known place after another name and a comma.
_AFTER_PLACE = re.compile(r"[A-Z][\w.'’-]*,[ \t]+$")
# "the besieged suburb of Darayya", "the town of Marea", "the siege of Kobani".
_PLACE_OF = re.compile(
    r"\b(?:city|town|village|suburb|outskirts|province|governorate|district|region|area|port|"
    r"capital|neighbourhood|neighborhood|siege|fall|liberation|recapture|battle|streets)"
    r"[ \t]+of[ \t]+$",
    re.IGNORECASE,
)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_COMMA_AFTER = re.compile(r",[ \t]+")


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return match.group(1).lower() if match else ""


def _places_the_model_misread(text: str, mentions: list[_M], rules: RuleSet) -> list[_M]:
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
    from .places import MAJOR_CITY_POPULATION, known_place

    parts_of_people = _name_parts(
        name_tokens(text[m.start : m.end])
        for m in mentions
        if m.type == "PERSON" and len(text[m.start : m.end].split()) > 1
    )
    starts = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.type not in ("PERSON", "ORG") or m.source != "model" or m.ent_id:
            out.append(m)
            continue
        surface = text[m.start : m.end]
        lead = _LEADING_PREPOSITION.match(surface)
        if lead and len(surface.split()) > 1:
            out.append(replace(m, start=m.start + lead.end(), type="LOC", kind=None))
            continue
        info = rules.find(surface)
        if info is not None and info.kind == "COUNTRY":
            out.append(replace(m, type="LOC", kind="COUNTRY"))
            continue
        toks = name_tokens(surface)
        if info is not None or toks in parts_of_people:
            out.append(m)
            continue
        before = _word_before(text, m.start)
        if before in PERSON_TITLES:
            out.append(m)
            continue
        after_place = _AFTER_PLACE.search(text, max(0, m.start - 40), m.start) is not None
        if not _POSSESSIVE_AFTER.match(text, m.end) and _PLACE_OF.search(
            text, max(0, m.start - 30), m.start
        ):
            out.append(replace(m, type="LOC", kind=None))
            continue
        comma = _COMMA_AFTER.match(text, m.end)
        then_place = comma is not None and (
            (nxt := starts.get(comma.end())) is not None and nxt.type == "LOC"
        )
        place = known_place(surface)
        if place is not None and not place.is_word:
            if (
                (place.kind == "CITY" and place.population >= MAJOR_CITY_POPULATION)
                or before in _LOCATIVE_KNOWN
                or then_place
                or after_place
                or (place.kind == "ADMIN" and m.type == "PERSON" and len(toks) > 1)
            ):
                m = replace(m, type="LOC", kind="CITY" if place.kind == "CITY" else None)
        elif (
            m.type == "PERSON"
            and (before in _LOCATIVE or then_place)
            and not _POSSESSIVE_AFTER.match(text, m.end)
        ):
            m = replace(m, type="LOC", kind=None)
        out.append(m)
    return out


# A run of capitalised words ("Aleppo", "Tamil Nadu"); all-capitals runs are handled as
# datelines. A run that goes on in capitals or digits is part of a longer name ("Nenagh MDC").
_NAME_RUN = re.compile(
    r"(?<![\w'’.-])[A-Z][a-zà-ÿā-ž'’-]+(?:[ \t]+[A-Z][a-zà-ÿā-ž'’-]+)*(?![\w'’-])"
)
_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-Z0-9]|of[ \t]+[A-Z])")
_RUN_LEADING_DROP = frozenset(
    "The A An In On At By For From To Near With Of And But Or So As If When While After Before "
    "This That These Those Its His Her Their Our Then Now Also Meanwhile However".split()
)
_GAP_MIN_POPULATION = 100_000


def _unlabelled_places(text: str, mentions: list[_M], rules: RuleSet) -> list[_M]:
    """Known places nobody labelled: "historic cities such as Aleppo" (the small model misses
    many Middle Eastern cities), and later mentions of a name that is a place in this document.

    A capitalised name found nowhere in the mentions is taken when it is, under its main
    spelling, a city of 100,000 people or more, a known place after a locative word ("in
    Chattanooga"), or a name already labelled a place in this document. Names that are also
    English words ("Reading", "Mobile") and names of people in this document are never taken.
    """
    from .places import known_place

    located = {lookup_key(text[m.start : m.end]) for m in mentions if m.type == "LOC"}
    people = {t for m in mentions if m.type == "PERSON" for t in name_tokens(text[m.start : m.end])}
    taken = _covered(text, mentions)
    added: list[_M] = []
    for match in _NAME_RUN.finditer(text):
        start, end = match.span()
        words = match.group().split()
        while words and words[0] in _RUN_LEADING_DROP:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words.pop(0)
        if not words or len(words) > 4 or taken.find(1, start, end) != -1:
            continue
        if _NAME_GOES_ON.match(text, end):
            continue
        surface = text[start:end]
        key = lookup_key(surface)
        if any(t in people for t in name_tokens(surface)):
            continue
        if key in located:
            added.append(_M(start, end, "LOC", None, "", "alias"))
            continue
        info = rules.find(surface)
        if info is not None:
            continue
        place = known_place(surface)
        if place is None or place.is_word:
            continue
        big = place.kind == "CITY" and place.population >= _GAP_MIN_POPULATION
        if big or _word_before(text, start) in _LOCATIVE_KNOWN:
            added.append(
                _M(start, end, "LOC", "CITY" if place.kind == "CITY" else None, "", "gazetteer")
            )
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


def _covered(text: str, mentions: Iterable[_M]) -> bytearray:
    """One byte per character of ``text``: 1 where a mention covers it."""
    covered = bytearray(len(text))
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    return covered


_CAPS_NAME = r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}"
# One or two capitalised places, as in "TIJUANA & SAN DIEGO".
_CAPS_PLACES = rf"({_CAPS_NAME}(?:[ \t]*[&/][ \t]*{_CAPS_NAME})?)"
_WIRES = (
    "AP|Reuters|AFP|CNN|UPI|dpa|DPA|Xinhua|IANS|PTI|ANI|Bloomberg|Bernama|Anadolu|AA|"
    "NNA|SANA|IRNA|KUNA|WAFA|Sputnik|TASS|Interfax|Ukrinform|Yonhap|Kyodo"
)
# "BOSTON (Reuters) -", "ALBUQUERQUE, N.M. (AP) -", "KHARTOUM, Sudan, Jan 5 (Reuters) -":
# the wire service in brackets makes it a dateline wherever it stands.
_WIRE_DATELINE = re.compile(
    rf"(?<![\w-]){_CAPS_PLACES}(?:,[ \t]+(?:(?![A-Z]{{2}})[^()\n]){{1,30}}?)?"
    rf"[ \t]*\((?:{_WIRES})\)"
)
# "WINNIPEG — ...", "BAGHDAD, March 3 -": a capitalised name opening a line or a sentence,
# then a dash or a comma; away from the first lines only known places are taken.
_DATELINE = re.compile(
    rf"(?:^|(?<=[.!?][ \t])|(?<=[.!?][\"”’)][ \t]))[ \t]*{_CAPS_PLACES}"
    r"(?=(?:(?P<comma>,+[ \t])|[ \t]*\(|[ \t]+[—–-]+[ \t]|(?P<titled>[ \t]+[A-Z][a-z])))",
    re.MULTILINE,
)
_DATELINE_OPENING = 1_500
_NOT_DATELINES = frozenset(
    "UPDATE EXCLUSIVE BREAKING ANALYSIS OPINION WATCH LIVE VIDEO PHOTOS CORRECTION REFILE "
    "FACTBOX EXPLAINER INTERVIEW EDITORIAL NEWS AP AFP".split()
)
_PLACE_SEPARATOR = re.compile(r"[ \t]*[&/][ \t]*")


def _dateline_places(text: str, mentions: list[_M], rules: RuleSet) -> list[_M]:
    """The capitalised place of a dateline ("WINNIPEG — ...", "BAGHDAD, March 3 (Reuters) -")
    is a place, whatever the model made of it. Stories pasted one after another each have one,
    so they are looked for throughout: anywhere before a wire service's name in brackets, and
    at the start of a line or sentence when the name is a known place (in the opening lines,
    any capitalised name before a comma, dash or bracket)."""
    from .places import known_place

    def known(name: str, min_population: int) -> bool:
        info = rules.find(name)
        if info is not None:
            return info.type == "LOC"
        place = known_place(name)
        if place is None or place.is_word:
            return False
        return place.kind == "ADMIN" or place.population >= min_population

    found: list[tuple[int, int]] = []
    for match in _WIRE_DATELINE.finditer(text):
        found.extend(_dateline_names(match.group(1), match.start(1)))
    for match in _DATELINE.finditer(text):
        line_start = text.rfind("\n", 0, match.start(1)) + 1
        opening = (
            match.start(1) < _DATELINE_OPENING
            and not match.group("titled")
            and not text[line_start : match.start(1)].strip()
        )
        # "AMLO, as he is known": before a comma, a small town's name is too weak a sign.
        min_population = _GAP_MIN_POPULATION if match.group("comma") else 0
        for start, end in _dateline_names(match.group(1), match.start(1)):
            if opening or known(text[start:end], min_population):
                found.append((start, end))
    if not found:
        return mentions
    out = list(mentions)
    for start, end in sorted(set(found)):
        clash = [o for o in out if o.start < end and start < o.end]
        inside = all(start <= o.start and o.end <= end for o in clash)
        if any((o.type == "LOC" and not inside) or o.source != "model" for o in clash):
            continue
        out = [o for o in out if o not in clash]
        out.append(_M(start, end, "LOC", None, "", "pattern"))
    return sorted(out, key=lambda m: m.start)


def _dateline_names(names: str, offset: int) -> Iterator[tuple[int, int]]:
    """The spans of the one or two names in a dateline, without words that are not places."""
    position = 0
    for sep in [*_PLACE_SEPARATOR.finditer(names), None]:
        stop = sep.start() if sep else len(names)
        name = names[position:stop]
        words = name.replace(".", "").split()
        if len(name) >= 3 and not any(w in _NOT_DATELINES for w in words):
            yield offset + position, offset + stop
        position = sep.end() if sep else stop


def _learn_acronyms(text: str, mentions: list[_M]) -> list[_M]:
    """``the Rapid Support Forces (RSF) … the RSF said``: the acronym joins the full name."""
    learned: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type not in ("ORG", "LOC"):
            continue
        match = _ACRONYM_AFTER.match(text, m.end)
        if not match:
            continue
        acronym = match.group(1)
        name = text[m.start : m.end]
        if sum(c.isupper() for c in acronym) < 2 or not _matches_initials(acronym, name):
            continue
        learned.setdefault(acronym, i)
    if not learned:
        return mentions
    out = list(mentions)
    # Mentions by start, to find those a use of the acronym overlaps without scanning them all.
    order = sorted(range(len(out)), key=lambda i: out[i].start)
    starts = [out[i].start for i in order]
    longest = max(m.end - m.start for m in out)
    removed: set[int] = set()
    added: list[_M] = []
    for acronym, index in learned.items():
        full = mentions[index]
        ent_id = full.ent_id or f"acronym:{full.start}"
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            start, end = match.span()
            lo, hi = bisect_left(starts, start - longest), bisect_left(starts, end)
            clash = [
                order[k]
                for k in range(lo, hi)
                if order[k] not in removed and out[order[k]].end > start
            ]
            if any(
                out[i].ent_id and out[i].ent_id == full.ent_id and out[i].type == full.type
                for i in clash
            ):
                continue
            if any(out[i].end - out[i].start > end - start for i in clash):
                continue
            removed.update(clash)
            added.append(_M(start, end, full.type, full.kind, ent_id, "alias"))
        if not full.ent_id and index not in removed:
            out[index] = replace(full, ent_id=ent_id)
    kept = [m for i, m in enumerate(out) if i not in removed]
    return sorted(kept + added, key=lambda m: m.start)


def _matches_initials(acronym: str, full: str) -> bool:
    """Loose check that an acronym abbreviates a name (RSF ~ Rapid Support Forces)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    words = [w for w in re.split(r"[\s\-]+", full) if w]
    initials = "".join(w[0].upper() for w in words if w[0].isalpha())
    if not letters:
        return False
    # Every acronym letter must appear, in order, among the name's letters, starting at the
    # first word's initial: tolerant of "of"/"and" gaps and of Arabic transliterations.
    if letters[0] != (initials[:1] or "?"):
        return False
    pool = full.upper()
    pos = 0
    for c in letters:
        pos = pool.find(c, pos)
        if pos == -1:
            return False
        pos += 1
    return True


def _propagate(text: str, mentions: list[_M]) -> list[_M]:
    """Later unlabelled occurrences of a person's surname count as that person.

    One sense per discourse: after "Yahya Rasool", a bare "Rasool" the model missed is him.
    Only surnames of multi-word person names are spread; organisations are matched by the
    gazetteer and acronyms by ``_learn_acronyms``.
    """
    surnames: dict[str, _M] = {}
    for m in mentions:
        if m.type != "PERSON":
            continue
        words = text[m.start : m.end].split()
        if len(words) < 2:
            continue
        last = re.sub(r"^(?:[Aa]l|[Ee]l)[-‐]", "", words[-1])
        if len(last) >= 3 and last[0].isupper() and last.isalpha():
            surnames.setdefault(words[-1], m)
    if not surnames:
        return mentions
    out = list(mentions)
    taken = _covered(text, mentions)
    # One pass for all surnames: whole words cannot match two of them at one place.
    alternatives = "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))
    for match in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text):
        start, end = match.span()
        if start < surnames[match.group()].end or taken.find(1, start, end) != -1:
            continue
        out.append(_M(start, end, "PERSON", None, "", "alias"))
        taken[start:end] = b"\x01" * (end - start)
    return sorted(out, key=lambda m: m.start)


def _group(
    text: str,
    mentions: Sequence[_M],
    rules: RuleSet,
    ref: dt.date | None,
    ref_time: dt.datetime | None,
    dayfirst: bool,
) -> list[Entity]:
    groups: dict[str, list[tuple[_M, Mention]]] = defaultdict(list)
    infos: dict[str, EntityInfo | None] = {}
    countries = _countries_named(text, mentions, rules)
    person_clusters = _cluster_people(text, [m for m in mentions if m.type == "PERSON"])
    for m in mentions:
        surface = text[m.start : m.end]
        value: str | None = None
        value_end: str | None = None
        if m.type == "DATE":
            dv = _resolve_date(
                surface, ref, ref_time, dayfirst, text[max(0, m.start - 60) : m.start]
            )
            value, value_end = dv
            key = f"date/{value}" if value else f"date/unresolved/{slugify(surface)}"
            info = None
        elif m.type == "PERSON":
            key = person_clusters[m.start]
            info = rules.entities.get(m.ent_id) if m.ent_id else None
        else:
            info = rules.entities.get(m.ent_id) if m.ent_id and "/" in m.ent_id else None
            if info is None and m.type == "LOC":
                info = rules.find(surface)
                if info is not None and info.type != "LOC":
                    info = None
                if info is None:
                    info = _city_info(surface, countries)
            if info is not None:
                key = info.id
            elif m.ent_id:
                key = m.ent_id
            else:
                key = f"{m.type.lower()}/{slugify(lookup_key(surface))}"
        mention = Mention(
            m.start, m.end, surface, m.source, value, value_end, is_date=m.type == "DATE"
        )
        groups[key].append((m, mention))
        if info is not None:
            infos[key] = info
        else:
            infos.setdefault(key, None)
    entities = [_make_entity(key, items, infos.get(key)) for key, items in groups.items()]
    return _merge_same_id(entities)


def _merge_same_id(entities: list[Entity]) -> list[Entity]:
    """Two groups can end with one id ("Hamas" found by the model and by an acronym)."""
    by_id: dict[str, Entity] = {}
    for e in entities:
        if e.id in by_id:
            old = by_id[e.id]
            mentions = tuple(sorted(old.mentions + e.mentions, key=lambda m: m.start))
            by_id[e.id] = replace(old, mentions=mentions)
        else:
            by_id[e.id] = e
    return list(by_id.values())


def _countries_named(text: str, mentions: Sequence[_M], rules: RuleSet) -> list[str]:
    """ISO codes of the countries a document names, most mentioned first."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.type == "LOC":
            info = rules.find(text[m.start : m.end])
            if info is not None and info.kind == "COUNTRY":
                counts[str(info.attrs.get("country"))] += 1
    return [c for c, _ in counts.most_common()]


def _city_info(surface: str, countries: Sequence[str]) -> EntityInfo | None:
    from .places import find_city

    city = find_city(surface, countries)
    if city is None:
        return None
    attrs = {
        "country": city.country, "lat": city.lat, "lon": city.lon,
        "population": city.population, "geonames_id": city.geonameid,
    }  # fmt: skip
    return EntityInfo(city.id, city.name, "LOC", "CITY", attrs)


def _resolve_date(
    surface: str,
    ref: dt.date | None,
    ref_time: dt.datetime | None,
    dayfirst: bool,
    context: str,
) -> tuple[str | None, str | None]:
    from .dates import resolve_date

    dv = resolve_date(surface, ref, ref_time=ref_time, dayfirst=dayfirst, context=context)
    return dv.value, dv.value_end


def _cluster_people(text: str, people: Sequence[_M]) -> dict[int, str]:
    """Map each PERSON mention's start to a cluster key; short names join the full name."""
    toks = {m.start: name_tokens(text[m.start : m.end]) for m in people}
    full_names: list[tuple[str, ...]] = []
    for m in sorted(people, key=lambda m: -len(toks[m.start])):
        t = toks[m.start]
        if not t or t in full_names:
            continue
        if not any(_is_part_of(t, f) for f in full_names):
            full_names.append(t)
    last_seen: dict[tuple[str, ...], int] = {}
    first_seen: dict[tuple[str, ...], int] = {}
    for m in people:
        t = toks[m.start]
        if t in full_names:
            first_seen.setdefault(t, m.start)
    out: dict[int, str] = {}
    for m in people:
        t = toks[m.start]
        if t in full_names or not t:
            target = t
        else:
            candidates = [f for f in full_names if _is_part_of(t, f)]
            before = [f for f in candidates if first_seen.get(f, 1 << 62) < m.start]
            pool = before or candidates
            target = max(pool, key=lambda f: last_seen.get(f, -1)) if pool else t
        last_seen[target] = m.start
        out[m.start] = "person/" + ("-".join(target) if target else slugify(text[m.start : m.end]))
    return out


def _make_entity(key: str, items: list[tuple[_M, Mention]], info: EntityInfo | None) -> Entity:
    first = items[0][0]
    mentions = tuple(sorted((mm for _, mm in items), key=lambda x: x.start))
    attrs: dict[str, Any] = dict(info.attrs) if info else {}
    if info is not None:
        type_, kind, name, ent_id = info.type, info.kind, info.name, info.id
        if first.type != info.type:
            type_ = first.type
    else:
        type_, kind, ent_id = first.type, _majority_kind(m for m, _ in items), key
        name = _canonical_name(type_, [mm for _, mm in items])
    if type_ == "DATE":
        kind = "TIME" if all(m.kind == "TIME" for m, _ in items) else "DATE"
        values = [mm.value for mm in mentions if mm.value]
        name = values[0] if values else mentions[0].text
    if info is None and type_ != "DATE":
        ent_id = f"{type_.lower()}/{slugify(name)}"
    return Entity(ent_id, type_, kind, name, mentions, attrs)  # type: ignore[arg-type]


def _majority_kind(mentions: Iterable[_M]) -> str | None:
    kinds = Counter(m.kind for m in mentions if m.kind)
    return kinds.most_common(1)[0][0] if kinds else None


def _canonical_name(type_: str, mentions: Sequence[Mention]) -> str:
    """The longest mention for people ("Yahya Rasool" over "Rasool"); the most frequent
    longest form (not an acronym) otherwise."""
    texts = [" ".join(m.text.split()) for m in mentions]
    if type_ == "PERSON":
        return max(texts, key=lambda t: (len(name_tokens(t)), len(t)))
    non_acronyms = [t for t in texts if not (t.isupper() and len(t) <= 8)] or texts
    counts = Counter(non_acronyms)
    return max(counts, key=lambda t: (len(t.split()), counts[t], len(t)))
