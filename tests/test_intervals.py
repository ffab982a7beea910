"""SpanEnds answers overlap and containment exactly as the pairwise definitions do."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from entext.intervals import SpanEnds


@dataclass(frozen=True)
class Extent:
    start: int
    end: int


extents = st.builds(lambda a, n: Extent(a, a + n), st.integers(0, 40), st.integers(0, 8))


@given(st.lists(extents, max_size=30), extents)
def test_queries_match_the_pairwise_definitions(others, span):
    index = SpanEnds(others)
    assert index.overlaps(span) == any(o.start < span.end and span.start < o.end for o in others)
    assert index.strictly_contains(span) == any(
        o.start <= span.start and span.end <= o.end and o.end - o.start > span.end - span.start
        for o in others
    )
    assert index.goes_past(span) == any(o.start <= span.start and span.end < o.end for o in others)


def test_no_spans_answer_no():
    index = SpanEnds([])
    assert not index.overlaps(Extent(0, 3))
    assert not index.strictly_contains(Extent(0, 3))
    assert index.max_end(10) is None
