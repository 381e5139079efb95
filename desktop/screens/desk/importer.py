"""The manager's "Import and export" page: members from an old system's file, segments out.

Managers and admins only: an import writes opening points and stored-value balances, which
is money the store owes, so it is a manager's job (the page says so).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP, money, number
from desktop.screens.desk.import_tables import FIELD_NAMES, ProblemTable, SheetPreview
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels.importer import FIELDS, DryRun, ImportModel, Sheet, read_sheet
from domain.analysis import SEGMENTS
from domain.errors import DomainError
from domain.importing import Checked
from domain.progress import Progress
from domain.services.imports import Imported

T = TypeVar("T")

SEGMENT_NAMES = {
    "key": QT_TRANSLATE_NOOP("ImportPage", "Key members (buy often)"),
    "light": QT_TRANSLATE_NOOP("ImportPage", "Light members (buy now and then)"),
    "never": QT_TRANSLATE_NOOP("ImportPage", "Never bought"),
    "active": QT_TRANSLATE_NOOP("ImportPage", "Active (bought in 90 days)"),
    "dormant": QT_TRANSLATE_NOOP("ImportPage", "Dormant"),
    "lost": QT_TRANSLATE_NOOP("ImportPage", "Lost"),
    "top20": QT_TRANSLATE_NOOP("ImportPage", "Top 20 % by spending"),
    "birthdays": QT_TRANSLATE_NOOP("ImportPage", "Birthdays coming up"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("ImportPage", text)


class ImportPage(QWidget):
    """Choose a file, map its columns, dry run, import; export a segment below."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ImportModel(ctx.env)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Import members with their points and stored value from an old system's CSV or "
            "XLSX file. Opening balances are money the store owes, so only a manager may "
            "import. 1. Choose the file  2. Check the columns  3. Dry run  4. Import."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._file_row())
        body = QHBoxLayout()
        body.addWidget(self._mapping_box())
        right = QVBoxLayout()
        self.preview = SheetPreview(self)
        self.problems = ProblemTable(self)
        right.addWidget(QLabel(self.tr("The file's first rows"), self))
        right.addWidget(self.preview, 2)
        right.addWidget(QLabel(self.tr("Bad rows found by the dry run"), self))
        right.addWidget(self.problems, 3)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)
        layout.addLayout(self._action_row())
        self.message = QLabel(self)
        self.message.setObjectName("import_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self._export_box())
        self._shortcuts()
        self._refresh_buttons()
        self._say(self.tr("Choose the old system's file (F2) to begin."))

    # --- building ---------------------------------------------------------------------------

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        choose = QPushButton(self.tr("F2 Choose file…"), self)
        choose.setObjectName("import_choose")
        choose.clicked.connect(lambda: self.choose_file())
        self.file_label = QLabel(self.tr("No file chosen."), self)
        self.file_label.setObjectName("import_file")
        row.addWidget(choose)
        row.addWidget(self.file_label, 1)
        return row

    def _mapping_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Columns (* needed)"), self)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"import_map_{field}")
            combo.currentIndexChanged.connect(self._refresh_buttons)
            form.addRow(_t(FIELD_NAMES[field]), combo)
            self.combos[field] = combo
        inner = QWidget(self)
        inner.setLayout(form)
        scroll = QScrollArea(box)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        QVBoxLayout(box).addWidget(scroll)
        box.setFixedWidth(400)
        return box

    def _action_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.dry = QPushButton(self.tr("F5 Dry run"), self)
        self.dry.setObjectName("import_dry_run")
        self.dry.clicked.connect(self.dry_run)
        self.skip_bad = QCheckBox(self.tr("Leave the bad rows out and import the good ones"),
                                  self)
        self.skip_bad.setObjectName("import_skip_bad")
        self.skip_bad.toggled.connect(self._refresh_buttons)
        self.go = QPushButton(self.tr("F9 Import"), self)
        self.go.setObjectName("import_run")
        self.go.setProperty("role", "primary")
        self.go.clicked.connect(self.run_import)
        row.addWidget(self.dry)
        row.addWidget(self.skip_bad, 1)
        row.addWidget(self.go)
        return row

    def _export_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Export a segment for messaging (CSV)"), self)
        row = QHBoxLayout(box)
        self.segment = QComboBox(box)
        self.segment.setObjectName("export_segment")
        for name in SEGMENTS:
            self.segment.addItem(_t(SEGMENT_NAMES[name]), name)
        self.consented = QCheckBox(self.tr("Only members who agreed to marketing"), box)
        self.consented.setObjectName("export_consented")
        self.consented.setChecked(True)
        export = QPushButton(self.tr("Export…"), box)
        export.setObjectName("export_run")
        export.clicked.connect(lambda: self.export_segment())
        row.addWidget(self.segment, 1)
        row.addWidget(self.consented)
        row.addWidget(export)
        return box

    def _shortcuts(self) -> None:
        for key, slot in (("F2", self.choose_file), ("F5", self.dry_run),
                          ("F9", self.run_import)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- the steps --------------------------------------------------------------------------

    def choose_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose the old system's file"), str(Path.home()),
                self.tr("Member lists (*.csv *.xlsx *.xlsm)"))
            if not chosen:
                return
            path = Path(chosen)
        self._run(self.tr("Reading {file}").format(file=path.name),
                  lambda progress: read_sheet(path, progress), self._opened)

    def _opened(self, sheet: Sheet) -> None:
        self.model.adopt(sheet)
        path = sheet.path
        self.file_label.setText(self.tr("{file}: {rows} rows").format(
            file=path.name, rows=number(sheet.row_count)))
        self.preview.show_sheet(sheet)
        self.problems.show_problems([])
        self._fill_combos(sheet.table.header, self.model.suggested())
        self._say(self.tr("Check the columns, then run the dry run (F5)."))

    def _fill_combos(self, header: tuple[str, ...], suggested: dict[str, str]) -> None:
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in the file)"), "")
            for column in header:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(combo.findData(suggested.get(field, "")), 0))
            combo.blockSignals(False)
        self._refresh_buttons()

    def fields(self) -> dict[str, str]:
        return {field: combo.currentData() or "" for field, combo in self.combos.items()}

    def dry_run(self) -> None:
        if self.model.sheet is None:
            self._say(self.ctx.refusal(DomainError("import.not_checked")), bad=True)
            return
        self._run(self.tr("Checking the file (dry run)"), self.model.dry_run_job(self.fields()),
                  self._checked)

    def _checked(self, found: DryRun) -> None:
        checked = self.model.adopt_check(found)
        self.skip_bad.setChecked(False)
        self.problems.show_problems(checked.errors)
        self._say(self._verdict(checked), bad=bool(checked.errors))
        self._refresh_buttons()

    def _verdict(self, checked: Checked) -> str:
        good, bad = len(checked.rows), len(checked.bad_rows)
        if not bad:
            return self.tr("All {good} rows are good. Import (F9) adds them in one go.").format(
                good=number(good))
        return self.tr(
            "{good} rows are good and {bad} rows are bad. Correct the file and run the dry run "
            "again, or tick the box to import only the good rows: the bad rows are then left "
            "out and nothing of them is written.").format(good=number(good), bad=number(bad))

    def run_import(self) -> None:
        if not self.go.isEnabled():
            self._say(self.ctx.refusal(DomainError("import.not_checked")), bad=True)
            return
        try:
            job = self.model.import_job(self.fields(), self.ctx.staff.id)
        except DomainError as err:
            self._say(self.ctx.refusal(err), bad=True)
            return
        self._run(self.tr("Importing members"), job, self._imported, cancellable=True)

    def _imported(self, done: Imported) -> None:
        self.model.imported(done)
        self.problems.show_problems(done.checked.errors)
        self._say(self.tr(
            "Imported {count} members with {points} points and {wallet} stored value "
            "({bonus} of it bonus). {bad} bad rows were left out.").format(
                count=number(len(done.member_ids)), points=number(done.points),
                wallet=money(done.wallet_fen + done.wallet_bonus_fen),
                bonus=money(done.wallet_bonus_fen), bad=number(len(done.checked.bad_rows))))
        self.ctx.notice(self.tr("Members imported."))
        self._refresh_buttons()

    def export_segment(self, path: Path | None = None) -> bool:
        segment = str(self.segment.currentData())
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the segment"), str(Path.home() / f"{segment}.csv"),
                self.tr("CSV (*.csv)"))
            if not chosen:
                return False
            path = Path(chosen)
        job = self.model.export_job(segment, self.consented.isChecked(), path,
                                    self.ctx.staff.id)
        return self._run(self.tr("Exporting the segment"), job, lambda count: self._say(
            self.tr("{count} members written to {path}.").format(
                count=number(count), path=str(path))))

    def _run(self, title: str, job: Callable[[Progress], T], done: Callable[[T], None],
             cancellable: bool = False) -> bool:
        """Long work on the window's task runner; a refusal is said here, in red."""
        def failed(text: str) -> None:
            self._say(text, bad=True)
            self._refresh_buttons()
        return self.ctx.run(Task(title, job, done, failed, cancellable=cancellable,
                                 owner=self))

    # --- state ------------------------------------------------------------------------------

    def _refresh_buttons(self) -> None:
        fields = self.fields() if hasattr(self, "combos") else {}
        checked = self.model.checked
        self.dry.setEnabled(self.model.sheet is not None)
        has_bad = checked is not None and bool(checked.errors)
        self.skip_bad.setVisible(has_bad)
        self.go.setEnabled(self.model.may_import(fields)
                           and (not has_bad or self.skip_bad.isChecked()))

    def _say(self, text: str, bad: bool = False) -> None:
        self.message.setStyleSheet("color: #c0392b; font-weight: bold;" if bad else "")
        self.message.setText(text)


def make_import(ctx: OfficeContext) -> QWidget:
    return ImportPage(ctx)

