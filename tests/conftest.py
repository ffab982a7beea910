from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "2024-02-08-baghdad-drone-strike.txt"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current output (review the diff!)",
    )


@pytest.fixture(scope="session")
def extractor():
    from entext.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_doc(extractor):
    text = SAMPLE.read_text(encoding="utf-8")
    return extractor.extract_text(text, source=str(SAMPLE))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def entities_by(doc, type_=None, kind="any"):
    return [
        e
        for e in doc.entities
        if (type_ is None or e.type == type_) and (kind == "any" or e.kind == kind)
    ]


def names(doc, type_=None, kind="any"):
    return {e.name for e in entities_by(doc, type_, kind)}


def mention_texts(doc) -> list[str]:
    """The text of every mention, in entity order."""
    return [m.text for e in doc.entities for m in e.mentions]


def mention_types(doc) -> dict[str, str]:
    """Each mention's text with the type of its entity."""
    return {m.text: e.type for e in doc.entities for m in e.mentions}


def read_jsonl(text: str):
    return [json.loads(line) for line in text.splitlines() if line.strip()]
