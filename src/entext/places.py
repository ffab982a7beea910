"""Pinning places down: GeoNames cities (population 15,000 and over) for coordinates and kind.

The table (``data/cities.tsv``, built by ``scripts/build_cities.py``) is read once per process
on first use, about 0.1 s. A name with several cities is resolved to one in a country the
document names, else to the most populous.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .rules import lookup_key

ALTERNATES_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int

    @property
    def id(self) -> str:
        return f"place/geonames-{self.geonameid}"


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[City]], dict[str, list[City]]]:
    primary: dict[str, list[City]] = {}
    alternate: dict[str, list[City]] = {}
    path = resources.files("entext") / "data" / "cities.tsv"
    if not path.is_file():
        return primary, alternate
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        gid, name, cc, lat, lon, pop, alts = line.split("\t")
        city = City(int(gid), name, cc, float(lat), float(lon), int(pop))
        primary.setdefault(lookup_key(name), []).append(city)
        # Other spellings of small towns are rarely what an article means, and reading them
        # would double the start-up cost.
        if city.population >= ALTERNATES_MIN_POPULATION and alts:
            for alt in alts.split("|"):
                alternate.setdefault(lookup_key(alt), []).append(city)
    return primary, alternate


def find_city(name: str, countries: Iterable[str] = ()) -> City | None:
    """The city a place name most likely means (rows are sorted by population, largest first)."""
    primary, alternate = _index()
    key = lookup_key(name)
    candidates = primary.get(key) or alternate.get(key)
    if not candidates:
        return None
    wanted = set(countries)
    if wanted:
        for city in candidates:
            if city.country in wanted:
                return city
    return candidates[0]


def is_major_city(name: str, min_population: int = 250_000) -> bool:
    """Whether a name is, under its main spelling, a city of at least ``min_population``."""
    primary, _ = _index()
    return any(c.population >= min_population for c in primary.get(lookup_key(name), []))
