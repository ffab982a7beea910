"""The data files shipped with entext (`src/entext/data/`): one place finds and reads them."""

from __future__ import annotations

from importlib import resources
from typing import Any


def data_dir() -> Any:
    """The package's data folder (a ``Traversable``; a real folder when installed from source)."""
    return resources.files("entext") / "data"


def read_data_lines(name: str) -> list[str]:
    """The lines of a plain data file, without blanks and ``#`` comments (empty when missing)."""
    path = data_dir() / name
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x for x in (raw.strip() for raw in lines) if x and not x.startswith("#")]
