"""The cached phrase component finds what spaCy's span_ruler finds; the cache it loads from."""

from __future__ import annotations

import marshal

import pytest

from entext import cache
from entext.phrases import PhraseRuler

TEXTS = [
    "Kataib Hezbollah and Kata'ib Hezbollah fighters, the Houthis and US Central Command "
    "(CENTCOM) traded claims; the Islamic Revolutionary Guard Corps and the IRGC said nothing.",
    # Overlapping and nested names, a name at the very end, repeats.
    "Harakat Hezbollah al-Nujaba, Hezbollah, Hezbollah and Liwa al-Quds Liwa al-Quds",
    "Rapid Support Forces RSF Rapid Support Forces; JNIM; Jama'at Nusrat al-Islam wal-Muslimin",
    "the Sudanese Armed Forces and the Rapid Support Forces fought in El Fasher and Omdurman",
    "Hezbollah",
    "",
    "   \n\n  ",
]
LOWER_TEXTS = [
    "The Popular Mobilization Forces and the popular mobilization forces; Coalition Forces",
    "ISLAMIC STATE and islamic state and Islamic State",
]


def _key(spans):
    return sorted((s.start, s.end, s.label_, s.id_) for s in spans)


def _span_ruler(nlp, patterns, attr):
    import spacy

    plain = spacy.blank("en")
    plain.tokenizer = nlp.tokenizer
    ruler = plain.add_pipe("span_ruler", config={"spans_key": "x", "phrase_matcher_attr": attr})
    ruler.add_patterns(patterns)
    return ruler


@pytest.fixture(scope="module")
def gazetteer(extractor):
    nlp = extractor.pipeline.nlp
    patterns = extractor.pipeline.rules.span_ruler_phrases()
    return nlp, nlp.get_pipe("entext_gazetteer"), _span_ruler(nlp, patterns, "ORTH")


@pytest.mark.parametrize("text", TEXTS)
def test_gazetteer_matches_are_the_span_rulers(gazetteer, text):
    nlp, component, ruler = gazetteer
    doc = nlp.make_doc(text)
    assert _key(component.matches(doc)) == _key(ruler.match(doc))
    assert [s.text for s in component.matches(doc)] == [s.text for s in ruler.match(doc)]


def test_gazetteer_finds_known_names(gazetteer):
    nlp, component, _ = gazetteer
    found = {s.text: s.label_ for s in component.matches(nlp.make_doc(TEXTS[0]))}
    assert found["Kataib Hezbollah"] == "ORG/MILITIA"
    assert found["Kata'ib Hezbollah"] == "ORG/MILITIA"
    assert found["US Central Command"].startswith("ORG/MILITARY")


@pytest.mark.parametrize("text", LOWER_TEXTS + TEXTS[:3])
def test_lower_phrases_are_the_span_rulers(extractor, text):
    nlp = extractor.pipeline.nlp
    patterns = extractor.pipeline.rules.lower_phrase_patterns
    component = nlp.get_pipe("entext_pattern_phrases")
    ruler = _span_ruler(nlp, patterns, "LOWER")
    doc = nlp.make_doc(text)
    assert _key(component.matches(doc)) == _key(ruler.match(doc))


def test_overlapping_prefixes_and_shared_ids(extractor, tmp_path, monkeypatch):
    monkeypatch.setenv("ENTEXT_CACHE_DIR", str(tmp_path))
    nlp = extractor.pipeline.nlp
    patterns = [
        {"label": "ORG", "pattern": "Liwa al-Quds", "id": "a/liwa"},
        {"label": "ORG", "pattern": "Liwa al-Quds al-Thani", "id": "a/thani"},
        {"label": "ORG", "pattern": "Liwa", "id": "a/short"},
        {"label": "LOC", "pattern": "Liwa", "id": "a/short"},  # same id, other label
        {"label": "ORG", "pattern": "Liwa al-Quds", "id": "a/liwa"},  # a repeat
    ]
    component = PhraseRuler(nlp, "t", "t", "ORTH", True)
    component.add_patterns(patterns)
    doc = nlp.make_doc("Liwa al-Quds al-Thani and Liwa al-Quds, Liwa")
    assert _key(component.matches(doc)) == _key(_span_ruler(nlp, patterns, "ORTH").match(doc))
    assert len(component.labels) == 4


def test_phrases_are_read_back_from_the_cache(extractor, tmp_path, monkeypatch):
    monkeypatch.setenv("ENTEXT_CACHE_DIR", str(tmp_path))
    nlp = extractor.pipeline.nlp
    patterns = [{"label": "ORG", "pattern": "Wagner Group", "id": "a/wagner"}]
    first = PhraseRuler(nlp, "t", "t", "ORTH", True)
    first.add_patterns(patterns)
    (written,) = tmp_path.glob("phrases-orth-*.marshal")
    second = PhraseRuler(nlp, "t", "t", "ORTH", True)
    monkeypatch.setattr(second, "_compile", lambda lines: pytest.fail("built again"))
    second.add_patterns(patterns)
    assert second.root == first.root and second.labels == first.labels
    # Other phrases are another file: the old one is never read for them.
    third = PhraseRuler(nlp, "t", "t", "ORTH", True)
    third.add_patterns([*patterns, {"label": "ORG", "pattern": "Africa Corps", "id": "a/ac"}])
    assert len(list(tmp_path.glob("phrases-orth-*.marshal"))) == 2
    doc = nlp.make_doc("the Africa Corps, once the Wagner Group")
    assert [s.text for s in third.matches(doc)] == ["Africa Corps", "Wagner Group"]
    assert [s.text for s in second.matches(doc)] == ["Wagner Group"]
    assert written.exists()


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTEXT_CACHE_DIR", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"a": [1, 2]}

    assert cache.load_or_build("t", ["x"], build) == {"a": [1, 2]}
    (path,) = tmp_path.glob("t-*.marshal")
    path.write_bytes(marshal.dumps({"a": [1, 2]})[:-3])  # truncated
    assert cache.load_or_build("t", ["x"], build) == {"a": [1, 2]}
    assert len(built) == 2
    assert cache.load_or_build("t", ["x"], build) == {"a": [1, 2]}
    assert len(built) == 2
    assert cache.load_or_build("t", ["y"], build) == {"a": [1, 2]}  # other inputs
    assert len(built) == 3


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ENTEXT_CACHE_DIR", str(blocker / "cache"))
    assert cache.load_or_build("t", ["x"], lambda: [1]) == [1]
    assert cache.load_or_build("t", ["x"], lambda: [2]) == [2]  # nothing kept, no error
    assert blocker.read_text() == "not a folder"


def test_a_changed_file_changes_its_stamp(tmp_path):
    f = tmp_path / "data.tsv"
    f.write_text("a")
    before = cache.file_stamp(f)
    f.write_text("ab")
    assert cache.file_stamp(f) != before
    assert cache.file_stamp(tmp_path / "missing").endswith(":missing")


def test_old_builds_of_a_table_are_removed_after_a_day(tmp_path, monkeypatch):
    import os
    import time

    monkeypatch.setenv("ENTEXT_CACHE_DIR", str(tmp_path))
    cache.load_or_build("t", ["v1"], lambda: 1)
    cache.load_or_build("t", ["v2"], lambda: 2)
    assert len(list(tmp_path.glob("t-*.marshal"))) == 2  # both recent: both kept
    day_old = time.time() - cache.STALE_AFTER_SECONDS - 60
    for f in tmp_path.glob("t-*.marshal"):
        os.utime(f, (day_old, day_old))
    other = tmp_path / "other-0123.marshal"
    other.write_bytes(b"")
    os.utime(other, (day_old, day_old))
    assert cache.load_or_build("t", ["v3"], lambda: 3) == 3
    assert len(list(tmp_path.glob("t-*.marshal"))) == 1
    assert other.exists()  # another table's file is left alone


def test_built_alternations_are_read_back_from_the_cache(tmp_path, monkeypatch):
    import re

    from entext import regex_trie

    monkeypatch.setenv("ENTEXT_CACHE_DIR", str(tmp_path))
    regex_trie._built.cache_clear()
    phrases = ["Niger", "Nigeria", "Nepal", "South Sudan", "Sudan"]
    first = regex_trie.phrase_alternation(phrases, not_after=r"[\w-]")
    assert list(tmp_path.glob("alternations-*.marshal"))
    regex_trie._built.cache_clear()  # as in a new process
    monkeypatch.setattr(regex_trie, "_phrase_alternation", lambda *a, **k: pytest.fail("built"))
    again = regex_trie.phrase_alternation(phrases, not_after=r"[\w-]")
    assert again == first
    text = "troops from Nigeria and South Sudan, not Nigerian"
    assert [m.group() for m in re.finditer(again, text)] == ["Nigeria", "South Sudan", "Nigeria"]
    regex_trie._built.cache_clear()
