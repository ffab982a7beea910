"""JSON Lines archives: one article per line, ``{"id": …, "text": …, "date": …, …}``.

The common form of news dumps. Each non-blank line is one input, with the source
``ARCHIVE:LINE`` (the 1-based physical line, so that ``sed -n 17p`` shows it) and a
result of its own, in file order. A bad line (not JSON, not an object, no text) becomes an
error record with its line number; the rest of the archive goes on.

An argument ending in ``.jsonl`` is an archive. In folders ``.jsonl`` files are taken only when
``--ext`` names ``.jsonl`` (they are more often results than articles).

Scanning an archive only finds where its lines start; each record is read where it is processed
(one seek and one line), so the parent holds no text however large the archive, and a worker on
another machine reads its records from shared storage.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, OptionError
from .inputs import DEFAULT_MAX_BYTES, InputSource

ARCHIVE_SUFFIXES = frozenset({".jsonl"})
# The fields entext itself writes at the top of a record; a kept field may not hide one.
RESERVED_FIELDS = frozenset(
    {"source", "sha256", "chars", "encoding", "warnings", "ref_date", "ref_date_source"}
    | {"entities", "error", "line", "id"}
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?")


@dataclass(frozen=True)
class ArchiveKeys:
    """Which fields of an archive's records hold what.

    Attributes:
        text: the article text (required in every record).
        id: the record's identifier, written as ``id`` in its result when present.
        date: the publication date, the reference date for relative dates
            (``ref_date_source`` ``record``) unless ``--ref-date`` or ``--ref-dates`` say otherwise.
        keep: other fields copied into the result as they are (``null`` when absent).
    """

    text: str = "text"
    id: str = "id"
    date: str = "date"
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordRef:
    """Where one record of an archive is: its line number and the byte offset of that line."""

    line: int
    offset: int
    keys: ArchiveKeys


@dataclass(frozen=True)
class ArchiveRecord:
    """One record, read and checked."""

    text: str
    meta: dict[str, Any]  # line, id and kept fields, in that order
    date: dt.date | None
    moment: dt.datetime | None
    warning: str | None = None

    @property
    def sha256(self) -> str:
        """The hash of the text as UTF-8: the same as for the text saved as a file."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def is_archive(path: Path) -> bool:
    """Whether a file is read as a JSONL archive (by its ending)."""
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def parse_keep_fields(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """Parse ``--keep-fields date,url,title``.

    Raises:
        OptionError: for a field that would hide one entext writes itself.
    """
    if not value:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    fields = tuple(dict.fromkeys(f.strip() for f in items if f.strip()))
    clash = sorted(set(fields) & RESERVED_FIELDS)
    if clash:
        raise OptionError(
            f"--keep-fields cannot carry {', '.join(clash)}: entext writes "
            f"{'that field' if len(clash) == 1 else 'those fields'} itself"
            + (
                "; the record's id is written as 'id' (choose its field with --id-key)"
                if "id" in clash
                else ""
            )
        )
    return fields


def expand_archives(sources: Iterable[InputSource], keys: ArchiveKeys) -> Iterator[InputSource]:
    """Inputs with every ``.jsonl`` file among them replaced by its records."""
    for s in sources:
        if _is_archive_file(s):
            assert s.path is not None
            yield from iter_records(s.path, s.source, keys)
        else:
            yield s


def _is_archive_file(s: InputSource) -> bool:
    if s.path is None or s.error is not None or s.record is not None:
        return False
    return is_archive(s.path) and not s.path.is_dir()


def iter_records(path: Path, source: str, keys: ArchiveKeys) -> Iterator[InputSource]:
    """One input per non-blank line of an archive (found by a scan; nothing is parsed yet).

    An archive that cannot be opened is yielded as one plain input, so that the usual reader
    reports why (``permission``, ``not_found`` …).
    """
    try:
        fh = path.open("rb")
    except OSError:
        yield InputSource(source, path)
        return
    found = False
    with fh:
        offset = 0
        for line_no, line in enumerate(fh, 1):
            if line_no == 1 and line.startswith(b"\x1f\x8b"):
                error = InputError("binary", "a gzip archive; decompress it first (gunzip)")
                yield InputSource(source, path, error=error)
                return
            if line.strip():
                found = True
                yield InputSource(
                    f"{source}:{line_no}", path, record=RecordRef(line_no, offset, keys)
                )
            offset += len(line)
    if not found:
        yield InputSource(source, path, error=InputError("no_inputs", "an archive with no records"))


def read_record(item: InputSource, max_bytes: int) -> ArchiveRecord:
    """Read one record of an archive and check it.

    Raises:
        InputError: ``invalid_json``, ``bad_record`` (not an object, no text), ``decode``,
            ``too_large``, or the reading errors of any input.
    """
    ref = item.record
    assert ref is not None and item.path is not None
    try:
        with item.path.open("rb") as fh:
            fh.seek(ref.offset)
            raw = fh.readline(max_bytes + 1)
    except PermissionError:
        raise InputError("permission", "permission denied") from None
    except OSError as exc:
        raise InputError("io", f"cannot read: {exc.strerror or exc}") from None
    where = f"line {ref.line}"
    if len(raw) > max_bytes:
        raise InputError("too_large", f"{where}: over the limit of {max_bytes:,} bytes")
    if ref.offset == 0 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError("decode", f"{where}: not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            "invalid_json", f"{where}: not JSON ({exc.msg}, column {exc.colno})"
        ) from None
    return _record(obj, ref, where)


def _record(obj: Any, ref: RecordRef, where: str) -> ArchiveRecord:
    keys = ref.keys
    if not isinstance(obj, dict):
        raise InputError("bad_record", f"{where}: a JSON {_json_type(obj)}, not an object")
    text = obj.get(keys.text)
    if text is None:
        raise InputError(
            "bad_record", f"{where}: no {keys.text!r} field (name the text field with --text-key)"
        )
    if not isinstance(text, str):
        raise InputError(
            "bad_record", f"{where}: {keys.text!r} is a JSON {_json_type(text)}, not a string"
        )
    meta: dict[str, Any] = {"line": ref.line}
    if obj.get(keys.id) is not None:
        meta["id"] = obj[keys.id]
    for name in keys.keep:
        meta[name] = obj.get(name)
    date, moment, warning = None, None, None
    raw_date = obj.get(keys.date)
    if raw_date not in (None, ""):
        parsed = parse_record_date(raw_date)
        if parsed is None:
            warning = (
                f"{where}: {keys.date!r} {raw_date!r} is not a date entext reads "
                "(ISO 8601, RFC 2822 or YYYYMMDD); the text's own date is used instead"
            )
        else:
            date, moment = parsed
    return ArchiveRecord(text, meta, date, moment, warning)


def parse_record_date(value: Any) -> tuple[dt.date, dt.datetime | None] | None:
    """A record's date: ISO 8601 (``2024-02-08``, ``2024-02-08T15:18:00Z``), RFC 2822
    (``Thu, 08 Feb 2024 15:18:00 GMT``, as in RSS) or compact ``20240208[151800]`` (GDELT).

    The time is kept as written (its zone dropped): it is the clock of the article's own
    "two hours ago". Returns ``None`` for anything else.
    """
    if not isinstance(value, str):
        value = str(value) if isinstance(value, int) and not isinstance(value, bool) else ""
    value = value.strip()
    compact = _COMPACT_DATE.fullmatch(value)
    try:
        if compact:
            y, mo, d, h, mi, s = (int(g) if g else None for g in compact.groups())
            assert y is not None and mo is not None and d is not None
            if h is None:
                return dt.date(y, mo, d), None
            moment = dt.datetime(y, mo, d, h, mi or 0, s or 0)
            return moment.date(), moment
        if len(value) == 10:
            return dt.date.fromisoformat(value), None
        iso = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
        moment = dt.datetime.fromisoformat(iso)
        return moment.date(), moment.replace(tzinfo=None)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.date(), moment.replace(tzinfo=None)


def record_digest(item: InputSource, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The ``sha256`` a record's result carries (``None`` for a bad line), for ``--resume``."""
    try:
        return read_record(item, max_bytes).sha256
    except InputError:
        return None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "null"
