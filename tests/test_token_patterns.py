"""The linear token-pattern matcher finds what spaCy's Matcher finds, with bounded work."""

from __future__ import annotations

import warnings

import pytest

from entext.token_patterns import MAX_MATCH_TOKENS, TokenPatterns, pattern_anchors

TEXTS = [
    "Fighters of the Badr Organisation Brigades and the Hamza Brigade clashed near Camp Speicher "
    "on Tuesday, while US Central Command said the Joint Task Force 7 had withdrawn.",
    "The Syrian government and Iraqi security forces met in the al-Karrada neighbourhood; "
    "residents of the Old City district fled to the Zaatari refugee camp in Mafraq province.",
    "Liwa al-Quds al-Thani and Saraya Ansar al-Mahdi said the Islamic Resistance in Iraq "
    "attacked Ain al-Asad air base and the Rafah border crossing. CTF 153 and the 82nd "
    "Airborne Division were not involved, nor was the Government of the Central African "
    "Republic or the Assad regime.",
    "Mai-Mai Yakutumba fighters and the Popular Mobilization Forces Command met at Fort "
    "Bragg. The Global Coalition, Coalition forces and the Ministry of Defence declined to "
    "comment; the Russian Defence Ministry and the Saudi-led coalition did not.",
    # Long runs of capitalised words, with and without cue words among them.
    " ".join(["Baghdad"] * 60) + " Brigades " + " ".join(["Mosul Command"] * 30),
    " ".join(["Camp"] * 50) + " and " + " ".join(["Liwa al-Haq"] * 20) + " region",
]


@pytest.fixture(scope="module")
def rulers(extractor):
    """entext's component and a plain spaCy span_ruler holding the same token patterns."""
    nlp = extractor.pipeline.nlp
    import spacy

    plain = spacy.blank("en")
    plain.tokenizer = nlp.tokenizer
    ruler = plain.add_pipe("span_ruler", config={"spans_key": "x", "validate": True})
    ruler.add_patterns(extractor.pipeline.rules.token_patterns)
    return nlp, nlp.get_pipe("entext_patterns"), ruler


def _key(spans):
    return sorted((s.start, s.end, s.label_, s.id_) for s in spans)


@pytest.mark.parametrize("text", TEXTS)
def test_matches_are_the_matchers_own(rulers, text):
    nlp, component, ruler = rulers
    doc = nlp.make_doc(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = [s for s in ruler.match(doc) if len(s) <= MAX_MATCH_TOKENS]
    found = list(set(component.spans(doc)))
    assert _key(found) == _key(expected)
    if text is TEXTS[0]:
        assert {"Hamza Brigade", "Camp Speicher", "Central Command"} <= {s.text for s in found}


def test_anchors_are_the_words_a_match_must_contain():
    pattern = [
        {"IS_TITLE": True},
        {"LOWER": {"IN": ["al", "el"]}, "OP": "?"},
        {"IS_TITLE": True, "OP": "*"},
        {"ORTH": {"IN": ["Brigade", "Front"]}},
        {"LOWER": "forces", "OP": "+"},
        {"ORTH": "Command"},
    ]
    assert pattern_anchors(pattern) == [("ORTH", ["Brigade", "Front"]), ("ORTH", ["Command"])]


def test_a_name_repeated_is_never_matched_over(rulers, monkeypatch):
    """A long run of one capitalised name holds no cue word: no pattern runs at all."""
    nlp, component, _ = rulers
    calls = []
    for pat in component.patterns:
        monkeypatch.setattr(pat, "matcher", _Counting(pat.matcher, calls))
    assert list(component.spans(nlp.make_doc("Baghdad " * 20_000))) == []
    assert calls == []


@pytest.mark.parametrize("word", ["Command", "Camp"])
def test_work_grows_linearly_with_a_repeated_cue_word(rulers, monkeypatch, word):
    """Tokens handed to spaCy's Matcher: in windows of bounded size, so proportional to n."""
    nlp, component, _ = rulers
    work = {}
    for n in (1_000, 4_000):
        calls: list[int] = []
        for pat in component.patterns:
            monkeypatch.setattr(pat, "matcher", _Counting(pat.matcher, calls))
        list(component.spans(nlp.make_doc(" ".join([word] * n))))
        assert calls and max(calls) <= 3 * MAX_MATCH_TOKENS
        work[n] = sum(calls)
    assert work[4_000] <= 4.2 * work[1_000]


def test_windows_cover_every_short_stretch_at_most_three_times():
    component = TokenPatterns.__new__(TokenPatterns)
    component.max_tokens = 4
    import numpy

    for positions, length in (([3], 10), (list(range(100)), 100), ([0, 40, 41, 99], 100)):
        windows = component._windows(numpy.array(positions), length)
        for pos in positions:
            for start in range(max(0, pos - 3), pos + 1):
                stretch = (start, min(length, start + 4))
                assert any(a <= stretch[0] and stretch[1] <= b for a, b in windows)
        assert all(b - a <= 12 for a, b in windows)
        covered = [sum(a <= t < b for a, b in windows) for t in range(length)]
        assert max(covered) <= 3


class _Counting:
    """A Matcher stand-in that records the length of everything it is given."""

    def __init__(self, matcher, calls):
        self.matcher, self.calls = matcher, calls

    def __call__(self, doclike):
        self.calls.append(len(doclike))
        return self.matcher(doclike)
