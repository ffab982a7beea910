"""The library batch run: inputs, worker processes, resume, interrupts and progress, in one place.

    >>> import entext
    >>> batch = entext.run(["articles/"], entext.Settings(jobs=2), resume="results.jsonl")
    >>> for record in batch:          # one Document or Failure per input, in input order
    ...     print(record.to_dict())
    >>> batch.documents, batch.failures, batch.interrupted

The CLI is a thin layer over this: it builds ``Settings`` from its options, renders what the
run yields and turns the counts into an exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .archives import expand_archives
from .errors import Interrupted
from .extract import Extractor
from .inputs import InputSource, iter_sources
from .output import plan_resume
from .schema import Document, Result
from .settings import Settings

# Below this much text, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 400_000


@dataclass(frozen=True)
class RunProgress:
    """What a progress callback is told after each record."""

    done: int
    total: int
    result: Result


ProgressCallback = Callable[[RunProgress], None]


def default_jobs() -> int:
    """Worker processes when none are asked for: the cores, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


def plan_jobs(requested: int | None, sources: Sequence[InputSource]) -> int:
    """Worker count for a run: as requested, else the cores, but 1 for small inputs."""
    if requested is not None and requested >= 1:
        return requested
    total = 0
    for s in sources:
        if s.path is not None:
            with contextlib.suppress(OSError):
                total += s.path.stat().st_size
        if total >= PARALLEL_MIN_BYTES:
            return default_jobs()
    return 1


class BatchRun:
    """One batch: iterate it for the records; the counts are filled in as it goes.

    Iterating twice is not possible (inputs are read once). SIGINT (Ctrl-C) or SIGTERM ends
    the iteration cleanly with ``interrupted`` set, worker processes stopped, and every
    record yielded so far complete, so a resumed run continues where this one stopped.
    """

    def __init__(
        self,
        sources: list[InputSource],
        settings: Settings,
        *,
        skipped: int = 0,
        on_progress: ProgressCallback | None = None,
        client: Any = None,
    ) -> None:
        self.settings = settings
        self.sources = sources
        self.total = len(sources)
        self.skipped = skipped
        self.jobs = plan_jobs(settings.jobs, sources)
        self.documents = 0
        self.failures = 0
        self.interrupted = False
        self._on_progress = on_progress
        self._client = client
        self._started = False

    def __iter__(self) -> Iterator[Result]:
        if self._started:
            raise RuntimeError("a BatchRun can be iterated only once")
        self._started = True
        with _sigterm_raises():
            try:
                yield from self._records()
            except (KeyboardInterrupt, Interrupted):
                self.interrupted = True

    def _execute(self) -> Iterator[Result]:
        """The records of every input, in order, from one of the executors: this process,
        a pool of worker processes (``workers.py``), or a Dask cluster (``distributed.py``).
        Each runs ``Extractor.run`` over partitions of the inputs, so what a document gives
        does not depend on where it ran."""
        if self._client is not None or self.settings.scheduler:
            from .distributed import run_on_cluster

            # Each worker loads the model and rules first; an invalid rules file stops the run.
            return run_on_cluster(iter(self.sources), self.settings, self.total, self._client)
        extractor = Extractor(self.settings)
        # Load the model and rules before the first document: a missing model or an invalid
        # rules file stops the run (exit 1), it is not a failure of each document.
        _ = extractor.pipeline
        if self.jobs <= 1:
            return extractor.run(self.sources)
        from .workers import run_parallel

        return run_parallel(iter(self.sources), extractor, self.jobs, self.total)

    def _records(self) -> Iterator[Result]:
        records = self._execute()
        try:
            for result in records:
                if isinstance(result, Document):
                    self.documents += 1
                else:
                    self.failures += 1
                if self._on_progress is not None:
                    done = self.documents + self.failures
                    self._on_progress(RunProgress(done, self.total, result))
                yield result
        finally:
            close = getattr(records, "close", None)
            if close is not None:  # stops the worker processes as soon as the run ends
                close()

    def stop(self) -> None:
        """Mark the run interrupted (the consumer was interrupted between two records)."""
        self.interrupted = True

    @property
    def processed(self) -> int:
        """Records yielded so far."""
        return self.documents + self.failures


def run(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    resume: str | Path | None = None,
    on_progress: ProgressCallback | None = None,
    client: Any = None,
) -> BatchRun:
    """A batch over files, folders, globs and ``-`` (stdin), with ``settings.jobs`` processes,
    or on a Dask cluster (``settings.scheduler``, or a ``client`` you connected yourself).

    Args:
        paths: what to read (folders are walked recursively, in sorted order).
        settings: how to read and process (default: ``Settings()``).
        resume: a JSONL results file from an earlier run: inputs already recorded in it (same
            source, same content) are skipped. Append the new records to it yourself, or let
            the CLI's ``--resume -o FILE`` do it.
        on_progress: called after each record with a ``RunProgress``.
        client: a ``distributed.Client``: run on its cluster (entext leaves it open).

    Returns:
        A ``BatchRun`` to iterate; it yields one ``Document`` or ``Failure`` per input.

    Raises:
        ModelNotFoundError: the model is not installed (checked before anything runs).
        OptionError: the resume file is not entext's JSONL.
        DaskMissingError: ``settings.scheduler`` is set and Dask is not installed.
    """
    chosen = (settings or Settings()).resolved()
    if chosen.scheduler and client is None:
        from .distributed import check_scheduler

        check_scheduler(chosen.scheduler)  # a bad address or no Dask: before anything is read
    found = iter_sources([str(p) for p in paths], chosen.suffixes)
    sources = list(expand_archives(found, chosen.archive))
    skipped = 0
    if resume is not None:
        plan = plan_resume(Path(resume), sources, rewrite=False)
        sources, skipped = plan.todo, plan.skipped
    return BatchRun(sources, chosen, skipped=skipped, on_progress=on_progress, client=client)


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into ``Interrupted`` while a run is going (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: Any = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupted(signum: int, frame: Any) -> None:
    raise Interrupted(signal.Signals(signum).name)
