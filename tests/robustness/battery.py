#!/usr/bin/env python3
"""Build a battery of bad, odd and hostile inputs in a folder and run entext over it.

    python tests/robustness/battery.py [FOLDER]   # default: a temporary folder

Checks what a user must be able to rely on: exit code 3 (some inputs fail, the rest are
processed), exactly one record per input (a result or an error with a code), no traceback, and
a table on a terminal that contains no escape sequence from the articles. Prints a summary and
exits non-zero if any check fails. tests/robustness/test_battery.py runs it in the suite.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "2024-02-08-baghdad-drone-strike.txt"
HOSTILE = (
    "[bold red]Kataib Hezbollah[/] claimed the attack in [link=https://evil.example]Baghdad[/link].\n"
    "\x1b[31mYahya Rasool\x1b[0m said on Tuesday\x07 that \x1b]0;pwned\x07 CENTCOM lied.\n"
    '=HYPERLINK("https://evil.example") +Mosul -Basra @Erbil\n'
    "\u202eDamascus\u202c and Aleppo.\n"
)


def build(folder: Path) -> dict[str, str]:
    """Write the battery; returns {relative name: expected outcome ('ok' or an error code)}."""
    article = SAMPLE.read_text(encoding="utf-8")
    expect: dict[str, str] = {}

    def write(name: str, data: bytes, outcome: str) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[name] = outcome

    write("empty.txt", b"", "ok")
    write("whitespace.txt", b"  \n\t\r\n  \n", "ok")
    write("fake.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary")
    write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")
    write("nul-bytes.txt", b"Baghdad\x00\x00\x00Mosul", "binary")
    write("latin1.txt", "Kataib Hezbollah paid £15.8m in Baghdad.".encode("cp1252"), "ok")
    write("utf16-bom.txt", codecs.BOM_UTF16_LE + article.encode("utf-16-le"), "ok")
    write("utf8-bom.txt", codecs.BOM_UTF8 + article.encode("utf-8"), "ok")
    write("crlf.txt", article.replace("\n", "\r\n").encode("utf-8"), "ok")
    write("lone-cr.txt", article.replace("\n", "\r").encode("utf-8"), "ok")
    write("long-line.txt", (article.replace("\n", " ") * 60).encode("utf-8"), "ok")
    write("hostile.txt", HOSTILE.encode("utf-8"), "ok")
    write("name with spaces.txt", article.encode("utf-8"), "ok")
    write("naïve-ضربة.txt", article.encode("utf-8"), "ok")
    if sys.platform != "win32":
        write("new\nline.txt", article.encode("utf-8"), "ok")
    big = folder / "huge.txt"
    with big.open("wb") as fh:  # 50 MB, written sparsely-fast as repeated text
        block = (article + "\n").encode("utf-8") * 64
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    expect["huge.txt"] = "too_large"
    os.symlink(folder / "missing-target.txt", folder / "broken-link.txt")
    expect["broken-link.txt"] = "not_found"
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    expect["loop-a.txt"] = "symlink_loop"
    expect["loop-b.txt"] = "symlink_loop"
    secret = folder / "secret.txt"
    secret.write_bytes(article.encode("utf-8"))
    secret.chmod(0)
    # root reads anything: then permission denied cannot happen and the file is simply read
    expect["secret.txt"] = "ok" if os.geteuid() == 0 else "permission"
    (folder / "empty-folder").mkdir()
    (folder / "only-csv").mkdir()
    (folder / "only-csv" / "data.csv").write_text("a,b\n", encoding="utf-8")
    return expect


def run(folder: Path) -> list[str]:
    """Run entext over the battery; return the list of failed checks (empty when all hold)."""
    expect = build(folder)
    args = [str(folder), str(folder / "only-csv"), str(folder / "vanished.txt")]
    expect_extra = {
        str(folder / "only-csv"): "no_inputs",
        str(folder / "vanished.txt"): "not_found",
    }
    cmd = [sys.executable, "-m", "entext", "extract", *args, "-f", "jsonl", "--jobs", "2"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    problems = []
    if proc.returncode != 3:
        problems.append(f"exit code {proc.returncode}, expected 3")
    if "Traceback" in proc.stderr:
        at = proc.stderr.index("Traceback")
        problems.append("a traceback on stderr:\n" + proc.stderr[max(0, at - 400) : at + 3000])
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    seen = {}
    for r in records:
        seen[r["source"]] = r["error"]["code"] if "error" in r else "ok"
    wanted = {str(folder / k): v for k, v in expect.items()} | expect_extra
    # The empty folder inside the battery holds nothing and is simply walked past.
    for source, outcome in wanted.items():
        if source not in seen:
            problems.append(f"no record for {source!r}")
        elif seen[source] != outcome:
            problems.append(f"{source!r}: got {seen[source]}, expected {outcome}")
    if len(records) != len(wanted):
        extra = sorted(set(seen) - set(wanted))
        problems.append(f"{len(records)} records for {len(wanted)} inputs; unexpected: {extra}")
    for r in records:
        if "error" in r or r.get("encoding") not in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
            continue
        raw = Path(r["source"]).read_bytes()
        text = raw.decode(r["encoding"])
        if r["encoding"] == "utf-16":
            text = text.lstrip("\ufeff")
        for e in r["entities"]:
            for m in e["mentions"]:
                if text[m["start"] : m["end"]] != m["text"]:
                    problems.append(
                        f"{r['source']}: {m['start']}:{m['end']} does not slice to {m['text']!r}"
                    )
    table = subprocess.run(
        [sys.executable, "-m", "entext", "extract", str(folder / "hostile.txt"), "-f", "table"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    if "\x1b" in table.stdout or "\x07" in table.stdout or "\u202e" in table.stdout:
        problems.append("the table contains a raw escape sequence from the article")
    if "US Central Command" not in table.stdout:
        problems.append("the table lost the hostile article's entities")
    return problems


def main() -> int:
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
        folder.mkdir(parents=True, exist_ok=True)
        problems = run(folder)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            problems = run(Path(tmp))
    for p in problems:
        print(f"FAIL: {p}")
    print("robustness battery:", "all checks hold" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
