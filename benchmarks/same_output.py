#!/usr/bin/env python3
"""Is the output of this checkout byte-identical to another commit's? (Not a timing.)

    python benchmarks/same_output.py --base main                     # BBC corpus + dev sets
    python benchmarks/same_output.py --base main --one-file          # + the corpus as one file
    python benchmarks/same_output.py --base main --limit 300         # a seeded sample only

Runs both trees with this Python (``python -m entext`` with ``PYTHONPATH=<tree>/src``; the
base is exported with ``git archive`` into a temporary folder, nothing in the repository is
touched) over the same inputs and compares what they write, file by file:

* ``entext extract CORPUS -f jsonl --jobs N`` (every article of the BBC corpus by default);
* with ``--one-file``, the same articles joined by blank lines into one file;
* ``entext eval GOLD --predictions FILE -f json`` for every dev set under ``--eval``.

The base's outputs are kept under ``--cache`` by commit, so a second check against the same
base runs only this checkout. Prints one line per output (``same`` or the first difference)
and exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_SETS = ("re3d", "geowebnews", "tempeval3_platinum", "real_news")
# The shared folder beside the main checkout (/work/main) or beside the worktrees (/work/wt/x).
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.exists()),
    ROOT.parent / "shared",
)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def export_tree(commit: str, cache: Path) -> Path:
    """The ``src`` folder of ``commit``, exported once into the cache."""
    tree = cache / f"tree-{commit[:12]}"
    if not (tree / "src" / "entext").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def sample_inputs(corpus: Path, limit: int, seed: int, work: Path) -> Path:
    """The corpus itself, or a folder of links to a seeded random sample of it."""
    if not limit:
        return corpus
    files = sorted(p for p in corpus.rglob("*.txt") if not p.name.startswith("."))
    chosen = sorted(random.Random(seed).sample(files, min(limit, len(files))))
    folder = work / f"sample-{limit}-{seed}"
    if not folder.exists():
        folder.mkdir(parents=True)
        for f in chosen:
            (folder / f"{f.parent.name}-{f.name}").symlink_to(f.resolve())
    return folder


def one_file(folder: Path, work: Path) -> Path:
    path = work / f"{folder.name}-one-file.txt"
    if not path.exists():
        files = sorted(p for p in folder.rglob("*.txt") if not p.name.startswith("."))
        texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
        path.write_text("\n\n".join(texts), encoding="utf-8")
    return path


def run_tree(tree: Path, jobs: list[tuple[str, list[str]]], out: Path) -> None:
    """Run every (name, entext arguments) job with ``tree``'s entext; outputs into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    for name, args in jobs:
        target = out / name
        if target.exists():
            continue
        partial = out / f".{name}.tmp"
        argv = [sys.executable, "-m", "entext", *[a.replace("{OUT}", str(partial)) for a in args]]
        proc = subprocess.run(argv, env=env, capture_output=True, text=True)
        if proc.returncode != 0 or not partial.exists():
            sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        partial.rename(target)
        print(f"  {tree.name}: {name} written", flush=True)


def first_difference(a: Path, b: Path) -> str | None:
    if a.read_bytes() == b.read_bytes():
        return None
    lines_a = a.read_text(encoding="utf-8").splitlines()
    lines_b = b.read_text(encoding="utf-8").splitlines()
    differing = sum(x != y for x, y in zip(lines_a, lines_b, strict=False))
    differing += abs(len(lines_a) - len(lines_b))
    for i, (x, y) in enumerate(zip(lines_a, lines_b, strict=False)):
        if x != y:
            at = next(k for k in range(min(len(x), len(y)) + 1) if k >= len(x) or x[k] != y[k])
            return (
                f"{differing} of {max(len(lines_a), len(lines_b))} lines differ; first at "
                f"line {i + 1}, char {at}: {x[max(0, at - 60) : at + 60]!r} vs "
                f"{y[max(0, at - 60) : at + 60]!r}"
            )
    return f"{len(lines_a)} lines vs {len(lines_b)}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="main", help="commit to compare with")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora/bbc-news")
    parser.add_argument("--eval", type=Path, default=SHARED / "eval")
    parser.add_argument("--limit", type=int, default=0, help="seeded sample of the corpus")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--one-file", action="store_true", help="also the corpus as one file")
    parser.add_argument("--no-eval", action="store_true", help="skip the dev sets")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "entext-same-output"
    )
    args = parser.parse_args()
    base = git("rev-parse", args.base)
    work = args.cache
    work.mkdir(parents=True, exist_ok=True)
    corpus = sample_inputs(args.corpus.resolve(), args.limit, args.seed, work)
    jobs: list[tuple[str, list[str]]] = []
    extract = ["-f", "jsonl", "-o", "{OUT}", "--jobs", str(args.jobs), "--quiet"]
    jobs.append((f"{corpus.name}.jsonl", ["extract", str(corpus), *extract]))
    if args.one_file:
        joined = one_file(corpus, work)
        jobs.append((f"{joined.stem}.jsonl", ["extract", str(joined), *extract]))
    if not args.no_eval:
        for name in EVAL_SETS:
            gold = args.eval / name / "dev.jsonl"
            if gold.exists():
                jobs.append((f"eval-{name}.jsonl", ["eval", str(gold), "--predictions", "{OUT}"]))
    print(f"base {args.base} = {base[:12]}; this checkout: {ROOT}")
    base_out = work / f"out-{base[:12]}"
    run_tree(export_tree(base, work), jobs, base_out)
    here = Path(tempfile.mkdtemp(prefix="here-", dir=work))
    try:
        run_tree(ROOT, jobs, here)
        differs = 0
        for name, _ in jobs:
            diff = first_difference(base_out / name, here / name)
            differs += diff is not None
            print(f"{name:<40} {'same' if diff is None else 'DIFFERS: ' + diff}")
    finally:
        shutil.rmtree(here, ignore_errors=True)
    sys.exit(1 if differs else 0)


if __name__ == "__main__":
    main()
