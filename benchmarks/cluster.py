#!/usr/bin/env python3
"""A 2-worker Dask LocalCluster against local ``--jobs 2``, side by side, alternated.

    python benchmarks/cluster.py ../shared/corpora/bbc-news [--limit N] [--seed S] [--repeat R]

Each run is the whole command ``entext extract FOLDER -f jsonl -o FILE`` with either
``--jobs 2`` or ``--scheduler local:2`` (cluster start-up and model loading included), in a
fresh Python so that CPU seconds count the command and every process it started (children
and grandchildren that were waited for). Runs alternate, R of each; the table shows each run
and the best of each side, words per wall-second and per CPU-second, and the ratio
cluster / local. ``--limit`` takes a seeded random sample of the corpus (symlinked).

It also times the scheduler's overhead per task: 500 empty tasks through the same cluster,
which with the per-worker rate gives the projection for N machines in the README.
"""

from __future__ import annotations

import argparse
import json
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
    args = parser.parse_args()
    entext = shutil.which("entext") or str(Path(sys.executable).with_name("entext"))
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder, words = sample(args.folder, args.limit, args.seed, Path(tmp) / "articles")
        docs = len(list(folder.iterdir()))
        sides = {"local --jobs 2": ["--jobs", "2"], "cluster local:2": ["--scheduler", "local:2"]}
        for r in range(args.repeat):
            for name, extra in sides.items():
                out = Path(tmp) / f"{r}-{name.split()[0]}.jsonl"
                cmd = [entext, "extract", str(folder), "-f", "jsonl", "-o", str(out), "-q"]
                data = timed([*cmd, *extra])
                rows.append(
                    {
                        "run": name,
                        "repeat": r + 1,
                        "wall_s": round(data["wall"], 1),
                        "cpu_s": round(data["cpu"], 1),
                        "words_per_wall_s": round(words / data["wall"]),
                        "words_per_cpu_s": round(words / data["cpu"]),
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
    best = {
        name: max(
            (r for r in rows if r["run"] == name), key=lambda r: float(str(r["words_per_wall_s"]))
        )
        for name in sides
    }
    local, cluster = best["local --jobs 2"], best["cluster local:2"]
    overhead = task_overhead()
    summary = {
        "docs": docs,
        "words": words,
        "best_local_words_per_wall_s": local["words_per_wall_s"],
        "best_cluster_words_per_wall_s": cluster["words_per_wall_s"],
        "ratio_wall": round(
            float(str(cluster["words_per_wall_s"])) / float(str(local["words_per_wall_s"])), 3
        ),
        "ratio_cpu": round(
            float(str(cluster["words_per_cpu_s"])) / float(str(local["words_per_cpu_s"])), 3
        ),
        "task_overhead_ms": round(overhead * 1000, 2),
    }
    print(
        f"\n{'run':<18}{'repeat':>7}{'wall s':>9}{'cpu s':>9}"
        f"{'words/wall-s':>14}{'words/cpu-s':>13}"
    )
    for r in rows:
        print(
            f"{r['run']:<18}{r['repeat']:>7}{r['wall_s']:>9}{r['cpu_s']:>9}"
            f"{r['words_per_wall_s']:>14}{r['words_per_cpu_s']:>13}"
        )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
