"""Acronyms a document defines: "the Rapid Support Forces (RSF) … the RSF said"."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from .context import Context, Draft, by_start, whole_word_spans

_ACRONYM_AFTER = re.compile(r"\s*[(\[]\s*(?:the\s+)?([A-Z][A-Za-z0-9&.\-]{1,11})\s*[)\]]")


def learn_acronyms(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """``the Rapid Support Forces (RSF) … the RSF said``: the acronym joins the full name."""
    text = ctx.text
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
    added: list[Draft] = []
    for acronym, index in learned.items():
        full = mentions[index]
        ent_id = full.ent_id or f"acronym:{full.start}"
        for start, end in whole_word_spans(text, acronym):
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
            added.append(Draft(start, end, full.type, full.kind, ent_id, "alias"))
        if not full.ent_id and index not in removed:
            out[index] = replace(full, ent_id=ent_id)
    kept = [m for i, m in enumerate(out) if i not in removed]
    return by_start(kept + added)


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
