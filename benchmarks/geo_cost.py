#!/usr/bin/env python3
"""What geocoding costs: the same texts through one extractor with and without the geocoding
pass, alternated, plus the first-use cost of the place index in a fresh process.

    python benchmarks/geo_cost.py ../shared/corpora/bbc-news [--limit 300] [--rounds 3]

Reports best-of-rounds wall and CPU seconds for each side and their ratio, the resident memory
the index adds in a fresh process (SQLite page cache and lookup cache, not the gazetteer), and how
long opening the index and a first lookup take (the index must already be built; the first run
of entext builds it once).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

_PROBE = """
import resource, time, json
t = time.perf_counter()
from entext.place_index import open_index, fold
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
ix = open_index()
for name in ["Baghdad", "Georgia", "Tripoli", "Springfield", "Texas", "Mosul", "Kharkiv"] * 50:
    ix.lookup.__wrapped__(ix, fold(name))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"open_and_350_lookups_s": round(time.perf_counter() - t, 3),
                  "rss_added_mb": round((after - before) / 1024, 1)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import entext.geocode as geocode
    from entext.extract import Extractor
    from entext.settings import Settings

    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(args.folder.rglob("*.txt"))[: args.limit]
    ]
    extractor = Extractor(Settings())
    real = geocode.geocode_entities

    def off(text, entities, rules=None):  # type: ignore[no-untyped-def]
        return tuple(entities), geocode.Focus()

    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.rounds):
        for label, fn in (("with geocoding", real), ("without", off)):
            geocode.geocode_entities = fn
            w, c = time.perf_counter(), time.process_time()
            for i, text in enumerate(texts):
                extractor.extract_text(text, source=f"doc-{i}")
            wall, cpu = time.perf_counter() - w, time.process_time() - c
            old = best.get(label)
            best[label] = (min(wall, old[0]), min(cpu, old[1])) if old else (wall, cpu)
    geocode.geocode_entities = real
    on, base = best["with geocoding"], best["without"]
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    ).stdout
    report = {
        "documents": len(texts),
        "with_geocoding_wall_s": round(on[0], 2),
        "without_wall_s": round(base[0], 2),
        "wall_ratio": round(on[0] / base[0], 3),
        "with_geocoding_cpu_s": round(on[1], 2),
        "without_cpu_s": round(base[1], 2),
        "cpu_ratio": round(on[1] / base[1], 3),
        **json.loads(probe),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
