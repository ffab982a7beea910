"""Overlap and containment queries over many spans in O(log n) each.

The resolver asks, for every model entity and every rule match, whether it overlaps or sits
inside any of the others: asked pair by pair that is quadratic, and a long document with
thousands of mentions spent most of its time there. ``SpanEnds`` sorts the spans by start
once and keeps the running maximum of their ends, which answers each question exactly with
one bisection.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable
from typing import Protocol


class HasExtent(Protocol):
    """Anything with token (or character) ``start`` and ``end``, such as a spaCy ``Span``."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class SpanEnds:
    """Spans sorted by start, with the largest end among the first k of them."""

    def __init__(self, spans: Iterable[HasExtent]) -> None:
        pairs = sorted((s.start, s.end) for s in spans)
        self._starts = [start for start, _ in pairs]
        self._max_ends = list(itertools.accumulate((end for _, end in pairs), max))

    def max_end(self, start_below: int) -> int | None:
        """The largest end of the spans that start before ``start_below`` (None: no span)."""
        k = bisect_left(self._starts, start_below)
        return self._max_ends[k - 1] if k else None

    def overlaps(self, span: HasExtent) -> bool:
        """Whether any span shares a token with ``span``."""
        end = self.max_end(span.end)
        return end is not None and end > span.start

    def strictly_contains(self, span: HasExtent) -> bool:
        """Whether any span contains ``span`` and is longer than it."""
        starting_at_or_before = self.max_end(span.start + 1)
        starting_before = self.max_end(span.start)
        return (starting_at_or_before is not None and starting_at_or_before > span.end) or (
            starting_before is not None and starting_before >= span.end
        )

    def goes_past(self, span: HasExtent) -> bool:
        """Whether any span starts at or before ``span`` and ends after it."""
        end = self.max_end(span.start + 1)
        return end is not None and end > span.end
