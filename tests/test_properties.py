"""Property tests: invariants over arbitrary text and arbitrary bytes (Hypothesis)."""

from __future__ import annotations

import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entext.errors import InputError
from entext.inputs import decode

# Text that looks a little like news: words the rules know, punctuation, odd characters.
WORDS = st.sampled_from(
    [
        "Kataib",
        "Hezbollah",
        "the",
        "US",
        "Central",
        "Command",
        "(CENTCOM)",
        "Baghdad",
        "’s",
        "'s",
        "al-Saadi",
        "Abu",
        "Rasool",
        "last",
        "night",
        "Tuesday",
        "February",
        "7,",
        "2024",
        "Rapid",
        "Support",
        "Forces",
        "(RSF)",
        "RSF",
        "camp",
        "neighbourhood",
        "Iraqi",
        "army",
        "\n",
        "\r\n",
        "\r",
        "\t",
        ".",
        ",",
        "“",
        "”",
        "\u200b",
        "\x1b[31m",
        "[bold]",
        "ضربة",
        "😀",
    ]
)
NEWSLIKE = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60).map(" ".join)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=st.one_of(NEWSLIKE, st.text(max_size=300)))
def test_pipeline_invariants(extractor, text):
    doc = extractor.extract_text(text)
    spans = []
    for entity in doc.entities:
        assert entity.type in ("PERSON", "ORG", "LOC", "DATE")
        assert entity.mentions
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
            spans.append((m.start, m.end))
    spans.sort()
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2, "two mentions overlap"
    ids = [e.id for e in doc.entities]
    assert len(ids) == len(set(ids)), "an id is used by two entities"
    assert json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)) == doc.to_dict()


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000))
def test_reader_never_raises_anything_but_input_error(data):
    try:
        decoded = decode(data, "x")
    except InputError as exc:
        assert exc.code in ("binary", "decode")
        return
    assert isinstance(decoded.text, str)
    assert len(decoded.sha256) == 64


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_utf8_round_trips_exactly(text):
    data = text.encode("utf-8", "surrogatepass") if "\x00" not in text else None
    if data is None:
        return
    try:
        decoded = decode(data, "x")
    except InputError:
        return
    if data.startswith(b"\xef\xbb\xbf"):
        assert decoded.text == text[1:]
    else:
        assert decoded.text == text
