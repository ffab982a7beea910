"""Worker processes for batch runs: inputs spread over a process pool, records back in order.

Each worker builds the pipeline once (inherited from the parent by ``fork`` where the
platform has it), takes small slices of inputs and returns finished records, so reading,
decoding, NER and date resolution all run in parallel and the parent only writes output.
At most a few slices per worker are in flight, so memory stays flat however long the run.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .errors import InputError
from .extract import Extractor
from .inputs import InputSource, read_bytes
from .schema import Failure, Result

SLICE_DOCS = 64
MIN_SLICE_DOCS = 8
IN_FLIGHT_PER_WORKER = 3
PARENT_CHECK_SECONDS = 1.0

_WORKER: Extractor | None = None


def run_parallel(
    sources: Iterator[InputSource], extractor: Extractor, jobs: int, total: int | None = None
) -> Iterator[Result]:
    """Process inputs on ``jobs`` worker processes, yielding one record per input, in order."""
    _ = extractor.pipeline  # load once; forked workers inherit it
    slices = _slices(_with_stdin_read(sources, extractor), jobs, total)
    pool = _pool(extractor, jobs)
    pending: deque[tuple[list[InputSource], Future[list[Result]]]] = deque()
    finished = False
    try:
        for batch in itertools.islice(slices, jobs * IN_FLIGHT_PER_WORKER):
            pending.append((batch, pool.submit(_work, batch)))
        while pending:
            batch, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in native code). Start a new pool and
                # retry the unfinished slices one document at a time, so that only the
                # document that kills a worker is recorded as failed.
                close_pool(pool, abandon=True)
                retry = [batch] + [b for b, _ in pending]
                pending.clear()
                pool = _pool(extractor, jobs)
                for b in retry:
                    yield from _retry_singly(b, extractor)
                results = []
            yield from results
            nxt = next(slices, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_work, nxt)))
        finished = True
    finally:
        close_pool(pool, abandon=not finished)


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


def _pool(extractor: Extractor, jobs: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(extractor, os.getpid()),
    )


def _slices(
    sources: Iterator[InputSource], jobs: int, total: int | None
) -> Iterator[list[InputSource]]:
    """Slices of SLICE_DOCS inputs, smaller towards the end of a run of known length, so that
    no worker sits idle while another finishes a large last slice."""
    remaining = total
    while True:
        size = SLICE_DOCS
        if remaining is not None:
            size = max(MIN_SLICE_DOCS, min(SLICE_DOCS, remaining // (jobs * 2) or 1))
        batch = list(itertools.islice(sources, size))
        if not batch:
            return
        if remaining is not None:
            remaining -= len(batch)
        yield batch


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
