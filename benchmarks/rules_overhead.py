#!/usr/bin/env python3
"""What the rules cost: entext with and without its gazetteers and patterns, one process.

    python benchmarks/rules_overhead.py ../shared/corpora/bbc-news [--limit 400] [--rounds 3]

Both pipelines are built in one process and run alternately over the same texts (best of
--rounds each). The span rules (gazetteers, patterns) run only in the first; the text rules
that turn spans into entities (relabelling, places by context, dates) run in both, so their
time is also measured on its own and reported as a stricter bound: the slowdown against the
model alone, without any entity building.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    warnings.filterwarnings("ignore", message=r".*W036")  # span rulers left empty on purpose
    import entext.extract
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
    building = [0.0]
    build_entities = entext.extract.build_entities

    def timed_build(*a, **k):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return build_entities(*a, **k)
        finally:
            building[0] += time.perf_counter() - t0

    entext.extract.build_entities = timed_build  # type: ignore[assignment]
    best = {name: float("inf") for name in runs}
    best_building = float("inf")
    for _ in range(args.rounds):
        for name, ex in runs.items():
            building[0] = 0.0
            start = time.perf_counter()
            for _ in ex.run(items):  # the batch path, as entext extract runs it
                pass
            best[name] = min(best[name], time.perf_counter() - start)
            if name == "without rules":
                best_building = min(best_building, building[0])
    result = {name: round(words / secs) for name, secs in best.items()}
    slowdown = best["with rules"] / best["without rules"] - 1
    print(f"{len(items)} documents, {words:,} words, best of {args.rounds}")
    for name, wps in result.items():
        print(f"  {name:<14} {wps:>7,} words/s")
    print(f"  rules cost {slowdown:.1%} of throughput")
    model_only = best["without rules"] - best_building
    strict = best["with rules"] / model_only - 1
    print(f"  entity building takes {best_building:.2f} s of {best['without rules']:.2f} s")
    print(f"  span rules and entity building together cost {strict:.1%} against the model alone")
    print(
        json.dumps(
            {"words_per_s": result, "slowdown": round(slowdown, 4), "strict": round(strict, 4)}
        )
    )


if __name__ == "__main__":
    main()
