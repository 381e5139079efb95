"""The progress dialog of a long task: what runs, how far it got, and Cancel where stopping
loses nothing (desktop/tasks.py drives it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "tasks"


class TaskDialog(QDialog):
    """Window-modal while shown: the page under it cannot start another task, and nothing
    but Cancel (when offered) closes it; it closes itself when the task ends.

    Signals:
        cancel_requested(): the Cancel button or Esc, only when the task may be cancelled.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("task_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        self.cancellable = False
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("task_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.label = QLabel(self)
        self.label.setObjectName("task_label")
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("task_bar")
        self.bar.setTextVisible(False)  # the label says the figures, in the person's language
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(_tr(QT_TRANSLATE_NOOP("tasks", "Esc Cancel")), self)
        self.cancel_button.setObjectName("task_cancel")
        self.cancel_button.clicked.connect(self._cancel)
        row.addWidget(self.cancel_button)
        for widget in (self.title, self.label, self.bar):
            layout.addWidget(widget)
        layout.addLayout(row)

    def begin(self, title: str, cancellable: bool) -> None:
        """A new task: its title, a busy bar until the first step, Cancel only if allowed."""
        self.setWindowTitle(title)
        self.title.setText(title)
        self.label.setText(_tr(QT_TRANSLATE_NOOP("tasks", "Starting…")))
        self.bar.setRange(0, 0)  # busy until the job says how much there is
        self.cancellable = cancellable
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(cancellable)

    def step(self, done: int, total: int | None, label: str) -> None:
        if total is None or total <= 0:
            self.bar.setRange(0, 0)
            figures = i18n.number(done)
        else:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            figures = _tr(QT_TRANSLATE_NOOP("tasks", "{done} of {total}")).format(
                done=i18n.number(done), total=i18n.number(total))
        self.label.setText(f"{label}: {figures}" if label else figures)

    def stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(_tr(QT_TRANSLATE_NOOP(
            "tasks", "Stopping after the current batch…")))

    def end(self) -> None:
        self.hide()

    def _cancel(self) -> None:
        if self.cancellable and self.cancel_button.isEnabled():
            self.cancel_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._cancel()  # Esc never just hides the dialog while the work goes on
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # the dialog goes when the task ends, not before
        self._cancel()

    def reject(self) -> None:
        self._cancel()


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
