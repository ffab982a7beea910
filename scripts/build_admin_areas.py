#!/usr/bin/env python3
"""Build src/entext/data/admin_areas.tsv from ISO 3166-2 (as packaged by pycountry).

    pip install pycountry==26.2.16 && python scripts/build_admin_areas.py

One line per first- and second-level subdivision of every country (states, provinces,
governorates, counties, regions ...): ISO 3166-2 code, name, the subdivision type and the
country code. ISO names carry diacritics ("Tamil Nādu"); news writes them plainly, so names are
stored folded to ASCII. Names that are also ordinary English words ("Delta", "Rivers") are
listed by ``scripts/build_place_words.py``.
entext reads the TSV at run time; pycountry is only needed to rebuild it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "entext" / "data" / "admin_areas.tsv"
# Subdivision types that are not places a reader would name on their own.
SKIP_TYPES = frozenset({"Administrative atoll", "Local council", "Rural municipality"})


def fold(name: str) -> str:
    """'Tamil Nādu' -> 'Tamil Nadu'; characters with no ASCII base are dropped."""
    decomposed = unicodedata.normalize("NFKD", name)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode()
    )


def main() -> None:
    import pycountry

    rows = set()
    for sub in pycountry.subdivisions:
        if sub.type in SKIP_TYPES:
            continue
        # "Cardiff [Caerdydd GB-CRD]": the bracket holds another language's name.
        name = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
        plain = fold(name)
        if not plain or plain != " ".join(plain.split()) or len(plain) < 3:
            continue
        if not re.fullmatch(r"[A-Z][A-Za-z'.\- ]+", plain):
            continue
        rows.add((sub.code, plain, sub.type, sub.country_code))
    ordered = sorted(rows)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# ISO 3166-2 code\tname\ttype\tcountry\n")
        for row in ordered:
            fh.write("\t".join(row) + "\n")
    print(f"{len(ordered)} subdivisions -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
