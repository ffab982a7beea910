"""Pinning places down: GeoNames cities (population 15,000 and over) for coordinates and kind,
and ISO 3166-2 subdivisions (states, provinces, counties) for names the small model misreads.

The tables (``data/cities.tsv``, ``data/admin_areas.tsv``, ``data/place_words.txt``; built by
the scripts in ``scripts/``) are read once per process on first use; the city table is parsed
once and kept in the cache folder (``cache.py``), a few milliseconds to read. A name with
several cities is resolved to one in a country the document names, else to the most populous.
"""

from __future__ import annotations

import sys
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


def _read_cities() -> tuple[dict[str, str], dict[str, str]]:
    """The city table by folded main and alternate name; each value is that name's rows, most
    populous first, as ``gid\tname\tcc\tlat\tlon\tpop`` lines (one string per name reads
    three times faster from the cache than tuples)."""
    primary: dict[str, list[str]] = {}
    alternate: dict[str, list[str]] = {}
    for line in _cities_text().splitlines():
        if line.startswith("#") or not line:
            continue
        gid, name, cc, lat, lon, pop, alts = line.split("\t")
        row = "\t".join((gid, name, cc, repr(float(lat)), repr(float(lon)), pop))
        primary.setdefault(lookup_key(name), []).append(row)
        # Other spellings of small towns are rarely what an article means.
        if int(pop) >= ALTERNATES_MIN_POPULATION and alts:
            for alt in alts.split("|"):
                alternate.setdefault(lookup_key(alt), []).append(row)
    return (
        {k: "\n".join(v) for k, v in primary.items()},
        {k: "\n".join(v) for k, v in alternate.items()},
    )


def _cities_text() -> str:
    path = resources.files("entext") / "data" / "cities.tsv"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _city(row: str) -> City:
    gid, name, cc, lat, lon, pop = row.split("\t")
    return City(int(gid), name, cc, float(lat), float(lon), int(pop))


class _CityIndex:
    """The city table by folded name, read from the cache folder (built from ``cities.tsv``)."""

    def __init__(self) -> None:
        from . import cache, normalize

        path = resources.files("entext") / "data" / "cities.tsv"
        parts = [cache.file_stamp(path), *cache.module_stamps(sys.modules[__name__], normalize)]
        self._primary, self._alternate = cache.load_or_build("cities", parts, _read_cities)
        self._cities: dict[tuple[int, str], list[City]] = {}

    def _get(self, table: dict[str, str], which: int, key: str) -> list[City]:
        rows = table.get(key)
        if not rows:
            return []
        cities = self._cities.get((which, key))
        if cities is None:
            cities = self._cities[(which, key)] = [_city(r) for r in rows.split("\n")]
        return cities

    def primary(self, key: str) -> list[City]:
        return self._get(self._primary, 0, key)

    def alternate(self, key: str) -> list[City]:
        return self._get(self._alternate, 1, key)


@lru_cache(maxsize=1)
def _index() -> _CityIndex:
    return _CityIndex()


def find_city(name: str, countries: Iterable[str] = ()) -> City | None:
    """The city a place name most likely means (rows are sorted by population, largest first)."""
    index = _index()
    key = lookup_key(name)
    candidates = index.primary(key) or index.alternate(key)
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
def admin_area_rows() -> tuple[tuple[str, ...], ...]:
    """The rows of ``admin_areas.tsv``, split (read once per process)."""
    return tuple(tuple(x.split("\t")) for x in read_data_lines("admin_areas.tsv"))


@lru_cache(maxsize=1)
def _admin_areas() -> frozenset[str]:
    return frozenset(lookup_key(row[1]) for row in admin_area_rows())


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset(lookup_key(x) for x in read_data_lines("place_words.txt"))


def is_place_word(name: str) -> bool:
    """Whether a place name is also an ordinary English word ("Reading", "Mobile", "Valley")."""
    return lookup_key(name) in _place_words()


def known_place(name: str) -> KnownPlace | None:
    """A city (main spelling) or state/province/county called ``name``, if any."""
    key = lookup_key(name)
    cities = _index().primary(key)
    is_word = key in _place_words()
    if cities:
        return KnownPlace("CITY", cities[0].population, is_word)
    if key in _admin_areas():
        return KnownPlace("ADMIN", 0, is_word)
    return None


def is_major_city(name: str, min_population: int = MAJOR_CITY_POPULATION) -> bool:
    """Whether a name is, under its main spelling, a city of at least ``min_population``."""
    cities = _index().primary(lookup_key(name))
    return any(c.population >= min_population for c in cities)
