"""The progress port's null object and the CLI's text progress."""

from __future__ import annotations

import io

import pytest

from desktop.cli_progress import TextProgress
from domain.progress import NO_PROGRESS, Cancelled, check_cancel


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_text_progress_writes_at_most_every_few_seconds_and_always_the_end() -> None:
    out, clock = io.StringIO(), _Clock()
    progress = TextProgress(out, every_s=5.0, clock=clock)
    for done in range(0, 1000):
        clock.now = done / 100  # ten seconds over the whole run
        progress.step(done, 1000, "expiry")
    progress.step(1000, 1000, "expiry")
    lines = out.getvalue().splitlines()
    assert lines[0] == "expiry: 0/1,000 (0%)"
    assert lines[-1] == "expiry: 1,000/1,000 (100%)"
    assert lines[1] == "expiry: 500/1,000 (50%)"  # at 5 s; 9.99 s is too soon again
    assert len(lines) == 3


def test_text_progress_without_a_total_counts() -> None:
    out = io.StringIO()
    TextProgress(out, clock=_Clock()).step(12345, None, "rows")
    assert out.getvalue() == "rows: 12,345\n"


def test_no_progress_never_cancels_and_check_cancel_raises_when_asked() -> None:
    check_cancel(NO_PROGRESS)

    class Stop:
        def step(self, done: int, total: int | None, label: str = "") -> None: ...
        def cancelled(self) -> bool:
            return True

    with pytest.raises(Cancelled):
        check_cancel(Stop())
