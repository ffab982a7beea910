"""Scoring entext against annotated text (``entext eval GOLD.jsonl``).

Gold files have one document per line: ``{"id", "text", "entities": [{"start", "end", "text",
"label", "coarse"?, "mention_kind"?, "value"?}], "dct"?}`` (the format of the re3d, GeoWebNews
and TempEval-3 sets). Matching is one-to-one and typed: *exact* needs identical offsets,
*overlap* at least one shared character (exact pairs first, then largest overlaps). Date values
are scored over matched DATE pairs; a match without a value counts as wrong. Durations and
frequencies (kinds DURATION, SET) are predicted as DURATION/SET, apart from DATE, unless the gold
set files every time expression under one generic label (re3d's ``Temporal``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import OptionError
from .extract import Extractor
from .schema import ENTITY_TYPES, Document
from .settings import Settings

GOLD_LABELS = {
    "PERSON": "PERSON", "PER": "PERSON",
    "ORG": "ORG", "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "MILITIA": "ORG", "MILITARY": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "FAC": "LOC", "TOPONYM": "LOC",
    "DATE": "DATE", "TIME": "DATE", "TEMPORAL": "DATE", "TIMEX3": "DATE",
}  # fmt: skip
DROPPED_KINDS = frozenset({"pronoun", "nominal"})


@dataclass(frozen=True)
class Span:
    """A gold or predicted span, reduced to what scoring compares."""

    start: int
    end: int
    type: str
    value: str | None = None


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }  # fmt: skip


@dataclass
class Report:
    """Scores per type and regime (``exact``/``overlap``), plus date value accuracy."""

    documents: int = 0
    by_type: dict[str, dict[str, Counts]] = field(default_factory=dict)
    value_matched: int = 0
    value_correct: int = 0

    def counts(self, type_: str, regime: str) -> Counts:
        return self.by_type.setdefault(type_, {}).setdefault(regime, Counts())

    def micro(self, regime: str) -> Counts:
        total = Counts()
        for regimes in self.by_type.values():
            if regime in regimes:
                total.add(regimes[regime])
        return total

    @property
    def value_accuracy(self) -> float | None:
        return self.value_correct / self.value_matched if self.value_matched else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "micro": {r: self.micro(r).to_dict() for r in ("exact", "overlap")},
            "types": {
                t: {r: c.to_dict() for r, c in regimes.items()}
                for t, regimes in sorted(self.by_type.items())
            },
            "date_values": {
                "matched": self.value_matched,
                "correct": self.value_correct,
                "accuracy": None if self.value_accuracy is None else round(self.value_accuracy, 4),
            },
        }


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Documents of a gold JSONL file, every line checked before anything is scored.

    Raises:
        OptionError: ``FILE:LINE: what is wrong`` for the first line that is not a gold document.
    """
    try:
        with open(path, "rb") as fh:
            raw_lines = fh.read().split(b"\n")
    except OSError as exc:
        raise OptionError(f"cannot read {path}: {exc.strerror or exc}") from None
    docs = []
    for n, raw in enumerate(raw_lines, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise OptionError(f"{path}:{n}: not UTF-8 (byte {exc.start})") from None
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise OptionError(f"{path}:{n}: invalid JSON: {exc.msg}") from None
        problem = gold_problem(doc)
        if problem:
            raise OptionError(f"{path}:{n}: {problem}")
        docs.append(doc)
    return docs


# A gold document's own date, under the names the annotated sets use for it: TempEval's document
# creation time (``dct``) and a publication date (``pub_date``, as in real_news), first wins.
DOCUMENT_DATE_KEYS = ("dct", "pub_date")


def document_date(doc: dict[str, Any]) -> dt.date | None:
    """The date a gold document was written (``dct`` or ``pub_date``), if it states one."""
    for key in DOCUMENT_DATE_KEYS:
        if doc.get(key):
            return dt.date.fromisoformat(str(doc[key])[:10])
    return None


def gold_problem(doc: Any) -> str | None:
    """Why a decoded JSON value is not a gold document (``None`` when it is one)."""
    if not isinstance(doc, dict) or "text" not in doc or "entities" not in doc:
        return "a gold document is an object with 'text' and 'entities'"
    text = doc["text"]
    if not isinstance(text, str):
        return f"'text' must be a string, not {_json_kind(text)}"
    for key in DOCUMENT_DATE_KEYS:
        value = doc.get(key)
        if value is None:
            continue
        try:
            dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return f"{key!r} {value!r} is not a date (YYYY-MM-DD...)"
    if not isinstance(doc["entities"], list):
        return f"'entities' must be a list, not {_json_kind(doc['entities'])}"
    for i, ent in enumerate(doc["entities"], 1):
        if not isinstance(ent, dict):
            return f"entity {i} is {_json_kind(ent)}, not an object"
        for key in ("start", "end"):
            value = ent.get(key)
            if key not in ent:
                return f"entity {i} has no '{key}'"
            if not isinstance(value, int) or isinstance(value, bool):
                return f"entity {i}: '{key}' must be a whole number, not {value!r}"
        if not 0 <= ent["start"] < ent["end"] <= len(text):
            return (
                f"entity {i}: offsets {ent['start']}:{ent['end']} are not a span of the "
                f"{len(text)}-character text"
            )
        if "coarse" not in ent and not isinstance(ent.get("label"), str):
            return f"entity {i} needs a 'label' string (or 'coarse')"
    return None


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    names = {str: "a string", list: "a list", dict: "an object", bool: "a boolean"}
    return names.get(type(value), "a number")


def gold_type(ent: dict[str, Any]) -> str | None:
    """The scored type of a gold entity (``None``: not scored)."""
    if "coarse" in ent:
        coarse = ent["coarse"]
        return str(coarse) if coarse else None
    return GOLD_LABELS.get(str(ent.get("label", "")).upper())


# Gold labels that stand for every time expression, durations and frequencies included (re3d's
# "Temporal"); TimeML's DATE/TIME/DURATION/SET and entext's own DATE keep durations apart.
GENERIC_TIME_LABELS = frozenset({"TEMPORAL", "TIMEX", "TIMEX3"})
DATE_KINDS_APART = ("DURATION", "SET")


def prediction_label(entity_type: str, kind: str | None, durations_as_date: bool = False) -> str:
    """The label written for the scorer: MILITIA/MILITARY kinds; DURATION/SET for durations
    and frequencies (TimeML's labels, which scorers keep apart from DATE) unless the gold set
    counts them as dates; else the type."""
    if kind in DATE_KINDS_APART:
        return entity_type if durations_as_date else kind
    return kind if kind in ("MILITIA", "MILITARY") else entity_type


def durations_are_dates(gold_docs: Sequence[dict[str, Any]]) -> bool:
    """Whether a gold set files durations under its date label: it labels time expressions
    with a generic label (``Temporal``) and never with DURATION or SET."""
    labels = {str(e.get("label", "")).upper() for d in gold_docs for e in d["entities"]}
    return bool(labels & GENERIC_TIME_LABELS) and not labels & set(DATE_KINDS_APART)


def predictions(doc: Document, durations_as_date: bool = False) -> list[dict[str, Any]]:
    """Mentions of a document in the scorer's prediction format."""
    out = []
    for e in doc.entities:
        for m in e.mentions:
            item: dict[str, Any] = {
                "start": m.start, "end": m.end, "text": m.text,
                "label": prediction_label(e.type, e.kind, durations_as_date),
            }  # fmt: skip
            if e.type == "DATE":
                item["value"] = m.value
            if "lat" in e.attrs and "lon" in e.attrs:
                item["lat"], item["lon"] = e.attrs["lat"], e.attrs["lon"]
            out.append(item)
    return out


def match(gold: Sequence[Span], pred: Sequence[Span], overlap: bool) -> list[tuple[int, int]]:
    """One-to-one typed matching: exact pairs first, then (if ``overlap``) largest overlaps."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    exact: dict[tuple[int, int, str], list[int]] = {}
    for gi, g in enumerate(gold):
        exact.setdefault((g.start, g.end, g.type), []).append(gi)
    for pi, p in enumerate(pred):
        for gi in exact.get((p.start, p.end, p.type), []):
            if gi not in used_g:
                used_g.add(gi)
                used_p.add(pi)
                pairs.append((gi, pi))
                break
    if not overlap:
        return pairs
    candidates = []
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        for pi, p in enumerate(pred):
            if pi in used_p or p.type != g.type:
                continue
            shared = min(g.end, p.end) - max(g.start, p.start)
            if shared > 0:
                candidates.append((-shared, gi, pi))
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def score_document(
    report: Report,
    gold_doc: dict[str, Any],
    pred: Sequence[Span],
    types: frozenset[str],
    named_only: bool,
    skip_unmapped: bool,
) -> None:
    """Add one document's counts to the report."""
    gold: list[Span] = []
    ignored: list[tuple[int, int, str | None]] = []
    for ent in gold_doc["entities"]:
        t = gold_type(ent)
        start, end = int(ent["start"]), int(ent["end"])
        if t is None:
            if skip_unmapped:
                ignored.append((start, end, None))
            continue
        if t not in types:
            continue
        if named_only and ent.get("mention_kind") in DROPPED_KINDS:
            ignored.append((start, end, t))
            continue
        gold.append(Span(start, end, t, ent.get("value")))
    kept_pred = []
    for p in pred:
        if p.type not in types:
            continue
        touches_gold = any(g.start < p.end and p.start < g.end and g.type == p.type for g in gold)
        touches_ignored = any(
            s < p.end and p.start < e and (t is None or t == p.type) for s, e, t in ignored
        )
        if touches_ignored and not touches_gold:
            continue
        kept_pred.append(p)
    for regime, overlap in (("exact", False), ("overlap", True)):
        pairs = match(gold, kept_pred, overlap)
        for t in types:
            c = report.counts(t, regime)
            tp = sum(1 for gi, _ in pairs if gold[gi].type == t)
            c.tp += tp
            c.fn += sum(1 for g in gold if g.type == t) - tp
            c.fp += sum(1 for p in kept_pred if p.type == t) - tp
        if overlap:
            for gi, pi in pairs:
                if gold[gi].type == "DATE" and gold[gi].value is not None:
                    report.value_matched += 1
                    report.value_correct += int(kept_pred[pi].value == gold[gi].value)


def evaluate(
    gold_docs: Iterable[dict[str, Any]],
    extractor: Extractor,
    *,
    types: frozenset[str] = frozenset(ENTITY_TYPES),
    named_only: bool = False,
    skip_unmapped: bool = False,
    use_dct: bool = True,
    predictions_out: list[dict[str, Any]] | None = None,
) -> Report:
    """Run entext over gold documents and score it.

    Args:
        use_dct: resolve relative dates against each document's own date (``dct``, TempEval's
            document creation time, or ``pub_date``, real_news' publication date) when it has one.
        predictions_out: if given, receives one scorer-format prediction line per document.
    """
    report = Report()
    gold_docs = list(gold_docs)
    as_dates = durations_are_dates(gold_docs)
    for gold_doc in gold_docs:
        ref = document_date(gold_doc) if use_dct else None
        doc = extractor.extract_text(
            gold_doc["text"], str(gold_doc.get("id", report.documents)), ref_date=ref
        )
        preds = predictions(doc, as_dates)
        if predictions_out is not None:
            predictions_out.append({"id": gold_doc.get("id"), "entities": preds})
        spans = [
            Span(
                p["start"],
                p["end"],
                "ORG" if p["label"] in ("MILITIA", "MILITARY") else p["label"],
                p.get("value"),
            )
            for p in preds
        ]
        score_document(report, gold_doc, spans, types, named_only, skip_unmapped)
        report.documents += 1
    return report


def evaluate_file(
    gold: str | Path,
    settings: Settings,
    *,
    types: frozenset[str] = frozenset(ENTITY_TYPES),
    named_only: bool = False,
    skip_unmapped: bool = False,
    use_dct: bool = True,
    predictions: str | Path | None = None,
) -> Report:
    """Score entext on a gold JSONL file; optionally write its predictions (scorer format).

    Raises:
        OptionError: the gold file cannot be read or a line is not a gold document.
    """
    preds: list[dict[str, Any]] | None = [] if predictions is not None else None
    report = evaluate(
        read_gold(gold),
        Extractor(settings),
        types=types,
        named_only=named_only,
        skip_unmapped=skip_unmapped,
        use_dct=use_dct,
        predictions_out=preds,
    )
    if predictions is not None and preds is not None:
        with open(predictions, "w", encoding="utf-8") as fh:
            for line in preds:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return report
