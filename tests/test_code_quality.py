"""Lint, format and type checks are part of the test suite, so CI holds them too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> list[str]:
    exe = Path(sys.executable).with_name(name)
    if exe.exists():
        return [str(exe)]
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return [found]


@pytest.mark.parametrize(
    "args",
    [
        ["ruff", "check", "src", "tests", "benchmarks", "scripts"],
        ["ruff", "format", "--check", "src", "tests", "benchmarks", "scripts"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(args):
    proc = subprocess.run(
        _tool(args[0]) + args[1:], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


SRC = ROOT / "src" / "entext"
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 800
MAX_CLI_LINES = 350


def _functions(tree):
    import ast

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_functions_and_modules_stay_small():
    """No function over 80 lines, no module over 800, cli.py at most 350 (issue 10)."""
    import ast

    too_long = []
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        limit = MAX_CLI_LINES if path.name == "cli.py" else MAX_MODULE_LINES
        if lines > limit:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines (limit {limit})")
        for fn in _functions(ast.parse(source)):
            length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
            if length > MAX_FUNCTION_LINES:
                too_long.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name}: {length} lines")
    assert not too_long, "\n".join(too_long)
