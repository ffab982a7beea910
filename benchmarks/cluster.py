#!/usr/bin/env python3
"""A 2-worker Dask LocalCluster against local ``--jobs 2``, side by side, alternated.

    python benchmarks/cluster.py ../shared/corpora/bbc-news [--limit N] [--seed S] [--repeat R]
        [--workers 2 | --workers 1,2]

Each run is the whole command ``entext extract FOLDER -f jsonl -o FILE`` with either
``--jobs 2`` or ``--scheduler local:W`` for each W of ``--workers`` (cluster start-up and model
loading included), in a
fresh Python so that CPU seconds count the command and every process it started (children
and grandchildren that were waited for). Runs alternate, R of each; the table shows each run
and the best of each side, words per wall-second and per CPU-second, and the ratio
cluster / local, with the machine's load average (1 min) at the start of each run (the
machine may be shared: say so with the figures). ``--limit`` takes a seeded random sample of
the corpus (symlinked).

It also times the scheduler's overhead per task: 500 empty tasks through the same cluster,
which with the per-worker rate gives the projection for N machines in the README.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MEASURE = (
    "import json,resource,subprocess,sys,time\n"
    "t=time.perf_counter()\n"
    "p=subprocess.run(sys.argv[1:],capture_output=True,text=True)\n"
    "w=time.perf_counter()-t\n"
    "r=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'wall':w,'cpu':r.ru_utime+r.ru_stime,'rc':p.returncode,"
    "'err':p.stderr[-2000:]}))\n"
)


def sample(folder: Path, limit: int, seed: int, into: Path) -> tuple[Path, int]:
    files = sorted(p for p in folder.rglob("*.txt") if not p.name.startswith("."))
    if limit and limit < len(files):
        files = sorted(random.Random(seed).sample(files, limit))
    into.mkdir()
    for i, f in enumerate(files):
        (into / f"{i:05d}.txt").symlink_to(f.resolve())
    words = sum(len(f.read_bytes().decode("utf-8", "replace").split()) for f in files)
    return into, words


def timed(args: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, check=True
    )
    data = json.loads(out.stdout)
    if data["rc"] not in (0, 3):
        sys.exit(f"{' '.join(args)} failed ({data['rc']}):\n{data['err']}")
    return data


def task_overhead(tasks: int = 500) -> float:
    """Seconds of scheduler round trip per (empty) task on a 2-worker LocalCluster."""
    import time

    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.gather(client.map(abs, range(20), pure=False))  # warm up
        start = time.perf_counter()
        futures = [client.submit(abs, i, pure=False) for i in range(tasks)]
        client.gather(futures)
        return (time.perf_counter() - start) / tasks


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="a seeded sample of N files")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", default="2", help="cluster sizes, e.g. 1,2 for scaling")
    args = parser.parse_args()
    entext = shutil.which("entext") or str(Path(sys.executable).with_name("entext"))
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder, words = sample(args.folder, args.limit, args.seed, Path(tmp) / "articles")
        docs = len(list(folder.iterdir()))
        sides = {"local --jobs 2": ["--jobs", "2"]}
        for w in args.workers.split(","):
            sides[f"cluster local:{int(w)}"] = ["--scheduler", f"local:{int(w)}"]
        for r in range(args.repeat):
            for name, extra in sides.items():
                out = Path(tmp) / f"{r}-{name.replace(' ', '_')}.jsonl"
                load = os.getloadavg()[0]
                cmd = [entext, "extract", str(folder), "-f", "jsonl", "-o", str(out), "-q"]
                data = timed([*cmd, *extra])
                rows.append(
                    {
                        "run": name,
                        "repeat": r + 1,
                        "load": round(load, 1),
                        "wall_s": round(data["wall"], 1),
                        "cpu_s": round(data["cpu"], 1),
                        "words_per_wall_s": round(words / data["wall"]),
                        "words_per_cpu_s": round(words / data["cpu"]),
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
    overhead = task_overhead()
    print(f"\n{'run':<18}{'repeat':>7}{'load':>6}{'wall s':>9}{'cpu s':>9}", end="")
    print(f"{'words/wall-s':>14}{'words/cpu-s':>13}")
    for r in rows:
        print(
            f"{r['run']:<18}{r['repeat']:>7}{r['load']:>6}{r['wall_s']:>9}{r['cpu_s']:>9}", end=""
        )
        print(f"{r['words_per_wall_s']:>14}{r['words_per_cpu_s']:>13}")
    summary: dict[str, object] = {"docs": docs, "words": words}
    for name in sides:
        if name.startswith("cluster"):
            summary[name] = paired_ratios(rows, name)
    summary["task_overhead_ms"] = round(overhead * 1000, 2)
    print(json.dumps(summary))


def paired_ratios(rows: list[dict[str, object]], name: str) -> dict[str, float]:
    """The side's speed relative to local ``--jobs 2`` of the same round, averaged over rounds
    (rounds alternate, so both sides of a round saw about the same load)."""
    local = [r for r in rows if r["run"] == "local --jobs 2"]
    side = [r for r in rows if r["run"] == name]
    out: dict[str, float] = {}
    for key in ("words_per_wall_s", "words_per_cpu_s"):
        ratios = [float(str(c[key])) / float(str(b[key])) for b, c in zip(local, side, strict=True)]
        out[f"ratio_{key.removeprefix('words_per_')}"] = round(sum(ratios) / len(ratios), 3)
    out["words_per_wall_s"] = round(
        sum(float(str(c["words_per_wall_s"])) for c in side) / len(side)
    )
    return out


if __name__ == "__main__":
    main()
