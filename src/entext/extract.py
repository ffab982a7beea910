"""The library API: text or paths in, ``Document``/``Failure`` records out.

    >>> from entext import extract_text
    >>> doc = extract_text("Kataib Hezbollah said on Tuesday ...", ref_date="2024-02-08")
    >>> [(e.type, e.kind, e.name) for e in doc.entities]

Nothing here prints or exits; the CLI renders what these functions return.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .entities import RawSpan, build_entities
from .errors import InputError, OptionError
from .inputs import DEFAULT_MAX_BYTES, DEFAULT_SUFFIXES, InputSource, iter_sources, read_text
from .pipeline import Pipeline, PipelineConfig, chunk_text, get_pipeline
from .schema import ENTITY_TYPES, Document, Failure, Result

CHUNK_CHARS = 100_000
# Documents read and processed together. The NER runs 10-15% faster on batches of 64 texts
# than of 16 (measured on BBC articles), but its peak memory follows the text in a batch
# (about 4 MB per article): batches also stop at NER_CHARS characters, which keeps a worker
# under 400 MB on the BBC corpus (150,000: 430 MB) for 4% of speed.
BATCH_DOCS = 64
NER_BATCH = 64
NER_CHARS = 80_000


@dataclass(frozen=True)
class Options:
    """How documents are read and interpreted (everything but the pipeline itself)."""

    ref_date: dt.date | None = None
    ref_dates: Mapping[str, dt.date] = field(default_factory=dict)
    ref_date_from_mtime: bool = False
    dayfirst: bool = False
    types: frozenset[str] = frozenset(ENTITY_TYPES)
    max_bytes: int = DEFAULT_MAX_BYTES
    suffixes: frozenset[str] = DEFAULT_SUFFIXES


def parse_date(value: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` option value.

    Raises:
        OptionError: when it is not a calendar date.
    """
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise OptionError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def parse_types(value: str | Iterable[str] | None) -> frozenset[str]:
    """Parse ``--types PERSON,ORG`` (case-insensitive).

    Raises:
        OptionError: for an unknown type.
    """
    if value is None:
        return frozenset(ENTITY_TYPES)
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {t.strip().upper() for t in items if t.strip()}
    unknown = wanted - set(ENTITY_TYPES)
    if unknown or not wanted:
        raise OptionError(
            f"unknown type(s) {', '.join(sorted(unknown)) or '(none)'}; "
            f"choose from {','.join(ENTITY_TYPES)}"
        )
    return frozenset(wanted)


class Extractor:
    """A loaded pipeline plus options; turns texts and inputs into records."""

    def __init__(
        self, config: PipelineConfig | None = None, options: Options | None = None
    ) -> None:
        self.config = config or PipelineConfig()
        self.options = options or Options()
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = get_pipeline(self.config)
        return self._pipeline

    def extract_text(
        self,
        text: str,
        source: str = "<text>",
        *,
        sha256: str | None = None,
        encoding: str = "utf-8",
        mtime: float | None = None,
        ref_date: dt.date | None = None,
    ) -> Document:
        """Extract entities from one text (``ref_date`` overrides the options for this text)."""
        digest = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        job = _Job(source, text, digest, encoding, mtime, ref_date=ref_date)
        return next(iter(self._process([job])))

    def run(self, items: Iterable[InputSource]) -> Iterator[Result]:
        """Read and process inputs in order, yielding one record per input as it is done."""
        items = iter(items)
        while True:
            batch = list(itertools.islice(items, BATCH_DOCS))
            if not batch:
                return
            yield from self._run_batch(batch)

    def _run_batch(self, batch: Sequence[InputSource]) -> Iterator[Result]:
        jobs: list[_Job | Failure] = []
        for item in batch:
            try:
                decoded = read_text(item, self.options.max_bytes)
            except InputError as exc:
                jobs.append(Failure(item.source, exc.code, str(exc)))
                continue
            mtime = None
            if self.options.ref_date_from_mtime and item.path is not None:
                try:
                    mtime = os.stat(item.path).st_mtime
                except OSError:
                    mtime = None
            jobs.append(
                _Job(
                    item.source,
                    decoded.text,
                    decoded.sha256,
                    decoded.encoding,
                    mtime,
                    decoded.warning,
                )
            )
        done = iter(self._process([j for j in jobs if isinstance(j, _Job)]))
        for job in jobs:
            yield job if isinstance(job, Failure) else next(done)

    def _process(self, jobs: Sequence[_Job]) -> Iterator[Document]:
        nlp = self.pipeline.nlp
        pieces: list[tuple[int, int, str]] = []  # (job index, offset, text)
        for i, job in enumerate(jobs):
            for offset, piece in chunk_text(job.text, CHUNK_CHARS):
                pieces.append((i, offset, piece))
        spans: list[list[RawSpan]] = [[] for _ in jobs]
        from .components import entity_sources

        # A memory zone frees the strings and lexemes each batch adds to the vocabulary, and
        # trimming the C heap returns what NER batches leave behind: without both a worker
        # grows from 250 MB to 400 MB over 1,200 articles; with them it stays at 180 MB.
        zone = getattr(nlp, "memory_zone", None)
        with zone() if zone is not None else contextlib.nullcontext():
            docs = (
                doc for group in _by_chars(pieces) for doc in nlp.pipe(group, batch_size=NER_BATCH)
            )
            for (i, offset, _), doc in zip(pieces, docs, strict=True):
                sources = entity_sources(doc)
                for ent in doc.ents:
                    spans[i].append(
                        RawSpan(
                            ent.start_char + offset,
                            ent.end_char + offset,
                            str(ent.label_),
                            str(ent.ent_id_),
                            sources.get((ent.start_char, ent.end_char), "model"),
                        )
                    )
        _trim_heap()
        for job, job_spans in zip(jobs, spans, strict=True):
            yield self._document(job, job_spans)

    def _document(self, job: _Job, spans: list[RawSpan]) -> Document:
        ref, ref_time, ref_source = self._ref_date(job)
        entities = build_entities(
            job.text,
            spans,
            self.pipeline.rules,
            ref=ref,
            ref_time=ref_time,
            dayfirst=self.options.dayfirst,
            types=self.options.types,
        )
        return Document(
            source=job.source,
            sha256=job.sha256,
            text=job.text,
            entities=entities,
            ref_date=ref.isoformat() if ref else None,
            ref_date_source=ref_source,
            encoding=job.encoding,
            warnings=(job.warning,) if job.warning else (),
        )

    def _ref_date(self, job: _Job) -> tuple[dt.date | None, dt.datetime | None, str | None]:
        opts = self.options
        if job.ref_date is not None:
            return job.ref_date, None, "option"
        if opts.ref_date is not None:
            return opts.ref_date, None, "option"
        if job.source in opts.ref_dates:
            return opts.ref_dates[job.source], None, "file"
        from .dates import find_ref_date

        found = find_ref_date(job.text)
        if found is not None:
            return found[0], found[1], "text"
        if job.mtime is not None:
            return dt.date.fromtimestamp(job.mtime), None, "mtime"
        return None, None, None


def _by_chars(pieces: Sequence[tuple[int, int, str]]) -> Iterator[list[str]]:
    """Texts in groups of at most NER_CHARS characters (and NER_BATCH texts): the NER's peak
    memory follows the text in a batch, so long articles make smaller batches."""
    group: list[str] = []
    size = 0
    for _, _, text in pieces:
        if group and (size + len(text) > NER_CHARS or len(group) >= NER_BATCH):
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group


def _trim_heap() -> None:
    """Give freed C heap memory back to the system (glibc only; elsewhere a no-op)."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        _MALLOC_TRIM = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):
                pass
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


_MALLOC_TRIM: Any = None


@dataclass(frozen=True)
class _Job:
    source: str
    text: str
    sha256: str
    encoding: str
    mtime: float | None = None
    warning: str | None = None
    ref_date: dt.date | None = None


def extract_text(
    text: str,
    *,
    source: str = "<text>",
    ref_date: str | dt.date | None = None,
    model: str | None = None,
    patterns: Sequence[str] = (),
    types: str | Iterable[str] | None = None,
    dayfirst: bool = False,
) -> Document:
    """Extract people, organisations, places and dates from one text.

    Args:
        text: the article text; offsets in the result index into it.
        source: a name for the text in the result.
        ref_date: the date relative dates resolve against (default: the article's own date).
        model: a spaCy pipeline name or path (default: ``en_core_web_sm`` or its re-upload).
        patterns: extra rules files (JSONL).
        types: the entity types to keep (default all).
        dayfirst: read ``02/07/2024`` as 2 July.

    Returns:
        The ``Document`` the CLI renders.
    """
    return _extractor(ref_date, model, patterns, types, dayfirst).extract_text(text, source)


def extract_paths(
    paths: Iterable[str],
    *,
    ref_date: str | dt.date | None = None,
    model: str | None = None,
    patterns: Sequence[str] = (),
    types: str | Iterable[str] | None = None,
    dayfirst: bool = False,
) -> Iterator[Result]:
    """Extract from files, folders and globs (``-`` for stdin), one record per input, in order.

    Unreadable inputs yield ``Failure`` records instead of raising.
    """
    ex = _extractor(ref_date, model, patterns, types, dayfirst)
    return ex.run(iter_sources(paths, ex.options.suffixes))


def _extractor(
    ref_date: str | dt.date | None,
    model: str | None,
    patterns: Sequence[str],
    types: str | Iterable[str] | None,
    dayfirst: bool,
) -> Extractor:
    ref = parse_date(ref_date) if isinstance(ref_date, str) else ref_date
    options = Options(ref_date=ref, types=parse_types(types), dayfirst=dayfirst)
    return Extractor(PipelineConfig(model=model, patterns=tuple(patterns)), options)


def load_ref_dates(path: str) -> dict[str, dt.date]:
    """Read a ``source,date`` mapping (CSV with a header, or JSONL objects) for batch runs.

    Raises:
        OptionError: naming the file and line of the first bad row.
    """
    import csv
    import json

    try:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    except OSError as exc:
        raise OptionError(f"cannot read --ref-dates file {path}: {exc.strerror or exc}") from None
    out: dict[str, dt.date] = {}
    lines = raw.splitlines()
    if raw.lstrip().startswith("{"):
        rows: Iterable[tuple[int, Any]] = (
            (n, json.loads(line)) for n, line in enumerate(lines, 1) if line.strip()
        )
    else:
        rows = enumerate(csv.DictReader(lines), 2)
    try:
        for n, row in rows:
            if not isinstance(row, dict) or "source" not in row or "date" not in row:
                raise OptionError(f"{path}:{n}: each row needs 'source' and 'date'")
            try:
                out[str(row["source"])] = dt.date.fromisoformat(str(row["date"]).strip()[:10])
            except ValueError:
                raise OptionError(f"{path}:{n}: {row['date']!r} is not a YYYY-MM-DD date") from None
    except json.JSONDecodeError as exc:
        raise OptionError(f"{path}: invalid JSON line: {exc.msg}") from None
    return out
