"""The task runner (issue 17): long work runs off the window's thread, behind a progress
dialog, one task at a time, and every outcome comes back as a sentence on the window."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop import feedback
from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.z_report import ZReportPage
from desktop.tasks import FULL_GC_WHILE_BUSY, Task, TaskRunner, ThreadProgress
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.progress import Progress, check_cancel
from domain.services import reports as report_services
from domain.services import shifts
from domain.services.staff import login
from tests.gui.conftest import tasks_done


class Said:
    """What the window was told (its status bar) and what the page was told."""

    def __init__(self) -> None:
        self.notices: list[str] = []
        self.page: list[str] = []
        self.results: list[object] = []

    def notify(self, message: feedback.Message | str) -> None:
        self.notices.append(message.text if isinstance(message, feedback.Message) else message)


@pytest.fixture
def said() -> Said:
    return Said()


@pytest.fixture
def runner(qtbot: QtBot, said: Said) -> Iterator[TaskRunner]:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    made = TaskRunner(window, said.notify)
    yield made
    made.wait()


def task(said: Said, job, **options) -> Task[object]:  # type: ignore[no-untyped-def]
    return Task("Testing the runner", job, said.results.append, said.page.append, **options)


class _Poked(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = threading.Event()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            self.seen.set()
            return True
        return super().event(event)


def test_the_window_keeps_handling_events_while_a_job_runs(
        qtbot: QtBot, runner: TaskRunner, said: Said) -> None:
    release, worker = threading.Event(), []

    def job(progress: Progress) -> str:
        worker.append(threading.get_ident())
        release.wait()  # the job holds its thread until the test lets it go
        return "figures"

    assert runner.run(task(said, job))
    qtbot.waitUntil(lambda: bool(worker))
    assert runner.busy()
    poked = _Poked()
    QCoreApplication.postEvent(poked, QEvent(QEvent.Type.User))
    qtbot.waitUntil(poked.seen.is_set)  # handled while the job is still blocked
    assert runner.busy() and not said.results
    assert worker[0] != threading.get_ident()
    with qtbot.waitSignal(runner.finished):
        release.set()
    assert said.results == ["figures"] and not said.page and not runner.busy()


def test_progress_reaches_the_dialog(qtbot: QtBot, runner: TaskRunner, said: Said) -> None:
    runner.show_after_ms = 0
    release = threading.Event()

    def job(progress: Progress) -> int:
        for done in range(0, 2501, 500):
            progress.step(done, 5000, "Expiring points")
        release.wait()
        return 1

    runner.run(task(said, job))
    dialog = runner.dialog
    qtbot.waitUntil(lambda: dialog.bar.value() == 2500)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.bar.maximum() == 5000
    assert dialog.label.text() == "Expiring points: 2,500 of 5,000"
    assert dialog.title.text() == "Testing the runner"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert not dialog.cancel_button.isVisible()  # this task may not be stopped
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and runner.busy()  # Esc does not hide work that goes on
    with qtbot.waitSignal(runner.finished):
        release.set()
    assert not dialog.isVisible() and said.results == [1]


def test_cancel_reaches_the_job_between_batches(qtbot: QtBot, runner: TaskRunner,
                                               said: Said) -> None:
    runner.show_after_ms = 0
    batches: list[int] = []
    asked = threading.Event()

    def job(progress: Progress) -> int:
        for batch in range(1_000_000):
            check_cancel(progress)  # as a batched service does between its commits
            batches.append(batch)
            progress.step(batch, None, "Expiring points")
            asked.wait(0.001)
        return len(batches)

    runner.run(task(said, job, cancellable=True))
    dialog = runner.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and len(batches) > 3)
    assert dialog.cancel_button.isVisible()
    with qtbot.waitSignal(runner.finished):
        QTest.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert said.results == [] and len(batches) < 1_000_000
    (text,) = said.page
    assert text.startswith("Stopped. What was finished before the stop is kept")
    assert said.notices == [text]


def test_a_refusal_becomes_its_sentence(qtbot: QtBot, runner: TaskRunner, said: Said) -> None:
    def job(progress: Progress) -> None:
        raise DomainError("day.shift_open", cashiers="1001 王收银")

    with qtbot.waitSignal(runner.finished):
        runner.run(task(said, job))
    expected = feedback.describe(DomainError("day.shift_open", cashiers="1001 王收银")).text
    assert said.page == [expected] and said.notices == [expected]


def test_a_bug_becomes_a_support_code_never_a_traceback(
        qtbot: QtBot, runner: TaskRunner, said: Said, caplog: pytest.LogCaptureFixture) -> None:
    def job(progress: Progress) -> None:
        raise ZeroDivisionError("division by zero")

    with qtbot.waitSignal(runner.finished):
        runner.run(task(said, job))
    (text,) = said.page
    assert text.startswith("Something went wrong. Tell support the code ")
    assert "Traceback" not in text and "ZeroDivisionError" not in text
    code = text.rsplit(" ", 1)[-1].rstrip(".")
    logged = [r for r in caplog.records if r.name == "kaika.tasks"]
    assert logged and code in logged[0].getMessage() and logged[0].exc_info is not None


def test_two_tasks_never_overlap(qtbot: QtBot, runner: TaskRunner, said: Said) -> None:
    release, running = threading.Event(), threading.Event()
    order: list[str] = []

    def slow(progress: Progress) -> str:
        running.set()
        release.wait()
        order.append("close")
        return "close"

    def reading(day: str):  # type: ignore[no-untyped-def]
        def job(progress: Progress) -> str:
            order.append(day)
            return day
        return job

    assert runner.run(task(said, slow))  # the day close
    qtbot.waitUntil(running.is_set)
    assert not runner.run(task(said, reading("import")))  # another action: refused
    assert said.notices == ["Wait until “Testing the runner” has finished, then try again."]
    assert runner.run(task(said, reading("05-01"), key="manage_z"))  # page loads wait
    assert runner.run(task(said, reading("points"), key="manage_points"))
    for day in ("05-02", "05-03"):  # PgUp held: only the last date is read
        assert runner.run(task(said, reading(day), key="manage_z"))
    with qtbot.waitSignal(runner.finished):
        release.set()
    assert order == ["close", "points", "05-03"]
    assert said.results == ["close", "points", "05-03"]


def test_a_task_whose_page_was_deleted_leaves_it_alone(qtbot: QtBot, runner: TaskRunner,
                                                        said: Said) -> None:
    page = QWidget()
    release = threading.Event()
    runner.run(task(said, lambda progress: release.wait(), owner=page))
    page.deleteLater()
    qtbot.waitUntil(lambda: not _valid(page))  # logged out: the office and its pages went
    with qtbot.waitSignal(runner.finished):
        release.set()
    assert said.results == []


def _valid(obj: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def test_steps_from_a_busy_job_do_not_flood_the_window() -> None:
    woken: list[int] = []
    progress = ThreadProgress(lambda: woken.append(1))
    for done in range(100_000):
        progress.step(done, 100_000, "Importing members")
    assert woken == [1]  # one wake-up until the window took the latest step
    assert progress.take() == (99_999, 100_000, "Importing members")
    progress.step(100_000, 100_000, "Importing members")
    assert woken == [1, 1]


def test_a_job_reads_the_store_on_its_own_connection(qtbot: QtBot, runner: TaskRunner,
                                                    said: Said, store: App) -> None:
    """The job holds a read transaction open while the window's thread writes and commits:
    two threads, two pooled connections, no "SQLite objects created in a thread" error."""
    ctx = store.ctx
    inside, release = threading.Event(), threading.Event()

    def job(progress: Progress) -> tuple[int, int]:
        with ctx.reader() as uow:
            before = len(uow.shifts.all_open())
            inside.set()
            release.wait()
            during = len(uow.shifts.all_open())  # its own snapshot: the write is unseen
        return before, during

    runner.run(task(said, job))
    qtbot.waitUntil(inside.is_set)
    cashier = login(ctx, "1001", "1357").id
    shifts.open_shift(ctx, cashier, 10000)  # the window's thread writes meanwhile
    with qtbot.waitSignal(runner.finished):
        release.set()
    assert said.results == [(0, 0)], said.page
    assert report_services.z_report(ctx, ctx.today()).open_shifts == 1


def test_the_day_close_runs_behind_a_cancellable_dialog_and_lands_on_the_page(
        qtbot: QtBot, window: MainWindow, store: App, clock: FixedClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window._on_login("2001", "2468")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.office, timeout=3000)
    assert window.office is not None
    page = window.office.open("manage_z")
    assert isinstance(page, ZReportPage)
    tasks_done(qtbot, window)
    clock.advance(timedelta(hours=10))  # 20:00: the store is shutting
    day = store.ctx.today()
    window.tasks.show_after_ms = 0
    # Every notice shown, in order: the Z report printing on its own thread after the close
    # may say "Receipt printed." next, before or after this test looks (it flaked so once).
    notices: list[str] = []
    label = window.status.notice
    set_text = label.setText
    monkeypatch.setattr(label, "setText", lambda text: (notices.append(text), set_text(text)))
    assert page.close_day()
    dialog = window.tasks.dialog
    assert dialog.title.text() == "Closing the day"
    assert not dialog.cancel_button.isHidden()  # the close stops between its batches
    assert not window.tasks.run(Task("Another", lambda progress: None, print))
    tasks_done(qtbot, window)
    assert page.closed is not None and page.closed.business_date == day
    assert page.close_note.text().startswith(f"Day {page.closed.business_date.month}/")
    assert page.report is not None and page.report.closed_at == clock.now()
    assert not page.close_button.isEnabled() and not dialog.isVisible()
    assert "The day is closed." in notices


def test_full_garbage_collections_wait_while_a_task_runs(qtbot: QtBot, runner: TaskRunner,
                                                         said: Said) -> None:
    """A full pass walks every object holding the GIL: over a job's million records the
    window stopped for seconds (bench/gui_stall.py). Young passes go on."""
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    with qtbot.waitSignal(runner.finished):
        runner.run(task(said, lambda progress: seen.append(gc.get_threshold())))
    assert seen == [(before[0], before[1], max(before[2], FULL_GC_WHILE_BUSY))]
    assert gc.get_threshold() == before
