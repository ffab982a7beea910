"""entext: entity extraction for news about armed conflict.

The library API needs neither Typer nor Rich, and importing it does not import spaCy
(the model loads on first use)::

    from entext import extract_text
    doc = extract_text(open("article.txt").read())
    for entity in doc.entities:
        print(entity.type, entity.kind, entity.name, entity.count)
"""

from __future__ import annotations

from .errors import EntextError, InputError, ModelNotFoundError, OptionError, RulesError
from .extract import Extractor, Options, extract_paths, extract_text
from .pipeline import PipelineConfig
from .schema import Document, Entity, Failure, Mention, Result

__version__ = "0.1.0"

__all__ = [
    "Document",
    "EntextError",
    "Entity",
    "Extractor",
    "Failure",
    "InputError",
    "Mention",
    "ModelNotFoundError",
    "OptionError",
    "Options",
    "PipelineConfig",
    "Result",
    "RulesError",
    "__version__",
    "extract_paths",
    "extract_text",
]
