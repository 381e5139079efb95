"""The task runner: long work (day close, reports, analysis, import, verify) runs on a worker
thread while the till's window stays live behind a progress dialog.

One runner per window. A task is a job `job(progress) -> result` run on the runner's own
thread pool, and callbacks the window's thread runs afterwards: `done(result)`, or
`failed(sentence)` for a refusal, a stop or a bug (never a traceback). Two tasks of one window
never overlap: a page load (a task with a `key`) waits for the running task, in place of an
older waiting load of the same page (PgDn held down reads the last date only); any other task
asked for meanwhile is refused with a notice.

Store access from the job: every `ctx.uow()` / `ctx.reader()` is a new session that checks a
connection of its own out of the engine's pool (SQLAlchemy's QueuePool, opened with
check_same_thread=False in db/engine.py), so a job never shares a connection or a session
with the window's thread. A job must therefore open its own units of work and never use a
session, a unit of work or a row cursor made on the window's thread; its result is plain
records, handed over once it is finished. What the context shares between threads was
already shared with the sync loop's thread: the HLC, the id source and the proof book lock
themselves, and the field cipher and the sealer cache a key that is the same whichever thread
reads it first.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop import crash, feedback
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.task_dialog import TaskDialog
from domain.errors import DomainError
from domain.progress import Cancelled, Progress

log = logging.getLogger("kaika.tasks")
T = TypeVar("T")
CONTEXT = "tasks"
SHOW_AFTER_MS = 400  # a page that reads in a blink does not flash a dialog
# While a job builds a million records, each full pass of the cyclic garbage collector walks
# all of them holding the GIL: the window stopped for 1–2.6 s at a time (bench/gui_stall.py).
# Young passes still run meanwhile; the full ones wait until the task has ended.
FULL_GC_WHILE_BUSY = 10_000
Notify = Callable[[feedback.Message | str], None]


@dataclass
class Task(Generic[T]):
    """What to run, what to say while it runs, and what the window does with the outcome."""

    title: str  # translated; the dialog's first line ("Closing the day")
    job: Callable[[Progress], T]  # runs on the worker thread, with its own units of work
    done: Callable[[T], None]  # on the window's thread, with the job's result
    failed: Callable[[str], None] | None = None  # the sentence, where the page shows it
    cancellable: bool = False  # a Cancel button: the service stops between batches
    key: str = ""  # a page load: waits its turn; a newer one of the same key replaces it
    owner: QObject | None = None  # callbacks are dropped once it is deleted (a logout)


class ThreadProgress:
    """The Progress a job reports to, safe from any thread: the latest step is kept and the
    window is woken once per batch of steps, so a million steps never flood its queue."""

    def __init__(self, wake: Callable[[], None]) -> None:
        self._wake = wake
        self._lock = threading.Lock()
        self._latest: tuple[int, int | None, str] | None = None
        self._posted = False
        self._stop = threading.Event()

    def step(self, done: int, total: int | None, label: str = "") -> None:
        with self._lock:
            self._latest = (done, total, label)
            if self._posted:
                return
            self._posted = True
        self._wake()

    def take(self) -> tuple[int, int | None, str] | None:
        """The latest step (the window's thread, when woken)."""
        with self._lock:
            self._posted = False
            return self._latest

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


class _Relay(QObject):
    """Lives on the window's thread: signals emitted by the worker are queued to it."""

    stepped = Signal()
    succeeded = Signal(object)
    refused = Signal(object)  # the Message to show


class _Work(QRunnable):
    def __init__(self, job: Callable[[Progress], Any], progress: ThreadProgress,
                 relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it until the window has the outcome
        self.job, self.progress, self.relay = job, progress, relay

    def run(self) -> None:
        try:
            result = self.job(self.progress)
        except BaseException as err:  # every outcome reaches the window as a sentence
            self.relay.refused.emit(outcome_message(err))
            return
        self.relay.succeeded.emit(result)


def outcome_message(err: BaseException) -> feedback.Message:
    """A failed job as the window says it: a refusal's own sentence, a stop, or a bug logged
    in full under a support code."""
    if isinstance(err, DomainError):
        return feedback.describe(err)
    if isinstance(err, Cancelled):
        return feedback.Message("task.cancelled", _tr(QT_TRANSLATE_NOOP(
            "tasks", "Stopped. What was finished before the stop is kept; running it again "
                     "carries on from there.")), feedback.Severity.REFUSAL)
    code = crash.support_code()
    log.error("task failed, support code %s", code, exc_info=err)
    return feedback.describe(DomainError("till.unexpected", support=code))


class TaskRunner(QObject):
    """Runs one task at a time for a window, with its progress dialog.

    Signals:
        finished(): a task's callbacks have run (tests wait for it; so can a page).
    """

    finished = Signal()

    def __init__(self, window: QWidget, notify: Notify) -> None:
        super().__init__(window)
        self.window, self.notify = window, notify
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.show_after_ms = SHOW_AFTER_MS
        self.dialog = TaskDialog(window)
        self.dialog.cancel_requested.connect(self.cancel)
        self._relay = _Relay(self)
        self._relay.stepped.connect(self._stepped)
        self._relay.succeeded.connect(self._succeeded)
        self._relay.refused.connect(self._refused)
        self._current: Task[Any] | None = None
        self._gc = gc.get_threshold()  # restored when a task ends
        self._work: _Work | None = None
        self._progress: ThreadProgress | None = None
        self._focus: QWidget | None = None  # what had the keyboard when the dialog showed
        self._waiting: dict[str, Task[Any]] = {}  # page loads, by key, in order asked
        self._shown = QTimer(self)
        self._shown.setSingleShot(True)
        self._shown.timeout.connect(self._show_dialog)

    def busy(self) -> bool:
        return self._current is not None

    def run(self, task: Task[Any]) -> bool:
        """Start `task`, or keep a page load until the running task ends; False, with a
        notice, for any other task while one is running."""
        current = self._current
        if current is None:
            self._start(task)
            return True
        if task.key:
            self._waiting.pop(task.key, None)  # an older load of that page is out of date
            self._waiting[task.key] = task
            return True
        self.notify(_tr(QT_TRANSLATE_NOOP(
            "tasks", "Wait until “{task}” has finished, then try again.")).format(
            task=current.title))
        return False

    def cancel(self) -> None:
        """The person asked to stop: the job hears it between two batches."""
        if self._progress is not None and self._current is not None \
                and self._current.cancellable:
            self._progress.cancel()
            self.dialog.stopping()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (closing the window); True when it is."""
        if self._progress is not None:
            self._progress.cancel()
        return bool(self.pool.waitForDone(msecs))

    def _start(self, task: Task[Any]) -> None:
        self._current = task
        self._gc = gc.get_threshold()
        gc.set_threshold(self._gc[0], self._gc[1], max(self._gc[2], FULL_GC_WHILE_BUSY))
        self._progress = ThreadProgress(self._relay.stepped.emit)
        self._work = _Work(task.job, self._progress, self._relay)
        self.dialog.begin(task.title, task.cancellable)
        self._shown.start(self.show_after_ms)
        self.pool.start(self._work)

    def _show_dialog(self) -> None:
        if self._current is not None:
            self._focus = QApplication.focusWidget()  # given back when the dialog goes
            self.dialog.open()

    def _stepped(self) -> None:
        if self._progress is not None and (latest := self._progress.take()) is not None:
            done, total, label = latest
            self.dialog.step(done, total, QCoreApplication.translate("progress", label))

    def _succeeded(self, result: object) -> None:
        task = self._end()
        if task is not None and _alive(task):
            task.done(result)
        self._next()

    def _refused(self, message: feedback.Message) -> None:
        task = self._end()
        self.notify(message)
        if task is not None and task.failed is not None and _alive(task):
            task.failed(message.text)
        self._next()

    def _end(self) -> Task[Any] | None:
        task, self._current, self._work, self._progress = self._current, None, None, None
        gc.set_threshold(*self._gc)
        self._shown.stop()
        shown = self.dialog.isVisible()
        self.dialog.end()
        focus, self._focus = self._focus, None
        # The dialog took the keyboard: the F-keys of the page under it must work again
        # without a click (a long close or import showed it, a quick one never did).
        if shown and focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus()
        return task

    def _next(self) -> None:
        if self._current is None and self._waiting:
            self._start(self._waiting.pop(next(iter(self._waiting))))
        elif self._current is None:  # a callback may have started the next task itself
            self.finished.emit()


def _alive(task: Task[Any]) -> bool:
    return task.owner is None or shiboken6.isValid(task.owner)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
