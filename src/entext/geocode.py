"""Pinning the places of one document on the map, with the document as context.

Every LOC entity gets ``country`` (ISO 3166-1 alpha-2), ``admin1``, ``lat``, ``lon``,
``geonames_id``, ``feature`` and ``geo_source``/``geo_score`` saying how it was decided; every
field is ``None`` when it cannot be decided honestly (a village of that name in a country the
story never touches is a guess, not a geocode).

How a name is decided, in order of strength:

1. entext's own conflict-places gazetteer (``data/places.jsonl``, ``data/countries.jsonl``) wins
   where it knows the place; countries take the point GeoNames gives them.
2. Candidates from the world gazetteer (``place_index``) by folded name and alternate names,
   abbreviations expanded ("Calif.", "UAE"), designators read ("Nineveh province" wants a
   province). No fuzzy matching: a name matches exactly after folding or not at all.
3. Ranking with the document: a parent that follows ("Bangor, Maine", "Hit in Anbar", "the
   Karrada district of Baghdad") outweighs everything; then how much of the document's other
   places lie in the candidate's country and first-level area, and the document's focus; then
   priors only: admin areas over same-named small towns, capitals, population, and prominence
   (the number of names a place has in GeoNames).
4. Places the gazetteers do not know inherit what the text says about them: the point of the
   place they are said to be in, or the document's focus country for places found by cue words
   ("the village of X", "X camp"), with no point.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .datafiles import read_data_lines
from .gazetteer_places import focus_countries, places_the_model_called_people
from .normalize import slugify
from .place_index import Place, PlaceIndex, fold, open_index
from .rules import RuleSet
from .schema import Entity, Mention

GEO_FIELDS = (
    "country",
    "admin1",
    "lat",
    "lon",
    "geonames_id",
    "feature",
    "geo_source",
    "geo_score",
)

# The entity kinds of entext's own gazetteer and patterns, as GeoNames-style features.
_KIND_FEATURE = {
    "PROVINCE": "ADMIN1", "GOVERNORATE": "ADMIN1", "STATE": "ADMIN1", "DISTRICT": "ADMIN2",
    "GEOGRAPHIC": "REGION", "WATERWAY": "WATER", "BORDER_AREA": "REGION",
}  # fmt: skip
# Kinds found by cue words: small places that inherit their parent's or the focus's country.
CUE_KINDS = frozenset(
    {"VILLAGE", "CAMP", "NEIGHBOURHOOD", "DISTRICT", "BASE", "CROSSING", "FACILITY", "AIRPORT",
     "PORT", "TOWN"}
)  # fmt: skip

# Priors in log-population units: an ADMIN1 area weighs like a city of about 300,000 with its
# usual number of alternate names (CLIFF's threshold for preferring the city), a country or
# continent more than any city.
_FEATURE_PRIOR = {
    "CONTINENT": 3.5, "COUNTRY": 3.5, "REGION": 3.0, "WATER": 3.0, "ADMIN1": 2.8, "ADMIN2": 1.2,
    "CITY": 0.6, "TOWN": 0.0, "VILLAGE": -0.4,
}  # fmt: skip
_DESIGNATORS = {
    "province": "ADMIN1", "governorate": "ADMIN1", "oblast": "ADMIN1", "state": "ADMIN1",
    "prefecture": "ADMIN1", "region": "ADMIN1", "county": "ADMIN2", "district": "ADMIN2",
    "municipality": "ADMIN2", "territory": "ADMIN2", "city": "POPULATED", "town": "POPULATED",
    "village": "POPULATED", "camp": "POPULATED", "area": None,
}  # fmt: skip
_POPULATED = frozenset({"CITY", "TOWN", "VILLAGE"})
_DESIGNATOR_RE = re.compile(
    r"^(?:(?P<pre>province|governorate|state|city|town|village|county|district|region)\s+of\s+)?"
    r"(?P<name>.+?)"
    r"(?:\s+(?:refugee\s+|idp\s+|displacement\s+)?(?P<post>province|governorate|oblast|state|"
    r"prefecture|region|county|district|municipality|territory|city|town|village|camp|area))?$"
)
# What may stand between a place and the larger place it is in.
_PARENT_GAP_RE = re.compile(
    r"^(?:\s*,\s*|\s+in\s+(?:the\s+)?|\s*\(\s*|\s+(?:neighbou?rhood|district|suburb|area|quarter"
    r"|village|town|city|camp|region|province|county|governorate)\s+of\s+(?:the\s+)?)$"
)
_COMMA_ABBREV_RE = re.compile(r",\s+((?:[A-Z][a-z]{0,4}\.){1,3}|[A-Z]{2,3}\b|[A-Z][a-z]{1,4}\.)")
# "northeast Democratic Republic of Congo", "South Florida": the place, said more precisely.
_DIRECTION_RE = re.compile(
    r"^(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|north|south|east|west|northern|southern|"
    r"eastern|western|central|upstate|downtown|greater|rural|outer|inner)\s+(?=\w)",
    re.IGNORECASE,
)
_NEAR_KM = 40.0
_DECLINE_BELOW = 0.05


@dataclass(frozen=True)
class Focus:
    """What a document is mainly about: shares of its place mentions (0-1)."""

    countries: tuple[tuple[str, float], ...] = ()
    admin1: tuple[tuple[str, str, float], ...] = ()  # (country, admin1 name, score)
    cities: tuple[tuple[str, str | None, float], ...] = ()  # (name, country, score)

    def to_dict(self) -> dict[str, Any]:
        return {
            "countries": [{"country": c, "score": s} for c, s in self.countries],
            "admin1": [{"country": c, "admin1": a, "score": s} for c, a, s in self.admin1],
            "cities": [{"name": n, "country": c, "score": s} for n, c, s in self.cities],
        }

    @property
    def top_country(self) -> str | None:
        return self.countries[0][0] if self.countries else None


@dataclass
class _Target:
    entity: Entity
    weight: float
    fixed: Place | None = None
    fixed_source: str = "gazetteer"
    candidates: list[Place] = field(default_factory=list)
    designator: str | None = None
    parents: list[int] = field(default_factory=list)
    text_parents: list[Place] = field(default_factory=list)
    cue: bool = False
    word: bool = False
    choice: Place | None = None
    score: float = 0.0
    margin: float = 0.0


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, str, bool]]:
    out = {}
    for line in read_data_lines("place_abbreviations.tsv"):
        abbr, name, cc, where = line.split("\t")
        out[abbr] = (name, cc, where == "after-comma")
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(x)))


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s$", "", " ".join(text.split()))


def name_keys(surface: str, after_comma: bool = False) -> tuple[list[str], str | None]:
    """Lookup keys of a mention (best first) and the feature its designator asks for.

    An abbreviation counts where it names a place (``after_comma``: "Austin, TX"); other short
    all-capital words match nothing, so "WA" is not the town of Wa.
    """
    text = _strip_possessive(surface)
    abbr = _abbreviations().get(text)
    if abbr is not None and (after_comma or not abbr[2]):
        return [fold(abbr[0])], None
    letters = [ch for ch in text if ch.isalpha()]
    if text.isupper() and len(letters) <= 3:
        return [], None
    keys = [fold(text)]
    undirected = _DIRECTION_RE.sub("", text)
    if undirected != text:
        keys.append(fold(undirected))
    designator = None
    m = _DESIGNATOR_RE.match(text.casefold())
    if m and (m.group("pre") or m.group("post")):
        word = m.group("pre") or m.group("post") or ""
        designator = _DESIGNATORS.get(word)
        bare = fold(m.group("name"))
        if bare and len(bare) >= 3 and bare not in keys:
            keys.append(bare)
    return [k for k in keys if k], designator


def _capitals() -> frozenset[tuple[str, str]]:
    return _capitals_cached()


@lru_cache(maxsize=1)
def _capitals_cached() -> frozenset[tuple[str, str]]:
    import json

    out = set()
    for line in read_data_lines("countries.jsonl"):
        d = json.loads(line)
        if d.get("capital"):
            out.add((d["iso2"], fold(str(d["capital"]).split(",")[0])))
    return frozenset(out)


def _is_capital(p: Place) -> bool:
    return (
        p.feature == "CITY"
        and p.country is not None
        and ((p.country, fold(p.name.split(",")[0])) in _capitals())
    )


def _country_point(index: PlaceIndex, cc: str, name: str) -> Place | None:
    for key in (fold(name),):
        for p in index.lookup(key):
            if p.feature == "COUNTRY" and p.country == cc:
                return p
    return None


def _from_gazetteer(index: PlaceIndex, e: Entity) -> tuple[Place | None, str]:
    """The point of a place entext's own gazetteer knows (its coordinates, else the GeoNames
    place of that name in that country and area, else the seat of its area)."""
    cc = e.attrs.get("country")
    if not isinstance(cc, str):
        return None, "gazetteer"
    feature = _KIND_FEATURE.get(e.kind or "", e.kind or "REGION")
    if e.kind == "COUNTRY":
        p = _country_point(index, cc, e.name)
        if p is not None:
            return p, "gazetteer"
    admin1 = e.attrs.get("admin1")
    lat, lon = e.attrs.get("lat"), e.attrs.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return Place(-1, None, e.name, feature, cc, admin1, None, float(lat), float(lon), 0, 0), (
            "gazetteer"
        )
    keys = {fold(e.name)} | {fold(m.text) for m in e.mentions}
    for key in keys:
        same = [p for p in index.lookup(key) if p.country == cc and p.lat is not None]
        if same:
            best = max(same, key=lambda p: (p.main_name, p.population, p.alternates))
            return replace(best, feature=feature, name=e.name), "gazetteer+geonames"
    if isinstance(admin1, str):
        for p in index.lookup(fold(admin1)):
            if p.feature == "ADMIN1" and p.country == cc and p.admin1_code:
                seat = index.seat(cc, p.admin1_code)
                if seat is not None:
                    return (
                        Place(-1, None, e.name, feature, cc, p.admin1, p.admin1_code, seat.lat,
                              seat.lon, 0, 0),
                        "gazetteer+admin1-seat",
                    )  # fmt: skip
    return Place(-1, None, e.name, feature, cc, admin1, None, None, None, 0, 0), "gazetteer"


def _is_word(surface: str) -> bool:
    """Whether a name is also an ordinary English word ("Valley", "Reading", "Mobile")."""
    from .places import is_place_word

    return is_place_word(surface)


def _text_parents(index: PlaceIndex, text: str, end: int) -> list[Place]:
    """Abbreviated parents the model does not tag: "Austin, Texas"-style "Austin, TX"."""
    m = _COMMA_ABBREV_RE.match(text, end)
    if not m:
        return []
    abbr = _abbreviations().get(m.group(1))
    if abbr is None:
        return []
    name, cc, _ = abbr
    found = index.lookup(fold(name))
    return [p for p in found if p.country == cc and p.feature in ("ADMIN1", "COUNTRY")]


def _targets(text: str, entities: Sequence[Entity], index: PlaceIndex) -> list[_Target]:
    targets: list[_Target] = []
    for e in entities:
        t = _Target(e, weight=min(len(e.mentions), 3))
        known = not e.id.startswith(("loc/", "place/geonames-"))
        if known:
            t.fixed, t.fixed_source = _from_gazetteer(index, e)
        else:
            seen: dict[int, Place] = {}
            forms = {(m.text, text[max(0, m.start - 2) : m.start] == ", ") for m in e.mentions}
            for surface, after_comma in sorted(forms):
                keys, designator = name_keys(surface, after_comma)
                t.designator = t.designator or designator
                for key in keys:
                    for p in index.lookup(key):
                        if p.lat is None:
                            continue
                        old = seen.get(p.pid)
                        if old is None or (p.main_name and not old.main_name):
                            seen[p.pid] = p
            t.candidates = list(seen.values())
            t.cue = (e.kind or "") in CUE_KINDS and any(m.source == "pattern" for m in e.mentions)
            t.word = all(_is_word(m.text) for m in e.mentions)
        for m in e.mentions:
            t.text_parents.extend(_text_parents(index, text, m.end))
        targets.append(t)
    # "X, Y", "X in Y", "the X district of Y": Y is where X is.
    spans = sorted((m.start, m.end, i) for i, t in enumerate(targets) for m in t.entity.mentions)
    for (_, end, i), (start, _, j) in itertools.pairwise(spans):
        gap_ok = i != j and start - end <= 30 and _PARENT_GAP_RE.match(text[end:start])
        if gap_ok and j not in targets[i].parents:
            targets[i].parents.append(j)
    return targets


def _places_of(t: _Target) -> list[Place]:
    if t.choice is not None:
        return [t.choice]
    if t.fixed is not None:
        return [t.fixed]
    return t.candidates


def _inside(p: Place, parent: Place) -> bool:
    if parent.feature == "CONTINENT" or p.country is None:
        return False
    if parent.feature == "COUNTRY":
        return p.country == parent.country
    if parent.feature == "ADMIN1":
        return p.country == parent.country and (
            p.admin1_code == parent.admin1_code
            if p.admin1_code and parent.admin1_code
            else p.admin1 == parent.admin1
        )
    if p.lat is None or parent.lat is None or p.lon is None or parent.lon is None:
        return p.country == parent.country
    return km(p.lat, p.lon, parent.lat, parent.lon) <= _NEAR_KM


def _support(
    targets: Sequence[_Target], resolved: bool
) -> tuple[dict[int, Counter[str]], dict[int, Counter[str]], float]:
    """Per target, the weight of each country and admin1 area among the document's places."""
    countries: dict[int, Counter[str]] = {}
    areas: dict[int, Counter[str]] = {}
    total = 0.0
    for i, t in enumerate(targets):
        places = _places_of(t) if resolved else ([t.fixed] if t.fixed else t.candidates)
        cs = {p.country for p in places if p.country}
        a1 = {p.admin1_key for p in places if p.admin1_key}
        countries[i] = Counter({c: t.weight / len(cs) for c in cs}) if cs else Counter()
        areas[i] = Counter({a: t.weight / len(a1) for a in a1}) if a1 else Counter()
        total += t.weight
    return countries, areas, total


def _score(
    p: Place,
    t: _Target,
    parents: Sequence[list[Place]],
    country_share: float,
    area_share: float,
    focus: str | None,
) -> float:
    s = _FEATURE_PRIOR.get(p.feature, 0.0)
    s += 0.3 * math.log10(1 + p.population)
    s += 0.4 * math.log10(1 + p.alternates)
    s += 0.7 if p.main_name else 0.0
    s += 1.0 if _is_capital(p) else 0.0
    if t.designator:
        wanted = t.designator
        s += (
            3.0
            if (p.feature == wanted or (wanted == "POPULATED" and p.feature in _POPULATED))
            else 0.0
        )
    for options in parents:
        if any(_inside(p, q) for q in options):
            s += 4.0
        elif options and all(q.feature in ("COUNTRY", "ADMIN1") for q in options):
            s -= 2.0
    s += 3.0 * country_share + 1.5 * area_share
    if focus is not None and p.country == focus:
        s += 0.5
    return s


def _resolve(targets: list[_Target], resolved: bool, focus: str | None) -> None:
    countries, areas, total = _support(targets, resolved)
    all_c: Counter[str] = Counter()
    all_a: Counter[str] = Counter()
    for i in countries:
        all_c.update(countries[i])
        all_a.update(areas[i])
    for i, t in enumerate(targets):
        if t.fixed is not None or not t.candidates:
            continue
        other = max(total - t.weight, 1.0)
        parents = [_places_of(targets[j]) for j in t.parents]
        if t.text_parents:
            parents.append(t.text_parents)
        scored = []
        for p in t.candidates:
            cs = (all_c[p.country] - countries[i][p.country]) / other if p.country else 0.0
            ak = p.admin1_key
            a_s = (all_a[ak] - areas[i][ak]) / other if ak else 0.0
            scored.append((_score(p, t, parents, cs, a_s, focus), cs, p))
        scored.sort(key=lambda x: -x[0])
        best_score, best_share, best = scored[0]
        t.score = best_score
        t.margin = best_score - scored[1][0] if len(scored) > 1 else 3.0
        has_parent = any(any(_inside(best, q) for q in opts) for opts in parents)
        unsupported = not has_parent and best_share < _DECLINE_BELOW
        elsewhere = focus is not None and best.country != focus
        # A small place in a country the story never touches, reached only through an
        # alternate name, is a guess: decline it. So is an ordinary word ("Valley", "West")
        # or a place found by cue words ("the Malang area") that context does not place.
        if unsupported and (
            (best.feature in ("TOWN", "VILLAGE") and (not best.main_name or elsewhere))
            or (t.cue and elsewhere)
            or (t.word and best.feature not in ("COUNTRY", "CONTINENT", "REGION", "WATER"))
        ):
            t.choice = None
            t.score = 0.0
            continue
        t.choice = best


def _focus(targets: Sequence[_Target]) -> Focus:
    countries: Counter[str] = Counter()
    areas: Counter[tuple[str, str]] = Counter()
    cities: Counter[tuple[str, str | None]] = Counter()
    for t in targets:
        p = t.choice or t.fixed
        if p is None:
            continue
        n = len(t.entity.mentions)
        if p.country:
            countries[p.country] += n
        if p.country and p.admin1 and p.feature not in ("COUNTRY", "CONTINENT"):
            areas[(p.country, p.admin1)] += n
        if p.feature in _POPULATED or (t.entity.kind or "") in ("CITY", "TOWN", "VILLAGE"):
            cities[(t.entity.name, p.country)] += n
    total = sum(countries.values())

    def top(c: Mapping[Any, int]) -> list[tuple[Any, float]]:
        ranked = sorted(c.items(), key=lambda kv: -kv[1])[:3]
        return [(k, round(v / total, 3)) for k, v in ranked if total and v / total >= 0.1]

    return Focus(
        countries=tuple(top(countries)),
        admin1=tuple((c, a, s) for (c, a), s in top(areas)),
        cities=tuple((n, c, s) for (n, c), s in top(cities)),
    )


def _attrs(t: _Target, focus: Focus) -> dict[str, Any]:
    e = t.entity
    out = {k: v for k, v in e.attrs.items() if k not in GEO_FIELDS and k != "population"}
    p = t.fixed or t.choice
    source: str | None
    score: float | None = None
    if t.fixed is not None:
        source = t.fixed_source
        score = 1.0
    elif p is not None:
        source = "geonames"
        score = round(1 / (1 + math.exp(-t.margin)), 3)
    else:
        source = None
    if p is None:
        # Unknown: inherit the point of the place it is said to be in, or (cue words only)
        # the document's focus country.
        geo: dict[str, Any] = dict.fromkeys(GEO_FIELDS)
        geo["feature"] = _KIND_FEATURE.get(e.kind or "", e.kind)
        return {**out, **geo}
    feature = p.feature
    if t.fixed is None and e.kind and e.kind in CUE_KINDS and p.feature in _POPULATED:
        feature = e.kind
    geo = {
        "country": p.country if p.country != "XZ" else None, "admin1": p.admin1,
        "lat": p.lat, "lon": p.lon,
        "geonames_id": p.geonames_id, "feature": feature, "geo_source": source,
        "geo_score": score,
    }  # fmt: skip
    return {**out, **geo}


def _inherit(t: _Target, targets: Sequence[_Target], focus: Focus) -> dict[str, Any] | None:
    """Geocode fields for a place nothing resolved: from its parent, else the focus country."""
    for j in t.parents:
        q = targets[j].choice or targets[j].fixed
        if q is None or q.lat is None:
            continue
        small = q.feature in _POPULATED or q.feature in ("ADMIN2", "NEIGHBOURHOOD")
        return {
            "country": q.country, "admin1": q.admin1,
            "lat": q.lat if small else None, "lon": q.lon if small else None,
            "geonames_id": None, "geo_source": "parent", "geo_score": None,
        }  # fmt: skip
    if t.cue and focus.top_country:
        return {
            "country": focus.top_country, "admin1": None, "lat": None, "lon": None,
            "geonames_id": None, "geo_source": "focus", "geo_score": None,
        }  # fmt: skip
    return None


def geocode_entities(
    text: str, entities: Sequence[Entity], rules: RuleSet | None = None
) -> tuple[tuple[Entity, ...], Focus]:
    """Geocode the LOC entities of one document; other entities pass through unchanged.

    Args:
        text: the document text (for "X, Y" parents and abbreviations after a comma).
        entities: the document's entities, as entity building made them.
        rules: unused for now; kept so callers pass the rule set they built entities with.

    Returns:
        The entities (LOC ones with geocode fields, ids of GeoNames places as
        ``place/geonames-<id>``) and the document's focus.
    """
    del rules
    locs = [e for e in entities if e.type == "LOC"]
    if not locs:
        return tuple(entities), Focus()
    index = open_index()
    targets = _targets(text, locs, index)
    _resolve(targets, resolved=False, focus=None)
    focus = _focus(targets)
    entities, more = places_the_model_called_people(
        text, entities, index, focus_countries(focus.countries)
    )
    if more:
        locs = [e for e in entities if e.type == "LOC"]
        targets = _targets(text, locs, index)
        _resolve(targets, resolved=False, focus=None)
        focus = _focus(targets)
    _resolve(targets, resolved=True, focus=focus.top_country)
    focus = _focus(targets)
    by_entity: dict[int, Entity] = {}
    for t in targets:
        attrs = _attrs(t, focus)
        if t.fixed is None and t.choice is None:
            inherited = _inherit(t, targets, focus)
            if inherited is not None:
                attrs.update(inherited)
        e = t.entity
        new_id = e.id
        if t.fixed is None:
            gid = t.choice.geonames_id if t.choice is not None else None
            new_id = f"place/geonames-{gid}" if gid else _plain_id(e)
        kind = e.kind
        if t.fixed is None and (kind is None or kind == "CITY") and t.choice is not None:
            kind = t.choice.feature
        by_entity[id(e)] = replace(e, id=new_id, kind=kind, attrs=attrs)
    out = [by_entity.get(id(e), e) for e in entities]
    return tuple(_merge(out)), focus


def _plain_id(e: Entity) -> str:
    if e.id.startswith("place/geonames-"):
        return f"loc/{slugify(e.name)}"
    return e.id


def _merge(entities: Iterable[Entity]) -> list[Entity]:
    """Two names of one place ("Mosul", "the city of Mosul") become one entity."""
    by_id: dict[str, Entity] = {}
    order: list[str] = []
    for e in entities:
        old = by_id.get(e.id)
        if old is None:
            by_id[e.id] = e
            order.append(e.id)
        else:
            mentions: tuple[Mention, ...] = tuple(
                sorted(old.mentions + e.mentions, key=lambda m: m.start)
            )
            by_id[e.id] = replace(old, mentions=mentions)
    return [by_id[k] for k in order]
