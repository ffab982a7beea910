"""Token patterns matched in time linear in the text: the ``entext_token_patterns`` component.

spaCy's ``Matcher`` keeps one partial match alive per start token for as long as the pattern
can go on. A pattern such as ``[{"IS_TITLE": true}, {"IS_TITLE": true, "OP": "*"},
{"ORTH": "Command"}]`` starts on every capitalised word and goes on over every following
one, so a run of k capitalised words costs k²/2 steps: one name repeated 16,000 times took
46 s. This component finds the same matches with bounded work per token:

* **Anchors.** Every token of a pattern that must match exactly once and names its words
  (``ORTH``/``LOWER`` equal to or ``IN`` a list) is an anchor: a match contains one of its
  words. A pattern whose anchors do not all occur in the document is not run at all, and one
  that may match runs only on windows around the occurrences of its rarest anchor.
* **Length.** A match is at most ``max_tokens`` tokens (no name a pattern finds is longer):
  windows reach ``max_tokens`` tokens either side of an anchor, and where anchors crowd
  together (one cue word repeated) the merged stretch is cut into overlapping windows of
  twice that size, so no window is longer than a bounded number of tokens.

Within those bounds the matches are exactly the ``Matcher``'s on the whole document (every
match, overlapping ones included), added to ``doc.spans`` as ``span_ruler`` adds them:
deduplicated and sorted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

MAX_MATCH_TOKENS = 16
_LITERAL_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
_COLUMNS = {ORTH: 0, LOWER: 1}


@dataclass
class _Anchor:
    column: int  # 0: ORTH, 1: LOWER of doc.to_array([ORTH, LOWER])
    hashes: numpy.ndarray[Any, Any]
    words: frozenset[int]


@dataclass
class _Pattern:
    matcher: Matcher
    key: int
    label: str
    span_id: str
    anchors: list[_Anchor]


def pattern_anchors(pattern: Sequence[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The words each anchor token of a pattern allows: ``[("LOWER", ["camp", ...]), ...]``.

    A token is an anchor when it must match exactly one token (no ``OP``, or ``"OP": "1"``)
    and restricts ``ORTH``/``TEXT``/``LOWER`` to one string or an ``IN`` list.
    """
    out = []
    for tok in pattern:
        if tok.get("OP", "1") != "1":
            continue
        for name in ("ORTH", "TEXT", "LOWER"):
            value = tok.get(name)
            if isinstance(value, str):
                out.append((name, [value]))
                break
            if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                out.append((name, [str(v) for v in value["IN"]]))
                break
    return out


@Language.factory(
    "entext_token_patterns",
    default_config={"spans_key": "entext_patterns", "max_tokens": MAX_MATCH_TOKENS},
)
def make_token_patterns(nlp: Language, name: str, spans_key: str, max_tokens: int) -> TokenPatterns:
    """Build the component (spaCy factory)."""
    return TokenPatterns(nlp, spans_key, max_tokens)


class TokenPatterns:
    """Add matches of spaCy token patterns (``{"label", "pattern", "id"}`` lines) to
    ``doc.spans[spans_key]``, replacing what was there."""

    def __init__(self, nlp: Language, spans_key: str, max_tokens: int) -> None:
        self.vocab = nlp.vocab
        self.spans_key = spans_key
        self.max_tokens = max_tokens
        self.patterns: list[_Pattern] = []

    def add_patterns(self, lines: Iterable[dict[str, Any]]) -> None:
        """Add pattern lines (validated by spaCy's Matcher)."""
        strings = self.vocab.strings
        shared: dict[tuple[int, tuple[int, ...]], _Anchor] = {}
        for line in lines:
            label, span_id = str(line["label"]), str(line.get("id") or "")
            matcher = Matcher(self.vocab, validate=True)
            key = strings.add(f"{label}\x00{span_id}\x00{len(self.patterns)}")
            matcher.add(key, [line["pattern"]])
            anchors = []
            for attr, words in pattern_anchors(line["pattern"]):
                column = _COLUMNS[_LITERAL_ATTRS[attr]]
                hashes = tuple(sorted({strings.add(w) for w in words}))
                anchor = shared.setdefault(
                    (column, hashes),
                    _Anchor(column, numpy.array(hashes, dtype=numpy.uint64), frozenset(hashes)),
                )
                anchors.append(anchor)
            self.patterns.append(_Pattern(matcher, key, label, span_id, anchors))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = sorted(set(self.spans(doc)))
        return doc

    def spans(self, doc: Doc) -> Iterator[Span]:
        """Every match of every pattern, at most ``max_tokens`` long (with repeats)."""
        if not self.patterns or len(doc) == 0:
            return
        words = doc.to_array([ORTH, LOWER])
        present = (set(words[:, 0].tolist()), set(words[:, 1].tolist()))
        empty = numpy.zeros(0, dtype=numpy.int64)
        found: dict[int, numpy.ndarray[Any, Any]] = {}  # by id of a (shared) anchor
        for pat in self.patterns:
            positions = None
            for anchor in pat.anchors:
                where = found.get(id(anchor))
                if where is None:
                    if anchor.words.isdisjoint(present[anchor.column]):
                        where = empty
                    else:
                        column = words[:, anchor.column]
                        where = numpy.flatnonzero(numpy.isin(column, anchor.hashes))
                    found[id(anchor)] = where
                if len(where) == 0:
                    positions = where
                    break
                if positions is None or len(where) < len(positions):
                    positions = where
            windows = [(0, len(doc))] if positions is None else self._windows(positions, len(doc))
            for start, end in windows:
                window = doc[start:end] if (start, end) != (0, len(doc)) else doc
                for _, m_start, m_end in pat.matcher(window):
                    if 0 < m_end - m_start <= self.max_tokens:
                        yield Span(
                            doc,
                            m_start + start,
                            m_end + start,
                            label=pat.label,
                            span_id=pat.span_id,
                        )

    def _windows(self, positions: numpy.ndarray[Any, Any], length: int) -> list[tuple[int, int]]:
        """Stretches of the doc that hold every match of at most ``max_tokens`` tokens
        containing one of the anchor positions, none much longer than ``3 * max_tokens``."""
        reach = self.max_tokens
        out: list[tuple[int, int]] = []
        region_start = region_end = -1
        for pos in positions.tolist():
            lo, hi = max(0, pos - reach + 1), min(length, pos + reach)
            if lo <= region_end:
                region_end = hi
                continue
            if region_end >= 0:
                out.extend(self._split(region_start, region_end))
            region_start, region_end = lo, hi
        if region_end >= 0:
            out.extend(self._split(region_start, region_end))
        return out

    def _split(self, start: int, end: int) -> list[tuple[int, int]]:
        """Overlapping windows of up to ``3 * max_tokens`` tokens over ``[start, end)`` such that
        every stretch of at most ``max_tokens`` tokens lies inside one of them."""
        step = self.max_tokens
        if end - start <= 3 * step:
            return [(start, end)]
        cuts = [*range(start, end - step + 1, step), end]
        return [(cuts[k], cuts[k + 2]) for k in range(len(cuts) - 2)]
