"""entext: entity extraction for news about armed conflict.

The library API needs neither Typer nor Rich, and importing it does not import spaCy
(the model loads on first use)::

    from entext import extract_text
    doc = extract_text(open("article.txt").read())
    for entity in doc.entities:
        print(entity.type, entity.kind, entity.name, entity.count)

    import entext
    batch = entext.run(["articles/"], entext.Settings(jobs=2), resume="results.jsonl")
    for record in batch:
        ...
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names are imported on first use (PEP 562), so ``import entext`` and ``entext --help`` stay
# cheap: the extractor pulls in the date and entity modules, whose tables take time to build.
_EXPORTS = {
    "BatchRun": "runner",
    "Document": "schema",
    "EntextError": "errors",
    "Entity": "schema",
    "ExitCode": "errors",
    "Extractor": "extract",
    "Failure": "schema",
    "InputError": "errors",
    "Mention": "schema",
    "ModelNotFoundError": "errors",
    "OptionError": "errors",
    "Result": "schema",
    "RulesError": "errors",
    "RunProgress": "runner",
    "Settings": "settings",
    "UsageError": "errors",
    "extract_paths": "extract",
    "extract_text": "extract",
    "run": "runner",
}

if TYPE_CHECKING:
    from .errors import (
        EntextError,
        ExitCode,
        InputError,
        ModelNotFoundError,
        OptionError,
        RulesError,
        UsageError,
    )
    from .extract import Extractor, extract_paths, extract_text
    from .runner import BatchRun, RunProgress, run
    from .schema import Document, Entity, Failure, Mention, Result
    from .settings import Settings


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'entext' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*_EXPORTS, "__version__"])


__all__ = [
    "BatchRun",
    "Document",
    "EntextError",
    "Entity",
    "ExitCode",
    "Extractor",
    "Failure",
    "InputError",
    "Mention",
    "ModelNotFoundError",
    "OptionError",
    "Result",
    "RulesError",
    "RunProgress",
    "Settings",
    "UsageError",
    "__version__",
    "extract_paths",
    "extract_text",
    "run",
]
