"""Alternations of many phrases as a trie, so that a regex tries a few of them at each position.

``re`` tries the branches of ``Niger|Nigeria|Nepal|...`` one by one at every position it scans:
a pattern with the 683 country names and demonyms in front costs hundreds of steps per word.
The same phrases factored by their common prefixes (``N(?:iger(?:ia)?|epal)``) cost a few.

:func:`phrase_alternation` gives the same matches as the plain alternation of the phrases sorted
longest first, at every position and under any flags, and backtracks through them in the same
order: a longer phrase is tried before a shorter one that it starts with. (At one position,
the phrases that match are each a prefix of the next, so "longest first" is the whole order.)
When that cannot be guaranteed (two phrases that differ only by letter case, which a
case-insensitive pattern would both match; tabs or runs of blanks with ``blanks``), it gives
the plain alternation.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from functools import lru_cache

_END = ""  # the key that marks the end of a phrase in a trie node
_BLANK = " "  # the unit that stands for a run of blanks (with ``blanks``)
_BLANK_PATTERN = r"[ \t]+"

_Node = dict[str, "_Node"]


def plain_alternation(phrases: Iterable[str], *, blanks: bool = False) -> str:
    """The phrases escaped and joined longest first (spaces as ``[ \\t]+`` with ``blanks``)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    escaped = (re.escape(p) for p in ordered)
    if blanks:
        escaped = (e.replace(r"\ ", _BLANK_PATTERN) for e in escaped)
    return "|".join(escaped)


def phrase_alternation(
    phrases: Iterable[str], *, blanks: bool = False, not_after: str | None = None
) -> str:
    """A regex matching exactly as :func:`plain_alternation` of the phrases does, as a trie.

    Built tries are kept in the cache folder (``cache.py``), by a digest of the phrases and
    options: building them took a tenth of a second of every run's first article.
    """
    items = list(phrases)
    key = hashlib.sha256(
        "\0".join([str(blanks), str(not_after), *sorted(set(items))]).encode()
    ).hexdigest()[:24]
    built = _built()
    pattern = built.get(key)
    if pattern is None:
        pattern = built[key] = _phrase_alternation(items, blanks=blanks, not_after=not_after)
        from . import cache

        cache.store("alternations", _cache_parts(), built)
    return pattern


@lru_cache(maxsize=1)
def _built() -> dict[str, str]:
    from . import cache

    found = cache.load("alternations", _cache_parts())
    return dict(found) if isinstance(found, dict) else {}


def _cache_parts() -> list[str]:
    from . import cache

    return cache.module_stamps(sys.modules[__name__])


def _phrase_alternation(
    phrases: Iterable[str], *, blanks: bool = False, not_after: str | None = None
) -> str:
    """:func:`phrase_alternation`, built.

    With ``blanks``, each space of a phrase matches a run of spaces and tabs. With
    ``not_after`` (a pattern of one character, such as ``[\\w-]``), it matches as
    ``(?<!NOT_AFTER)(?:PLAIN)`` does: the check stands after each phrase's first character
    (``N(?<![\\w-].)iger``), so that ``re`` finds the places where a phrase may start by the
    first characters alone instead of trying every position.
    """
    items = list(phrases)
    unique = set(items)
    if blanks and any(
        "\t" in p or "  " in p or p.startswith(" ") or p.endswith(" ") for p in unique
    ):  # blanks that phrases of one length match in runs of different lengths
        return _before(not_after) + _group(plain_alternation(items, blanks=blanks))
    if not_after is not None and any(p[:1] in ("", "\n") for p in unique):
        # "." in the check after the first character does not match a line break
        return _before(not_after) + _group(_trie(unique, blanks))
    if not_after is None:
        return _trie(unique, blanks)
    root = _node(unique)
    check = f"(?<!{not_after}.)"
    branches = []
    for chars in _alike_classes(list(root)):
        if len(chars) == 1:
            branches.append(_unit(chars[0], blanks) + check + _emit(root[chars[0]], blanks))
            continue
        suffixes = [c + s for c in chars for s in _suffixes(root[c])]
        for suffix in sorted(set(suffixes), key=len, reverse=True):
            rest = plain_alternation([suffix[1:]], blanks=blanks) if suffix[1:] else ""
            branches.append(_unit(suffix[0], blanks) + check + rest)
    return "|".join(branches)


def _before(not_after: str | None) -> str:
    return "" if not_after is None else f"(?<!{not_after})"


def _group(pattern: str) -> str:
    return f"(?:{pattern})"


def _node(phrases: Iterable[str]) -> _Node:
    root: _Node = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _trie(phrases: Iterable[str], blanks: bool) -> str:
    return _emit(_node(phrases), blanks)


def _emit(node: _Node, blanks: bool) -> str:
    branches = []
    for chars in _alike_classes([c for c in node if c != _END]):
        if len(chars) == 1:
            branches.append(_unit(chars[0], blanks) + _emit(node[chars[0]], blanks))
        else:  # the order of phrases that a case-insensitive pattern may match alike
            suffixes = [c + s for c in chars for s in _suffixes(node[c])]
            branches.append(plain_alternation(suffixes, blanks=blanks))
    if not branches:
        return ""
    body = "|".join(branches)
    if _END not in node:
        return body if len(branches) == 1 and "|" not in body else f"(?:{body})"
    # The phrase that ends here is tried after every longer one that goes on from here.
    if len(branches) == 1 and len(branches[0]) == 1:
        return f"{body}?"
    return f"(?:{body})?"


def _unit(char: str, blanks: bool) -> str:
    return _BLANK_PATTERN if blanks and char == _BLANK else re.escape(char)


def _suffixes(node: _Node) -> list[str]:
    out = []
    stack = [(node, "")]
    while stack:
        node, prefix = stack.pop()
        for char, child in node.items():
            if char == _END:
                out.append(prefix)
            else:
                stack.append((child, prefix + char))
    return out


def _alike_classes(chars: list[str]) -> list[list[str]]:
    """The characters in groups that a case-insensitive pattern cannot confuse across (one
    character each, but "T" and "t", or "K" and the Kelvin sign, together)."""
    if len(chars) < 2:
        return [chars] if chars else []
    if all(c.isascii() for c in chars) and len({c.lower() for c in chars}) == len(chars):
        return [[c] for c in sorted(chars)]
    classes: list[list[str]] = []
    for char in sorted(chars):
        joined = [c for c in classes if any(_may_match_alike(char, o) for o in c)]
        merged = [char] + [o for c in joined for o in c]
        classes = [c for c in classes if c not in joined] + [sorted(merged)]
    return classes


@lru_cache(maxsize=4096)
def _may_match_alike(a: str, b: str) -> bool:
    if a.isascii() and b.isascii():
        return a.lower() == b.lower()
    return bool(
        re.fullmatch(re.escape(a), b, re.IGNORECASE) or re.fullmatch(re.escape(b), a, re.IGNORECASE)
    )
