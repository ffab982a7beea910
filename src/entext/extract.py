"""The library API: text or paths in, ``Document``/``Failure`` records out.

    >>> from entext import extract_text
    >>> doc = extract_text("Kataib Hezbollah said on Tuesday ...", ref_date="2024-02-08")
    >>> [(e.type, e.kind, e.name) for e in doc.entities]

Nothing here prints or exits; the CLI renders what these functions return. Every input ends as
exactly one record: an unexpected error in one document becomes a ``Failure`` with code
``internal`` (this module holds the one guard per document), and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .dates import ReferenceMoment
from .entities import RawSpan, build_entities
from .errors import InputError
from .inputs import InputSource, iter_sources, mtime_date, read_text
from .memory import trim_heap
from .pipeline import Pipeline, chunk_text, get_pipeline
from .reference import choose_reference, with_date_line
from .schema import Document, Failure, PageInfo, Result
from .settings import Settings, parse_date, parse_types

CHUNK_CHARS = 100_000
# Documents read and processed together. The NER runs 10-15% faster on batches of 64 texts
# than of 16 (measured on BBC articles), but its peak memory follows the text in a batch
# (about 4 MB per article): batches also stop at NER_CHARS characters, which keeps a worker
# under 400 MB on the BBC corpus (150,000: 430 MB) for 4% of speed.
BATCH_DOCS = 64
NER_BATCH = 64
NER_CHARS = 80_000
# A short wire story that goes through every pass (dateline, dates, militia, state forces,
# places, people), for Extractor.warm_up.
WARM_UP_TEXT = (
    "BAGHDAD, Feb 8 (Reuters) - A US drone strike killed a Kataib Hezbollah commander in "
    "eastern Baghdad on Wednesday, the Iraqi army said. Nigeria's army and the Rapid Support "
    "Forces were not involved, said John Smith, a spokesman for US Central Command (CENTCOM), "
    "three days after the attack on the Tower 22 base near the Syrian town of al-Tanf.\n"
)


@dataclass(frozen=True)
class Job:
    """A read input: its text and what the record says about where it came from."""

    source: str
    text: str
    sha256: str
    encoding: str
    mtime: float | None = None
    warning: str | None = None
    ref_date: dt.date | None = None
    page: PageInfo | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    record_date: ReferenceMoment | None = None  # an archive record's date field


class Extractor:
    """A loaded pipeline plus settings; turns texts and inputs into records."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        """The spaCy pipeline with entext's rules, loaded on first use."""
        if self._pipeline is None:
            self._pipeline = get_pipeline(self.settings.pipeline)
        return self._pipeline

    def warm_up(self) -> None:
        """Load the pipeline and everything a first document loads on first use (the place and
        date tables, the rules' compiled patterns), so that forked workers inherit them
        instead of each loading its own copy."""
        self.extract_text(WARM_UP_TEXT, "<warm-up>")

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
        """Extract entities from one text (``ref_date`` overrides the settings for this text).

        Unlike a batch, a single text raises what goes wrong instead of returning a failure.
        """
        digest = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        job = Job(source, text, digest, encoding, mtime, ref_date=ref_date)
        spans = self._recognise([job])[0]
        return self._document(job, spans)

    def run(self, items: Iterable[InputSource]) -> Iterator[Result]:
        """Read and process inputs in order, yielding one record per input as it is done."""
        items = iter(items)
        while batch := list(itertools.islice(items, BATCH_DOCS)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: Sequence[InputSource]) -> Iterator[Result]:
        read = [self.read(item) for item in batch]
        jobs = [j for j in read if isinstance(j, Job)]
        spans = iter(self._recognise_guarded(jobs))
        for item in read:
            if isinstance(item, Failure):
                yield item
                continue
            found = next(spans)
            yield found if isinstance(found, Failure) else self.finish(item, found)

    def read(self, item: InputSource) -> Job | Failure:
        """Read and decode one input (a failure record if it cannot be)."""
        if item.record is not None:
            return self._read_record(item)
        try:
            decoded = read_text(item, self.settings.max_bytes)
        except InputError as exc:
            return Failure(item.source, exc.code, str(exc))
        except Exception as exc:
            return Failure.internal(item.source, exc)
        mtime = None
        if self.settings.ref_date_from_mtime and item.path is not None:
            try:
                mtime = os.stat(item.path).st_mtime
                mtime_date(mtime)  # a date the calendar has, or a Failure record
            except OSError:
                mtime = None
            except InputError as exc:
                return Failure(item.source, exc.code, str(exc), decoded.sha256)
        return Job(
            item.source,
            decoded.text,
            decoded.sha256,
            decoded.encoding,
            mtime,
            decoded.warning,
            page=decoded.page,
        )

    def _read_record(self, item: InputSource) -> Job | Failure:
        from .archives import read_record

        assert item.record is not None
        try:
            rec = read_record(item, self.settings.max_bytes)
        except InputError as exc:
            return Failure(item.source, exc.code, str(exc), meta={"line": item.record.line})
        except Exception as exc:
            return Failure.internal(item.source, exc)
        return Job(
            item.source,
            rec.text,
            rec.sha256,
            "utf-8",
            warning=rec.warning,
            meta=rec.meta,
            record_date=_record_moment(rec.date, rec.moment),
        )

    def _recognise_guarded(self, jobs: Sequence[Job]) -> list[list[RawSpan] | Failure]:
        """NER for a batch; if the batch fails, each document alone, so one bad text costs one
        record and not the batch."""
        try:
            return list(self._recognise(jobs))
        except Exception as exc:
            if len(jobs) == 1:
                return [Failure.internal(jobs[0].source, exc, jobs[0].sha256)]
        return [found for job in jobs for found in self._recognise_guarded([job])]

    def _recognise(self, jobs: Sequence[Job]) -> list[list[RawSpan]]:
        owners: list[int] = []
        pieces: list[tuple[int, str]] = []
        for i, job in enumerate(jobs):
            for piece in pieces_of(job.text):
                owners.append(i)
                pieces.append(piece)
        spans: list[list[RawSpan]] = [[] for _ in jobs]
        for i, found in zip(owners, self.recognise_pieces(pieces), strict=True):
            spans[i].extend(found)
        return spans

    def recognise_pieces(self, pieces: Sequence[tuple[int, str]]) -> list[list[RawSpan]]:
        """The NER and rule components over ``(offset, text)`` pieces: for each piece its
        spans, with offsets into the whole text (``offset`` added).

        A long document is cut into pieces by :func:`pieces_of`; each piece is recognised on
        its own (the same pieces in one call or in several, on one process or several, give
        the same spans), and :meth:`finish` then works on the whole document.
        """
        nlp = self.pipeline.nlp
        out: list[list[RawSpan]] = []
        from .components import entity_sources

        # Memory zones free the strings and lexemes batches add to the vocabulary (one zone
        # over a few thousand articles: see memory.py), and trimming the C heap returns what
        # NER batches leave behind; without both a worker grew from 250 MB to 400 MB over
        # 1,200 articles.
        with self.pipeline.zones.batch(sum(len(text) for _, text in pieces)):
            docs = (
                doc for group in _by_chars(pieces) for doc in nlp.pipe(group, batch_size=NER_BATCH)
            )
            for (offset, _), doc in zip(pieces, docs, strict=True):
                sources = entity_sources(doc)
                out.append(
                    [
                        RawSpan(
                            ent.start_char + offset,
                            ent.end_char + offset,
                            str(ent.label_),
                            str(ent.ent_id_),
                            sources.get((ent.start_char, ent.end_char), "model"),
                        )
                        for ent in doc.ents
                    ]
                )
        trim_heap()
        return out

    def finish(self, job: Job, spans: list[RawSpan]) -> Result:
        """The document-wide passes (entities, dates, geocoding) over all of a text's spans;
        an unexpected error is a failure record (the per-document guard)."""
        try:
            return self._document(job, spans)
        except Exception as exc:  # the per-document guard: one record, the batch goes on
            return Failure.internal(job.source, exc, job.sha256)

    def _document(self, job: Job, spans: list[RawSpan]) -> Document:
        moment = choose_reference(
            self.settings,
            job.source,
            job.text,
            mtime=job.mtime,
            override=job.ref_date,
            published=job.page.published if job.page is not None else None,
            record=job.record_date,
        )
        entities = build_entities(
            job.text,
            with_date_line(spans, moment, job.text),
            self.pipeline.rules,
            ref=moment.date if moment else None,
            ref_time=moment.datetime if moment else None,
            dayfirst=self.settings.dayfirst,
            types=self.settings.types,
        )
        focus = None
        if "LOC" in self.settings.types:
            from .geocode import geocode_entities

            entities, found = geocode_entities(job.text, entities)
            focus = found.to_dict()
        return Document(
            source=job.source,
            sha256=job.sha256,
            text=job.text,
            entities=entities,
            ref_date=moment.date.isoformat() if moment else None,
            ref_date_source=moment.source if moment else None,
            encoding=job.encoding,
            warnings=(job.warning,) if job.warning else (),
            focus=focus,
            page=job.page,
            include_text=self.settings.include_text,
            meta=job.meta,
        )


def pieces_of(text: str) -> Sequence[tuple[int, str]]:
    """A text cut into ``(offset, piece)`` pairs of at most CHUNK_CHARS characters, at
    paragraph, line or sentence breaks (one pair for most articles)."""
    return chunk_text(text, CHUNK_CHARS)


def _record_moment(date: dt.date | None, moment: dt.datetime | None) -> ReferenceMoment | None:
    """An archive record's date field as the reference moment (``ref_date_source`` ``record``)."""
    if date is None:
        return None
    return ReferenceMoment(date, moment.time() if moment is not None else None, "record")


def _by_chars(pieces: Sequence[tuple[int, str]]) -> Iterator[list[str]]:
    """Texts in groups of at most NER_CHARS characters (and NER_BATCH texts): the NER's peak
    memory follows the text in a batch, so long articles make smaller batches."""
    group: list[str] = []
    size = 0
    for _, text in pieces:
        if group and (size + len(text) > NER_CHARS or len(group) >= NER_BATCH):
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group


def extract_text(
    text: str,
    *,
    source: str = "<text>",
    ref_date: str | dt.date | None = None,
    model: str | None = None,
    patterns: Sequence[str] = (),
    types: str | Iterable[str] | None = None,
    dayfirst: bool = False,
    settings: Settings | None = None,
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
        settings: all of the above at once (the keyword arguments override it).

    Returns:
        The ``Document`` the CLI renders.
    """
    chosen = _settings(settings, ref_date, model, patterns, types, dayfirst)
    return Extractor(chosen).extract_text(text, source)


def extract_paths(
    paths: Iterable[str],
    *,
    ref_date: str | dt.date | None = None,
    model: str | None = None,
    patterns: Sequence[str] = (),
    types: str | Iterable[str] | None = None,
    dayfirst: bool = False,
    settings: Settings | None = None,
) -> Iterator[Result]:
    """Extract from files, folders and globs (``-`` for stdin), one record per input, in order.

    Unreadable inputs yield ``Failure`` records instead of raising. One process; for parallel,
    resumable batches with progress use :func:`entext.run`.
    """
    from .archives import expand_archives

    chosen = _settings(settings, ref_date, model, patterns, types, dayfirst)
    sources = expand_archives(iter_sources(paths, chosen.suffixes), chosen.archive)
    return Extractor(chosen).run(sources)


def _settings(
    settings: Settings | None,
    ref_date: str | dt.date | None,
    model: str | None,
    patterns: Sequence[str],
    types: str | Iterable[str] | None,
    dayfirst: bool,
) -> Settings:
    base = settings or Settings()
    changes: dict[str, object] = {}
    if ref_date is not None:
        changes["ref_date"] = parse_date(ref_date) if isinstance(ref_date, str) else ref_date
    if model is not None:
        changes["model"] = model
    if patterns:
        changes["patterns"] = tuple(patterns)
    if types is not None:
        changes["types"] = parse_types(types)
    if dayfirst:
        changes["dayfirst"] = True
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]
