"""Worker processes: code chunks in parallel, results in input order.

Each worker is a fresh process (forkserver or spawn) that loads its own stanza
pipeline, with torch on one thread; Ctrl-C goes to the parent, which stops the workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator

from .engine import code_records
from .records import CodedRecords, Record, RecordOptions

__all__ = ["ordered_results"]


def _worker_init() -> None:
    """Per worker process: torch with one thread (read when stanza imports it), Ctrl-C to the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"


def _code_batch(batch: list[Record], options: RecordOptions) -> CodedRecords:
    """What a worker process runs: code one chunk (its stanza pipeline is built once, then kept)."""
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)
    return code_records(batch, options)


def ordered_results(batches: Iterator[list[Record]], options: RecordOptions, workers: int,
                     ) -> Iterator[tuple[list[Record], CodedRecords]]:
    """Code batches, in ``workers`` processes if > 1; results come in input order."""
    if workers <= 1:
        for batch in batches:
            yield batch, code_records(batch, options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_worker_init)
    pending: deque = deque()
    finished = False
    try:
        for batch in batches:
            pending.append((batch, pool.submit(_code_batch, batch, options)))
            while len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted or failed: stop the workers now, the ledger has what was committed
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in procs:
                proc.terminate()
