"""A report on screen, laid out from the same Doc that is printed and saved, with the buttons
that print it on the receipt printer or save it as PDF or CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import report_formats
from desktop.screens.office import OfficeContext
from desktop.widgets.style import restyle
from domain.errors import DomainError
from reporting import document
from reporting.document import Doc, Section

SECTION_STYLE = """
#report_section { background: #ffffff; border: 1px solid #c9d2de; border-radius: 8px; }
#report_section QLabel { background: transparent; }
QLabel[role="section_title"] { font-size: 17px; font-weight: bold; color: #1e4fa3; }
QLabel[role="figure"] { font-weight: bold; }
"""


TWO_COLUMNS_PX = 900  # narrower than this, the report's sections stack in one column


def screen_lang() -> str:
    """The report labels' language on screen: the till's own language."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


class ReportView(QWidget):
    """Sections side by side in two columns; Print (F6), Save PDF (F7), Save CSV (F8)."""

    def __init__(self, ctx: OfficeContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_view")
        self.setStyleSheet(SECTION_STYLE)
        self.ctx, self.name = ctx, name
        self.doc: Doc | None = None
        self.paper: Doc | None = None  # in the store's language, for the printer and files
        self.stem = name
        self.columns = 2
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area, 1)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        actions: list[tuple[str, str, str, Callable[[], object]]] = [
            ("F6", "print", self.tr("Print"), self.print_report),
            ("F7", "pdf", self.tr("Save PDF"), self.save_pdf),
            ("F8", "csv", self.tr("Save CSV"), self.save_csv)]
        for key, suffix, text, slot in actions:
            button = QPushButton(f"{key} {text}", self)
            button.setObjectName(f"{self.name}_{suffix}")
            button.setMinimumWidth(150)
            button.clicked.connect(slot)
            row.addWidget(button)
            # On the whole page (date bar, tiles, body): the keys work wherever the focus is
            # on it, not only once the report body was clicked.
            shortcut = QShortcut(QKeySequence(key), self.parentWidget() or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return row

    def show_doc(self, doc: Doc, paper: Doc, stem: str) -> None:
        """Lay out `doc` on screen; `paper` is what Print and Save write (file name `stem`)."""
        self.doc, self.paper, self.stem = doc, paper, stem
        self._lay_out()

    def _lay_out(self) -> None:
        """Sections in two columns, or in one on a narrow panel (1024 px): a table is never
        squeezed until its columns are cut off."""
        if self.doc is None:
            return
        self.columns = 1 if self.width() < TWO_COLUMNS_PX else 2
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 4, 0)
        sides = [QVBoxLayout() for _ in range(self.columns)]
        heights = [0] * self.columns
        for section in self.doc.sections:
            column = heights.index(min(heights))
            sides[column].addWidget(self._section(section))
            heights[column] += 2 + len(section.rows) + len(section.table) + bool(section.header)
        for side in sides:
            side.addStretch(1)
            row.addLayout(side, 1)
        self.area.setWidget(body)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.doc is not None and (self.width() < TWO_COLUMNS_PX) != (self.columns == 1):
            self._lay_out()

    def _section(self, section: Section) -> QFrame:
        frame = QFrame()
        frame.setObjectName("report_section")
        layout = QVBoxLayout(frame)
        title = QLabel(section.title, frame)
        title.setProperty("role", "section_title")
        layout.addWidget(title)
        if section.rows:
            grid = QGridLayout()
            grid.setHorizontalSpacing(24)
            for i, (label, value) in enumerate(section.rows):
                grid.addWidget(QLabel(label, frame), i, 0)
                shown = QLabel(value, frame)
                shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                shown.setProperty("role", "figure")
                grid.addWidget(shown, i, 1)
            layout.addLayout(grid)
        if section.header:
            layout.addWidget(self._table(section, frame))
        return frame

    def _table(self, section: Section, parent: QWidget) -> QTableWidget:
        table = QTableWidget(len(section.table), len(section.header), parent)
        table.setHorizontalHeaderLabels(list(section.header))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setAlternatingRowColors(True)
        for r, row in enumerate(section.table):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_text_column(section), QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Every column whole: the table is as wide as its contents, never scrolled sideways.
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.resizeColumnsToContents()
        table.setMinimumWidth(sum(header.sectionSize(c) for c in range(table.columnCount()))
                              + 2 * table.frameWidth() + 2)
        height = header.sizeHint().height() + sum(table.rowHeight(r) for r in
                                                  range(table.rowCount())) + 4
        table.setFixedHeight(max(height, header.sizeHint().height() + 30))
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return table

    def rows(self, title: str) -> list[tuple[str, str]]:
        """The label and value rows shown under a section title (what a test reads)."""
        return next((s.rows for s in self.doc.sections if s.title == title), []) if self.doc \
            else []

    # --- print and save -------------------------------------------------------------------

    def print_report(self) -> bool:
        if self.paper is None:
            return False
        if self.ctx.print_receipt(report_formats.as_receipt(self.paper)):
            self.ctx.notice(self.tr("The report is on its way to the receipt printer."))
            return True
        return False

    def save_pdf(self, path: Path | None = None) -> Path | None:
        return self._save(path, "pdf", self.tr("PDF files (*.pdf)"),
                          lambda doc: document.as_pdf(doc))

    def save_csv(self, path: Path | None = None) -> Path | None:
        # UTF-8 with a BOM: Excel on a Chinese Windows opens it with the right characters.
        return self._save(path, "csv", self.tr("CSV files (*.csv)"),
                          lambda doc: document.as_csv(doc).encode("utf-8"))

    def _save(self, path: Path | None, suffix: str, kinds: str,
              render: Callable[[Doc], bytes]) -> Path | None:
        if self.paper is None:
            return None
        target = path or self._ask_path(suffix, kinds)
        if target is None:
            return None
        try:
            target.write_bytes(render(self.paper))
        except OSError as err:
            self.ctx.refusal(DomainError("report.save_failed", path=str(target),
                                         reason=err.strerror or str(err)))
            return None
        self.ctx.notice(self.tr("Saved {path}").format(path=str(target)))
        return target

    def _ask_path(self, suffix: str, kinds: str) -> Path | None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(Path(folder) / f"{self.stem}.{suffix}"), kinds)
        if not chosen:
            return None
        target = Path(chosen)
        return target if target.suffix else target.with_suffix(f".{suffix}")


def _text_column(section: Section) -> int:
    """The column that takes the spare width: the first that is not all figures (names)."""
    for column in range(len(section.header)):
        cells = [row[column] for row in section.table]
        if cells and not all(c.replace(",", "").lstrip("-+").isdigit() for c in cells):
            return column
    return 0


class FigureTile(QFrame):
    """One headline figure with its caption above it (a term of the day's check, a total)."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure_tile")
        self.setStyleSheet("#figure_tile { background: #ffffff; border: 1px solid #c9d2de;"
                           " border-radius: 8px; }"
                           " #figure_tile[tone=\"good\"] { background: #e3f6e8; }"
                           " #figure_tile[tone=\"bad\"] { background: #fde8e7; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.caption = QLabel(caption, self)
        self.caption.setStyleSheet("color: #5f6b7a; font-size: 14px; background: transparent;")
        self.value = QLabel("", self)
        self.value.setObjectName(name)
        self.value.setStyleSheet("font-size: 22px; font-weight: bold; background: transparent;")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str, tone: str = "") -> None:
        self.value.setText(text)
        self.setProperty("tone", tone)
        restyle(self)


class DateBar(QWidget):
    """The business date a report is for: a calendar field, PgUp/PgDn a day, Home today."""

    changed = Signal(object)  # the new business date

    def __init__(self, name: str, today: Callable[[], date], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.today = today
        self._today_shown = today()  # the business date "today" was when last shown
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Business date"), self))
        self.edit = QDateEdit(self)
        self.edit.setObjectName(f"{name}_date")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumWidth(170)
        self.edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self._set_edit(today())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit(self.day()))
        row.addWidget(self.edit)
        steps = (("PgUp", "prev", self.tr("Day before"), -1),
                 ("PgDown", "next", self.tr("Day after"), 1))
        for key, suffix, text, days in steps:
            button = QPushButton(f"{key} {text}", self)
            button.setObjectName(f"{name}_{suffix}")
            button.clicked.connect(lambda _c=False, d=days: self.step(d))
            row.addWidget(button)
            shortcut = QShortcut(QKeySequence(key), parent or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=days: self.step(d))
        back = QPushButton("Home " + self.tr("Today"), self)
        back.setObjectName(f"{name}_today")
        back.clicked.connect(lambda: self.set_day(self.today()))
        row.addWidget(back)
        home = QShortcut(QKeySequence("Home"), parent or self)
        home.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        home.activated.connect(lambda: self.set_day(self.today()))
        row.addStretch(1)

    def day(self) -> date:
        value = self.edit.date()
        return date(value.year(), value.month(), value.day())

    def set_day(self, day: date) -> None:
        """Show `day`; `changed` fires when it differs from the date shown."""
        self._set_edit(day)

    def step(self, days: int) -> None:
        self.set_day(self.day() + timedelta(days=days))

    def follow_today(self) -> bool:
        """A page showing "today" moves on when the business date did (midnight, a day
        close); a date the user picked stays. True when the date changed."""
        now, was = self.today(), self._today_shown
        self._today_shown = now
        if self.day() != was or now == was:
            return False
        self.set_day(now)
        return True

    def _set_edit(self, day: date) -> None:
        self.edit.setDate(QDate(day.year, day.month, day.day))
