from __future__ import annotations

from pathlib import Path

from robustness.battery import run


def test_the_whole_battery(tmp_path: Path) -> None:
    problems = run(tmp_path)
    assert not problems, "\n".join(problems)
