"""Where a long job's CPU work runs (domain/workers.py): here when no worker can be had."""

from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import Any

import pytest

from domain.workers import Inline, Workers


class NoProcess(Executor):
    """What a till that cannot start a process gives: every submit fails (as
    ProcessPoolExecutor's does when the spawn itself fails)."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        raise OSError("no process can be started here")


def test_inline_runs_each_call_at_once_and_keeps_its_error_for_the_result() -> None:
    done: list[int] = []
    future = Inline().submit(done.append, 1)
    assert done == [1] and future.result() is None
    failed = Inline().submit(int, "x")
    with pytest.raises(ValueError):
        failed.result()


def test_a_small_job_or_no_executor_runs_here() -> None:
    assert not Workers(None, worth_it=True).beside
    assert not Workers(NoProcess, worth_it=False).beside
    assert Workers(NoProcess, worth_it=True).beside


def no_pool() -> Executor:
    """What making a process pool raises where the system has no semaphores for it."""
    raise OSError(38, "Function not implemented")


def test_no_pool_at_all_leaves_the_work_to_this_process() -> None:
    workers = Workers(no_pool, worth_it=True)
    assert not workers.beside and workers.submit(sum, [2, 3])() == 5


def test_a_worker_that_cannot_start_leaves_the_work_to_this_process() -> None:
    workers = Workers(NoProcess, worth_it=True)
    result = workers.submit(sum, [1, 2, 3])
    assert result() == 6
    assert not workers.beside  # the next calls do not try again
    assert workers.submit(max, 4, 5)() == 5
    workers.close()
