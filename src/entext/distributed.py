"""Batches on a Dask cluster: ``--scheduler tcp://HOST:PORT`` (a running ``dask scheduler``) or
``local:N`` (a ``LocalCluster`` of N single-threaded worker processes on this machine).

The batch is cut into partitions of inputs; each partition is one Dask task that runs the
same ``Extractor.run`` as a local run, on a worker, and returns its finished records. The
records come back in input order, so every output (JSONL, JSON, CSV, summary) is the one a
local run writes. A worker loads the pipeline once (``get_pipeline`` is cached per process)
and keeps it for every partition it is given. Workers read the inputs themselves, by absolute
path: on a real cluster the files must be on storage every worker sees at the same path
(standard input is read here and sent along).

Dask is imported in this module only, and only when a cluster is asked for
(``pip install "entext[dask]"``).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import warnings
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from . import __version__
from .errors import EntextError, UsageError
from .extract import Extractor
from .inputs import InputSource
from .schema import Failure, Result
from .settings import Settings
from .workers import _slice_size, _with_stdin_read

INSTALL_HINT = 'pip install "entext[dask]"'
CONNECT_SECONDS = 5  # how long an unreachable scheduler may keep a run waiting
WORKERS_SECONDS = 30  # how long a scheduler without workers may
# Partitions in flight per worker process: one running, the next ones queued on the worker, so
# it never waits for the client between two partitions, and memory stays flat.
IN_FLIGHT_PER_WORKER = 3
PROTOCOLS = ("tcp", "tls", "ucx", "ws", "wss", "inproc")

# One partition at a time per worker process: the pipeline (and its vocabulary zones) is not
# shared between threads, so a worker started with several threads still runs one at a time.
_PARTITION_LOCK = threading.Lock()


class SchedulerError(EntextError):
    """The cluster cannot be used: scheduler unreachable, no workers, workers without entext."""


class DaskMissingError(EntextError):
    """``--scheduler`` was given but Dask is not installed."""


def parse_scheduler(address: str) -> tuple[str, int | None]:
    """``("local", N)`` for ``local:N``, else ``(address, None)`` for a scheduler to connect to.

    Raises:
        UsageError: for an address that is neither.
    """
    value = address.strip()
    if value == "local" or value.startswith("local:"):
        count = value.partition(":")[2] or "2"
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--scheduler {address!r}: write local:N with N worker processes")
        return "local", int(count)
    protocol, sep, rest = value.rpartition("://")
    if (sep and protocol not in PROTOCOLS) or not rest or ":" not in rest:
        raise UsageError(
            f"--scheduler {address!r} is not a scheduler address; write tcp://HOST:PORT "
            "(dask scheduler prints it) or local:N"
        )
    return value, None


def check_scheduler(address: str) -> None:
    """Check an address's form and that Dask is installed, before a run starts.

    Raises:
        UsageError: a malformed address.
        DaskMissingError: Dask is not installed.
    """
    parse_scheduler(address)
    _import_distributed()


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise DaskMissingError(
            f"--scheduler needs Dask, which is not installed; install it with {INSTALL_HINT}"
        ) from None
    return distributed


@contextlib.contextmanager
def connect(address: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``--scheduler ADDRESS``, closed (with its cluster) at the end.

    ``local:N`` starts a ``LocalCluster`` on the loopback interface, without a dashboard.

    Raises:
        SchedulerError: when the scheduler does not answer within ``CONNECT_SECONDS``.
    """
    distributed = _import_distributed()
    target, workers = parse_scheduler(address)
    if workers is not None:
        with warnings.catch_warnings():
            # Its HTTP server moves off a port another cluster holds: nothing to tell the user.
            warnings.filterwarnings(
                "ignore", message="Port .* is already in use", category=UserWarning
            )
            cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(target, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {target} within {CONNECT_SECONDS} s ({exc}); "
            "check the address that `dask scheduler` printed, and that its port is open"
        ) from None
    try:
        yield client
    finally:
        client.close()


def run_on_cluster(
    sources: Iterator[InputSource], settings: Settings, total: int | None, client: Any = None
) -> Iterator[Result]:
    """Process inputs on a Dask cluster, one record per input, in input order.

    Uses ``client`` when given (and leaves it open), else connects to ``settings.scheduler``.
    """
    if client is not None:
        yield from _run(client, sources, settings, total)
        return
    assert settings.scheduler is not None
    with connect(settings.scheduler) as own:
        yield from _run(own, sources, settings, total)


def _run(
    client: Any, sources: Iterator[InputSource], settings: Settings, total: int | None
) -> Iterator[Result]:
    workers = _prepare_workers(client, settings)
    remote = client.scatter(settings, broadcast=True, hash=False)
    inputs = _absolute(_with_stdin_read(sources, Extractor(settings)))
    partitions = _partitions(inputs, len(workers), total)
    pending: deque[tuple[list[InputSource], Any]] = deque()

    def submit(batch: list[InputSource]) -> None:
        pending.append((batch, client.submit(work_partition, remote, batch, pure=False)))

    try:
        for batch in itertools.islice(partitions, len(workers) * IN_FLIGHT_PER_WORKER):
            submit(batch)
        while pending:
            batch, future = pending.popleft()
            try:
                results: list[Result] = future.result()
            except Exception as exc:
                _check_connected(client, exc)
                results = list(_retry_singly(client, remote, batch))
            yield from results
            nxt = next(partitions, None)
            if nxt is not None:
                submit(nxt)
    finally:
        if pending:
            with contextlib.suppress(Exception):
                client.cancel([f for _, f in pending])


def _partitions(
    sources: Iterator[InputSource], workers: int, total: int | None
) -> Iterator[list[InputSource]]:
    """Partitions of inputs, the sizes of the local worker pool's slices (smaller towards the
    end of a run of known length, so that no worker waits for another's last one)."""
    remaining = total
    while batch := list(itertools.islice(sources, _slice_size(remaining, workers))):
        if remaining is not None:
            remaining -= len(batch)
        yield batch


def _prepare_workers(client: Any, settings: Settings) -> list[str]:
    """Wait for workers, check each runs this entext, and load the pipeline on each."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except TimeoutError:
        raise SchedulerError(
            f"the Dask scheduler at {client.scheduler.address} has no workers after "
            f"{WORKERS_SECONDS} s; start them with `dask worker {client.scheduler.address}`"
        ) from None
    workers = sorted(client.scheduler_info()["workers"])
    warm = [
        client.submit(load_pipeline, settings, workers=[w], allow_other_workers=False, pure=False)
        for w in workers
    ]
    for worker, future in zip(workers, warm, strict=True):
        try:
            version = future.result()
        except EntextError:
            raise  # no model, an invalid rules file: the same error as a local run
        except Exception as exc:
            raise SchedulerError(
                f"worker {worker} cannot run entext ({type(exc).__name__}: {exc}); install "
                f"entext {__version__} and its model on every worker ({INSTALL_HINT})"
            ) from None
        if version != __version__:
            raise SchedulerError(
                f"worker {worker} runs entext {version}, this is entext {__version__}; "
                "install the same version on every worker"
            )
    return workers


def _absolute(sources: Iterator[InputSource]) -> Iterator[InputSource]:
    """Paths as the workers must open them; the sources (what records show) stay as given."""
    for s in sources:
        yield s if s.path is None else replace(s, path=s.path.absolute())


def _check_connected(client: Any, exc: Exception) -> None:
    if client.status not in ("running", "connecting"):
        raise SchedulerError(
            f"lost the Dask scheduler ({type(exc).__name__}: {exc}); "
            "the records written so far are complete: re-run with --resume to continue"
        ) from None


def _retry_singly(client: Any, remote: Any, batch: list[InputSource]) -> Iterator[Result]:
    """A partition whose task failed (its worker died, more than once): each input alone, so
    that only an input that kills workers is recorded as failed."""
    futures = [client.submit(work_partition, remote, [item], pure=False) for item in batch]
    for item, future in zip(batch, futures, strict=True):
        try:
            yield from future.result()
        except Exception as exc:
            _check_connected(client, exc)
            yield Failure(
                item.source,
                "worker_crashed",
                f"processing this input failed on the cluster ({type(exc).__name__}: {exc}); "
                "it was skipped",
            )


def load_pipeline(settings: Settings) -> str:
    """On a worker: load (and cache) the pipeline before the first partition; entext's version."""
    with _PARTITION_LOCK:
        _ = Extractor(settings).pipeline
    return __version__


def work_partition(settings: Settings, batch: list[InputSource]) -> list[Result]:
    """On a worker: the records for one partition (the pipeline is cached per process)."""
    with _PARTITION_LOCK:
        return list(Extractor(settings).run(batch))
