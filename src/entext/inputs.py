"""Turning PATH arguments into input sources, and input bytes into text.

Decoding never normalises: offsets are into the text exactly as decoded (no newline
translation); only a byte order mark is dropped, because it is not part of the text.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_SUFFIXES = frozenset({".txt", ".text", ".md"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
GLOB_CHARS = frozenset("*?[")

# Magic numbers of formats people drop into article folders by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
)


@dataclass(frozen=True)
class InputSource:
    """Something to read: a file path, or standard input (``path is None``)."""

    source: str
    path: Path | None = None
    error: InputError | None = None  # set when the argument itself could not be resolved
    data: bytes | None = None  # already read (standard input handed to a worker process)


@dataclass(frozen=True)
class DecodedText:
    """An input decoded to text, with the hash of its bytes and the encoding used."""

    text: str
    sha256: str
    encoding: str
    warning: str | None = None


def iter_sources(
    args: Iterable[str], suffixes: frozenset[str] = DEFAULT_SUFFIXES
) -> Iterator[InputSource]:
    """Expand PATH arguments: files, folders (recursive, sorted), globs and ``-`` for stdin.

    Arguments that match nothing are yielded with an ``error`` so they become failure records.
    """
    for arg in args:
        if arg == "-":
            yield InputSource("-")
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for item in _walk_folder(path, suffixes):
                found = True
                yield item
            if not found:
                wanted = ", ".join(sorted(suffixes))
                yield InputSource(
                    arg,
                    error=InputError(
                        "no_inputs",
                        f"a folder with no files ending in {wanted}; "
                        "name files directly to read other kinds",
                    ),
                )
        elif path.exists() or path.is_symlink():
            yield InputSource(arg, path)
        elif GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [m for m in matches if not Path(m).is_dir()]
            if not files:
                yield InputSource(arg, error=InputError("not_found", "no files match this pattern"))
            for m in files:
                yield InputSource(m, Path(m))
        else:
            yield InputSource(arg, error=InputError("not_found", "no such file or folder"))


def _walk_folder(root: Path, suffixes: frozenset[str]) -> Iterator[InputSource]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in suffixes:
                continue
            full = Path(dirpath) / name
            yield InputSource(str(full), full)


def read_bytes(item: InputSource, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read an input's bytes, translating OS errors into ``InputError`` codes."""
    if item.error is not None:
        raise item.error
    if item.data is not None:
        data = item.data
    elif item.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            if item.path.is_dir():
                raise InputError("is_folder", "a folder, not a file")
            size = item.path.stat().st_size
            if size > max_bytes:
                raise InputError("too_large", _too_large(size, max_bytes))
            with item.path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except FileNotFoundError:
            if item.path.is_symlink():
                raise InputError("not_found", "a broken symbolic link") from None
            raise InputError("not_found", "does not exist (any more)") from None
        except PermissionError:
            raise InputError("permission", "permission denied") from None
        except OSError as exc:
            code = "symlink_loop" if exc.errno == 40 else "io"
            raise InputError(code, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError("too_large", _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"{size:,} bytes, over the limit of {max_bytes:,}; "
        "raise it with --max-size if this really is one article"
    )


def decode(data: bytes, source: str = "<input>") -> DecodedText:
    """Decode input bytes to text: BOMs first, then UTF-8, then a detected legacy encoding.

    Raises:
        InputError: ``binary`` for non-text content.
    """
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedText(data[3:].decode("utf-8", errors="replace"), digest, "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"), digest, "utf-16")
        except UnicodeDecodeError:
            raise InputError("decode", "has a UTF-16 mark but is not UTF-16") from None
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError("binary", f"{what}, not text")
    if b"\x00" in data[:8192]:
        raise InputError("binary", "contains NUL bytes: binary data, not text")
    try:
        return DecodedText(data.decode("utf-8"), digest, "utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    encoding = _guess_legacy_encoding(data)
    text = data.decode(encoding, errors="replace")
    warning = (
        f"{source} is not valid UTF-8 (byte {bad_at}); read it as {encoding}, "
        "check the characters if the text matters"
    )
    return DecodedText(text, digest, encoding, warning)


def _guess_legacy_encoding(data: bytes) -> str:
    """Windows-1252 for mostly-ASCII Western text; charset detection for other scripts.

    Detection is unreliable on text with a few stray bytes (it reads a lone pound sign as
    Japanese), so it is only consulted when non-ASCII bytes are many and common (Arabic or
    Cyrillic code pages).
    """
    high = sum(1 for b in data if b >= 0x80)
    if high >= 16 and high / max(len(data), 1) > 0.15:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best.encoding)
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def read_text(item: InputSource, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read and decode one input."""
    return decode(read_bytes(item, max_bytes), item.source)
