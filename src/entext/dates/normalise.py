"""Cleaning a mention's text before resolution, and reading the clause that precedes it."""

from __future__ import annotations

import re

from .vocabulary import (
    _CLAUSE_SPLIT_RE,
    _FUTURE_CUE_RE,
    _LEADING_RE,
    _NORM_TRANS,
    _PAST_PERFECT_RE,
    _THE_KEEP,
)


def _normalise(text: str) -> str:
    s = text.translate(_NORM_TRANS).lower()
    s = re.sub(r"\s+", " ", s).strip()
    s = s.strip(' "()[]{},;:!?*|')
    s = re.sub(r"\.$", "", s) if not re.search(r"\b(?:[ap]\.m|b\.c|a\.d|c\.e)\.$", s) else s
    s = re.sub(r"'s$", "", s)  # "last night's attack" spans end in a possessive
    s = re.sub(r"(?<=[a-z])-(?=[a-z0-9'])", " ", s)  # "mid-February", "first-quarter"
    s = re.sub(r"(?<=\d)(?:st|nd|rd|th)?-(?=(?:century|quarter|half)\b)", "th ", s)
    return s


def _strip_leading(s: str) -> str:
    for _ in range(4):
        new = _LEADING_RE.sub("", s, count=1)
        new = re.sub(r"^the\s+", "", new) if not _THE_KEEP.match(new) else new
        if new == s:
            break
        s = new
    return s


def _clause(context: str) -> str:
    ctx = context.translate(_NORM_TRANS).lower()
    parts = _CLAUSE_SPLIT_RE.split(ctx)
    return parts[-1] if parts else ctx


def _future_cue(context: str) -> bool:
    clause = _clause(context)
    if _FUTURE_CUE_RE.search(clause):
        return True
    # "by June" announces a deadline ahead unless the clause narrates the past ("had seized").
    return bool(re.search(r"\bby\s*$", clause)) and not _PAST_PERFECT_RE.search(clause)
