"""Whole-document output of small hand-written articles against reviewed golden JSON.

Any change in what entext extracts from them shows up as a diff here. When the change is
intended, regenerate with ``pytest tests/test_golden.py --update-golden`` and review the diff
of tests/golden/ before committing it.
"""

from __future__ import annotations

import json

import pytest

from conftest import DATA, GOLDEN, SAMPLE

ARTICLES = sorted((DATA / "articles").glob("*.txt")) + sorted((DATA / "articles").glob("*.md"))
CASES = [SAMPLE, *ARTICLES]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(extractor, update_golden, path):
    doc = extractor.extract_text(path.read_text(encoding="utf-8"), source=path.name)
    got = doc.to_dict()
    golden = GOLDEN / f"{path.stem}.json"
    if update_golden or not golden.exists():
        if not update_golden:
            pytest.fail(f"{golden} is missing: run pytest --update-golden and review it")
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected
