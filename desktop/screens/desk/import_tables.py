"""The import page's two tables: the file's first rows, and every bad row with its reason."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop import feedback
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.viewmodels.importer import Sheet, problem_error
from domain.importing import RowError

FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("ImportPage", "Name *"),
    "mobile": QT_TRANSLATE_NOOP("ImportPage", "Mobile *"),
    "gender": QT_TRANSLATE_NOOP("ImportPage", "Gender"),
    "birthday": QT_TRANSLATE_NOOP("ImportPage", "Birthday"),
    "id_number": QT_TRANSLATE_NOOP("ImportPage", "ID number"),
    "occupation": QT_TRANSLATE_NOOP("ImportPage", "Occupation"),
    "income_band": QT_TRANSLATE_NOOP("ImportPage", "Income band"),
    "address": QT_TRANSLATE_NOOP("ImportPage", "Address"),
    "email": QT_TRANSLATE_NOOP("ImportPage", "E-mail"),
    "source": QT_TRANSLATE_NOOP("ImportPage", "Source"),
    "consent_marketing": QT_TRANSLATE_NOOP("ImportPage", "Marketing consent"),
    "privacy_accepted": QT_TRANSLATE_NOOP("ImportPage", "Privacy accepted"),
    "tags": QT_TRANSLATE_NOOP("ImportPage", "Tags"),
    "notes": QT_TRANSLATE_NOOP("ImportPage", "Notes"),
    "points": QT_TRANSLATE_NOOP("ImportPage", "Points balance"),
    "wallet": QT_TRANSLATE_NOOP("ImportPage", "Stored value (principal)"),
    "wallet_bonus": QT_TRANSLATE_NOOP("ImportPage", "Stored value (bonus)"),
    "card": QT_TRANSLATE_NOOP("ImportPage", "Card number"),
    "tier": QT_TRANSLATE_NOOP("ImportPage", "Tier"),
    "joined_on": QT_TRANSLATE_NOOP("ImportPage", "Joined on"),
}


def field_name(field: str) -> str:
    """A Kaika field as the mapping editor names it."""
    text = FIELD_NAMES.get(field)
    return QCoreApplication.translate("ImportPage", text).rstrip(" *") if text else field


def _read_only(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)


class SheetPreview(QTableWidget):
    """The header and first rows as the file has them, with the sheet's row numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 0, parent)
        self.setObjectName("import_preview")
        _read_only(self)

    def show_sheet(self, sheet: Sheet) -> None:
        header = sheet.table.header
        rows = sheet.preview()
        self.setColumnCount(len(header) + 1)
        self.setHorizontalHeaderLabels([self.tr("Row"), *header])
        self.setRowCount(len(rows))
        for r, (number, cells) in enumerate(rows):
            self.setItem(r, 0, QTableWidgetItem(str(number)))
            for c, text in enumerate(cells[:len(header)]):
                self.setItem(r, c + 1, QTableWidgetItem(text))
        self.resizeColumnsToContents()


class ProblemTable(QTableWidget):
    """Row number, column, field and the reason in words, one line per problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("import_problems")
        self.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Field"),
                                        self.tr("What is wrong")])
        _read_only(self)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def show_problems(self, problems: Sequence[RowError]) -> None:
        self.setRowCount(len(problems))
        for r, problem in enumerate(problems):
            reason = feedback.describe(problem_error(problem)).text
            cells = [str(problem.row), problem.column or "—", field_name(problem.field), reason]
            for c, text in enumerate(cells):
                self.setItem(r, c, QTableWidgetItem(text))
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)
        self.resizeColumnToContents(2)
