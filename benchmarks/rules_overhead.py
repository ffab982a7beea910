#!/usr/bin/env python3
"""What entext's rules cost against the model alone, one process, side by side.

    python benchmarks/rules_overhead.py ../shared/corpora/bbc-news [--limit 300] [--rounds 3]

Three ways over the same texts (a seeded random sample), alternated round by round, in one
process (so the model's start-up is not counted anywhere):

* ``model``: the spaCy model as entext loads it (only what the NER needs) with no entext
  component at all: ``nlp.pipe`` over the texts;
* ``rule components``: entext's spaCy pipeline (the model, the gazetteer and pattern span
  rulers, the resolver): ``nlp.pipe`` over the same texts;
* ``entext``: ``Extractor.run`` over the same inputs, everything ``entext extract`` does per
  document (decoding, chunking, the pipeline, entity building, places, dates).

Reported: words per wall-second and per CPU-second (``time.process_time``) of each, and the
overheads against the model alone (medians over rounds of the per-round ratios).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from throughput import read_text, sample_files


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=300, help="sample size (0: all files)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import spacy

    from entext.extract import Extractor
    from entext.inputs import InputSource
    from entext.pipeline import _not_needed_for_ner, get_pipeline, resolve_model_name
    from entext.settings import Settings

    files = sample_files(args.folder, args.limit, args.seed)
    items = [InputSource(str(f), data=f.read_bytes()) for f in files]
    texts = [read_text(f) for f in files]
    words = sum(len(t.split()) for t in texts)

    settings = Settings()
    entext_nlp = get_pipeline(settings.pipeline).nlp
    model = resolve_model_name(settings.pipeline.model)
    model_nlp = spacy.load(model, exclude=_not_needed_for_ner(model))
    model_nlp.select_pipes(enable=["ner"])
    extractor = Extractor(settings)

    def pipe(nlp: object) -> Callable[[], None]:
        def run() -> None:
            for _ in nlp.pipe(texts, batch_size=64):  # type: ignore[attr-defined]
                pass

        return run

    def entext_run() -> None:
        for _ in extractor.run(items):
            pass

    ways: dict[str, Callable[[], None]] = {
        "model": pipe(model_nlp),
        "rule components": pipe(entext_nlp),
        "entext": entext_run,
    }
    names = list(ways)
    warm = items[:3]  # lazily loaded tables (places, dates) load here, outside the rounds
    for _ in extractor.run(warm):
        pass
    for nlp in (model_nlp, entext_nlp):
        for _ in nlp.pipe(texts[:3]):
            pass
    wall: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    for r in range(args.rounds):
        for name in names[r % 3 :] + names[: r % 3]:
            w, c = time.perf_counter(), time.process_time()
            ways[name]()
            wall[name].append(time.perf_counter() - w)
            cpu[name].append(time.process_time() - c)

    def overhead(name: str, seconds: dict[str, list[float]]) -> float:
        pairs = zip(seconds[name], seconds["model"], strict=True)
        return round(statistics.median(a / b - 1 for a, b in pairs), 4)

    print(f"{len(files)} documents, {words:,} words, {args.rounds} rounds, medians, one process")
    print(f"{'':<18}{'words/wall-s':>14}{'words/CPU-s':>13}{'wall cost':>11}{'CPU cost':>10}")
    result = {}
    for name in names:
        ww = round(words / statistics.median(wall[name]))
        wc = round(words / statistics.median(cpu[name]))
        ow, oc = overhead(name, wall), overhead(name, cpu)
        result[name] = {"words_per_wall_s": ww, "words_per_cpu_s": wc, "wall": ow, "cpu": oc}
        print(f"{name:<18}{ww:>14,}{wc:>13,}{ow:>+11.1%}{oc:>+10.1%}")
    print(json.dumps({"documents": len(files), "words": words, "seed": args.seed, **result}))


if __name__ == "__main__":
    main()
