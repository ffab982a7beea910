"""Refusing regular expressions that can backtrack catastrophically, before any text meets them.

Python's ``re`` backtracks: a quantifier over something that can itself match a piece of text
in more than one way makes the work grow exponentially with the length of a token that almost
matches (``^(a+)+$``, ``^(a|a)+$``, ``(\\w+\\s?)*``), and two neighbouring quantifiers over the
same characters make it grow polynomially (``\\w+\\w+$``). Patterns are checked on their parse
tree, not their spelling, so extra groups (``^((a+))+$``) or classes (``([ab]|a)+``) do not hide
a nesting. The check is conservative: it refuses some patterns that would be fine.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Callable, Iterable
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover
    import sre_constants
    import sre_parse

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
# Characters of every sort a token can hold; literal characters of the pattern are added.
_PROBES = frozenset(string.printable + "éßЖжا٣中\u00a0\u2013’")
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre_constants.CATEGORY_DIGIT: str.isdecimal,
    sre_constants.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    sre_constants.CATEGORY_SPACE: str.isspace,
    sre_constants.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre_constants.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre_constants.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def backtracking_problem(pattern: str) -> str | None:
    """Why ``pattern`` can take exponential or polynomial time (``None`` when it cannot)."""
    try:
        tree: Any = sre_parse.parse(pattern)
    except Exception:  # invalid patterns are reported by re.compile
        return None
    probes = _PROBES | frozenset(pattern)
    return _Checker(probes).sequence(list(tree))


class _Checker:
    def __init__(self, probes: frozenset[str]) -> None:
        self.probes = probes

    # -- what a piece of pattern can consume --------------------------------------------

    def chars(self, items: Iterable[Any]) -> frozenset[str]:
        """Every character the items can match anywhere."""
        out: set[str] = set()
        for op, av in items:
            out |= self._item_chars(op, av, first_only=False)
        return frozenset(out)

    def first(self, items: list[Any]) -> frozenset[str]:
        """The characters a match of the items can start with."""
        out: set[str] = set()
        for op, av in items:
            out |= self._item_chars(op, av, first_only=True)
            if not self._can_be_empty(op, av):
                break
        return frozenset(out)

    def _item_chars(self, op: Any, av: Any, first_only: bool) -> frozenset[str]:
        if op == sre_constants.LITERAL:
            return frozenset({chr(av)})
        if op == sre_constants.NOT_LITERAL:
            return self.probes - {chr(av)}
        if op == sre_constants.ANY:
            return self.probes - {"\n"}
        if op == sre_constants.IN:
            return self._in(av)
        pick = self.first if first_only else self.chars
        if op == sre_constants.SUBPATTERN:
            return pick(list(av[-1]))
        if op in _REPEATS or op == getattr(sre_constants, "POSSESSIVE_REPEAT", None):
            return pick(list(av[2]))
        if op == sre_constants.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                out |= pick(list(alt))
            return frozenset(out)
        return frozenset()  # anchors, assertions, back references

    def _in(self, items: list[Any]) -> frozenset[str]:
        negate = any(op == sre_constants.NEGATE for op, _ in items)
        return frozenset(c for c in self.probes if _in_class(c, items) != negate)

    def _can_be_empty(self, op: Any, av: Any) -> bool:
        if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.ANY):
            return False
        if op == sre_constants.IN:
            return False
        if op in _REPEATS or op == getattr(sre_constants, "POSSESSIVE_REPEAT", None):
            return av[0] == 0 or all(self._can_be_empty(o, a) for o, a in av[2])
        if op == sre_constants.SUBPATTERN:
            return all(self._can_be_empty(o, a) for o, a in av[-1])
        if op == sre_constants.BRANCH:
            return any(all(self._can_be_empty(o, a) for o, a in alt) for alt in av[1])
        return True  # anchors and assertions consume nothing

    def _is_variable(self, op: Any, av: Any) -> bool:
        """The item can match texts of different lengths."""
        if op in _REPEATS:
            return av[0] != av[1] or any(self._is_variable(o, a) for o, a in av[2])
        if op == sre_constants.SUBPATTERN:
            return any(self._is_variable(o, a) for o, a in av[-1])
        return bool(op == sre_constants.BRANCH)

    # -- the checks -------------------------------------------------------------------

    def sequence(self, items: list[Any]) -> str | None:
        for i, (op, av) in enumerate(items):
            problem = self.item(op, av)
            if problem:
                return problem
            if op in _REPEATS and av[0] != av[1]:
                problem = self._neighbours(items, i)
                if problem:
                    return problem
        return None

    def _neighbours(self, items: list[Any], i: int) -> str | None:
        """A variable quantifier followed, with only optional items between, by another one
        over some of the same characters: the text between them can be split many ways."""
        body = self.chars(items[i][1][2])
        for op, av in items[i + 1 :]:
            if op in _REPEATS and av[0] != av[1] and body & self.chars(av[2]):
                return "has neighbouring quantifiers over the same characters"
            if not self._can_be_empty(op, av):
                return None
        return None

    def item(self, op: Any, av: Any) -> str | None:
        if op in _REPEATS:
            hi, body = av[1], _flatten(list(av[2]))
            if hi > 1:
                problem = self._ambiguous(body)
                if problem:
                    return problem
            return self.sequence(body)
        if op == sre_constants.SUBPATTERN:
            return self.sequence(list(av[-1]))
        if op == sre_constants.BRANCH:
            for alt in av[1]:
                problem = self.sequence(list(alt))
                if problem:
                    return problem
        return None

    def _ambiguous(self, body: list[Any]) -> str | None:
        """Can one stretch of text be matched by the repeated ``body`` in several ways?"""
        if all(self._can_be_empty(o, a) for o, a in body):
            return "repeats something that can match nothing"
        if self._overlapping_choice(body):
            return "repeats alternatives that can match the same text"
        for j, (op, av) in enumerate(body):
            if not self._is_variable(op, av):
                continue
            rest = body[j + 1 :]
            follow = set(self.first(rest))
            if all(self._can_be_empty(o, a) for o, a in rest):
                follow |= self.first(body)  # the next repetition
            if self._item_chars(op, av, first_only=False) & follow:
                return "nests quantifiers"
        return None

    def _overlapping_choice(self, items: list[Any]) -> bool:
        """An alternation among the items whose branches can match alike (both nothing, or
        text starting with the same character)."""
        for op, av in items:
            if op != sre_constants.BRANCH:
                continue
            alts = [_flatten(list(a)) for a in av[1]]
            empty = [all(self._can_be_empty(o, a) for o, a in alt) for alt in alts]
            if sum(empty) > 1:
                return True
            firsts = [self.first(a) for a in alts]
            for x in range(len(firsts)):
                for y in range(x + 1, len(firsts)):
                    if firsts[x] & firsts[y]:
                        return True
            if any(self._overlapping_choice(alt) for alt in alts):
                return True
        return False


def _in_class(c: str, items: list[Any]) -> bool:
    for op, av in items:
        if op == sre_constants.LITERAL and c == chr(av):
            return True
        if op == sre_constants.RANGE and av[0] <= ord(c) <= av[1]:
            return True
        if op == sre_constants.CATEGORY:
            test = _CATEGORIES.get(av)
            if test is None or test(c):
                return True
        known = (sre_constants.LITERAL, sre_constants.RANGE, sre_constants.CATEGORY)
        if op not in known and op != sre_constants.NEGATE:
            return True  # anything else: assume it can match
    return False


def _flatten(items: list[Any]) -> list[Any]:
    """Groups spliced into the sequence around them (``((a+))`` is ``a+``)."""
    out: list[Any] = []
    for op, av in items:
        if op == sre_constants.SUBPATTERN:
            out.extend(_flatten(list(av[-1])))
        else:
            out.append((op, av))
    return out
