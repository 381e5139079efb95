"""The store's worker process for long jobs' CPU work (an import's batch building), wired into
the services by bootstrap."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Executor

WORKER_NICENESS = 5  # lower priority than the till's own process, which writes and draws


def process_workers() -> Executor:
    """One worker process, started by spawn (as on Windows, and so no thread or lock of
    this process is copied into it). One is enough: the store's writes are the other half
    of the work and stay in this process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_ready)


def _ready() -> None:
    """In the worker: Ctrl+C is for the job's own process to handle (it stops between two
    batches and keeps what is committed); the worker yields the CPU to the till's window
    (on a two-core till it would otherwise take a core from the cashier's screen while the
    import's own process takes the other); the pinyin dictionaries load while the first
    rows are still being checked, with the modules that build an import's batches (the first
    batch waited 0.9 s for them)."""
    import os
    import signal

    import db.repos_imports  # noqa: F401  (unpickles the store's ImportPreparer)
    import domain.services.import_batches  # noqa: F401
    from db.pinyin import char_initials

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # POSIX; Windows keeps the normal priority
        os.nice(WORKER_NICENESS)
    char_initials("单")
