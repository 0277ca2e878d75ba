"""Worker processes: code chunks in parallel, results in input order.

Each worker is a fresh process (forkserver or spawn) that loads its own stanza
pipeline, with torch on one thread; Ctrl-C goes to the parent, which stops the workers.
A worker also watches its parent and exits within a second when the parent is gone
(``kill -9``, a crash), so no worker outlives the run.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from .engine import code_records
from .records import CodedRecords, Record, RecordOptions

__all__ = ["ordered_results", "process_alive"]

#: seconds between a worker's checks that its parent still runs
WATCH_INTERVAL = 0.5


def _start_time(pid: int) -> str | None:
    """The start time of a process on Linux (tells a reused pid apart), else None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[19].decode() if len(fields) > 19 and fields[0] not in (b"Z", b"X") else None


def process_alive(pid: int, started: str | None = None) -> bool:
    """True while process ``pid`` runs (a zombie, or another process under a reused pid, is gone).

    Examples
    --------
    >>> process_alive(os.getpid())
    True
    """
    if os.path.isdir("/proc/self"):
        now = _start_time(pid)
        return now is not None and (started is None or now == started)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process under a reused pid
        return True
    return True


def _watch_parent(pid: int, started: str | None) -> None:
    while process_alive(pid, started):
        time.sleep(WATCH_INTERVAL)
    os._exit(1)  # the parent is gone: nobody will read this worker's results


#: in a worker process: where to send how many records are done (the parent's progress bar)
_PROGRESS: Any = None


def _report(n: int) -> None:
    try:
        _PROGRESS.send(n)
    except (OSError, ValueError):  # the parent is gone or stopped listening
        pass


def _worker_init(parent: int | None = None, progress: Any = None) -> None:
    """Per worker process: torch with one thread (read when stanza imports it), Ctrl-C to the
    parent, a watchdog thread that ends the worker when the parent is gone, and where to
    report progress."""
    import signal

    global _PROGRESS
    _PROGRESS = progress
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent, _start_time(parent)), daemon=True,
                         name="eventcoder-parent-watch").start()


def _code_batch(batch: list[Record], options: RecordOptions) -> CodedRecords:
    """What a worker process runs: code one chunk (its stanza pipeline is built once, then kept)."""
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)
    return code_records(batch, options, progress=_report if _PROGRESS is not None else None)


def ordered_results(batches: Iterator[list[Record]], options: RecordOptions, workers: int,
                    progress: Callable[[int], Any] | None = None,
                    ) -> Iterator[tuple[list[Record], CodedRecords]]:
    """Code batches, in ``workers`` processes if > 1; results come in input order.

    ``progress`` is called with numbers of records as they are done (in the workers too:
    they report through a pipe that is read while the results are awaited).
    """
    if workers <= 1:
        for batch in batches:
            yield batch, code_records(batch, options, progress=progress)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    reader = writer = None
    if progress is not None:
        reader, writer = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_worker_init, initargs=(os.getpid(), writer))

    def result(future: Any) -> CodedRecords:
        while reader is not None and not future.done():
            if reader.poll(0.1):
                progress(reader.recv())
        coded = future.result()
        while reader is not None and reader.poll(0):
            progress(reader.recv())
        return coded

    pending: deque = deque()
    finished = False
    try:
        for batch in batches:
            pending.append((batch, pool.submit(_code_batch, batch, options)))
            while len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, result(future)
        while pending:
            done, future = pending.popleft()
            yield done, result(future)
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted or failed: stop the workers now, the ledger has what was committed
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in procs:
                proc.terminate()
        for conn in (reader, writer):
            if conn is not None:
                conn.close()
