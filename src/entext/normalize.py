"""Folding names into lookup keys and readable ids (shared by rules, entities and places)."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'’‘ʼ`"

_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")
_FOLD_RE = re.compile(r"[\s\-]+")


def lookup_key(text: str) -> str:
    """Case- and punctuation-folded form of a name for lookups."""
    folded = text.casefold()
    if folded.isalpha():  # the common case, and hot: the cities table has 100,000 names
        return folded
    folded = _FOLD_RE.sub(" ", _APOSTROPHE_RE.sub("'", folded)).strip(" .")
    return folded[4:] if folded.startswith("the ") else folded


def slugify(text: str) -> str:
    """A readable ASCII id fragment: ``"Abu Baqir Al-Saadi"`` -> ``"abu-baqir-al-saadi"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    return re.sub(r"\W+", "-", text.lower()).strip("-") or "x"
