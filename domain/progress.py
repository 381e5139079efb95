"""How long work says how far it has got, and hears that the person asked it to stop."""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The person asked long work to stop at a point where stopping loses nothing."""


class Progress(Protocol):
    """What a service doing long work (day close, expiry, import, verify) reports to: the
    till's task runner puts it on screen, the CLI on stderr, a test records it."""

    def step(self, done: int, total: int | None, label: str = "") -> None:
        """`done` of `total` units (None when the total is not known yet) under `label`."""

    def cancelled(self) -> bool:
        """True once the person asked to stop; work checks it between batches only."""


class NoProgress:
    """For callers that do not watch: says nothing, never cancels."""

    def step(self, done: int, total: int | None, label: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return False


NO_PROGRESS: Progress = NoProgress()


def check_cancel(progress: Progress) -> None:
    """Raise Cancelled between two batches when the person asked to stop."""
    if progress.cancelled():
        raise Cancelled()
