"""People's names: comparable name tokens, titles that are not names, surnames that stand for
a person named in full, and the clusters of mentions that name one person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from ..name_words import KUNYA_WORDS, NAME_PARTICLES
from .context import Context, Draft, by_start, covered, slugify, whole_word_spans

_NAME_SPLIT = re.compile(r"[\s\-‐‑]+")
# A quoted nickname inside a name: Nemesio "El Mencho" Oseguera.
_QUOTED_PART = re.compile(r"[\"“”][^\"“”]*[\"“”]")


def without_nickname(name: str) -> str:
    """A name without the quoted nickname in it: ``Nemesio "El Mencho" Oseguera`` ->
    ``Nemesio Oseguera``."""
    if '"' not in name and "“" not in name:
        return name
    return " ".join(_QUOTED_PART.sub(" ", name).split()) or name


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a person's name: ``"Abu Baqir Al-Saadi"`` -> ``(abu, baqir, saadi)``."""
    cleaned = re.sub(r"['’‘ʼ`.]", "", without_nickname(name).casefold())
    return tuple(t for t in _NAME_SPLIT.split(cleaned) if t and t not in NAME_PARTICLES)


def is_part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` names the person ``full`` names: his surname(s), or his kunya."""
    if not short or len(short) >= len(full):
        return False
    if full[-len(short) :] == short:
        return True
    # A kunya alone ("Abu Baqir") names the same man as "Abu Baqir Al-Saadi".
    return short[0] in KUNYA_WORDS and full[: len(short)] == short


# Parts of names up to this many words are kept in a set; a longer one (a "name" the model runs
# over a paragraph of one repeated name has thousands of words) is checked against the few
# long names directly, so the set stays linear in the text and the answer is the same.
NAME_PART_MAX_TOKENS = 12


class NameParts:
    """Every ``short`` with ``is_part_of(short, full)`` for one of the names: a set lookup
    instead of a scan over the document's people for each mention."""

    def __init__(self, names: Iterable[tuple[str, ...]]) -> None:
        self.short: set[tuple[str, ...]] = set()
        self.long_names: list[tuple[str, ...]] = []
        for full in names:
            if len(full) > NAME_PART_MAX_TOKENS + 1:
                self.long_names.append(full)
            for k in range(1, min(len(full), NAME_PART_MAX_TOKENS + 1)):
                self.short.add(full[-k:])
                if full[0] in KUNYA_WORDS:
                    self.short.add(full[:k])

    def __contains__(self, toks: object) -> bool:
        if not isinstance(toks, tuple):
            return False
        if len(toks) <= NAME_PART_MAX_TOKENS:
            return toks in self.short
        return any(is_part_of(toks, full) for full in self.long_names)


class FullNames:
    """Full names in the order they were added, with, for each ``short``, the full names it
    is part of (``is_part_of``) in that order: a lookup instead of a scan over every name
    (a document of a thousand people made the scan a few million comparisons)."""

    def __init__(self) -> None:
        self.names: list[tuple[str, ...]] = []
        self._names: set[tuple[str, ...]] = set()
        self._wholes: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self._long: list[tuple[str, ...]] = []

    def __contains__(self, toks: object) -> bool:
        return toks in self._names

    def add(self, full: tuple[str, ...]) -> None:
        self.names.append(full)
        self._names.add(full)
        if len(full) > NAME_PART_MAX_TOKENS + 1:
            self._long.append(full)
        parts = set()
        for k in range(1, min(len(full), NAME_PART_MAX_TOKENS + 1)):
            parts.add(full[-k:])
            if full[0] in KUNYA_WORDS:
                parts.add(full[:k])
        for part in parts:
            self._wholes.setdefault(part, []).append(full)

    def wholes(self, short: tuple[str, ...]) -> list[tuple[str, ...]]:
        """``[f for f in self.names if is_part_of(short, f)]``."""
        if not short:
            return []
        if len(short) <= NAME_PART_MAX_TOKENS:
            return self._wholes.get(short, [])
        return [f for f in self._long if is_part_of(short, f)]


def name_parts(names: Iterable[tuple[str, ...]]) -> NameParts:
    """The parts of ``names`` (see ``NameParts``)."""
    return NameParts(names)


def proper_runs(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every word and run of words of a name short of the whole name: ("abu", "bakr",
    "baghdadi") -> ("abu",), ("abu", "bakr"), ("bakr",) ... but not the three."""
    for a in range(len(words)):
        for b in range(a + 1, len(words) + 1):
            if (a, b) != (0, len(words)):
                yield words[a:b]


# "Secretary of State Kerry", "Minister for the Middle East, Tobias Ellwood": the department or
# region belongs to the title, not to the news.
_TITLE_OF = re.compile(
    r"\b(?:Secretary|Minister|Envoy|Commissioner)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?$"
)
_GLUED_NAME = re.compile(r"(?<= )[A-Z][a-z]+ [A-Z][a-z]+$")
_NAME_FOLLOWS = re.compile(r",?[ \t]+(?:[A-Z][a-z]|[A-Z]\.)")


def titles_are_not_names(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Drop a department or region the model found inside a person's title, and cut a title the
    model glued to a person's name ("Middle East Tobias Ellwood") down to the person."""
    text = ctx.text
    people = {ctx.surface(m) for m in mentions if m.type == "PERSON"}
    people = {p for p in people if len(p.split()) > 1}
    out = []
    for m in mentions:
        if m.source == "model" and m.type in ("ORG", "LOC"):
            surface = ctx.surface(m)
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


def relabel_person_surnames(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """An ORG or unknown place the model found that is really a person's name in this document
    becomes PERSON.

    The small model reads "Rasool's statement" as an organisation; once "Yahya Rasool" is a
    person here, "Rasool" is him. Known places ("Jordan") are never relabelled. A place becomes
    a person only as part of a longer person's name ("Michael Jordan" ... "Jordan"): the same
    single name read once as a place and once as a person is left to the place passes, and a
    capitalised dateline the model calls a person ("KHARTOUM -") is no person's name.
    """
    people = {
        name_tokens(ctx.surface(m))
        for m in mentions
        if m.type == "PERSON" and not ctx.surface(m).isupper()
    }
    people.discard(())
    if not people:
        return mentions
    parts = name_parts(people)
    out = []
    for m in mentions:
        surface = ctx.surface(m)
        if m.source == "model" and not m.ent_id:
            toks = name_tokens(surface)
            if (m.type == "ORG" and (toks in people or toks in parts)) or (
                m.type == "LOC" and toks in parts and ctx.rules.find(surface) is None
            ):
                m = replace(m, type="PERSON", kind=None, source="alias")
        out.append(m)
    return out


def propagate_surnames(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """Later unlabelled occurrences of a person's surname count as that person.

    One sense per discourse: after "Yahya Rasool", a bare "Rasool" the model missed is him.
    Only surnames of multi-word person names are spread; organisations are matched by the
    gazetteer and acronyms by ``learn_acronyms``.
    """
    text = ctx.text
    surnames: dict[str, Draft] = {}  # letters, after "al-" or "el-" (see surname_occurrences)
    for m in mentions:
        if m.type != "PERSON":
            continue
        words = ctx.surface(m).split()
        if len(words) < 2:
            continue
        last = re.sub(r"^(?:[Aa]l|[Ee]l)[-‐]", "", words[-1])
        if len(last) >= 3 and last[0].isupper() and last.isalpha():
            surnames.setdefault(words[-1], m)
    if not surnames:
        return mentions
    out = list(mentions)
    taken = covered(text, mentions)
    for start, end in surname_occurrences(text, surnames):
        if start < surnames[text[start:end]].end or taken.find(1, start, end) != -1:
            continue
        out.append(Draft(start, end, "PERSON", None, "", "alias"))
        taken[start:end] = b"\x01" * (end - start)
    return by_start(out)


# At each place a word that may be a surname starts (a capital, or "al-"/"el-"), the one
# surname-shaped word that can stand there: "al-" or "el-" and letters, else letters, then no
# word character or hyphen.
_SURNAME_AT = re.compile(
    r"(?<![\w-])(?=(?![a-z])|[ae]l[-‐])"
    r"(?=((?:[Aa]l|[Ee]l)[-‐][^\W\d_]+|[^\W\d_]+)(?![\w-]))"
)
# Up to this many surnames each is looked for in the text (fast); more, each word is looked up
# among them (linear however many there are).
FIND_AT_MOST = 32


def surname_occurrences(
    text: str, surnames: Iterable[str], *, find_at_most: int = FIND_AT_MOST
) -> Iterator[tuple[int, int]]:
    """Where the surnames stand as whole words, left to right without overlaps: the matches of
    the alternation ``(?<![\\w-])(?:S1|S2|...)(?![\\w-])`` of surnames of the shape
    :func:`propagate_surnames` takes (a capital and letters, after "al-" or "el-" or not),
    without compiling a pattern for each document. (At most one such surname can start at a
    place, and only one after "al-" can start inside another.)"""
    wanted = set(surnames)
    spans: Iterable[tuple[int, int]]
    if len(wanted) <= find_at_most:
        spans = sorted(span for surname in wanted for span in whole_word_spans(text, surname))
    else:
        spans = ((m.start(), m.end(1)) for m in _SURNAME_AT.finditer(text) if m.group(1) in wanted)
    end = 0
    for start, stop in spans:
        if start >= end:
            yield start, stop
            end = stop


def cluster_people(
    text: str,
    people: Sequence[Draft],
    aliases: Mapping[tuple[str, ...], tuple[str, ...]] | None = None,
) -> dict[int, str]:
    """Map each PERSON mention's start to a cluster key; short names join the full name, and
    an alias the name it stands for."""
    aliases = aliases or {}
    toks = {m.start: name_tokens(text[m.start : m.end]) for m in people}
    toks = {start: aliases.get(t, t) for start, t in toks.items()}
    full_names = FullNames()
    for m in sorted(people, key=lambda m: -len(toks[m.start])):
        t = toks[m.start]
        if not t or t in full_names:
            continue
        if not full_names.wholes(t):
            full_names.add(t)
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
            candidates = full_names.wholes(t)
            before = [f for f in candidates if first_seen.get(f, 1 << 62) < m.start]
            pool = before or candidates
            target = max(pool, key=lambda f: last_seen.get(f, -1)) if pool else t
        last_seen[target] = m.start
        out[m.start] = "person/" + ("-".join(target) if target else slugify(text[m.start : m.end]))
    return out


def person_name(texts: Sequence[str], aliases: Iterable[str] = ()) -> str:
    """The canonical name of a person: the longest mention ("Yahya Rasool" over "Rasool"),
    without a quoted nickname, and not an alias where the person's own name is known."""
    names = [without_nickname(t) for t in texts]
    alias_tokens = {name_tokens(a) for a in aliases}
    own = [n for n in names if name_tokens(n) not in alias_tokens] or names
    return max(own, key=lambda t: (len(name_tokens(t)), len(t)))
