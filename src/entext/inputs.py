"""Turning PATH arguments into input sources, and input bytes into text.

Decoding never normalises: offsets are into the text exactly as decoded (no newline
translation); only a byte order mark is dropped, because it is not part of the text.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import fnmatch
import hashlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .schema import PageInfo
from .webpage import declared_encoding, extract_article, has_markup, looks_like_html

if TYPE_CHECKING:
    from .archives import RecordRef

HTML_SUFFIXES = frozenset({".html", ".htm"})
DEFAULT_SUFFIXES = frozenset({".txt", ".text", ".md"}) | HTML_SUFFIXES
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
    record: RecordRef | None = None  # one line of a JSONL archive (see archives.py)


@dataclass(frozen=True)
class DecodedText:
    """An input decoded to text, with the hash of its bytes and the encoding used."""

    text: str
    sha256: str
    encoding: str
    warning: str | None = None
    page: PageInfo | None = None  # a web page: ``text`` is the article extracted from it


def display_name(name: str) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (which Python keeps as lone
    surrogates) are written as ``\\xNN`` escapes, so records stay valid JSON."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def iter_sources(
    args: Iterable[str], suffixes: frozenset[str] = DEFAULT_SUFFIXES
) -> Iterator[InputSource]:
    """Expand PATH arguments: files, folders (recursive, sorted), globs and ``-`` for stdin.

    Arguments that match nothing, folders that cannot be listed and special files (FIFOs,
    sockets, devices) are yielded with an ``error`` so they become failure records. Within
    one argument a file reached through several links is yielded once, and symbolic links
    to folders are followed without ever walking a folder twice (so loops end).
    """
    for arg in args:
        if arg == "-":
            yield InputSource("-")
            continue
        shown = display_name(arg)
        path = Path(arg)
        if path.is_dir():
            found = False
            for item in _walk_folder(path, suffixes):
                found = True
                yield item
            if not found:
                wanted = ", ".join(sorted(suffixes))
                yield InputSource(
                    shown,
                    error=InputError(
                        "no_inputs",
                        f"a folder with no files ending in {wanted}; "
                        "name files directly to read other kinds",
                    ),
                )
        elif path.exists() or path.is_symlink():
            yield InputSource(shown, path)
        elif GLOB_CHARS & set(arg):
            found = False
            for item in _glob(arg):
                found = True
                yield item
            if not found:
                yield InputSource(
                    shown, error=InputError("not_found", "no files match this pattern")
                )
        else:
            yield InputSource(shown, error=InputError("not_found", "no such file or folder"))


def _walk_error(folder: str, exc: OSError) -> InputSource:
    shown = display_name(folder)
    if isinstance(exc, PermissionError):
        code, why = "permission", "permission denied"
    elif exc.errno == errno.ENAMETOOLONG:
        code, why = "path_too_long", "its path is longer than the system allows"
    elif exc.errno == errno.ELOOP:
        code, why = "symlink_loop", "too many levels of symbolic links"
    else:
        code, why = "io", exc.strerror or str(exc)
    return InputSource(
        shown, error=InputError(code, f"cannot list this folder: {why}; its files were not read")
    )


def _special_error(source: str, mode: int) -> InputError:
    if stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    elif stat.S_ISCHR(mode):
        what = "a character device"
    elif stat.S_ISBLK(mode):
        what = "a block device"
    else:
        what = "not a regular file"
    return InputError(
        "special_file",
        f"{what}, not a file; it was not opened (pipe text in with - instead)",
    )


class _Seen:
    """Files and folders already met in one argument, by device and inode."""

    def __init__(self) -> None:
        self.keys: set[tuple[int, int]] = set()

    def first(self, st: os.stat_result) -> bool:
        key = (st.st_dev, st.st_ino)
        if key in self.keys:
            return False
        self.keys.add(key)
        return True


def _file_entry(full: str, seen: _Seen) -> InputSource | None:
    """The input for a file found by a walk or a glob (``None``: already met via another
    link). Special files get their error here and are never opened."""
    shown = display_name(full)
    try:
        st = os.stat(full)
    except OSError:
        return InputSource(shown, Path(full))  # broken link, loop ...: read_bytes says which
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        return InputSource(shown, Path(full), error=_special_error(shown, st.st_mode))
    return InputSource(shown, Path(full)) if seen.first(st) else None


def _list(folder: str) -> tuple[list[os.DirEntry[str]], OSError | None]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name), None
    except OSError as exc:
        return [], exc


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _walk_folder(root: Path, suffixes: frozenset[str]) -> Iterator[InputSource]:
    """Files of ``root`` and its subfolders, depth first, each folder's files before its
    subfolders, sorted by name, dot-files skipped, every listing error reported."""
    seen, seen_dirs = _Seen(), _Seen()
    with contextlib.suppress(OSError):
        seen_dirs.first(root.stat())
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        entries, error = _list(folder)
        if error is not None:
            yield _walk_error(folder, error)
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_dir(entry):
                try:
                    if seen_dirs.first(os.stat(entry.path)):
                        subfolders.append(entry.path)
                except OSError as exc:
                    yield _walk_error(entry.path, exc)
                continue
            if os.path.splitext(entry.name)[1].lower() not in suffixes:
                continue
            item = _file_entry(entry.path, seen)
            if item is not None:
                yield item
        stack.extend(reversed(subfolders))


class _Globber:
    """Expands one glob pattern (see ``_glob``)."""

    def __init__(self, pattern: str) -> None:
        self.parts = [p for p in pattern.split(os.sep) if p]
        self.start = os.sep if pattern.startswith(os.sep) else ""
        self.found: dict[str, InputSource] = {}
        self.errors: list[InputSource] = []
        self.listed: set[tuple[int, int, int]] = set()
        self.todo: list[tuple[str, int]] = [(self.start, 0)]

    def run(self) -> None:
        while self.todo:
            base, i = self.todo.pop()
            if GLOB_CHARS & set(self.parts[i]):
                self._magic(base, i)
            else:
                self._literal(base, i)

    def _add(self, path: str) -> None:
        self.found[path] = InputSource(display_name(path), Path(path))

    def _literal(self, base: str, i: int) -> None:
        path = os.path.join(base, self.parts[i]) if base else self.parts[i]
        if i == len(self.parts) - 1:
            if os.path.lexists(path):
                self._add(path)
        elif os.path.isdir(path):
            self.todo.append((path, i + 1))

    def _magic(self, base: str, i: int) -> None:
        part, last = self.parts[i], i == len(self.parts) - 1
        folder = base or os.curdir
        try:
            st = os.stat(folder)
        except OSError:
            return
        if (st.st_dev, st.st_ino, i) in self.listed:
            return  # met again through a link: a loop, or a second way to the same place
        self.listed.add((st.st_dev, st.st_ino, i))
        entries, error = _list(folder)
        if error is not None:
            if not isinstance(error, (FileNotFoundError, NotADirectoryError)):
                self.errors.append(_walk_error(folder, error))
            return
        if part == "**":
            if not last:
                self.todo.append((base, i + 1))  # zero folders
            for entry in entries:
                if not entry.name.startswith(".") and _is_dir(entry):
                    self.todo.append((os.path.join(base, entry.name), i))
            if not last:
                return
            part = "*"
        for entry in entries:
            hidden = entry.name.startswith(".") and not part.startswith(".")
            if hidden or not fnmatch.fnmatchcase(entry.name, part):
                continue
            path = os.path.join(base, entry.name)
            if last:
                self._add(path)
            elif _is_dir(entry):
                self.todo.append((path, i + 1))


def _glob(pattern: str) -> Iterator[InputSource]:
    """Expand a glob (``**`` for any depth) like the shell: sorted, hidden names only when
    the pattern names them. Loops through symbolic links end: each folder is listed once
    per part of the pattern, and a file reached through several links is yielded once."""
    globber = _Globber(pattern)
    globber.run()
    seen = _Seen()
    for path in sorted(globber.found):
        item = _file_entry(path, seen)
        if item is not None:
            yield item
    yield from globber.errors


def open_regular(path: Path, source: str) -> int:
    """Open a regular file for reading, without ever blocking: special files (FIFOs,
    sockets, devices) are refused after a ``stat``, before anything opens them.

    Raises:
        InputError: with the code for what is wrong.
    """
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is_folder", "a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise _special_error(source, st.st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("not_found", "a broken symbolic link") from None
        raise InputError("not_found", "does not exist (any more)") from None
    except PermissionError:
        raise InputError("permission", "permission denied") from None
    except OSError as exc:
        code = {errno.ELOOP: "symlink_loop", errno.ENAMETOOLONG: "path_too_long"}
        raise InputError(
            code.get(exc.errno or 0, "io"), f"cannot read: {exc.strerror or exc}"
        ) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # replaced between the stat and the open
        os.close(fd)
        raise _special_error(source, st.st_mode)
    return fd


def mtime_date(mtime: float) -> dt.date:
    """A POSIX time stamp as a local date.

    Raises:
        InputError: ``bad_mtime`` when it is outside the dates Python can represent.
    """
    try:
        return dt.date.fromtimestamp(mtime)
    except (OverflowError, OSError, ValueError):
        raise InputError(
            "bad_mtime",
            f"its modification time ({mtime:.0f}) is outside the calendar; "
            "give its date with --ref-date or --ref-dates",
        ) from None


def read_bytes(item: InputSource, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read an input's bytes, translating OS errors into ``InputError`` codes."""
    if item.error is not None:
        raise item.error
    if item.data is not None:
        data = item.data
    elif item.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        fd = open_regular(item.path, item.source)
        with os.fdopen(fd, "rb") as fh:
            size = os.fstat(fd).st_size
            if size > max_bytes:
                raise InputError("too_large", _too_large(size, max_bytes))
            try:
                data = fh.read(max_bytes + 1)
            except OSError as exc:
                raise InputError("io", f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError("too_large", _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"{size:,} bytes, over the limit of {max_bytes:,}; "
        "raise it with --max-size if this really is one article"
    )


def decode(data: bytes, source: str = "<input>", declared: str | None = None) -> DecodedText:
    """Decode input bytes to text: BOMs first, then UTF-8, then the encoding the input
    ``declared`` (an HTML page's charset), then a detected legacy encoding.

    Raises:
        InputError: ``binary`` for non-text content.
    """
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(codecs.BOM_UTF8):
        body = data[3:]
        try:
            return DecodedText(body.decode("utf-8"), digest, "utf-8-sig")
        except UnicodeDecodeError as exc:
            return _legacy(
                body,
                digest,
                f"{source} has a UTF-8 byte order mark but is not UTF-8 (byte {exc.start + 3})",
            )
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
        if declared is not None and declared != "utf-8":
            return DecodedText(data.decode(declared, errors="replace"), digest, declared)
        return _legacy(data, digest, f"{source} is not valid UTF-8 (byte {exc.start})")


def _legacy(data: bytes, digest: str, why: str) -> DecodedText:
    encoding = _guess_legacy_encoding(data)
    text = data.decode(encoding, errors="replace")
    return DecodedText(
        text,
        digest,
        encoding,
        f"{why}; read it as {encoding}, check the characters if the text matters",
    )


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
    """Read and decode one input; a web page (by its ending, or by its content) is reduced
    to its article text, with the page's metadata in ``page``.

    Raises:
        InputError: with the code of what went wrong (``no_article`` for a page without one).
    """
    data = read_bytes(item, max_bytes)
    suffix = item.path.suffix.lower() if item.path is not None else ""
    if suffix not in HTML_SUFFIXES and not looks_like_html(data):
        return decode(data, item.source)
    if not has_markup(data):  # plain text saved under a page's name: read as text
        decoded = decode(data, item.source)
        note = f"{item.source} is named like a web page but holds no markup; read as text"
        return replace(decoded, warning="; ".join(w for w in (decoded.warning, note) if w))
    decoded = decode(data, item.source, declared_encoding(data))
    article = extract_article(decoded.text, item.source)
    return replace(decoded, text=article.text, page=article.page)
