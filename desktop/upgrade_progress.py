"""The first open after an update: a store database that needs upgrading is upgraded on a
worker thread while a dialog says which step runs and how many are left (a large store takes
minutes; without it the till would look hung and someone would switch it off).

It keeps its own worker rather than a window's task runner (desktop/tasks.py): it runs before
the window, and its runner, exist, and the window is built only once the open has finished."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog

from db import migrate
from db.engine import make_engine
from db.store import StoreDb
from desktop.i18n import QT_TRANSLATE_NOOP


class _Relay(QObject):
    step = Signal(str)  # emitted on the worker thread, delivered on the window's


class UpgradeProgress:
    """The dialog and what it said, step by step (kept for the log and for tests)."""

    def __init__(self, steps: list[str]) -> None:
        self.steps = steps
        self.seen: list[str] = []
        self.dialog = QProgressDialog()
        self.dialog.setObjectName("upgrade_dialog")
        self.dialog.setWindowTitle(tr(QT_TRANSLATE_NOOP("UpgradeProgress",
                                                         "Upgrading the store database")))
        self.dialog.setCancelButton(None)  # half an upgrade is never kept: nothing to cancel
        self.dialog.setRange(0, len(steps))
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoReset(False)  # it closes when the upgrade has committed, not before
        self.dialog.setAutoClose(False)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumWidth(560)
        self.relay = _Relay()
        self.relay.step.connect(self.started)

    def started(self, message: str) -> None:
        """Alembic began a step ("Running upgrade 0005 -> 0006, Member search terms…")."""
        done = len(self.seen)
        self.seen.append(message)
        what = message.split(", ", 1)[1] if ", " in message else message
        self.dialog.setLabelText(tr(QT_TRANSLATE_NOOP(
            "UpgradeProgress", "Step {step} of {steps}: {what}\nA large store takes a few "
                               "minutes. Do not switch the till off.")).format(
            step=done + 1, steps=len(self.steps), what=what))
        # Last: a modal progress dialog handles events inside setValue, the next step's
        # included, which must not be overwritten by this one's label afterwards.
        self.dialog.setValue(done)


def upgrade_with_progress(path: Path) -> UpgradeProgress | None:
    """Upgrade the store database at `path` behind a progress dialog when it needs it; None
    when there was nothing to do (a new store, or one already up to date)."""
    if not path.exists():
        return None
    engine = make_engine(path)
    try:
        steps = migrate.pending_steps(engine)
    finally:
        engine.dispose()  # the worker opens the store its own way
    if not steps:
        return None
    progress = UpgradeProgress(steps)
    progress.dialog.show()
    failure: list[BaseException] = []

    def work() -> None:
        # The store's own open does the upgrade (with its key and sealer), step by step
        # told to the dialog.
        try:
            with migrate.steps_told(progress.relay.step.emit):
                StoreDb.open(path, create=False).close()
        except BaseException as err:  # handed to the window's thread, raised there
            failure.append(err)

    worker = threading.Thread(target=work, name="kaika-upgrade", daemon=True)
    worker.start()
    while worker.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        worker.join(0.05)
    QApplication.processEvents()
    progress.dialog.setValue(len(steps))
    progress.dialog.hide()  # close() would count as a cancel and reset the bar
    if failure:
        raise failure[0]
    return progress


def tr(text: str) -> str:
    return QCoreApplication.translate("UpgradeProgress", text)
