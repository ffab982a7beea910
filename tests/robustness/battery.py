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
import shutil
import socket
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


# As root every permission check passes: the battery runs entext without the capabilities
# that let root read what it may not (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), like a user.
DROP_CAPS = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
             "--bounding-set=-dac_override,-dac_read_search"]  # fmt: skip
AS_USER = os.geteuid() != 0 or shutil.which("setpriv") is not None
PATH_MAX = os.pathconf("/", "PC_PATH_MAX") if hasattr(os, "pathconf") else 4096
ABSENT = "absent"  # a second link to a file already read: no second record


def build(folder: Path) -> dict[str, str]:
    """Write the battery; returns {relative name: expected outcome ('ok', an error code, or
    ABSENT)}. Expected messages are in MESSAGES."""
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
    expect["secret.txt"] = "permission" if AS_USER else "ok"
    (folder / "empty-folder").mkdir()
    (folder / "only-csv").mkdir()
    (folder / "only-csv" / "data.csv").write_text("a,b\n", encoding="utf-8")
    build_walk_attacks(folder, article, expect)
    return expect


def build_walk_attacks(folder: Path, article: str, expect: dict[str, str]) -> None:
    """Special files, unreadable and endless folders, links, names and bytes that are not
    UTF-8: each must be a record (or, for a second link to one file, nothing), no hang."""
    os.mkfifo(folder / "fifo.txt")  # nobody writes it: opening it would block for ever
    expect["fifo.txt"] = "special_file"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "socket.txt"))
    expect["socket.txt"] = "special_file"
    os.symlink("/dev/zero", folder / "zeros.txt")  # endless: must not be read at all
    expect["zeros.txt"] = "special_file"
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(article, encoding="utf-8")
    locked.chmod(0)
    expect["locked"] = "permission" if AS_USER else "ok"
    if not AS_USER:
        expect["locked/inside.txt"] = "ok"
    (folder / os.fsdecode(b"caf\xe9-\xff.txt")).write_bytes(article.encode("utf-8"))
    expect["caf\\xe9-\\xff.txt"] = "ok"  # shown with \xNN escapes: the JSON stays UTF-8
    (folder / "bom-then-cp1252.txt").write_bytes(codecs.BOM_UTF8 + "Mosul £5m".encode("cp1252"))
    expect["bom-then-cp1252.txt"] = "ok"
    loops = folder / "loops"
    loops.mkdir()
    (loops / "x.txt").write_text(article, encoding="utf-8")
    os.symlink("..", loops / "up")  # back to the battery folder: a loop
    os.symlink(".", loops / "self")
    expect["loops/x.txt"] = "ok"
    os.symlink("hostile.txt", folder / "zz-hostile-again.txt")
    os.link(folder / "latin1.txt", folder / "zz-latin1-hard-link.txt")
    expect["zz-hostile-again.txt"] = ABSENT
    expect["zz-latin1-hard-link.txt"] = ABSENT
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "linked.txt").write_text(article, encoding="utf-8")
    os.symlink(outside, folder / "linked-folder")
    expect["linked-folder/linked.txt"] = "ok"  # a linked folder is walked, not skipped
    expect[deep_tree(folder / "deep")] = "path_too_long"


def deep_tree(root: Path) -> str:
    """Folders nested past PATH_MAX, made through directory descriptors (no path could name
    them); returns the relative name of the first folder whose path is too long."""
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    rel, first = root.name, None
    try:
        while first is None or len(rel) < PATH_MAX + 600:
            name = "d" * 200
            os.mkdir(name, dir_fd=fd)
            nxt = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
            rel = f"{rel}/{name}"
            if first is None and len(os.fsencode(str(root.parent / rel))) >= PATH_MAX:
                first = rel
        with open(os.open("lost.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as fh:
            fh.write("Kataib Hezbollah struck Baghdad.")
    finally:
        os.close(fd)
    assert first is not None
    return first


def build_glob_tree(root: Path) -> tuple[str, dict[str, str]]:
    """A tree for ``ROOT/**/*.txt`` with symbolic link loops, a file linked twice, an
    unreadable folder and a FIFO; returns the pattern and the expected outcomes."""
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.txt").write_text("Houthi forces fired on Aden.", encoding="utf-8")
    os.symlink("..", root / "a" / "loop")
    os.symlink(".", root / "a" / "self")
    (root / "b").mkdir()
    (root / "b" / "y.txt").write_text("The IDF entered Rafah.", encoding="utf-8")
    os.symlink("y.txt", root / "b" / "ylink.txt")
    os.mkfifo(root / "b" / "pipe.txt")
    locked = root / "locked"
    locked.mkdir()
    (locked / "z.txt").write_text("RSF fighters shelled El Fasher.", encoding="utf-8")
    locked.chmod(0)
    expect = {"a/x.txt": "ok", "b/y.txt": "ok", "b/ylink.txt": ABSENT, "b/pipe.txt": "special_file"}
    if AS_USER:
        expect["locked"] = "permission"
    else:
        expect["locked/z.txt"] = "ok"
    return str(root / "**" / "*.txt"), {str(root / k): v for k, v in expect.items()}


# What some records must say (substrings of the error message or of a warning).
MESSAGES = {
    "fifo.txt": "a named pipe (FIFO), not a file; it was not opened",
    "socket.txt": "a socket, not a file",
    "zeros.txt": "a character device, not a file",
    "locked": "cannot list this folder: permission denied",
    "bom-then-cp1252.txt": "has a UTF-8 byte order mark but is not UTF-8 (byte 9); read it as",
}


def run(folder: Path) -> list[str]:
    """Run entext over the battery; return the list of failed checks (empty when all hold)."""
    expect = build(folder)
    pattern, expect_glob = build_glob_tree(folder.parent / f"{folder.name}-globs")
    pipe = folder.parent / f"{folder.name}-direct.fifo"
    os.mkfifo(pipe)
    args = [str(folder), str(folder / "only-csv"), str(folder / "vanished.txt"), pattern]
    args += [str(pipe), "/dev/null"]
    expect_extra = {
        str(folder / "only-csv"): "no_inputs",
        str(folder / "vanished.txt"): "not_found",
        str(pipe): "special_file",
        "/dev/null": "special_file",
    } | expect_glob
    cmd = [sys.executable, "-m", "entext", "extract", *args, "-f", "jsonl", "--jobs", "2"]
    if os.geteuid() == 0 and AS_USER:
        cmd = DROP_CAPS + cmd
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=1200)
    finally:
        for locked in (folder / "locked", folder.parent / f"{folder.name}-globs" / "locked"):
            locked.chmod(0o755)
    problems = []
    if proc.returncode != 3:
        problems.append(f"exit code {proc.returncode}, expected 3")
    try:
        stdout, stderr = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"output is not valid UTF-8: {exc}"]
    if "Traceback" in stderr:
        at = stderr.index("Traceback")
        problems.append("a traceback on stderr:\n" + stderr[max(0, at - 400) : at + 3000])
    records = [json.loads(line) for line in stdout.splitlines()]
    seen: dict[str, str] = {}
    by_source = {}
    for r in records:
        if r["source"] in seen:
            problems.append(f"two records for {r['source']!r}")
        seen[r["source"]] = r["error"]["code"] if "error" in r else "ok"
        by_source[r["source"]] = r
    wanted = {str(folder / k): v for k, v in expect.items()} | expect_extra
    # The empty folder inside the battery holds nothing and is simply walked past.
    for source, outcome in wanted.items():
        if outcome == ABSENT:
            if source in seen:
                problems.append(f"{source!r} was read twice (through a second link)")
        elif source not in seen:
            problems.append(f"no record for {source!r}")
        elif seen[source] != outcome:
            problems.append(f"{source!r}: got {seen[source]}, expected {outcome}")
    for name, message in MESSAGES.items():
        r = by_source.get(str(folder / name), {})
        said = r.get("error", {}).get("message", "") + " ".join(r.get("warnings", []))
        if message not in said and not (name == "locked" and not AS_USER):
            problems.append(f"{name}: {message!r} not in {said!r}")
    present = {k for k, v in wanted.items() if v != ABSENT}
    if len(records) != len(present):
        extra = sorted(set(seen) - present)
        problems.append(f"{len(records)} records for {len(present)} inputs; unexpected: {extra}")
    for r in records:
        if "error" in r or r.get("encoding") not in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
            continue
        if "\\x" in r["source"]:
            continue  # a display name; the file itself is checked by name in the tests
        raw = Path(r["source"]).read_bytes().removeprefix(codecs.BOM_UTF8)
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
