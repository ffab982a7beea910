"""One sense per discourse: a name keeps one label throughout a document."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from .context import Context, Draft, lookup_key


def consistent_labels(ctx: Context, mentions: list[Draft]) -> list[Draft]:
    """A name the model labels differently in one document gets the label most of its mentions
    have ("Darayya" as a place four times and a person once)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.source == "model" and m.type != "DATE":
            by_name[lookup_key(ctx.surface(m))].append(i)
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
