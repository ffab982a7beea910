"""Every built-in rules file is valid, documented, and unambiguous."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from importlib import resources

import pytest

from entext.rules import GAZETTEER_FILES, PATTERN_FILES, load_rules

DATA = resources.files("entext") / "data"
ID_RE = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)+$")


def _lines(name):
    for n, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("//"):
            yield n, json.loads(line)


def existing(names):
    return [n for n in names if (DATA / n).is_file()]


@pytest.mark.parametrize("name", existing(GAZETTEER_FILES))
def test_gazetteer_lines_are_complete(name):
    ids = set()
    for n, obj in _lines(name):
        assert ID_RE.match(obj["id"]), f"{name}:{n}: bad id {obj['id']!r}"
        assert obj["id"] not in ids, f"{name}:{n}: duplicate id {obj['id']}"
        ids.add(obj["id"])
        assert obj["name"].strip(), f"{name}:{n}: empty name"
        assert obj.get("type") in ("PERSON", "ORG", "LOC", "DATE"), f"{name}:{n}"


def test_no_surface_form_maps_to_two_ids():
    owners = defaultdict(set)
    for name in existing(GAZETTEER_FILES):
        for _, obj in _lines(name):
            for alias in [obj["name"], *obj.get("aliases", []), *obj.get("weak_aliases", [])]:
                owners[alias].add(obj["id"])
    clashes = {a: sorted(ids) for a, ids in owners.items() if len(ids) > 1}
    assert not clashes, f"surface forms with two ids: {dict(list(clashes.items())[:20])}"


def test_every_data_file_has_its_sources_documented():
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    tables = ["countries.jsonl", "cities.tsv", "admin_areas.tsv", "place_words.txt"]
    for name in [*existing(GAZETTEER_FILES + PATTERN_FILES), *tables, "equipment.txt"]:
        assert name in sources, f"{name} is not described in data/SOURCES.md"


def test_builtin_rules_load():
    rules = load_rules()
    assert len(rules.phrases) > 100
    assert rules.token_patterns
