#!/usr/bin/env python3
"""What reading articles as saved web pages costs over reading them as text, one process.

    python benchmarks/html_overhead.py ../shared/corpora/bbc-news [--limit 200] [--rounds 3]
        [--chrome-kb 100]

Each article is run twice through the same loaded pipeline (the batch path, as ``entext
extract`` runs it): as its text file, and as a web page holding the same headline and
paragraphs inside page chrome of about --chrome-kb kilobytes (head metadata and JSON-LD, an
inline stylesheet and script, navigation, ads, related links, comments and a footer; saved
news pages are 50-300 KB). The two runs alternate, --rounds times (the first of a round
swapping each round), and the median and the best wall and CPU time of each are compared as
ratios. The one-off import of trafilatura is measured apart (it is paid
once per process, and not at all by runs without pages).
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

NAV = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(60))
FOOT = "".join(f"<li><a href='/corp/{i}'>Corporate page {i}</a></li>" for i in range(40))
CSS = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i:06x}}}" for i in range(400))
SCRIPT = "".join(
    f"function f{i}(a,b){{var x=a*{i}+b;if(x>{i}){{return f{i}(a-1,b)}}return x}};"
    for i in range(900)
)
RELATED = "".join(
    f"<li><a href='/news/{i}'>Related story number {i} about something else</a></li>"
    for i in range(12)
)
COMMENTS = "".join(
    f"<div class='comment'><span class='author'>reader{i}</span><p>I think this is comment "
    f"number {i}, and I disagree with the government about it.</p></div>"
    for i in range(6)
)


def page(title: str, paragraphs: list[str], chrome_kb: int) -> str:
    """A saved news page around an article, padded with more script to about chrome_kb KB."""
    body = []
    for n, p in enumerate(paragraphs):
        body.append(f"<p>{html.escape(p)}</p>")
        if n == 1:
            body.append("<div class='ad'><p>Advertisement</p><a href='/ad'>Buy now</a></div>")
    head = (
        f"<meta charset='utf-8'><title>{html.escape(title)} | Daily Example</title>"
        "<link rel='canonical' href='https://news.example/story'>"
        "<meta name='author' content='Staff Reporter'>"
        f"<meta property='og:title' content='{html.escape(title, quote=True)}'>"
        "<meta property='article:published_time' content='2005-03-14T09:00:00Z'>"
        "<script type='application/ld+json'>"
        + json.dumps({"@type": "NewsArticle", "headline": title, "datePublished": "2005-03-14"})
        + f"</script><style>{CSS}</style><script>{SCRIPT}</script>"
    )
    chrome = (
        f"<div id='cookies'><p>We use cookies.</p><button>OK</button></div>"
        f"<header><nav><ul>{NAV}</ul></nav></header>"
        f"<main><article><h1>{html.escape(title)}</h1><div class='byline'>By Staff</div>"
        f"{''.join(body)}</article><aside><h2>Related</h2><ul>{RELATED}</ul></aside>"
        f"<section class='comments'>{COMMENTS}</section></main><footer><ul>{FOOT}</ul></footer>"
    )
    doc = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{chrome}</body></html>"
    pad = max(0, chrome_kb * 1024 - len(doc))
    return doc.replace("</head>", f"<script>/*{'x' * pad}*/</script></head>", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chrome-kb", type=int, default=100)
    args = parser.parse_args()

    import_cost = subprocess.run(
        [sys.executable, "-c", "import time; t=time.perf_counter(); import trafilatura; "
         "print(time.perf_counter()-t)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip

    from entext.extract import Extractor
    from entext.inputs import InputSource

    files = sorted(args.folder.rglob("*.txt"))[: args.limit]
    texts, pages = [], []
    for f in files:
        raw = f.read_bytes().decode("utf-8", errors="replace")
        title, _, rest = raw.partition("\n")
        paragraphs = [p.strip() for p in rest.split("\n") if p.strip()]
        text = title.strip() + "\n\n" + "\n\n".join(paragraphs)
        texts.append(InputSource(str(f), data=text.encode("utf-8")))
        pages.append(
            InputSource(f"{f}.html", data=page(title.strip(), paragraphs, args.chrome_kb).encode())
        )
    ex = Extractor()
    _ = ex.pipeline
    list(ex.run(pages[:2]))  # import trafilatura and warm both paths before timing
    runs = {"text": texts, "html": pages}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    entities: dict[str, int] = {}
    for r in range(args.rounds):
        order = list(runs) if r % 2 == 0 else list(reversed(runs))
        for name in order:
            wall, cpu = time.perf_counter(), time.process_time()
            results = list(ex.run(runs[name]))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            times[name].append((wall, cpu))
            entities[name] = sum(len(getattr(d, "entities", ())) for d in results)
    mean_kb = sum(len(p.data or b"") for p in pages) / len(pages) / 1024
    print(f"{len(files)} articles; pages of {mean_kb:.0f} KB on average; {args.rounds} rounds")
    for stat, pick in (("median", statistics.median), ("best", min)):
        wall = {name: pick(w for w, _ in times[name]) for name in runs}
        cpu = {name: pick(c for _, c in times[name]) for name in runs}
        for name in runs:
            print(
                f"  {stat:6} {name:5} {wall[name]:7.2f} s wall "
                f"({len(files) / wall[name]:6.1f} docs/s)  {cpu[name]:7.2f} s CPU"
                f"  {entities[name]} entities"
            )
        print(
            f"  {stat:6} html/text: {wall['html'] / wall['text']:.3f} per wall-second, "
            f"{cpu['html'] / cpu['text']:.3f} per CPU-second"
        )
    print(f"  one-off import of trafilatura: {float(import_cost):.2f} s")


if __name__ == "__main__":
    main()
