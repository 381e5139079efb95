"""Where a long job's CPU work runs: the store's worker process when it wired one, otherwise
here; a worker that cannot start or dies leaves its work to this process."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, Future
from typing import Any, TypeVar

T = TypeVar("T")


class Inline(Executor):
    """An executor that runs each call in the caller's thread as it is submitted."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed to the caller by result(), as a pool does
            future.set_exception(error)
        return future


class Workers:
    """Calls run beside this process when the store gave an executor and the job is big
    enough to pay for starting a process (about half a second), else in this process."""

    def __init__(self, factory: Callable[[], Executor] | None, worth_it: bool) -> None:
        self._executor: Executor = Inline()
        if factory is not None and worth_it:
            # No pipes or semaphores for a pool here (a PC without /dev/shm): work here.
            with contextlib.suppress(OSError):
                self._executor = factory()

    @property
    def beside(self) -> bool:
        """True while calls run in another process (so it pays to hand it work ahead)."""
        return not isinstance(self._executor, Inline)

    def submit(self, fn: Callable[..., T], *args: Any) -> Callable[[], T]:
        """Start `fn(*args)`; the returned call waits for and gives its result."""
        try:
            future = self._executor.submit(fn, *args)
        except (BrokenExecutor, OSError):  # no process could be started: work here
            self._executor = Inline()
            future = self._executor.submit(fn, *args)

        def result() -> T:
            try:
                return future.result()
            except BrokenExecutor:  # the worker died (killed, out of memory): redo it here
                return fn(*args)
        return result

    def warm(self) -> None:
        """Start the worker now (a process takes about half a second to start and load
        what it needs), so it is ready when the first call comes."""
        if self.beside:
            self.submit(_nothing)

    def close(self) -> None:
        """Stop the workers; calls not started are dropped (a cancelled or failed job)."""
        self._executor.shutdown(wait=True, cancel_futures=True)


def _nothing() -> None:
    """Run by `Workers.warm` in a worker: its start-up (the pool's initializer) is the work."""
