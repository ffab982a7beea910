"""Attacks on the other commands and on --resume, --patterns and dates: every bad input gets a
message with file and line and an exit code, never a traceback, a hang or a lost record."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entext.errors import RulesError
from entext.inputs import decode
from entext.regex_check import backtracking_problem
from entext.rules import MAX_RULES_BYTES, load_rules

from .helpers import SHORT, cli, records, write

GOOD = {"source": "a.txt", "sha256": "ab", "entities": []}


@pytest.mark.parametrize(
    "line, problem",
    [
        (b'[{"source": "a.txt"}]', "an array, not an entext record"),
        (b'"just a string"', "a string, not an entext record"),
        (b'{"sha256": "ab", "entities": []}', "no 'source' string"),
        (
            b'{"source": "a", "sha256": "ab", "entities": [{"id": "x", "type": "ORG", '
            b'"name": "X", "count": "3"}]}',
            "entity 1: 'count' must be a whole number, not '3'",
        ),
        (
            b'{"source": "a", "sha256": "ab", "entities": [{"type": "ORG", "name": "X"}]}',
            "entity 1: 'id' must be a string",
        ),
        (b'{"source": "a", "sha256": "ab", "entities": {}}', "'entities' must be a list"),
        (b'{"source": "a", "sha256": "ab"', "not JSON"),
        (b'{"source": "caf\xe9"}', "not UTF-8 (byte 15)"),
        (b'{"source": "a", "error": "bad"}', "'error' must be an object with a 'code' string"),
    ],
    ids=[
        "array",
        "string",
        "no-source",
        "string-count",
        "no-id",
        "entities-object",
        "torn-json",
        "invalid-utf8",
        "error-string",
    ],
)
def test_summarize_names_the_bad_line(tmp_path, line, problem):
    path = tmp_path / "results.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + line + b"\n")
    r = cli("summarize", path)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"entext: error: {path}:2: {problem}"), r.stderr


@pytest.mark.parametrize(
    "line, problem",
    [
        (b'{"text": "abc", "dct": "last week", "entities": []}', "'dct' 'last week' is not a date"),
        (b'{"text": "abc", "entities": [{"end": 2, "label": "ORG"}]}', "entity 1 has no 'start'"),
        (b'{"text": null, "entities": []}', "'text' must be a string, not null"),
        (b'{"text": "caf\xe9", "entities": []}', "not UTF-8 (byte 13)"),
        (
            b'{"text": "abc", "entities": [{"start": 1, "end": 40, "label": "ORG"}]}',
            "entity 1: offsets 1:40 are not a span of the 3-character text",
        ),
        (
            b'{"text": "abc", "entities": [{"start": "0", "end": 2, "label": "ORG"}]}',
            "entity 1: 'start' must be a whole number, not '0'",
        ),
        (b'{"text": "abc", "entities": "none"}', "'entities' must be a list, not a string"),
        (b'[{"text": "abc", "entities": []}]', "a gold document is an object with 'text'"),
        (
            b'{"text": "abc", "entities": [{"start": 0, "end": 2}]}',
            "entity 1 needs a 'label' string",
        ),
    ],
    ids=[
        "dct-not-a-date",
        "no-start",
        "text-null",
        "invalid-utf8",
        "past-the-end",
        "string-offset",
        "entities-string",
        "array-line",
        "no-label",
    ],
)
def test_eval_names_the_bad_gold_line_before_loading_anything(tmp_path, line, problem):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b'{"text": "Baghdad", "entities": []}\n' + line + b"\n")
    r = cli("eval", gold)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"entext: error: {gold}:2: {problem}"), r.stderr


def test_table_into_head_exits_zero(tmp_path):
    articles = [str(write(tmp_path / f"{i}.txt", SHORT * 30)) for i in range(3)]
    cmd = [sys.executable, "-m", "entext", "extract", *articles, "-f", "table"]
    pipeline = f"{' '.join(cmd)} | head -1; exit ${{PIPESTATUS[0]}}"
    proc = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(articles[0]) and proc.stderr == ""


def test_markup_in_a_path_is_printed_literally_on_resume(tmp_path):
    folder = tmp_path / "[/b][bold red]x"
    article = write(folder / "a.txt")
    out = tmp_path / "[/b].jsonl"
    assert cli("extract", article, "-o", out).exit_code == 0
    r = cli("extract", article, "-o", out, "--resume")
    assert r.exit_code == 0, r.stderr
    assert f"entext: resuming: 1 of 1 inputs already in {out}" in r.stderr


def test_escape_sequences_never_reach_csv_cells(tmp_path):
    article = write(
        tmp_path / "evil\x1b]0;pwned\x07.txt", "\x1b[31mKataib Hezbollah\x1b[0m hit Baghdad."
    )
    r = cli("extract", article, "-f", "csv")
    assert r.exit_code == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "evil\\x1b]0;pwned\\x07.txt" in r.stdout


def test_a_bom_before_invalid_bytes_warns_like_any_fallback():
    got = decode(codecs.BOM_UTF8 + "Mosul £5m".encode("cp1252"), "x.txt")
    assert got.text == "Mosul £5m" and got.encoding == "cp1252"
    assert got.warning is not None
    assert got.warning.startswith("x.txt has a UTF-8 byte order mark but is not UTF-8 (byte 9)")


def test_resume_after_edits_renames_and_removals(tmp_path):
    folder = tmp_path / "in"
    for name in ("edited", "renamed", "removed", "same"):
        write(folder / f"{name}.txt", f"{SHORT} {name}")
    out = tmp_path / "out.jsonl"
    assert cli("extract", folder, "-o", out).exit_code == 0
    write(folder / "edited.txt", f"{SHORT} now about Mosul.")
    (folder / "renamed.txt").rename(folder / "renamed-2.txt")
    (folder / "removed.txt").unlink()
    r = cli("extract", folder, "-o", out, "--resume")
    assert r.exit_code == 0, r.stderr
    assert "removed 1 outdated records" in r.stderr
    assert "kept 2 records of inputs not in this run (renamed, removed or not named)" in r.stderr
    got = records(out.read_text(encoding="utf-8"))
    current = {str(p) for p in folder.iterdir()}
    by_source = {}
    for rec in got:
        assert rec["source"] not in by_source, f"two records for {rec['source']}"
        by_source[rec["source"]] = rec
    assert current <= set(by_source)
    edited = (folder / "edited.txt").read_bytes()
    import hashlib

    assert by_source[str(folder / "edited.txt")]["sha256"] == hashlib.sha256(edited).hexdigest()


@pytest.mark.parametrize(
    "content",
    [b"[1, 2]\n", b'{"id": 1, "text": "an archive, not results"}\n', b"source,date\n", b"\xff\n"],
    ids=["array", "other-jsonl", "csv", "binary"],
)
def test_resume_refuses_files_entext_did_not_write(tmp_path, content):
    out = tmp_path / "theirs.jsonl"
    out.write_bytes(content)
    r = cli("extract", write(tmp_path / "a.txt"), "-o", out, "--resume")
    assert r.exit_code == 1
    assert (
        f"{out}:1: " in r.stderr
        and "--resume only continues JSON Lines files written by entext extract -f jsonl"
        in r.stderr
    )
    assert out.read_bytes() == content


def test_patterns_from_dev_zero_are_refused_without_reading(tmp_path):
    start = time.monotonic()
    with pytest.raises(RulesError) as info:
        load_rules(["/dev/zero"], builtin=False)
    assert time.monotonic() - start < 2
    assert "/dev/zero: not a regular file (a device, FIFO or socket)" in str(info.value)


def test_an_enormous_patterns_file_is_refused(tmp_path):
    big = tmp_path / "huge.jsonl"
    with big.open("wb") as fh:
        fh.truncate(MAX_RULES_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(RulesError) as info:
        load_rules([big], builtin=False)
    assert f"{big}: a rules file of more than 50 MB" in str(info.value)


BAD_REGEXES = [
    r"^((a+))+$", r"^(a|a)+$", r"(a+)+$", r"^(\w+\s?)*$", r"^(a?a)+$", r"\w+\w+$",
    r"(x?)+", r"^(\d+)*$", r"(.*a){3}", r"^(a|)+$", r"(?:a+){2,}", r"a*a*b",
    r"^([a-z]+\.?)+$", r"^(\w+|\d+)+$",
]  # fmt: skip
SAFE_REGEXES = [
    r"^[A-Z][a-z]+$", r"^([A-Z]\.?)+$", r"^(ab+)+$", r"^(\d{2})+$", r"^[A-Z]{2,5}$",
    r"^\d+(st|nd|rd|th)$", r"^al-\w+$", r"^(Mr|Dr)\.?$", r"^\d{1,2}:\d{2}$",
    r"^(a|ab)+$", r"^([ab]|a)+$",
]  # fmt: skip


@pytest.mark.parametrize("regex", BAD_REGEXES)
def test_backtracking_regexes_are_refused_with_file_and_line(tmp_path, regex):
    rules = tmp_path / "mine.jsonl"
    line = json.dumps({"label": "ORG", "pattern": [{"TEXT": {"REGEX": regex}}]})
    rules.write_text('{"id": "militia/ok", "name": "Good Group", "kind": "MILITIA"}\n' + line)
    with pytest.raises(RulesError) as info:
        load_rules([rules], builtin=False)
    assert f"{rules}:2: REGEX {regex!r}" in str(info.value)
    assert "catastrophic backtracking" in str(info.value)


@pytest.mark.parametrize("regex", SAFE_REGEXES)
def test_regexes_that_pass_the_check_stay_fast_on_hostile_tokens(regex):
    import re

    assert backtracking_problem(regex) is None
    compiled = re.compile(regex)
    for token in ("a" * 5000 + "!", "ab" * 2500 + "!", "A." * 2500 + "!", "0" * 5000 + "!"):
        start = time.monotonic()
        compiled.search(token)
        assert time.monotonic() - start < 0.5, (regex, token[:4])


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="needs a tmpfs for far-future times")
def test_a_file_date_outside_the_calendar_is_one_failure_record(tmp_path):
    import tempfile

    with tempfile.TemporaryDirectory(dir="/dev/shm") as shm:
        odd = write(Path(shm) / "odd.txt", "Fighting continued in Mosul.")
        os.utime(odd, (1e12, 1e12))  # the year 33658
        if os.stat(odd).st_mtime < 1e12:
            pytest.skip("this file system clamps times")
        fine = write(tmp_path / "fine.txt", "Fighting continued in Mosul.")
        r = cli("extract", odd, fine, "--ref-date-from", "mtime", "-f", "jsonl")
    assert r.exit_code == 3, r.stderr
    first, second = records(r.stdout)
    assert first["error"]["code"] == "bad_mtime" and first["source"] == str(odd)
    assert (
        "its modification time (1000000000000) is outside the calendar" in first["error"]["message"]
    )
    assert second["ref_date_source"] == "mtime"
