"""entext's tokenizer: the model's language defaults, with glued brackets split off.

Wikipedia-style and hastily typed text glues brackets and citation marks to names:
"Abboud Qanbar(Arabic: ...)", "also known as Abu Haidar,[1] is". spaCy's English tokenizer
keeps "Qanbar(Arabic" and "Haidar,[1" as single tokens, so the model's names swallow them;
two more infixes split them.

Loading a model builds its tokenizer twice (once from the language defaults, then again from
the model's saved copy, compiling the regexes and four thousand special cases each time), and
adding the infixes compiled the infix regex a third time: a tenth of a second of start-up.
When the model's tokenizer is the plain ``spacy.Tokenizer.v1`` and its saved copy holds the
language defaults (true of the English pipelines), :func:`load_model` builds it once, with
the extra infixes, as ``entext.Tokenizer.v1``, and skips the saved copy; otherwise the model
loads as usual and the infix regex is replaced. Either way the tokenizer is the same: the
saved copy's settings, with the defaults' infixes plus entext's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

GLUED_BRACKET_INFIXES = (
    r"(?<=[^\W\d_])[\[(](?=\w)",  # a bracket opened straight after a word
    r"(?<=[^\W\d_])[,.;:](?=\[)",  # punctuation before a citation mark: "Haidar,[1]"
)
ENTEXT_TOKENIZER = "entext.Tokenizer.v1"
SPACY_TOKENIZER = "spacy.Tokenizer.v1"


def _infixes(nlp: Language) -> list[Any]:
    return list(nlp.Defaults.infixes or ()) + list(GLUED_BRACKET_INFIXES)


def split_glued_brackets(nlp: Language) -> None:
    """Split brackets and citation marks glued to words into tokens of their own."""
    from spacy.util import compile_infix_regex

    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(_infixes(nlp)).finditer


def _register() -> None:
    from spacy.util import registry

    if ENTEXT_TOKENIZER in registry.tokenizers:
        return

    @registry.tokenizers(ENTEXT_TOKENIZER)  # type: ignore[untyped-decorator]
    def create_tokenizer() -> Any:
        def make(nlp: Language) -> Tokenizer:
            from spacy.tokenizer import Tokenizer
            from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

            d = nlp.Defaults
            return Tokenizer(
                nlp.vocab,
                rules=d.tokenizer_exceptions,
                prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
                suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
                infix_finditer=compile_infix_regex(_infixes(nlp)).finditer,
                token_match=d.token_match,
                url_match=d.url_match,
            )

        return make


def load_model(model: str, model_dir: Path | None, cfg: Any, exclude: list[str]) -> Language:
    """``spacy.load(model, exclude=exclude)`` with entext's tokenizer (see the module doc).

    ``model_dir`` is the folder holding the model's ``config.cfg`` (``cfg``), when found.
    """
    import spacy

    saved = model_dir / "tokenizer" if model_dir else None
    tokenizer_cfg = dict(cfg["nlp"].get("tokenizer", {})) if cfg is not None else {}
    if saved is None or not saved.is_file() or tokenizer_cfg != {"@tokenizers": SPACY_TOKENIZER}:
        nlp = spacy.load(model, exclude=exclude)
        split_glued_brackets(nlp)
        return nlp
    _register()
    nlp = spacy.load(
        model,
        exclude=[*exclude, "tokenizer"],
        config={"nlp": {"tokenizer": {"@tokenizers": ENTEXT_TOKENIZER}}},
    )
    if not _holds_the_defaults(nlp, saved):
        tokenizer: Any = nlp.tokenizer
        tokenizer.from_disk(saved, exclude=["vocab"])
        split_glued_brackets(nlp)
    return nlp


def _holds_the_defaults(nlp: Language, saved: Path) -> bool:
    """Whether the model's saved tokenizer has the settings of ``nlp``'s (the infixes apart,
    which entext replaces in any case)."""
    import srsly  # type: ignore[import-untyped]

    tokenizer: Any = nlp.tokenizer
    try:
        on_disk = srsly.msgpack_loads(saved.read_bytes())
    except Exception:
        return False
    ours = srsly.msgpack_loads(tokenizer.to_bytes(exclude=["vocab"]))
    if not isinstance(on_disk, dict):
        return False
    on_disk.pop("infix_finditer", None)
    ours.pop("infix_finditer", None)
    return bool(on_disk == ours)
