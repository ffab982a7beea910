#!/usr/bin/env python3
"""What geocoding costs, side by side in one run: entext with and without the geocoding pass.

    python benchmarks/geo_cost.py [--rounds 3] [--docs 200] [--corpus ../shared/corpora/bbc-news]

Each round runs, alternating the two sides, each as a whole fresh process (wall and CPU of the
process tree, peak RSS and PSS of the tree, from ``measure.py``):

* start-up: ``entext extract <sample article> -f json``, one short article end to end;
* batch: ``entext extract <folder of --docs corpus articles> -o out.jsonl`` (its workers
  included: worker memory and throughput).

"Without" is the same install with ``entext.geocode.geocode_entities`` replaced by a pass that
returns the entities unchanged (forked workers inherit the replacement), so the two sides differ
by exactly the geocoding pass and the place index it opens. The JSON report gives medians per
side, the ratios with/without per wall-second and per CPU-second (CPU is the fairer one on a
shared machine), the memory the pass adds, the load average before and after (say so when the
machine was busy), and whether each budget of issue 16 holds: start-up no slower (CPU ratio at
most 1.05, the noise of a fresh process), worker memory at most +100 MB, batch throughput within
10 % (CPU ratio at most 1.10). The place index must already be built (the first run of entext
builds it once). ``--quiet`` prints only the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from measure import Measured, measure

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "2024-02-08-baghdad-drone-strike.txt"
CORPUS = ROOT.parent.parent / "shared" / "corpora" / "bbc-news"

# The entext CLI in a fresh Python, with the geocoding pass on or replaced by a no-op.
_CLI = """
import sys
if sys.argv.pop(1) == "off":
    import entext.geocode as geocode
    geocode.geocode_entities = lambda text, entities, rules=None: (tuple(entities), geocode.Focus())
from entext.cli import main
sys.argv[0] = "entext"
main()
"""
SIDES = ("with geocoding", "without")


def _run(side: str, args: list[str]) -> Measured:
    return measure([sys.executable, "-c", _CLI, "on" if side == SIDES[0] else "off", *args])


def _batch_folder(corpus: Path, docs: int, into: Path) -> Path:
    folder = into / "batch"
    folder.mkdir()
    for i, path in enumerate(sorted(corpus.rglob("*.txt"))[:docs]):
        (folder / f"{i:05d}.txt").symlink_to(path.resolve())
    return folder


def _summary(runs: list[Measured]) -> dict[str, float]:
    return {
        "wall_s": round(statistics.median(r.wall for r in runs), 3),
        "cpu_s": round(statistics.median(r.cpu for r in runs), 3),
        "peak_rss_mb": round(max(r.rss_mb for r in runs), 1),
        "peak_pss_mb": round(max(r.pss_mb for r in runs), 1),
    }


def _compare(on: dict[str, float], off: dict[str, float]) -> dict[str, float]:
    return {
        "wall_ratio": round(on["wall_s"] / off["wall_s"], 3),
        "cpu_ratio": round(on["cpu_s"] / off["cpu_s"], 3),
        "pss_added_mb": round(on["peak_pss_mb"] - off["peak_pss_mb"], 1),
        "rss_added_mb": round(on["peak_rss_mb"] - off["peak_rss_mb"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--quiet", action="store_true", help="print only the JSON report")
    args = parser.parse_args()

    load_before = os.getloadavg()
    runs: dict[tuple[str, str], list[Measured]] = {}
    with tempfile.TemporaryDirectory(prefix="geo-cost-") as tmp:
        folder = _batch_folder(args.corpus, args.docs, Path(tmp))
        for r in range(args.rounds):
            # Alternate which side goes first, so neither always runs on a warmer machine.
            order = SIDES if r % 2 == 0 else SIDES[::-1]
            for side in order:
                start = _run(side, ["extract", str(SAMPLE), "-f", "json"])
                runs.setdefault(("startup", side), []).append(start)
                out = Path(tmp) / f"out-{r}-{side[:4]}.jsonl"
                batch = _run(side, ["extract", str(folder), "-o", str(out), "-f", "jsonl"])
                runs.setdefault(("batch", side), []).append(batch)
                if not args.quiet:
                    print(
                        f"round {r + 1} {side:15} start-up {start.wall:.2f} s wall"
                        f" {start.cpu:.2f} s CPU; batch {batch.wall:.1f} s wall"
                        f" {batch.cpu:.1f} s CPU, PSS {batch.pss_mb:.0f} MB",
                        file=sys.stderr,
                    )
    report: dict[str, object] = {
        "rounds": args.rounds,
        "batch_documents": args.docs,
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    for what in ("startup", "batch"):
        on, off = _summary(runs[(what, SIDES[0])]), _summary(runs[(what, SIDES[1])])
        report[what] = {"with_geocoding": on, "without": off, **_compare(on, off)}
    start, batch = report["startup"], report["batch"]
    assert isinstance(start, dict) and isinstance(batch, dict)
    report["budgets"] = {
        "startup_no_slower (cpu_ratio <= 1.05)": start["cpu_ratio"] <= 1.05,
        "worker_memory_at_most_+100_MB (batch pss_added_mb)": batch["pss_added_mb"] <= 100,
        "throughput_within_10% (batch cpu_ratio <= 1.10)": batch["cpu_ratio"] <= 1.10,
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
