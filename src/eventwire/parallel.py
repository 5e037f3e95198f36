"""Extraction on every core or every machine, with one writer: batches of articles in, their records out, in order.

``ingest`` reads its inputs as a stream, cuts the articles into batches (:func:`batched`) and hands them to an
extractor; it writes the records that come back, in input order, through one :class:`~eventwire.store.Store`. An
extractor is one of:

* :class:`LocalExtractor`: this process's :class:`~eventwire.pipeline.Pipeline` (the default, ``--workers 1``);
* :class:`ProcessExtractor`: ``--workers N`` processes, each loading spaCy and the gazetteer once
  (:func:`_init_worker`), started with ``spawn`` (a forked copy of a process that runs Rich's refresh thread and
  holds an SQLite connection is not safe);
* :class:`DaskExtractor`: Dask workers (``--dask tcp://HOST:8786`` or ``--dask local:N``), each loading the
  pipeline once per worker process on its first batch (:func:`extract_batch`).

Whatever the extractor, a record depends only on its article and the options, so the records equal those of a
single-process run; only the writer touches the database (SQLite allows one writer at a time anyway, and one
writer keeps ingest order deterministic). At most ``2 x workers`` batches are in flight, so memory stays bounded
however long the input.

Example:
    >>> from eventwire.pipeline import Options
    >>> with make_extractor(Options(), workers=2) as extractor:  # doctest: +SKIP
    ...     for articles, records in extractor.run(batched(read_paths(["examples/"]), 16)):
    ...         ...
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from eventwire.errors import EventwireError, msg
from eventwire.ingest.readers import Article
from eventwire.pipeline import Options, Pipeline

Batch = list[Article]


def batched(articles: Iterable[Article], size: int) -> Iterator[Batch]:
    """Cut a stream of articles into lists of ``size`` (the last may be shorter).

    Example:
        >>> [len(b) for b in batched([Article(id=str(i), text="x") for i in range(5)], 2)]
        [2, 2, 1]
    """
    batch: Batch = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Closing:
    """``with extractor:`` closes it (its processes or its Dask client) however the block ends."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release (an extractor with processes or a client overrides this)."""


class LocalExtractor(_Closing):
    """Extraction in this process, through one :class:`Pipeline`.

    Example:
        >>> # LocalExtractor(Pipeline()).run([[Article(id="a", text="Police arrested 5 men.")]])
    """

    workers = 1

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[dict]]]:
        for batch in batches:
            yield batch, list(self.pipeline.process(batch))


# ------------------------------------------------------------------------------------ worker processes

_WORKER_PIPELINE: Pipeline | None = None
_WORKER_OPTIONS: Options | None = None


def _init_worker(options: Options) -> None:
    """Load the pipeline once in a worker process (spaCy and the gazetteer: about 300 MB, two seconds)."""
    global _WORKER_PIPELINE, _WORKER_OPTIONS
    _WORKER_PIPELINE = Pipeline(options)
    _WORKER_OPTIONS = options


def _init_process_worker(options: Options) -> None:
    """A ``--workers`` process: exit when the ingest that started it is gone (killed with SIGKILL, it cannot say
    so; its workers would otherwise sit waiting for batches forever), then load the pipeline."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:  # re-parented: the ingest process died
                os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()
    _init_worker(options)


def extract_batch(articles: Batch, options: Options) -> list[dict]:
    """The records of one batch, through this process's pipeline (loaded on first use, kept for the next batch).

    This is the task a Dask worker runs: a worker process loads the model once, however many batches it gets.

    Example:
        >>> extract_batch([Article(id="a", text="Police arrested 5 men in Kano.")], Options())  # doctest: +SKIP
    """
    global _WORKER_PIPELINE, _WORKER_OPTIONS
    if _WORKER_PIPELINE is None or _WORKER_OPTIONS != options:
        _init_worker(options)
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.process(articles))


def _ordered(
    batches: Iterable[Batch], submit: Callable[[Batch], Any], result: Callable[[Any], list[dict]], in_flight: int
) -> Iterator[tuple[Batch, list[dict]]]:
    """Submit batches, keeping at most ``in_flight`` running, and yield their results in submission order."""
    pending: collections.deque[tuple[Batch, Any]] = collections.deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            done, future = pending.popleft()
            yield done, result(future)
    while pending:
        done, future = pending.popleft()
        yield done, result(future)


class ProcessExtractor(_Closing):
    """Extraction in ``workers`` processes of this machine, each with its own pipeline; records come back in order.

    Example:
        >>> with ProcessExtractor(Options(), workers=2) as ex:  # doctest: +SKIP
        ...     records = [r for _, rs in ex.run([[Article(id="a", text="Police arrested 5 men.")]]) for r in rs]
    """

    def __init__(self, options: Options, workers: int) -> None:
        self.workers = workers
        self.options = options
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_process_worker,
            initargs=(options,),
        )

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[dict]]]:
        def submit(batch: Batch) -> Future:
            return self._pool.submit(extract_batch, batch, self.options)

        def result(future: Future) -> list[dict]:
            try:
                return future.result()
            except BrokenProcessPool as e:  # a worker was killed (out of memory, a signal): say so in one line
                raise EventwireError(msg("EW235")) from e

        yield from _ordered(batches, submit, result, 2 * self.workers)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExtractor(_Closing):
    """Extraction on Dask workers: an existing cluster (``tcp://HOST:8786``) or a local one (``local:N``).

    Each worker process loads the pipeline on its first batch and keeps it (:func:`extract_batch`); batches are
    submitted with at most ``2 x workers`` in flight and their records gathered in order, for the one writer.
    Dask runs tasks in worker threads, where the per-article time budget (a ``SIGALRM`` timer) does not apply.

    Example:
        >>> with DaskExtractor(Options(), "local:2") as ex:  # doctest: +SKIP
        ...     print(ex.workers)
        2
    """

    def __init__(self, options: Options, address: str) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:
            raise EventwireError(msg("EW231", error=e.name)) from e
        self.options = options
        self._cluster = None
        if address.startswith("local:"):
            n = _count(address.removeprefix("local:"), address)
            # a local cluster's start and stop are not the user's business: keep its INFO/WARNING lines quiet
            logging.getLogger("distributed").setLevel(logging.ERROR)
            # one thread per worker: spaCy's parse holds the GIL, so threads would not add speed, only memory
            self._cluster = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
            )
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(address, timeout="20s")
            except OSError as e:
                raise EventwireError(msg("EW232", address=address, error=str(e)[:200])) from e
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        # the pipeline travels to the workers once, as a scattered value, not with every task
        self._options = self._client.scatter(options, broadcast=True)

    def warm(self) -> None:
        """Load the pipeline in every worker process now (as the first batches would), e.g. before timing.

        Example:
            >>> # with DaskExtractor(Options(), "local:2") as ex: ex.warm()
        """
        self._client.run(_init_worker, self.options)

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[dict]]]:
        def submit(batch: Batch) -> Any:
            return self._client.submit(extract_batch, batch, self._options, pure=False)

        yield from _ordered(batches, submit, lambda f: f.result(), 2 * self.workers)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _count(text: str, address: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise EventwireError(msg("EW230", address=address))
    return int(text)


def make_extractor(
    options: Options,
    *,
    workers: int = 1,
    dask: str | None = None,
    local: Callable[[], Pipeline] | None = None,
) -> LocalExtractor | ProcessExtractor | DaskExtractor:
    """The extractor for ``--workers`` and ``--dask``: Dask when an address is given, else worker processes when
    ``workers > 1``, else this process (``local()`` makes its pipeline; by default ``Pipeline(options)``).

    Example:
        >>> # with make_extractor(Options(), workers=os.cpu_count()) as ex: ...
    """
    if dask:
        return DaskExtractor(options, dask)
    if workers > 1:
        return ProcessExtractor(options, workers)
    return LocalExtractor(local() if local else Pipeline(options))


def cpu_count() -> int:
    """The cores this process may run on (the affinity mask, not the machine's total).

    Example:
        >>> cpu_count() >= 1
        True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
