"""spaCy components that turn model entities and rule matches into one clean ``doc.ents``.

Registered with ``@Language.factory`` so that they can be added to any pipeline::

    nlp.add_pipe("entext_phrases", name="entext_gazetteer", config={"spans_key": GAZETTEER_KEY})
    nlp.add_pipe("entext_token_patterns", name="entext_patterns")
    nlp.add_pipe("entext_resolver")

(``pipeline.add_entext_components`` adds them, with the phrases and patterns of the rules.)

Precedence, decided on purpose (tests/test_precedence.py holds it):

1. A gazetteer match of a known actor (PERSON or ORG entries: militias, military forces,
   organisations) wins over anything it overlaps: the model's "Kataib Hezbollah" PERSON loses.
   The one exception is a militia pattern that goes on past the known name with an Arabic
   name chain: "Liwa al-Quds al-Thani" and "Harakat Hezbollah al-Nujaba" are other groups
   than "Liwa al-Quds" and "Hezbollah", so the pattern's name and label stand.
2. Place gazetteer entries and token patterns win over a model span they overlap, except one
   that strictly contains them: a pattern must not eat a longer model span
   ("Gaza Health Ministry" stays one ORG although "Gaza" is a place). An organisation pattern
   that stops inside a longer model name starting at the same word takes the model's extent
   and keeps its own label ("Saraya Ansar al-Mahdi": the model's extent, the militia label).
3. Model spans fill the rest, trimmed of a leading "the", a trailing possessive and, for
   people, of titles ("Brig. Gen.", "spokesman").
Weak aliases (short acronyms such as "KH") only count where the same document chunk also
names the entity in full, or where the model reads exactly that span as an organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .intervals import SpanEnds
from .labels import PERSON_TITLES, split_label
from .name_words import (
    ARTICLES,
    DESCRIBING_WORDS,
    NAME_CHAIN_PARTICLES,
    OTHER_SENSE_BEFORE_A_HYPHEN,
)
from .rules import PatternSpec

GAZETTEER_KEY = "entext_gazetteer"
PATTERNS_KEY = "entext_patterns"

# A possessive ending is not part of the name.
TRAILING_DROP = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
MILITIA_LABEL = "ORG/MILITIA"


def _other_sense_in_a_compound(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a cue noun glued to a following hyphen in its other sense:
    "quarter-final" (see ``OTHER_SENSE_BEFORE_A_HYPHEN``)."""
    return (
        doc[i].lower_ in OTHER_SENSE_BEFORE_A_HYPHEN
        and i + 1 < len(doc)
        and not doc[i].whitespace_
        and doc[i + 1].text in ("-", "‐", "–")
    )


def _is_actor_gazetteer(span: Span) -> bool:
    mapped = split_label(span.label_)
    return mapped is not None and mapped[0] in ("PERSON", "ORG")


def trim_span(span: Span, type_: str) -> Span | None:
    """Drop leading articles, trailing possessives and whitespace, and (for people) titles."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_space or doc[start].text in ARTICLES):
        start += 1
    if type_ == "PERSON":
        # Titles stand before the name and are lower-case or end in a full stop; only drop while a
        # name token remains, so "General" alone stays what the model said.
        while end - start > 1 and doc[start].lower_ in PERSON_TITLES:
            start += 1
    while end > start and (
        doc[end - 1].is_space
        or doc[end - 1].text in TRAILING_DROP
        or (doc[end - 1].is_punct and doc[end - 1].text not in {")", "."})
    ):
        end -= 1
    if type_ == "PERSON" and end > start and doc[end - 1].text == ".":
        end -= 1
    if start >= end:
        return None
    if start == span.start and end == span.end:
        return span
    return Span(doc, start, end, label=span.label_, span_id=span.id_)


@Language.factory(
    "entext_resolver",
    default_config={
        "gazetteer_key": GAZETTEER_KEY,
        "patterns_key": PATTERNS_KEY,
    },
)
def make_resolver(
    nlp: Language, name: str, gazetteer_key: str, patterns_key: str
) -> EntityResolver:
    """The ``entext_resolver`` factory: merges model and rule spans by the precedence rules."""
    return EntityResolver(gazetteer_key, patterns_key)


class EntityResolver:
    """Merge model entities with rule matches into ``doc.ents`` by the precedence above.

    ``doc._.entext_sources`` maps each entity's ``(start_char, end_char)`` to what produced it
    (``model``, ``gazetteer``, ``pattern``).
    """

    def __init__(self, gazetteer_key: str, patterns_key: str) -> None:
        self.gazetteer_key = gazetteer_key
        self.patterns_key = patterns_key
        self.weak_phrases: dict[str, str] = {}
        self.pattern_specs: dict[str, PatternSpec] = {}
        if not Doc.has_extension("entext_sources"):
            Doc.set_extension("entext_sources", default=None)

    def configure(
        self, weak_phrases: dict[str, str], pattern_specs: dict[str, PatternSpec]
    ) -> None:
        """Tell the resolver which phrases are weak aliases and how to finish pattern matches."""
        self.weak_phrases = dict(weak_phrases)
        self.pattern_specs = dict(pattern_specs)

    def __call__(self, doc: Doc) -> Doc:
        model: list[Span] = []
        for ent in doc.ents:
            mapped = split_label(ent.label_)
            if mapped is None:
                continue
            trimmed = trim_span(ent, mapped[0])
            if trimmed is not None:
                model.append(trimmed)
        gazetteer = list(doc.spans.get(self.gazetteer_key, []))
        # The longest model name the model did not call an organisation, by first token.
        names_by_start: dict[int, Span] = {}
        for m in model:
            if m.label_ != "ORG" and len(m) > len(names_by_start.get(m.start, ())):
                names_by_start[m.start] = m
        patterns = [
            _extend_to_model(p, names_by_start.get(p.start))
            for p in (self._cut_pattern(s) for s in doc.spans.get(self.patterns_key, []))
            if p
        ]
        gazetteer = self._drop_unsupported_weak(gazetteer, model)
        # Every "any other span" question below is one bisection (intervals.py), not a loop.
        militia_patterns = SpanEnds(p for p in patterns if p.label_ == MILITIA_LABEL)
        actor_rules = filter_spans(
            [
                s
                for s in gazetteer
                if _is_actor_gazetteer(s) and not _goes_on_with_a_name_chain(militia_patterns, s)
            ]
        )
        place_rules = filter_spans([s for s in gazetteer if not _is_actor_gazetteer(s)] + patterns)

        model_extents = SpanEnds(model)
        kept_places = [r for r in place_rules if not model_extents.strictly_contains(r)]
        chosen: list[Span] = list(actor_rules)
        actor_extents = SpanEnds(actor_rules)
        chosen += [p for p in kept_places if not actor_extents.overlaps(p)]
        chosen_extents = SpanEnds(chosen)
        chosen += [m for m in model if not chosen_extents.overlaps(m)]
        origin: dict[tuple[int, int], str] = {}
        for spans, src in ((model, "model"), (patterns, "pattern"), (gazetteer, "gazetteer")):
            for span in spans:
                origin[(span.start, span.end)] = src
        final = filter_spans(chosen)
        doc.ents = final
        doc._.entext_sources = {
            (s.start_char, s.end_char): origin.get((s.start, s.end), "model") for s in final
        }
        return doc

    def _cut_pattern(self, span: Span) -> Span | None:
        """Apply a pattern's spec (its key follows ``#`` in the id): cut the name, set the kind."""
        ent_id = span.id_
        real_id, _, key = ent_id.partition("#")
        spec = self.pattern_specs.get(key, PatternSpec()) if key else PatternSpec()
        label = span.label_
        if spec.kinds:
            cue = span.doc[span.end - 1].lower_
            kind = dict(spec.kinds).get(cue)
            if kind is not None:
                label = f"{label.split('/')[0]}/{kind}"
        start, end = spec.name_tokens
        doc = span.doc
        if end is not None and end < 0 and _other_sense_in_a_compound(doc, span.end - 1):
            return None  # "the Champions League quarter-final" names no city quarter
        tokens = list(range(span.start, span.end))[start:end]
        # Patterns start on any capitalised word (cheaper for the Matcher than excluding some);
        # a sentence-initial "The" or "His" is cut here, and what is left must still be a name.
        dropped = 0
        while tokens and label[:3] in ("ORG", "LOC") and doc[tokens[0]].text in DESCRIBING_WORDS:
            tokens.pop(0)
            dropped += 1
        if not tokens or (dropped and len(tokens) < 2):
            return None
        return Span(doc, tokens[0], tokens[-1] + 1, label=label, span_id=real_id)

    def _drop_unsupported_weak(self, spans: Iterable[Span], model: list[Span]) -> list[Span]:
        """Keep a weak alias where the chunk also names the entity in full, or, unless it is an
        acronym (CJTF is a Nigerian militia and a coalition task force), where the model too
        reads exactly that span as an organisation ("Wagner-linked units")."""
        spans = list(spans)
        if not self.weak_phrases:
            return spans
        strong_ids = {s.id_ for s in spans if s.text not in self.weak_phrases}
        model_orgs = {(m.start, m.end) for m in model if m.label_ == "ORG"}
        return [
            s
            for s in spans
            if s.text not in self.weak_phrases
            or s.id_ in strong_ids
            or (not s.text.isupper() and (s.start, s.end) in model_orgs)
        ]


def _extend_to_model(pattern: Span, name: Span | None) -> Span:
    """An actor pattern that stops inside a longer model name starting at the same token takes
    the model's extent: the model saw the whole name ("Saraya Ansar al-Mahdi", which it calls
    a person), the pattern knows what it is (the "Saraya ..." militia pattern matched only
    "Saraya Ansar"). ``name`` is never a model ORG: a longer model organisation is a different
    one ("Coalition's Small Group")."""
    if name is None or name.end <= pattern.end or not pattern.label_.startswith("ORG"):
        return pattern
    return Span(pattern.doc, name.start, name.end, label=pattern.label_, span_id=pattern.id_)


def _goes_on_with_a_name_chain(militia_patterns: SpanEnds, known: Span) -> bool:
    """Whether a militia pattern match contains a known name and continues it with "al-…",
    "bin …"."""
    doc = known.doc
    return (
        known.end < len(doc)
        and doc[known.end].text in NAME_CHAIN_PARTICLES
        and militia_patterns.goes_past(known)
    )


def entity_sources(doc: Doc) -> dict[tuple[int, int], str]:
    """What produced each entity of a resolved doc (empty when the resolver did not run)."""
    value: Any = doc._.get("entext_sources") if Doc.has_extension("entext_sources") else None
    return dict(value or {})
