"""Memory zones over batches: strings a batch adds live until the zone is renewed, no longer."""

from __future__ import annotations

import contextlib

import pytest


@contextlib.contextmanager
def _zones(extractor, max_chars):
    """The pipeline's own zones (zones must not nest), with another size for a while."""
    zones = extractor.pipeline.zones
    zones.close()
    saved, zones.max_chars = zones.max_chars, max_chars
    try:
        yield zones
    finally:
        zones.close()
        zones.max_chars = saved


def _batch(nlp, zones, words):
    text = " ".join(words)
    with zones.batch(len(text)):
        list(nlp.pipe([text]))


def test_a_zone_spans_batches_until_its_characters_are_used(extractor):
    nlp = extractor.pipeline.nlp
    with _zones(extractor, 60) as zones:
        _check_renewal(nlp, zones)


def _check_renewal(nlp, zones):
    before = len(nlp.vocab.strings)
    _batch(nlp, zones, ["Qwxzyplonk", "Brumfazzle"])  # 21 characters: the zone stays open
    assert "Qwxzyplonk" in nlp.vocab.strings
    _batch(nlp, zones, ["Zorbleflax", "Kwimbletop"])  # 42: still open, both batches kept
    assert "Qwxzyplonk" in nlp.vocab.strings and "Zorbleflax" in nlp.vocab.strings
    _batch(nlp, zones, ["Plimbertux", "Vroomaglix"])  # 63: the zone is freed after it
    for word in ("Qwxzyplonk", "Zorbleflax", "Vroomaglix"):
        assert word not in nlp.vocab.strings
    assert len(nlp.vocab.strings) == before


def test_a_failed_batch_frees_its_zone(extractor):
    nlp = extractor.pipeline.nlp
    with _zones(extractor, 10_000) as zones:
        with pytest.raises(RuntimeError), zones.batch(10):
            list(nlp.pipe(["Snorgleblat attacked"]))
            raise RuntimeError("a document failed")
        assert "Snorgleblat" not in nlp.vocab.strings
        _batch(nlp, zones, ["Snorgleblat"])  # a new zone opens for the next batch
        assert "Snorgleblat" in nlp.vocab.strings
        zones.close()
        assert "Snorgleblat" not in nlp.vocab.strings


def test_records_do_not_depend_on_where_a_zone_ends(extractor):
    texts = [
        "Kataib Hezbollah fighters attacked a US base near Erbil on Tuesday.",
        "The Houthis said they fired a missile at a ship in the Red Sea on 3 March 2024.",
        "Rapid Support Forces shelled El Fasher, the Sudanese army said.",
    ]
    with _zones(extractor, 10_000):  # one zone over the three documents
        first = [extractor.extract_text(t) for t in texts]
    with _zones(extractor, 1):  # a new zone for every document
        again = [extractor.extract_text(t) for t in texts]
    assert [d.to_dict() for d in first] == [d.to_dict() for d in again]
