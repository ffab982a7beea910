"""The cue words of ``data/cue_words.json``: words around a name that say what it names."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from ..regex_trie import phrase_alternation
from .context import read_data_lines

NAME_WORD = r"[A-Z][\w'’&-]*"
# A name of up to four capitalised words, digits or Arabic particles ("MSC Sarah V", "Dar
# al-Salam"), within one sentence.
NAME_RUN = rf"{NAME_WORD}(?:[ \t]+(?:{NAME_WORD}|[0-9][\w-]*|(?:al|el|de|bin|ibn)\b)){{0,3}}"


@lru_cache(maxsize=1)
def cue_words() -> dict[str, Any]:
    """The cue-word lists, by name (see the file's ``_about``)."""
    text = "\n".join(read_data_lines("cue_words.json"))
    return json.loads(text) if text else {}


def words(name: str) -> list[str]:
    """One list of cue words."""
    value = cue_words().get(name, [])
    return list(value)


def alternation(items: list[str] | tuple[str, ...], *, not_after: str | None = None) -> str:
    """A regex alternation of phrases, longest first, spaces matching any blank (as a trie:
    the same matches, a few steps per position instead of one per phrase); with ``not_after``
    (one character's pattern), only where the character before is not one of those."""
    return phrase_alternation(items, blanks=True, not_after=not_after)


def word_alternation(items: list[str] | tuple[str, ...]) -> str:
    """``\\b(?:ALTERNATION)``: the phrases where a word starts, as :func:`alternation`. When
    every phrase starts with a word character other than a small letter ("Cyclone", "Typhoon"),
    ``\\b`` there means no word character before, and the check goes after the first character
    (see ``phrase_alternation``): ``re`` then looks only at capitals. (Small first letters are
    most of a text: there the plain ``\\b`` is faster.)"""
    if items and all(re.match(r"\w", p) and not p[0].islower() for p in items):
        return alternation(items, not_after=r"\w")
    return rf"\b(?:{alternation(items)})"
