"""Faults: no network, a full disk, a crashed worker, hostile rules."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE, read_jsonl
from entext.cli import app
from entext.errors import RulesError
from entext.rules import load_rules


def test_runs_with_the_network_blocked(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import socket
            def _blocked(*args, **kwargs):
                raise OSError("network access attempted by entext")
            class _NoNetwork(socket.socket):
                connect = connect_ex = sendto = _blocked
            socket.socket = _NoNetwork
            socket.create_connection = _blocked
            socket.getaddrinfo = _blocked
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    proc = subprocess.run(
        [sys.executable, "-m", "entext", "extract", str(SAMPLE), "-f", "jsonl", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert read_jsonl(proc.stdout)[0]["entities"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_reported_and_the_old_file_kept(tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text('{"source": "old"}\n', encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import os, sys
        real = os.open
        def full(path, *a, **k):
            fd = real(path, *a, **k)
            if str(path).endswith(".entext-partial"):
                os.dup2(real("/dev/full", os.O_WRONLY), fd)
            return fd
        os.open = full
        from entext.cli import main
        sys.argv = ["entext", "extract", {str(SAMPLE)!r}, "-o", {str(out)!r}, "--jobs", "1"]
        main()
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "no space left" in proc.stderr and "the previous file is unchanged" in proc.stderr
    assert out.read_text(encoding="utf-8") == '{"source": "old"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.jsonl"]


class CrashingExtractor:
    """Stands in for a worker whose native code dies on one document."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):  # the pipeline and settings are the real extractor's
        return getattr(self.inner, name)

    def run(self, items):
        for item in items:
            if item.source.endswith("crash.txt"):
                os._exit(11)
            yield from self.inner.run([item])


def test_a_crashed_worker_is_reported_and_the_rest_processed(tmp_path, extractor):
    from entext.inputs import iter_sources
    from entext.workers import run_parallel

    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(
            f"Kataib Hezbollah struck Baghdad. {i}", encoding="utf-8"
        )
    (tmp_path / "3-crash.txt").write_text("boom", encoding="utf-8")
    _ = extractor.pipeline
    results = list(run_parallel(iter_sources([str(tmp_path)]), CrashingExtractor(extractor), 2))
    by_source = {Path(r.source).name: r for r in results}
    assert len(results) == 7
    assert by_source["3-crash.txt"].code == "worker_crashed"
    assert all(not hasattr(r, "code") for n, r in by_source.items() if n != "3-crash.txt")


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "invalid JSON"),
        ('{"id": "militia/x", "name": "X", "colour": "red"}', "unknown keys"),
        ('{"label": "ORG/MILITIA", "pattern": "' + "x" * 5000 + '"}', "1 to 2000 characters"),
        ('{"label": "ORG", "pattern": [{"TEXT": {"REGEX": "(a+)+$"}}]}', "catastrophic"),
        ('{"label": "WEAPON", "pattern": "AK-47"}', "label"),
        ('{"label": "ORG", "pattern": [' + ",".join(['{"ORTH": "a"}'] * 100) + "]}", "at most 64"),
    ],
    ids=[
        "bad-json",
        "unknown-key",
        "enormous",
        "catastrophic-regex",
        "bad-label",
        "too-many-tokens",
    ],
)
def test_hostile_rules_are_refused_with_file_and_line(tmp_path, line, message):
    rules = tmp_path / "mine.jsonl"
    rules.write_text(
        '{"id": "militia/ok", "name": "Good Group", "kind": "MILITIA"}\n' + line + "\n"
    )
    with pytest.raises(RulesError) as info:
        load_rules([rules], builtin=False)
    assert f"{rules}:2:" in str(info.value)
    assert message in str(info.value)


def test_user_patterns_on_the_command_line(tmp_path):
    rules = tmp_path / "mine.jsonl"
    rules.write_text(
        '{"id": "militia/fictional-brigade", "name": "Sons of Nowhere", "kind": "MILITIA", '
        '"aliases": ["SoN Movement"], "country": "IQ", "category": "rebel group"}\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    text = "Fighters of the Sons of Nowhere attacked Mosul. The SoN Movement denied it."
    result = runner.invoke(app, ["extract", "-", "--patterns", str(rules)], input=text)
    assert result.exit_code == 0, result.output
    (entity,) = [
        e
        for e in read_jsonl(result.stdout)[0]["entities"]
        if e["id"] == "militia/fictional-brigade"
    ]
    assert (
        entity["kind"] == "MILITIA" and entity["count"] == 2 and entity["category"] == "rebel group"
    )
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "-", "--patterns", str(bad)], input=text)
    assert result.exit_code == 1
    assert f"{bad}:1: invalid JSON" in result.stderr
    assert result.stdout == ""
