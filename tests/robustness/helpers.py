"""Helpers for the attack tests: the CLI in this process (one pipeline load for them all),
or in a subprocess, as a user without root's power to read anything, where that matters."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from entext.cli import app

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "seeds" / "2024-02-08-baghdad-drone-strike.txt").read_text(encoding="utf-8")
SHORT = "Kataib Hezbollah fighters attacked a US base near Baghdad on 7 February 2024.\n"
# Root passes every permission check; these drop the capabilities that let it.
DROP_CAPS = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
             "--bounding-set=-dac_override,-dac_read_search"]  # fmt: skip


def cli(*args: str, input: str | None = None):
    """Run ``entext ARGS`` in this process; returns the click Result."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    assert "Traceback" not in (result.stderr or ""), result.stderr
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def as_user(cmd: list[str]) -> list[str]:
    """``cmd`` run without the capabilities that make root ignore permissions."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to test permissions as root")
    return DROP_CAPS + cmd


def entext_process(*args: str, user: bool = False, **kwargs) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "entext", *[str(a) for a in args]]
    proc = subprocess.run(
        as_user(cmd) if user else cmd, capture_output=True, text=True, timeout=600, **kwargs
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write(path: Path, text: str = SHORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
