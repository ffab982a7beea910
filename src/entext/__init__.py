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

__version__ = "0.1.0"

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
