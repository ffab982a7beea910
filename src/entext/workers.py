"""Worker processes for batch runs: inputs spread over a process pool, records back in order.

Each worker builds the pipeline once (inherited from the parent by ``fork`` where the
platform has it), takes small slices of inputs and returns finished records, so reading,
decoding, NER and date resolution all run in parallel and the parent only writes output.
At most a few slices per worker are in flight, so memory stays flat however long the run.

A long input (more than ``LONG_BYTES``) is read in the parent and cut into the same pieces a
single process cuts it into (``extract.pieces_of``); the pieces are recognised on whichever
workers are free, and the document-wide passes then run on one worker over all the spans, so
the record is the one a single process writes, and one long file keeps every core busy.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from .entities import RawSpan
from .errors import InputError
from .extract import CHUNK_CHARS, Extractor, Job, pieces_of
from .inputs import InputSource, read_bytes
from .schema import Failure, Result

SLICE_DOCS = 64
MIN_SLICE_DOCS = 8
IN_FLIGHT_PER_WORKER = 3
PARENT_CHECK_SECONDS = 1.0
# An input with more bytes than this is read in the parent and its pieces (extract.pieces_of)
# are recognised on all the workers, so that one long file uses every core.
LONG_BYTES = CHUNK_CHARS

_WORKER: Extractor | None = None


def run_parallel(
    sources: Iterator[InputSource], extractor: Extractor, jobs: int, total: int | None = None
) -> Iterator[Result]:
    """Process inputs on ``jobs`` worker processes, yielding one record per input, in order."""
    extractor.warm_up()  # load once; forked workers inherit the pipeline and tables
    units = _units(_with_stdin_read(sources, extractor), jobs, total)
    pool = _pool(extractor, jobs)
    pending: deque[_Task] = deque()
    window = jobs * IN_FLIGHT_PER_WORKER
    finished = False
    try:
        _refill(pending, window, units, pool, extractor)
        while pending:
            task = pending.popleft()
            try:
                results = task.results(pool)
                for waiting in pending:  # long documents whose pieces are all recognised
                    waiting.advance(pool)
                _refill(pending, window, units, pool, extractor)
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in native code). Start a new pool and
                # retry the unfinished inputs one document at a time, so that only the
                # document that kills a worker is recorded as failed.
                close_pool(pool, abandon=True)
                retry = [task, *pending]
                pending.clear()
                pool = _pool(extractor, jobs)
                results = [r for t in retry for r in _retry_singly(t.inputs, extractor)]
                _refill(pending, window, units, pool, extractor)
            yield from results
        finished = True
    finally:
        close_pool(pool, abandon=not finished)


@dataclass(frozen=True)
class _LongInput:
    """An input long enough to be cut into pieces recognised on several workers."""

    source: InputSource


class _Task:
    """Work in flight for some inputs; ``results`` waits for their records, in order."""

    inputs: list[InputSource]

    def advance(self, pool: ProcessPoolExecutor) -> None:
        """Start whatever can start now (without waiting)."""

    def results(self, pool: ProcessPoolExecutor) -> list[Result]:
        raise NotImplementedError


class _SliceTask(_Task):
    """A slice of inputs, read and processed whole by one worker."""

    def __init__(self, inputs: list[InputSource], future: Future[list[Result]]) -> None:
        self.inputs = inputs
        self.future = future

    def results(self, pool: ProcessPoolExecutor) -> list[Result]:
        return self.future.result()


class _DoneTask(_Task):
    def __init__(self, source: InputSource, record: Result) -> None:
        self.inputs = [source]
        self.record = record

    def results(self, pool: ProcessPoolExecutor) -> list[Result]:
        return [self.record]


class _LongTask(_Task):
    """A long document: read in the parent, its pieces recognised on any worker, then the
    document-wide passes (propagation, acronyms, dates, geocoding) on one worker over all of
    its spans, exactly as :meth:`Extractor.run` does for it in one process."""

    def __init__(
        self, source: InputSource, job: Job, parts: list[Future[list[list[RawSpan]]]]
    ) -> None:
        self.inputs = [source]
        self.job = job
        self.parts = parts
        self.done: Future[Result] | Result | None = None

    def advance(self, pool: ProcessPoolExecutor) -> None:
        if self.done is None and all(part.done() for part in self.parts):
            self._finish(pool)

    def _finish(self, pool: ProcessPoolExecutor) -> None:
        spans: list[RawSpan] = []
        try:
            for part in self.parts:
                for found in part.result():
                    spans.extend(found)
        except BrokenProcessPool:
            raise
        except Exception as exc:  # the NER failed on a piece: one failure record
            self.done = Failure.internal(self.job.source, exc, self.job.sha256)
            return
        self.done = pool.submit(_finish, self.job, spans)

    def results(self, pool: ProcessPoolExecutor) -> list[Result]:
        if self.done is None:
            self._finish(pool)
        done = self.done
        return [done.result() if isinstance(done, Future) else done]  # type: ignore[list-item]


def _refill(
    pending: deque[_Task],
    window: int,
    units: Iterator[list[InputSource] | _LongInput],
    pool: ProcessPoolExecutor,
    extractor: Extractor,
) -> None:
    """Start units until ``window`` are in flight (or none are left)."""
    while len(pending) < window and (unit := next(units, None)) is not None:
        pending.append(_start(unit, pool, extractor))


def _start(
    unit: list[InputSource] | _LongInput, pool: ProcessPoolExecutor, extractor: Extractor
) -> _Task:
    if isinstance(unit, list):
        return _SliceTask(unit, pool.submit(_work, unit))
    job = extractor.read(unit.source)
    if isinstance(job, Failure):
        return _DoneTask(unit.source, job)
    parts = [pool.submit(_recognise, [piece]) for piece in pieces_of(job.text)]
    return _LongTask(unit.source, job, parts)


def _with_stdin_read(sources: Iterator[InputSource], extractor: Extractor) -> Iterator[InputSource]:
    """Standard input can only be read in the parent: read it there and hand the bytes over."""
    for s in sources:
        if s.path is None and s.error is None and s.data is None:
            try:
                data = read_bytes(s, extractor.settings.max_bytes)
            except InputError as exc:
                yield InputSource(s.source, error=exc)
                continue
            except OSError as exc:
                yield InputSource(s.source, error=InputError("io", exc.strerror or str(exc)))
                continue
            yield InputSource(s.source, data=data)
        else:
            yield s


def _init_worker(extractor: Extractor | None, parent: int) -> None:
    # Ctrl-C is the parent's to handle: it stops the pool and writes a clean ending. A forked
    # worker also inherits the parent's SIGTERM handler, which would turn the parent's
    # ``terminate()`` into an exception inside whatever the worker was doing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    global _WORKER
    _WORKER = extractor


def _exit_with_parent(parent: int) -> None:
    """End this worker once the parent is gone (killed with -9, out of memory).

    A worker waits on a queue whose write end it holds itself, so it would never notice the
    parent's death and would stay in memory, model and all, until someone killed it.
    """
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _work(batch: list[InputSource]) -> list[Result]:
    assert _WORKER is not None
    return list(_WORKER.run(batch))


def _recognise(pieces: list[tuple[int, str]]) -> list[list[RawSpan]]:
    assert _WORKER is not None
    return _WORKER.recognise_pieces(pieces)


def _finish(job: Job, spans: list[RawSpan]) -> Result:
    assert _WORKER is not None
    return _WORKER.finish(job, spans)


def _pool(extractor: Extractor, jobs: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(extractor, os.getpid()),
    )


def _units(
    sources: Iterator[InputSource], jobs: int, total: int | None
) -> Iterator[list[InputSource] | _LongInput]:
    """Slices of SLICE_DOCS inputs, smaller towards the end of a run of known length, so that
    no worker sits idle while another finishes a large last slice; a long input is a unit of
    its own, between the slices before and after it."""
    remaining = total
    batch: list[InputSource] = []
    size = _slice_size(remaining, jobs)
    for source in sources:
        if remaining is not None:
            remaining -= 1
        if _is_long(source):
            if batch:
                yield batch
                batch = []
            yield _LongInput(source)
        else:
            batch.append(source)
            if len(batch) >= size:
                yield batch
                batch = []
        if not batch:
            size = _slice_size(remaining, jobs)
    if batch:
        yield batch


def _slice_size(remaining: int | None, jobs: int) -> int:
    if remaining is None:
        return SLICE_DOCS
    return max(MIN_SLICE_DOCS, min(SLICE_DOCS, remaining // (jobs * 2) or 1))


def _is_long(source: InputSource) -> bool:
    """More bytes than one piece holds characters (a text never has more characters than
    bytes, so anything shorter is one piece)."""
    if source.error is not None:
        return False
    if source.data is not None:
        return len(source.data) > LONG_BYTES
    if source.path is None:
        return False
    try:
        return source.path.stat().st_size > LONG_BYTES
    except OSError:
        return False  # the worker reads it and records why it cannot


def close_pool(pool: ProcessPoolExecutor, *, abandon: bool) -> None:
    """Shut a pool down and wait for its manager thread.

    Waiting matters even when nothing is left to do: on Python 3.11 the interpreter's exit
    hook wakes every pool manager thread that is still running, and if that thread is closing
    its wake-up pipe at the same moment, the hook writes to a closed pipe and prints an
    ``OSError`` traceback. A pool whose work was abandoned (an interrupt, a consumer that
    stopped reading) has its workers terminated first, so the wait is short instead of
    lasting until the slices in flight are done.
    """
    if abandon:
        terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
        if terminate is not None:
            terminate()
        else:  # before 3.14 the only way is the executor's own process table
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _retry_singly(batch: list[InputSource], extractor: Extractor) -> Iterator[Result]:
    for item in batch:
        pool = _pool(extractor, 1)
        finished = False
        try:
            results: list[Result] = pool.submit(_work, [item]).result()
            finished = True
        except BrokenProcessPool:
            results = [
                Failure(
                    item.source,
                    "worker_crashed",
                    "processing this input crashed a worker process twice; it was skipped",
                )
            ]
            finished = True
        finally:
            close_pool(pool, abandon=not finished)
        yield from results
