"""Reading and decoding inputs: nothing lost, offsets into the text exactly as decoded."""

from __future__ import annotations

import pytest

from entext.errors import InputError
from entext.inputs import InputSource, decode, iter_sources, read_text


def test_utf8_plain():
    d = decode("Mosul – Kata’ib".encode(), "a")
    assert (d.text, d.encoding, d.warning) == ("Mosul – Kata’ib", "utf-8", None)


def test_utf8_bom_is_dropped_not_shifted():
    d = decode(b"\xef\xbb\xbfBaghdad", "a")
    assert d.text == "Baghdad" and d.encoding == "utf-8-sig"


def test_utf16_with_bom():
    d = decode("Basra\r\nMosul".encode("utf-16"), "a")
    assert d.text == "Basra\r\nMosul" and d.encoding == "utf-16"


def test_crlf_kept_as_is():
    assert decode(b"a\r\nb\rc", "a").text == "a\r\nb\rc"


def test_cp1252_fallback_with_warning():
    d = decode("a £15.8m signing".encode("cp1252"), "x.txt")
    assert d.text == "a £15.8m signing"
    assert d.encoding == "cp1252"
    assert d.warning and "x.txt" in d.warning and "cp1252" in d.warning


def test_real_bbc_file_that_is_not_utf8():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared/corpora/bbc-news/sport/199.txt"
    if not path.exists():
        pytest.skip("shared corpus not beside the checkout")
    d = read_text(InputSource(str(path), path))
    assert "£15.8m" in d.text and d.encoding == "cp1252"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n....", b"abc\x00def", b"\x7fELF\x02\x01"],
    ids=["pdf", "png", "nul", "elf"],
)
def test_binary_is_refused_with_a_code(data):
    with pytest.raises(InputError) as info:
        decode(data, "f")
    assert info.value.code == "binary"


def test_missing_file_and_glob(tmp_path):
    items = list(iter_sources([str(tmp_path / "no.txt"), str(tmp_path / "*.txt")]))
    assert [i.error.code for i in items] == ["not_found", "not_found"]


def test_too_large(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InputError) as info:
        read_text(InputSource(str(big), big), max_bytes=1000)
    assert info.value.code == "too_large"
    assert "--max-size" in str(info.value)


def test_input_error_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(InputError("decode", "bad bytes")))
    assert err.code == "decode" and str(err) == "bad bytes"


def test_file_gone_between_listing_and_reading(tmp_path):
    path = tmp_path / "soon-gone.txt"
    path.write_text("Baghdad", encoding="utf-8")
    (item,) = list(iter_sources([str(tmp_path)]))
    path.unlink()
    with pytest.raises(InputError) as info:
        read_text(item)
    assert info.value.code == "not_found" and "any more" in str(info.value)


def test_permission_denied_is_a_record(tmp_path, monkeypatch):
    import os

    path = tmp_path / "secret.txt"
    path.write_text("Baghdad", encoding="utf-8")
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError) as info:
        read_text(InputSource(str(path), path))
    assert info.value.code == "permission"


def test_symlink_loop(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    codes = set()
    for item in iter_sources([str(tmp_path)]):
        with pytest.raises(InputError) as info:
            read_text(item)
        codes.add(info.value.code)
    assert codes == {"symlink_loop"}
