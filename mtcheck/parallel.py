"""Checking documents in worker processes, in input order, in flat memory.

Documents are read in the main process, grouped into chunks of about
``CHUNK_CHARS`` characters, and checked by a :class:`ProcessPoolExecutor` whose
workers each build one :class:`~mtcheck.api.Checker` from the (picklable) run
configuration. At most ``2 * jobs`` chunks are in flight, so memory stays flat
whatever the size of the feed, and results are yielded in input order, so output
is identical for any number of jobs.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Iterable, Iterator

from mtcheck.document import Document
from mtcheck.errors import InputError, MtcheckError
from mtcheck.findings import Finding

if TYPE_CHECKING:
    from mtcheck.api import Checker
    from mtcheck.config import RunConfig

CHUNK_CHARS = 256_000
CHUNK_DOCS = 2_000

_worker_checker: "Checker | None" = None


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _init_worker(config: "RunConfig") -> None:
    global _worker_checker
    import signal

    from mtcheck.api import Checker

    # Ctrl-C is the main process's to handle: it stops reading, writes what it has
    # and exits 130; a worker dying mid-chunk would only break the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the parent's SIGTERM handler, which turns the signal
    # into an exception a pool worker survives: a worker must die when terminated.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A forked worker inherits the parent's loaded checker (style data, lexicons):
    # loading them again would cost each worker a second or more.
    if _worker_checker is None or _worker_checker.config != config:
        _worker_checker = Checker(config)


def _check_chunk(docs: list[Document]) -> list[list[Finding]]:
    assert _worker_checker is not None, "worker not initialised"
    return _worker_checker.check_batch(docs)


Item = Document | InputError


def chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    """Consecutive items, a chunk closed at CHUNK_CHARS of document text or CHUNK_DOCS
    items: the unit of work of a worker process, and of a family that batches across
    documents (``--lm``: text enough that the model's length buckets fill)."""
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Document):
            size += len(item.text)
        if size >= CHUNK_CHARS or len(chunk) >= CHUNK_DOCS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def check_parallel(
    checker: "Checker",
    items: Iterable[Item],
    jobs: int,
) -> Iterator[tuple[Item, list[Finding]]]:
    """Per-document findings, in input order; input errors pass through with no findings.

    Input that fits in one chunk is checked in this process: starting workers costs
    more than a small file.
    """
    global _worker_checker
    # Never more workers than cores, nor than chunks of work: `-j 999` on a small feed
    # must not fork 999 processes. Reading `jobs` chunks ahead tells how many there are.
    jobs = max(1, min(jobs, default_jobs()))
    pieces = chunks(items)
    head = list(itertools.islice(pieces, jobs))
    if len(head) <= 1:
        chunk = head[0] if head else []
        found = iter(checker.check_batch([item for item in chunk if isinstance(item, Document)]))
        for item in chunk:
            yield (item, []) if isinstance(item, InputError) else (item, next(found))
        return
    jobs = min(jobs, len(head))
    pending: deque[tuple[list[Item], Future[list[list[Finding]]]]] = deque()
    _worker_checker = checker  # inherited by forked workers
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(checker.config,))
    try:
        for chunk in itertools.chain(head, pieces):
            docs = [item for item in chunk if isinstance(item, Document)]
            pending.append((chunk, pool.submit(_check_chunk, docs)))
            while len(pending) >= 2 * jobs:
                yield from _drain(pending.popleft())
        while pending:
            yield from _drain(pending.popleft())
    except BrokenProcessPool:
        _stop(pool)
        raise MtcheckError("a worker process stopped unexpectedly (killed, or out of memory?); "
                           "try fewer --jobs") from None
    except BaseException:
        # Ctrl-C, SIGTERM, an error, or the consumer closing this generator: stop now.
        # Waiting for the chunks in flight would keep workers busy for seconds or more.
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and terminate the workers at once."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    # shutdown() forgets the processes: take them first.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError, ValueError):  # pragma: no cover - already gone
            pass
    for process in processes:
        process.join(timeout=5)
    # Let the executor's manager thread see the workers gone and close its wakeup pipe
    # now: at interpreter exit, concurrent.futures (3.11) writes to that pipe and, when
    # the thread is closing it at the same moment, prints "Exception ignored ...
    # OSError: Bad file descriptor" after an interrupted run.
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=5)


def _drain(entry: tuple[list[Item], "Future[list[list[Finding]]]"]) -> Iterator[tuple[Item, list[Finding]]]:
    chunk, future = entry
    results = iter(future.result())
    for item in chunk:
        yield (item, []) if isinstance(item, InputError) else (item, next(results))
