"""The trie alternation matches as the plain longest-first alternation does, in any context."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from entext.regex_trie import phrase_alternation, plain_alternation

# Few letters, so that phrases share prefixes, differ by case and run into each other.
_CHARS = st.sampled_from(list("aAb -'\tıİKk\n"))
_PHRASES = st.lists(st.text(_CHARS, min_size=0, max_size=4), min_size=1, max_size=6)
# What stands around the alternation decides which of the phrases that match at a position
# the match keeps (backtracking goes through them), and whether case counts.
_CONTEXTS = (
    "(?:{})",
    "(?<![\\w-])(?P<p>{})(?![\\w-])",
    "(?:{})b",
    "(?:{}) a",
    "(?i:{})(?!a)",
    "(?:{})+$",
    "x?(?:{})(?:{})",
)


def _matches(pattern: str, flags: int, text: str) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in re.finditer(pattern, text, flags)]


@st.composite
def _phrases_and_text(draw: st.DrawFn) -> tuple[list[str], str]:
    """Phrases, and a text made of them (some in upper case) and of other characters."""
    phrases = draw(_PHRASES)
    pieces = st.one_of(st.sampled_from(phrases), st.sampled_from(phrases).map(str.upper), _CHARS)
    return phrases, "".join(draw(st.lists(pieces, max_size=12)))


@settings(max_examples=1000, deadline=None)
@given(
    _phrases_and_text(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, r"[\w-]", r"[\w.’'-]", r"\s"]),
)
def test_same_matches_as_the_plain_alternation(phrases_and_text, blanks, ignore_case, not_after):
    phrases, text = phrases_and_text
    flags = re.IGNORECASE if ignore_case else 0
    plain = plain_alternation(phrases, blanks=blanks)
    if not_after is not None:
        plain = f"(?<!{not_after})(?:{plain})"
    trie = phrase_alternation(phrases, blanks=blanks, not_after=not_after)
    for context in _CONTEXTS:
        expected = _matches(context.format(plain, plain), flags, text)
        assert _matches(context.format(trie, trie), flags, text) == expected, (context, trie)


def test_the_check_before_a_phrase_stands_after_its_first_character():
    trie = phrase_alternation(["Niger", "Nigeria", "Mali"], not_after=r"[\w-]")
    assert trie.startswith(("M(?<![\\w-].)", "N(?<![\\w-].)"))
    found = [m.group() for m in re.finditer(trie, "Niger, Nigeria, xMali, anti-Mali, Mali")]
    assert found == ["Niger", "Nigeria", "Mali"]


def test_shared_prefixes_are_factored():
    names = ["Niger", "Nigeria", "Nigerien", "Nepal", "New Zealand"]
    trie = phrase_alternation(names)
    assert trie.count("N") == 1
    assert re.fullmatch(f"(?:{trie})", "Nigeria")
    assert [m.group() for m in re.finditer(trie, "Nigeria, Niger and New Zealand")] == [
        "Nigeria",
        "Niger",
        "New Zealand",
    ]


def test_blanks_match_runs_of_spaces_and_tabs():
    trie = phrase_alternation(["armed forces", "army"], blanks=True)
    assert re.fullmatch(trie, "armed \t forces")
    assert not re.fullmatch(trie, "armedforces")


def test_phrases_alike_but_for_case_keep_the_plain_order():
    # Under (?i) "Al-" and "al-Qaeda" both match "al-qaeda": they stay in the plain order
    # (longest first), the other phrases in the trie.
    phrases = ["Al-", "al-Qaeda", "Niger", "Nigeria"]
    trie = phrase_alternation(phrases)
    assert trie.count("N") == 1
    assert re.match(trie, "al-qaeda", re.IGNORECASE).group() == "al-qaeda"
    assert re.match(plain_alternation(phrases), "al-qaeda", re.IGNORECASE).group() == "al-qaeda"


def test_a_tab_in_a_phrase_keeps_the_plain_order():
    # With blanks "a bb" also matches "a\tbb" and is tried before the shorter "a\tb".
    phrases = ["a\tb", "a bb"]
    trie = phrase_alternation(phrases, blanks=True)
    assert (
        re.match(trie, "a\tbb").group()
        == re.match(plain_alternation(phrases, blanks=True), "a\tbb").group()
        == "a\tbb"
    )


def test_phrases_alike_but_for_case_keep_the_plain_order_after_the_check():
    phrases = ["a", "Ab", "Mali"]
    trie = phrase_alternation(phrases, not_after=r"[\w-]")
    plain = f"(?<![\\w-])(?:{plain_alternation(phrases)})"
    assert re.match(trie, "ab", re.IGNORECASE).group() == "ab"
    assert re.match(plain, "ab", re.IGNORECASE).group() == "ab"


_WORDY = st.sampled_from(list("aAb -é_2."))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(_WORDY, min_size=1, max_size=4), min_size=1, max_size=5),
    st.text(_WORDY, max_size=30),
)
def test_word_alternation_matches_as_a_word_boundary_before_the_phrases(phrases, text):
    from entext.entities.cue_words import word_alternation

    text = text.replace("b", phrases[0])
    plain = rf"\b(?:{plain_alternation(phrases, blanks=True)})"
    for context in ("(?:{})", "(?:{})[ \t]+a"):
        expected = _matches(context.format(plain), 0, text)
        assert _matches(context.format(word_alternation(phrases)), 0, text) == expected
