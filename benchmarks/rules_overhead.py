#!/usr/bin/env python3
"""What the rules cost: entext with and without its gazetteers and patterns, one process.

    python benchmarks/rules_overhead.py ../shared/corpora/bbc-news [--limit 400] [--rounds 3]

Both pipelines are built in one process and run alternately over the same texts (best of
--rounds each); everything else (entities, dates, places) runs in both. Prints words/s and
the slowdown the rules cause.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from entext.extract import Extractor
    from entext.inputs import InputSource
    from entext.pipeline import PipelineConfig, build_pipeline

    files = sorted(args.folder.rglob("*.txt"))[: args.limit]
    items = [InputSource(str(f), data=f.read_bytes()) for f in files]
    words = sum(len(i.data.decode("utf-8", errors="replace").split()) for i in items if i.data)
    runs = {}
    for name, builtin in (("with rules", True), ("without rules", False)):
        ex = Extractor(PipelineConfig(builtin_rules=builtin))
        ex._pipeline = build_pipeline(ex.config)
        runs[name] = ex
    best = {name: float("inf") for name in runs}
    for _ in range(args.rounds):
        for name, ex in runs.items():
            start = time.perf_counter()
            for _ in ex.run(items):  # the batch path, as entext extract runs it
                pass
            best[name] = min(best[name], time.perf_counter() - start)
    result = {name: round(words / secs) for name, secs in best.items()}
    slowdown = best["with rules"] / best["without rules"] - 1
    print(f"{len(items)} documents, {words:,} words, best of {args.rounds}")
    for name, wps in result.items():
        print(f"  {name:<14} {wps:>7,} words/s")
    print(f"  rules cost {slowdown:.1%} of throughput")
    print(json.dumps({"words_per_s": result, "slowdown": round(slowdown, 4)}))


if __name__ == "__main__":
    main()
