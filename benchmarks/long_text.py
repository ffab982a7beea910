#!/usr/bin/env python3
"""Long and repetitive text: one capitalised name repeated N times, as one file.

    python benchmarks/long_text.py                    # 100,000 repeats (about 1 MB), -j 1 and -j 2
    python benchmarks/long_text.py --repeats 20000 --rounds 3

Each run is the whole command (``entext extract FILE -f jsonl -o OUT --jobs N``), alternated
round by round; prints wall and CPU seconds of the process tree (medians), the CPU share of
the second core (CPU / wall), and whether every record is the same. Issue 13's target: 100,000
repeats in under 15 s of wall time with two cores.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from measure import entext_command, measure


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=100_000)
    parser.add_argument("--name", default="Mohammed")
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="entext-long-"))
    text_file = tmp / "repeated.txt"
    text_file.write_text(" ".join([args.name] * args.repeats), encoding="utf-8")
    entext = entext_command()
    jobs = [int(j) for j in args.jobs.split(",")]
    wall: dict[int, list[float]] = {j: [] for j in jobs}
    cpu: dict[int, list[float]] = {j: [] for j in jobs}
    outputs: set[bytes] = set()
    for r in range(args.rounds):
        for j in jobs[r % len(jobs) :] + jobs[: r % len(jobs)]:
            out = tmp / f"out-{j}.jsonl"
            m = measure(
                [
                    entext,
                    "extract",
                    str(text_file),
                    "-f",
                    "jsonl",
                    "-o",
                    str(out),
                    "--jobs",
                    str(j),
                    "--quiet",
                ]
            )
            wall[j].append(m.wall)
            cpu[j].append(m.cpu)
            outputs.add(out.read_bytes())
            print(f"round {r + 1}: -j {j}: {m.wall:6.1f} s wall {m.cpu:6.1f} s CPU", flush=True)
    size = text_file.stat().st_size
    print(f"{args.repeats:,} x {args.name!r} ({size:,} bytes), {args.rounds} round(s), medians")
    for j in jobs:
        w, c = statistics.median(wall[j]), statistics.median(cpu[j])
        print(f"  -j {j}: {w:6.1f} s wall {c:6.1f} s CPU  (cores busy: {c / w:.2f})")
    print("records identical across runs:", len(outputs) == 1)


if __name__ == "__main__":
    main()
