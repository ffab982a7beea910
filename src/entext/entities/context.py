"""What every entity-building pass works on: the draft mentions and the document's context.

A pass takes the document's :class:`Context` and the draft mentions and returns new drafts;
the context holds the text, the rules and the lookups the passes share, each computed once per
document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..datafiles import read_data_lines
from ..normalize import lookup_key, slugify
from ..rules import EntityInfo, RuleSet

# The text helpers entity building uses, from one place.
__all__ = [
    "Context",
    "Draft",
    "EntityInfo",
    "RawSpan",
    "RuleSet",
    "covered",
    "lookup_key",
    "model_only",
    "read_data_lines",
    "slugify",
    "whole_word_spans",
]


@dataclass(frozen=True)
class RawSpan:
    """A span from the pipeline: absolute offsets, label, gazetteer id and producer."""

    start: int
    end: int
    label: str
    ent_id: str
    source: str


@dataclass
class Draft:
    """A mention on its way to an entity: offsets, type and kind, gazetteer id, producer."""

    start: int
    end: int
    type: str
    kind: str | None
    ent_id: str
    source: str


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+(?:the[ \t]+)?$")


@dataclass
class Context:
    """One document's text and rules, with the lookups several passes share, memoised."""

    text: str
    rules: RuleSet
    # Entities the passes name (state forces), by id, beside the gazetteers' own.
    known: dict[str, EntityInfo] = field(default_factory=dict)
    # A person's alias (name tokens) -> the name tokens of the person it stands for, and the
    # aliases of each person as written.
    aliases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    alias_names: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    _words_before: dict[int, str] = field(default_factory=dict, repr=False)

    def info(self, ent_id: str) -> EntityInfo | None:
        """The known entity an id names: in the gazetteers or named by a pass."""
        return self.rules.entities.get(ent_id) or self.known.get(ent_id)

    def surface(self, m: Draft) -> str:
        """The text of a mention."""
        return self.text[m.start : m.end]

    def word_before(self, start: int) -> str:
        """The lower-cased word before ``start``, skipping a "the" ("in the Sinai" -> "in")."""
        word = self._words_before.get(start)
        if word is None:
            match = _WORD_BEFORE.search(self.text, max(0, start - 40), start)
            word = match.group(1).lower() if match else ""
            self._words_before[start] = word
        return word


def model_only(m: Draft, *types: str) -> bool:
    """Whether a mention of one of ``types`` is the model's alone: no gazetteer entry, no
    pattern, no kind."""
    return m.type in types and m.source == "model" and not m.ent_id and m.kind is None


def covered(text: str, mentions: Iterable[Draft]) -> bytearray:
    """One byte per character of ``text``: 1 where a mention covers it."""
    marks = bytearray(len(text))
    for m in mentions:
        marks[m.start : m.end] = b"\x01" * (m.end - m.start)
    return marks


def whole_word_spans(text: str, word: str, not_before: str = "") -> Iterator[tuple[int, int]]:
    """The spans of ``word`` in ``text`` where no word character or hyphen (nor a character of
    ``not_before`` before it) touches it, left to right without overlaps: the matches of
    ``(?<![\\w-{not_before}])WORD(?![\\w-])`` without compiling a pattern per word."""
    if not word:
        raise ValueError("an empty word")
    size, pos = len(word), 0
    while (start := text.find(word, pos)) != -1:
        end = start + size
        if (start == 0 or not _touches(text[start - 1], not_before)) and (
            end == len(text) or not _touches(text[end], "")
        ):
            yield start, end
            pos = end
        else:
            pos = start + 1


def _touches(char: str, also: str) -> bool:
    """Whether ``char`` is a word character to ``re`` (``\\w``), a hyphen or one of ``also``."""
    return char.isalnum() or char in "_-" or char in also


def by_start(mentions: Iterable[Draft]) -> list[Draft]:
    """Mentions in text order."""
    return sorted(mentions, key=lambda m: m.start)
