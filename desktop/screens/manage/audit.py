"""The audit trail page: who did what, filtered and paged, exported, and the chain checked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.screens.desk.parts import (
    DeskPage,
    button,
    error_label,
    fill,
    label,
    shortcut,
    table,
)
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels.audit_view import AuditModel, AuditRow
from domain.errors import DomainError
from domain.progress import Progress
from domain.records import AuditBreak

GOOD = "color: #1e7b34; font-weight: bold;"
BAD = "color: #b42318; font-weight: bold;"


class AuditPage(DeskPage):
    """Entries newest first, read-only; Enter applies the filter, PgUp/PgDn page, F8 exports,
    F9 checks the chain."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditModel(ctx.env)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.error = error_label(self, "audit_error")
        layout.addWidget(self.error)
        self.table = table(self, "audit_table", [
            self.tr("Time"), self.tr("Staff"), self.tr("Action"), self.tr("Subject"),
            self.tr("Details")])
        layout.addWidget(self.table, 1)
        layout.addLayout(self._pager())
        self.chain = label(self, "audit_chain")
        layout.addWidget(self.chain)
        for key, slot in (("Return", self.apply), ("Enter", self.apply),
                          ("PgUp", self.newer), ("PgDown", self.older),
                          ("F8", self.ask_export), ("F9", self.verify)):
            shortcut(self, key, slot)

    def _filters(self) -> QGridLayout:
        """Dates on one row, who and what on the next: one row is wider than a 1024 px panel."""
        grid = QGridLayout()
        self.since, self.until = self._date("audit_since"), self._date("audit_until")
        self.staff_box = QComboBox(self)
        self.staff_box.setObjectName("audit_staff")
        self.staff_box.setMinimumWidth(160)
        self.action_box = QComboBox(self)
        self.action_box.setObjectName("audit_action")
        self.action_box.setMinimumWidth(180)
        cells = (((self.tr("From"), self.since), (self.tr("To"), self.until)),
                 ((self.tr("Staff"), self.staff_box), (self.tr("Action"), self.action_box)))
        for row, pairs in enumerate(cells):
            for pair, (text, widget) in enumerate(pairs):
                grid.addWidget(QLabel(text, self), row, pair * 2)
                grid.addWidget(widget, row, pair * 2 + 1)
        grid.addWidget(button(self, "audit_apply", self.tr("Enter Show"), self.apply),
                       0, 4, 2, 1)
        grid.setColumnStretch(5, 1)
        return grid

    def _pager(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(button(self, "audit_newer", "PgUp " + self.tr("Newer"), self.newer))
        self.position = label(self, "audit_position")
        row.addWidget(self.position, 1)
        row.addWidget(button(self, "audit_older", "PgDn " + self.tr("Older"), self.older))
        row.addSpacing(24)
        row.addWidget(button(self, "audit_export", "F8 " + self.tr("Export CSV"),
                                   self.ask_export))
        row.addWidget(button(self, "audit_verify", "F9 " + self.tr("Verify chain"),
                                   self.verify))
        return row

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setMinimumWidth(140)
        edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        return edit

    # --- behaviour ----------------------------------------------------------------------------

    def focus_target(self) -> QWidget | None:
        return self.table

    def shown(self) -> None:
        """Re-read the filter choices and the page (new entries arrive all the time)."""
        self._set_date(self.since, self.model.since)
        self._set_date(self.until, self.model.until)
        self._refill(self.staff_box, self.tr("All staff"), self.model.staff_choices())
        self._refill(self.action_box, self.tr("All actions"), self.model.action_choices())
        self._show(self.model.load)

    def apply(self) -> None:
        self._show(lambda: self.model.apply(
            _day(self.since), _day(self.until), self.staff_box.currentData() or None,
            self.action_box.currentData() or None))

    def older(self) -> None:
        if self.model.older():
            self._show(self.model.load)

    def newer(self) -> None:
        if self.model.newer():
            self._show(self.model.load)

    def ask_export(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit trail"),
                                                "audit.csv", self.tr("CSV files (*.csv)"))
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> bool:
        """Write the filtered entries (all pages) to `path` on the window's task runner
        (a year of a large store's trail); tests call this directly."""
        job = self.model.export_job(path)

        def guarded(progress: Progress) -> int | OSError:
            try:
                return job(progress)
            except OSError as err:  # said naming the file, not as a bug with a support code
                return err

        return self.ctx.run(Task(self.tr("Exporting the audit trail"), guarded,
                                 lambda done: self._exported(done, path), self.error.setText,
                                 owner=self))

    def _exported(self, done: int | OSError, path: Path) -> None:
        if isinstance(done, OSError):
            self.error.setText(self.tr("Could not write {file}: {why}").format(
                file=str(path), why=done.strerror or str(done)))
            return
        self.ctx.notice(self.tr("{count} entries written to {file}").format(
            count=done, file=str(path)))

    def verify(self) -> bool:
        """Check every link of the chain on the window's task runner (Esc stops it)."""
        return self.ctx.run(Task(self.tr("Checking the audit chain"), self.model.check,
                                 self._verified, self.chain.setText, cancellable=True,
                                 owner=self))

    def _verified(self, broken: AuditBreak | None) -> None:
        ok, text = self.model.verdict(broken)
        self.chain.setText(text)
        self.chain.setStyleSheet(GOOD if ok else BAD)

    def _show(self, rows_of: Callable[[], list[AuditRow]]) -> None:
        try:
            rows = rows_of()
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        self.error.setText("")
        fill(self.table, [[r.time, r.staff, r.action, r.subject, r.details] for r in rows])
        self.position.setText(self.model.position())

    def _refill(self, box: QComboBox, everyone: str, choices: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.clear()
        box.addItem(everyone, "")
        for code, text in choices:
            box.addItem(text, code)
        found = box.findData(current) if current else 0
        box.setCurrentIndex(max(found, 0))

    @staticmethod
    def _set_date(edit: QDateEdit, day: date | None) -> None:
        if day is not None:
            edit.setDate(QDate(day.year, day.month, day.day))


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
