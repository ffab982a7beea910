"""The record of a place: the one place where a LOC mention gets its entity id, canonical name
and coordinates (gazetteer first, then the GeoNames cities, preferring the countries the
document names)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .context import Context, Draft, EntityInfo


def countries_named(ctx: Context, mentions: Sequence[Draft]) -> list[str]:
    """ISO codes of the countries a document names, most mentioned first."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.type == "LOC":
            info = ctx.rules.find(ctx.surface(m))
            if info is not None and info.kind == "COUNTRY":
                counts[str(info.attrs.get("country"))] += 1
    return [c for c, _ in counts.most_common()]


def place_info(ctx: Context, surface: str, countries: Sequence[str]) -> EntityInfo | None:
    """The known place a LOC mention without a gazetteer id names, if any."""
    info = ctx.rules.find(surface)
    if info is not None and info.type != "LOC":
        info = None
    if info is None:
        info = _city_info(surface, countries)
    return info


def _city_info(surface: str, countries: Sequence[str]) -> EntityInfo | None:
    from ..places import find_city

    city = find_city(surface, countries)
    if city is None:
        return None
    attrs = {
        "country": city.country, "lat": city.lat, "lon": city.lon,
        "population": city.population, "geonames_id": city.geonameid,
    }  # fmt: skip
    return EntityInfo(city.id, city.name, "LOC", "CITY", attrs)
