"""Grouping mentions into entities: one key per entity, canonical names, merged ids."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..schema import Entity, Mention

if TYPE_CHECKING:
    from ..dates import DateValue
from .context import Context, Draft, EntityInfo, lookup_key, slugify
from .locations import countries_named, place_info
from .names import cluster_people, person_name


@dataclass(frozen=True)
class DateContext:
    """What dates resolve against: the reference day and moment, and the day-first reading."""

    ref: dt.date | None = None
    ref_time: dt.datetime | None = None
    dayfirst: bool = False


def group(ctx: Context, mentions: Sequence[Draft], dates: DateContext) -> list[Entity]:
    """The document's entities, one per key: a resolved date, a person cluster, a known
    entity's id, or the type and folded name."""
    text = ctx.text
    groups: dict[str, list[tuple[Draft, Mention]]] = defaultdict(list)
    infos: dict[str, EntityInfo | None] = {}
    countries = countries_named(ctx, mentions)
    people = [m for m in mentions if m.type == "PERSON"]
    person_clusters = cluster_people(text, people, ctx.aliases)
    date_values = _resolve_dates(text, [m for m in mentions if m.type == "DATE"], dates)
    kinds: dict[int, str] = {}
    for m in mentions:
        surface = ctx.surface(m)
        value: str | None = None
        value_end: str | None = None
        info: EntityInfo | None = None
        if m.type == "DATE":
            dv = date_values[m.start, m.end]
            if dv is None:
                continue  # an age or a count, not a date
            value, value_end = dv.value, dv.value_end
            kind = dv.kind if dv.kind in ("DURATION", "SET") else m.kind or "DATE"
            kinds[m.start] = kind
            prefix = kind.lower() if kind in ("DURATION", "SET") else "date"
            key = f"{prefix}/{value}" if value else f"{prefix}/unresolved/{slugify(surface)}"
        elif m.type == "PERSON":
            key = person_clusters[m.start]
            info = ctx.info(m.ent_id) if m.ent_id else None
        else:
            info = ctx.info(m.ent_id) if m.ent_id and "/" in m.ent_id else None
            if info is None and m.type == "LOC":
                info = place_info(ctx, surface, countries)
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
    aliases = {"person/" + "-".join(full): names for full, names in ctx.alias_names.items()}
    entities = [
        _make_entity(key, items, infos.get(key), aliases.get(key, []), kinds)
        for key, items in groups.items()
    ]
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


def _resolve_dates(
    text: str, mentions: Sequence[Draft], dates: DateContext
) -> dict[tuple[int, int], DateValue | None]:
    """Each DATE mention's value (None: not a date), resolved together (see
    :func:`entext.dates.resolve_mentions`)."""
    from ..dates import resolve_mentions

    spans = [(m.start, m.end) for m in mentions]
    values = resolve_mentions(
        text, spans, dates.ref, ref_time=dates.ref_time, dayfirst=dates.dayfirst
    )
    return dict(zip(spans, values, strict=True))


def _make_entity(
    key: str,
    items: list[tuple[Draft, Mention]],
    info: EntityInfo | None,
    aliases: list[str],
    date_kinds: dict[int, str],
) -> Entity:
    first = items[0][0]
    mentions = tuple(sorted((mm for _, mm in items), key=lambda x: x.start))
    attrs: dict[str, Any] = dict(info.attrs) if info else {}
    if info is not None:
        type_, kind, name, ent_id = info.type, info.kind, info.name, info.id
        if first.type != info.type:
            type_ = first.type
    else:
        type_, kind, ent_id = first.type, _majority_kind(m for m, _ in items), key
        name = _canonical_name(type_, [mm for _, mm in items], aliases)
        if aliases:
            attrs["aliases"] = list(aliases)
    if type_ == "DATE":
        found = [date_kinds.get(m.start, "DATE") for m, _ in items]
        kind = (
            found[0]
            if found[0] in ("DURATION", "SET")
            else ("TIME" if all(k == "TIME" for k in found) else "DATE")
        )
        values = [mm.value for mm in mentions if mm.value]
        name = values[0] if values else mentions[0].text
    if info is None and type_ != "DATE":
        ent_id = f"{type_.lower()}/{slugify(name)}"
    return Entity(ent_id, type_, kind, name, mentions, attrs)  # type: ignore[arg-type]


def _majority_kind(mentions: Iterable[Draft]) -> str | None:
    kinds = Counter(m.kind for m in mentions if m.kind)
    return kinds.most_common(1)[0][0] if kinds else None


def _canonical_name(type_: str, mentions: Sequence[Mention], aliases: Sequence[str] = ()) -> str:
    """The longest mention for people ("Yahya Rasool" over "Rasool"); the most frequent
    longest form (not an acronym) otherwise."""
    texts = [" ".join(m.text.split()) for m in mentions]
    if type_ == "PERSON":
        return person_name(texts, aliases)
    non_acronyms = [t for t in texts if not (t.isupper() and len(t) <= 8)] or texts
    counts = Counter(non_acronyms)
    return max(counts, key=lambda t: (len(t.split()), counts[t], len(t)))
