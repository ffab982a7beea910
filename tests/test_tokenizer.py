"""entext's tokenizer is the model's own with the glued-bracket infixes, however it is built."""

from __future__ import annotations

import srsly

from entext import pipeline, tokenizer


def _model():
    model = pipeline.resolve_model_name(None)
    model_dir, cfg = pipeline._model_config(model)
    return model, model_dir, cfg, pipeline._not_needed_for_ner(model, cfg)


def test_the_quick_build_is_the_saved_tokenizer_with_entexts_infixes():
    import spacy

    model, model_dir, cfg, skip = _model()
    quick = tokenizer.load_model(model, model_dir, cfg, skip)
    assert quick.config["nlp"]["tokenizer"]["@tokenizers"] == tokenizer.ENTEXT_TOKENIZER
    usual = spacy.load(model, exclude=skip)
    tokenizer.split_glued_brackets(usual)
    assert quick.tokenizer.to_bytes(exclude=["vocab"]) == usual.tokenizer.to_bytes(
        exclude=["vocab"]
    )
    words = [t.text for t in quick("Abboud Qanbar(Arabic: x), also known as Abu Haidar,[1] is")]
    assert words[:4] == ["Abboud", "Qanbar", "(", "Arabic"]
    assert words[-5:] == ["Haidar", ",", "[1", "]", "is"]


def test_a_saved_tokenizer_unlike_the_defaults_is_loaded(tmp_path):
    model, model_dir, cfg, skip = _model()
    nlp = tokenizer.load_model(model, model_dir, cfg, skip)
    saved = srsly.msgpack_loads((model_dir / "tokenizer").read_bytes())
    assert tokenizer._holds_the_defaults(nlp, model_dir / "tokenizer")
    saved["exceptions"]["Qanbar("] = [{65: "Qanbar("}]  # a special case of this model's own
    other = tmp_path / "tokenizer"
    other.write_bytes(srsly.msgpack_dumps(saved))
    assert not tokenizer._holds_the_defaults(nlp, other)
    other.write_bytes(b"not msgpack at all \xff")
    assert not tokenizer._holds_the_defaults(nlp, other)
