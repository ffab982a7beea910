"""The passes' scans that replaced per-document patterns find what those patterns found."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from entext.entities.context import whole_word_spans
from entext.entities.names import surname_occurrences

# Surnames of the shape propagate_surnames keeps: a capital and two letters or more, after
# "al-" or "el-" (either hyphen).
_LETTERS = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(list("RÓAE")),
    st.text(st.sampled_from(list("RasoólAE")), min_size=2, max_size=5),
)
_SURNAMES = st.lists(
    st.builds(
        lambda p, s: p + s, st.sampled_from(["", "al-", "Al-", "el‐", "El-"]), _LETTERS
    ).filter(lambda s: s.lstrip("alAEe-‐")[:1].isupper() or s[:1].isupper()),
    min_size=1,
    max_size=5,
)
_FILLER = st.sampled_from([" ", "-", "‐", "al", "el", "Al", "x", "2", "²", "_", ".", "’"])


@st.composite
def _surnames_and_text(draw: st.DrawFn) -> tuple[list[str], str]:
    surnames = draw(_SURNAMES)
    pieces = st.one_of(st.sampled_from(surnames), _FILLER, _LETTERS)
    return surnames, "".join(draw(st.lists(pieces, max_size=14)))


def _by_alternation(text: str, surnames: list[str]) -> list[tuple[int, int]]:
    """What propagate_surnames matched before: one pattern of the document's surnames."""
    alternatives = "|".join(re.escape(s) for s in sorted(set(surnames), key=len, reverse=True))
    return [m.span() for m in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text)]


@settings(max_examples=500, deadline=None)
@given(_surnames_and_text(), st.sampled_from([0, 100]))
def test_surnames_found_where_the_alternation_found_them(surnames_and_text, find_at_most):
    # Both ways: each surname looked for, and each word looked up.
    surnames, text = surnames_and_text
    found = surname_occurrences(text, surnames, find_at_most=find_at_most)
    assert list(found) == _by_alternation(text, surnames)


def test_surnames_as_whole_words_only():
    text = "Rasool said al‐Rasool and Rasools met al-Rasool, Rasool-Smith"
    assert [text[s:e] for s, e in surname_occurrences(text, ["Rasool"])] == [
        "Rasool",
        "Rasool",  # after the Unicode hyphen of "al‐", which is no word character
    ]


def test_a_surname_inside_a_longer_one_is_not_found_again():
    text = "al‐Rasool and Rasool"
    for find_at_most in (0, 100):
        found = list(surname_occurrences(text, ["al‐Rasool", "Rasool"], find_at_most=find_at_most))
        assert [text[s:e] for s, e in found] == ["al‐Rasool", "Rasool"]
        assert found == _by_alternation(text, ["al‐Rasool", "Rasool"])


_WORD_CHARS = st.sampled_from(list("Ab-’'_2² .‐"))


@settings(max_examples=500, deadline=None)
@given(
    st.text(_WORD_CHARS, min_size=1, max_size=3),
    st.text(_WORD_CHARS, max_size=30),
    st.sampled_from(["", "'’"]),
)
def test_whole_words_found_where_the_pattern_found_them(word, text, not_before):
    text = text.replace("Ab", word)  # the word, often
    pattern = rf"(?<![\w\-{re.escape(not_before)}]){re.escape(word)}(?![\w-])"
    expected = [m.span() for m in re.finditer(pattern, text)]
    assert list(whole_word_spans(text, word, not_before)) == expected


def test_whole_words_do_not_overlap():
    assert list(whole_word_spans(". . .", ". .")) == [(0, 3)]
    assert list(whole_word_spans("KH, KH-1 and (KH)", "KH")) == [(0, 2), (14, 16)]


def test_full_names_index_finds_what_the_scan_finds():
    import random

    from entext.entities.names import FullNames, is_part_of

    rng = random.Random(7)
    words = ["abu", "umm", "bakr", "ali", "hassan", "saadi", "john", "smith", "x"]
    names = FullNames()
    plain: list[tuple[str, ...]] = []
    for _ in range(400):
        full = tuple(rng.choice(words) for _ in range(rng.choice([1, 2, 3, 4, 14, 15])))
        if full not in names:
            names.add(full)
            plain.append(full)
    for _ in range(2000):
        short = tuple(rng.choice(words) for _ in range(rng.choice([0, 1, 2, 3, 13, 14])))
        assert names.wholes(short) == [f for f in plain if is_part_of(short, f)], short
        assert (short in names) == (short in plain)
