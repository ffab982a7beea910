"""Pinning places down: GeoNames cities (population 15,000 and over) for coordinates and kind,
and ISO 3166-2 subdivisions (states, provinces, counties) for names the small model misreads.

The tables (``data/cities.tsv``, ``data/admin_areas.tsv``, ``data/place_words.txt``; built by
the scripts in ``scripts/``) are read once per process on first use, about 0.1 s. A name with
several cities is resolved to one in a country the document names, else to the most populous.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .datafiles import read_data_lines
from .normalize import lookup_key

ALTERNATES_MIN_POPULATION = 100_000
MAJOR_CITY_POPULATION = 250_000


@dataclass(frozen=True)
class City:
    """One GeoNames populated place."""

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


@dataclass(frozen=True)
class KnownPlace:
    """What a name is known as: the largest city of that name, or a subdivision (``ADMIN``)."""

    kind: str
    population: int
    is_word: bool


@lru_cache(maxsize=1)
def _admin_areas() -> frozenset[str]:
    return frozenset(lookup_key(x.split("\t")[1]) for x in read_data_lines("admin_areas.tsv"))


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset(lookup_key(x) for x in read_data_lines("place_words.txt"))


def is_place_word(name: str) -> bool:
    """Whether a place name is also an ordinary English word ("Reading", "Mobile", "Valley")."""
    return lookup_key(name) in _place_words()


def known_place(name: str) -> KnownPlace | None:
    """A city (main spelling) or state/province/county called ``name``, if any."""
    key = lookup_key(name)
    cities = _index()[0].get(key)
    is_word = key in _place_words()
    if cities:
        return KnownPlace("CITY", cities[0].population, is_word)
    if key in _admin_areas():
        return KnownPlace("ADMIN", 0, is_word)
    return None


def is_major_city(name: str, min_population: int = MAJOR_CITY_POPULATION) -> bool:
    """Whether a name is, under its main spelling, a city of at least ``min_population``."""
    primary, _ = _index()
    return any(c.population >= min_population for c in primary.get(lookup_key(name), []))
