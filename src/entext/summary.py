"""Corpus summaries: the top entities of each type and which entities appear together.

Works from result records (the JSON objects ``entext extract`` writes), so it can summarise a
run as it streams or a JSONL file afterwards, holding only counters, never the documents.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import OptionError

PAIR_TYPES = frozenset({"PERSON", "ORG", "LOC"})
MAX_ENTITIES_PER_DOC_FOR_PAIRS = 60


@dataclass
class CorpusSummary:
    """Document frequencies of entities and of entity pairs."""

    documents: int = 0
    failures: int = 0
    doc_freq: Counter[str] = field(default_factory=Counter)
    mentions: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    info: dict[str, tuple[str, str | None, str]] = field(
        default_factory=dict
    )  # id -> type, kind, name

    def add(self, record: dict[str, Any]) -> None:
        """Count one result record (a failure record only counts as a failure)."""
        if "error" in record:
            self.failures += 1
            return
        self.documents += 1
        ids = []
        for e in record.get("entities", []):
            ent_id = str(e["id"])
            self.doc_freq[ent_id] += 1
            self.mentions[ent_id] += int(e.get("count", 1))
            self.info.setdefault(ent_id, (e["type"], e.get("kind"), e["name"]))
            if e["type"] in PAIR_TYPES:
                ids.append(ent_id)
        ids = sorted(set(ids), key=lambda i: -self.mentions[i])[:MAX_ENTITIES_PER_DOC_FOR_PAIRS]
        for a, b in itertools.combinations(sorted(ids), 2):
            self.pairs[(a, b)] += 1

    def top(self, type_: str, n: int = 15) -> list[dict[str, Any]]:
        rows = [i for i in self.doc_freq if self.info[i][0] == type_ and _on_calendar(self.info[i])]
        rows.sort(key=lambda i: (-self.doc_freq[i], -self.mentions[i], self.info[i][2]))
        return [self._row(i) for i in rows[:n]]

    def top_pairs(self, n: int = 20) -> list[dict[str, Any]]:
        best = sorted(self.pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [{"a": self._row(a), "b": self._row(b), "documents": c} for (a, b), c in best]

    def _row(self, ent_id: str) -> dict[str, Any]:
        type_, kind, name = self.info[ent_id]
        return {
            "id": ent_id, "type": type_, "kind": kind, "name": name,
            "documents": self.doc_freq[ent_id], "mentions": self.mentions[ent_id],
        }  # fmt: skip

    def to_dict(self, n: int = 15) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failures": self.failures,
            "top": {t: self.top(t, n) for t in ("PERSON", "ORG", "LOC", "DATE")},
            "pairs": self.top_pairs(n),
        }


def _on_calendar(info: tuple[str, str | None, str]) -> bool:
    """Whether an entity is a calendar date, if it is a DATE: durations, frequencies and vague
    references ("now": PRESENT_REF) are not listed among a corpus's top dates."""
    type_, kind, name = info
    return type_ != "DATE" or (kind not in ("DURATION", "SET") and not name.endswith("_REF"))


def read_summary(files: Iterable[str]) -> CorpusSummary:
    """Summarise JSONL result files (``-`` for stdin) written by ``entext extract``.

    Raises:
        OptionError: naming the file (and line) that cannot be read or is not a result record.
    """
    import sys

    from .results import iter_result_lines

    corpus = CorpusSummary()
    hint = "summarize reads the JSON Lines that entext extract -f jsonl writes"
    for name in files:
        try:
            fh = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
            with fh:
                for _, _, record in iter_result_lines(fh, name, hint=hint):
                    corpus.add(record)
        except OSError as exc:
            raise OptionError(f"cannot read {name}: {exc.strerror or exc}") from None
    return corpus
