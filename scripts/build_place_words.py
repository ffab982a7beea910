#!/usr/bin/env python3
"""Build src/entext/data/place_words.txt: place names that are also ordinary English words.

    python scripts/build_place_words.py [WORD_LIST]

Reads the names in ``cities.tsv`` and ``admin_areas.tsv`` and keeps those whose lower-case
form is a word of the system word list (default ``/usr/share/dict/american-english``, from
Debian's ``wamerican``): "Reading", "Mobile", "Delta", "Rivers". entext never takes such a
name for a place on the strength of the name alone; it needs the model or the context.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "entext" / "data"
DEFAULT_WORD_LIST = Path("/usr/share/dict/american-english")
# British spellings and words news capitalises as names of other things ("the Centre" is
# India's central government, "the City" London's financial district).
EXTRA_WORDS = {"centre", "city", "capital", "metropolitan", "borough"}


def names() -> set[str]:
    out = set()
    for line in (DATA / "cities.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(line.split("\t")[1])
    for line in (DATA / "admin_areas.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(line.split("\t")[1])
    return out


def main() -> None:
    word_list = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WORD_LIST
    words = {
        w for w in word_list.read_text(encoding="utf-8", errors="ignore").split() if w.islower()
    } | EXTRA_WORDS
    found = sorted(n for n in names() if n.lower() in words)
    out = DATA / "place_words.txt"
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# place names that are also English words (from {word_list.name})\n")
        fh.write("\n".join(found) + "\n")
    print(f"{len(found)} names -> {out}")


if __name__ == "__main__":
    main()
