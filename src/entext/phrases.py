"""Gazetteer phrases matched on token text: the ``entext_phrases`` component.

It finds exactly what spaCy's ``span_ruler`` finds with phrase patterns (every occurrence of
every phrase, overlapping ones included, as deduplicated and sorted spans with the pattern's
label and id), but loads in milliseconds: ``span_ruler`` tokenizes each of the ten thousand
gazetteer phrases at every start-up and builds its matcher from the Docs (0.2 s, a seventh of
an article's whole run). Here the phrases are tokenized once, by the pipeline's own tokenizer,
into a trie of token hashes (``ORTH`` or ``LOWER``, the values spaCy's matchers compare) that
is kept in the cache folder (``cache.py``) under a digest of the phrases, the tokenizer's
settings and the spaCy version.

Matching walks the trie from each token: linear in the document's length times the longest
phrase, with one dictionary lookup per token that starts no phrase.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

_ATTRS = {"ORTH": ORTH, "LOWER": LOWER}

# A trie node: (indices into the labels of phrases ending here, child nodes by token hash).
_Node = tuple[list[int], dict[int, Any]]


@Language.factory(
    "entext_phrases",
    default_config={"spans_key": "entext_gazetteer", "attr": "ORTH", "overwrite": True},
)
def make_phrases(
    nlp: Language, name: str, spans_key: str, attr: str, overwrite: bool
) -> PhraseRuler:
    """Build the component (spaCy factory)."""
    return PhraseRuler(nlp, name, spans_key, attr, overwrite)


class PhraseRuler:
    """Add every occurrence of the phrases to ``doc.spans[spans_key]``, replacing what was
    there (``overwrite``) or after it."""

    def __init__(self, nlp: Language, name: str, spans_key: str, attr: str, overwrite: bool):
        if attr not in _ATTRS:
            raise ValueError(f"attr must be one of {sorted(_ATTRS)}, not {attr!r}")
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.attr = attr
        self.overwrite = overwrite
        self.labels: list[tuple[str, str]] = []  # (label, id) of each phrase class
        self.root: dict[int, _Node] = {}

    def add_patterns(self, lines: Iterable[dict[str, Any]]) -> None:
        """Set the phrases: ``{"label": ..., "pattern": "phrase text", "id": ...}`` lines."""
        from . import cache

        phrases = [(str(x["label"]), str(x["pattern"]), str(x.get("id") or "")) for x in lines]
        tokenizer: Any = self.nlp.tokenizer
        parts = [
            self.attr,
            _spacy_version(),
            type(self.nlp).__name__,
            tokenizer.to_bytes(exclude=["vocab"]),
            json.dumps(phrases, ensure_ascii=False),
            *cache.module_stamps(_this_module()),
        ]
        self.labels, self.root = cache.load_or_build(
            f"phrases-{self.attr.lower()}", parts, lambda: self._compile(phrases)
        )

    def _compile(
        self, lines: list[tuple[str, str, str]]
    ) -> tuple[list[tuple[str, str]], dict[int, _Node]]:
        column = _ATTRS[self.attr]
        labels: dict[tuple[str, str], int] = {}
        root: dict[int, _Node] = {}
        texts = [text for _, text, _ in lines]
        tokenizer: Any = self.nlp.tokenizer
        for (label, _, span_id), doc in zip(lines, tokenizer.pipe(texts), strict=True):
            keys = doc.to_array(column).tolist() if len(doc) else []
            if not keys:
                continue
            which = labels.setdefault((label, span_id), len(labels))
            level = root
            node: _Node | None = None
            for key in keys:
                node = level.get(key)
                if node is None:
                    node = level[key] = ([], {})
                level = node[1]
            assert node is not None
            if which not in node[0]:
                node[0].append(which)
        return list(labels), root

    def matches(self, doc: Doc) -> list[Span]:
        """Every occurrence of every phrase, deduplicated and sorted, as ``span_ruler`` has
        them."""
        if not self.root or len(doc) == 0:
            return []
        keys = doc.to_array(_ATTRS[self.attr]).tolist()
        root, n = self.root, len(keys)
        found: set[tuple[int, int, int]] = set()
        for start, key in enumerate(keys):
            node = root.get(key)
            end = start
            while node is not None:
                end += 1
                for which in node[0]:
                    found.add((start, end, which))
                if end == n:
                    break
                node = node[1].get(keys[end])
        labels = self.labels
        spans = {
            Span(doc, start, end, label=labels[which][0], span_id=labels[which][1])
            for start, end, which in found
        }
        return sorted(spans)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        if self.spans_key in doc.spans and not self.overwrite:
            spans = list(doc.spans[self.spans_key])
        spans.extend(self.matches(doc))
        doc.spans[self.spans_key] = spans
        return doc


def _spacy_version() -> str:
    import spacy.about

    return str(spacy.about.__version__)


def _this_module() -> Any:
    import sys

    return sys.modules[__name__]
