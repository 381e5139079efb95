"""The manager's "new lucky draw" form: the draw's terms on top, the prizes in an editable table
(one row a wheel slice), every refusal naming the row and column it is about."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.screens.desk import parts
from desktop.viewmodels.draw_setup import DrawForm, DrawSetup, PrizeRow, RowRefused
from domain.errors import DomainError
from domain.luckydraw import Draw, PrizeKind

COLUMNS = ("name", "kind", "value", "weight", "stock", "chance")
HEADERS = {"name": QT_TRANSLATE_NOOP("DrawSetupDialog", "Prize"),
           "kind": QT_TRANSLATE_NOOP("DrawSetupDialog", "Kind"),
           "value": QT_TRANSLATE_NOOP("DrawSetupDialog", "Points / coupon"),
           "weight": QT_TRANSLATE_NOOP("DrawSetupDialog", "Weight"),
           "stock": QT_TRANSLATE_NOOP("DrawSetupDialog", "Stock here"),
           "chance": QT_TRANSLATE_NOOP("DrawSetupDialog", "Chance")}
KINDS = {PrizeKind.POINTS: QT_TRANSLATE_NOOP("DrawSetupDialog", "Points"),
         PrizeKind.COUPON: QT_TRANSLATE_NOOP("DrawSetupDialog", "Coupon"),
         PrizeKind.GIFT: QT_TRANSLATE_NOOP("DrawSetupDialog", "Gift"),
         PrizeKind.THANKS: QT_TRANSLATE_NOOP("DrawSetupDialog", "Thanks for playing")}
INVALID = "border: 2px solid #b42318;"


def _tr(text: str) -> str:
    """The column and kind names above, marked for the dialog's context."""
    return QCoreApplication.translate("DrawSetupDialog", text)


class PrizeTable(QTableWidget):
    """One row a prize; every cell is a field of its own, so Tab walks the row."""

    changed = Signal()

    def __init__(self, templates: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("draw_setup_prizes")
        self.templates = templates  # (code, shown text)
        self.setHorizontalHeaderLabels([_tr(HEADERS[c]) for c in COLUMNS])
        self.verticalHeader().setDefaultSectionSize(44)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 170), (2, 210), (3, 90), (4, 100), (5, 80)):
            self.setColumnWidth(column, width)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def add(self, row: PrizeRow) -> None:
        at = self.rowCount()
        self.insertRow(at)
        name = QLineEdit(row.name, self)
        kind = QComboBox(self)
        for prize_kind, text in KINDS.items():
            kind.addItem(_tr(text), prize_kind.value)
        kind.setCurrentIndex(kind.findData(row.kind.value))
        value = QComboBox(self)
        value.setEditable(True)
        value.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        weight, stock = QLineEdit(row.weight, self), QLineEdit(row.stock, self)
        for line in (weight, stock):
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        chance = QLabel(self)
        chance.setAlignment(parts.RIGHT)
        cells: tuple[QWidget, ...] = (name, kind, value, weight, stock, chance)
        for column, cell in enumerate(cells):
            self.setCellWidget(at, column, cell)
        self._fit_value(at, row.value)
        kind.currentIndexChanged.connect(lambda _i, w=value: self._kind_changed(w))
        weight.textChanged.connect(self._update_chances)
        self._rename()
        self._update_chances()

    def remove(self, at: int) -> None:
        if 0 <= at < self.rowCount():
            self.removeRow(at)
            self._rename()
            self._update_chances()

    def focused_row(self) -> int:
        """The row whose field has the keyboard focus, else the last row."""
        for at in range(self.rowCount()):
            for column in range(len(COLUMNS)):
                cell = self.cellWidget(at, column)
                if cell is not None and (cell.hasFocus() or cell.isAncestorOf(
                        self.window().focusWidget())):
                    return at
        return self.rowCount() - 1

    def rows(self) -> tuple[PrizeRow, ...]:
        return tuple(self._row(at) for at in range(self.rowCount()))

    def field(self, at: int, column: str) -> QWidget:
        cell = self.cellWidget(at, COLUMNS.index(column))
        assert cell is not None
        return cell

    def kind(self, at: int) -> PrizeKind:
        combo = self.field(at, "kind")
        assert isinstance(combo, QComboBox)
        return PrizeKind(combo.currentData())

    def _row(self, at: int) -> PrizeRow:
        name, value, weight, stock = (self.field(at, c) for c in ("name", "value", "weight",
                                                                     "stock"))
        assert isinstance(name, QLineEdit) and isinstance(value, QComboBox)
        assert isinstance(weight, QLineEdit) and isinstance(stock, QLineEdit)
        typed = value.currentText().strip()
        chosen = value.findText(typed)  # a template picked from the list gives its code
        code = value.itemData(chosen) if chosen >= 0 else typed
        return PrizeRow(name.text(), self.kind(at), str(code or ""), weight.text(),
                        stock.text())

    def _kind_changed(self, value: QComboBox) -> None:
        for at in range(self.rowCount()):
            if self.cellWidget(at, COLUMNS.index("value")) is value:
                self._fit_value(at, "")

    def _fit_value(self, at: int, typed: str) -> None:
        """The value cell offers what the kind needs: templates, a number, or nothing."""
        value = self.field(at, "value")
        assert isinstance(value, QComboBox)
        kind = self.kind(at)
        value.clear()
        if kind is PrizeKind.COUPON:
            for code, text in self.templates:
                value.addItem(text, code)
        value.setEnabled(kind in (PrizeKind.POINTS, PrizeKind.COUPON))
        line = value.lineEdit()
        assert line is not None  # the value list is editable
        line.setPlaceholderText(self.tr("points, e.g. 200") if kind is PrizeKind.POINTS
                                else self.tr("template code") if kind is PrizeKind.COUPON
                                else "")
        stock = self.field(at, "stock")
        assert isinstance(stock, QLineEdit)
        stock.setPlaceholderText(self.tr("no limit") if kind is PrizeKind.THANKS else "")
        found = value.findData(typed)
        value.setCurrentIndex(found)
        if found < 0:
            value.setEditText(typed)

    def _rename(self) -> None:
        """objectNames by position (draw_setup_weight_2 is row 2's weight), kept in order."""
        for at in range(self.rowCount()):
            for column in COLUMNS:
                self.field(at, column).setObjectName(f"draw_setup_{column}_{at + 1}")

    def _update_chances(self) -> None:
        weights = []
        for at in range(self.rowCount()):
            text = self.field(at, "weight")
            assert isinstance(text, QLineEdit)
            weights.append(int(text.text()) if text.text().strip().isdigit() else 0)
        total = sum(weights)
        for at, weight in enumerate(weights):
            chance = self.field(at, "chance")
            assert isinstance(chance, QLabel)
            chance.setText(f"{100 * weight / total:.1f} %" if total else "—")
        self.changed.emit()


class DrawSetupDialog(QDialog):
    """Nothing is saved until the whole form passes; `saved` holds the draw afterwards."""

    def __init__(self, model: DrawSetup, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draw_setup_dialog")
        self.setWindowTitle(self.tr("New lucky draw"))
        self.setMinimumSize(900, 620)
        self.model = model
        self.saved: Draw | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._head(today))
        self.table = PrizeTable([(t.code, f"{t.code} {t.name}") for t in model.templates()],
                                self)
        for row in model.starter_rows():
            self.table.add(row)
        layout.addWidget(self.table, 1)
        self.message = parts.error_label(self, "draw_setup_message")
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())
        parts.shortcut(self, "F2", self.submit)
        parts.shortcut(self, "F3", self.add_row)
        parts.shortcut(self, "F4", self.remove_row)
        self.code.setFocus()

    def _head(self, today: date) -> QHBoxLayout:
        self.code = self._line("draw_setup_code", self.tr("e.g. SPRING-2025"))
        self.name = self._line("draw_setup_name", self.tr("as members will see it"))
        self.starts = self._date("draw_setup_starts", today)
        self.ends = self._date("draw_setup_ends", today + timedelta(days=30))
        self.free = self._number("draw_setup_free", 0, 20, 1)
        self.cost = self._number("draw_setup_cost", 0, 10000, 10)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("Code"), self.code)
        left.addRow(self.tr("Name"), self.name)
        left.addRow(self.tr("From"), self.starts)
        right.addRow(self.tr("To (last day)"), self.ends)
        right.addRow(self.tr("Free spins a day"), self.free)
        right.addRow(self.tr("Points a paid spin"), self.cost)
        note = parts.label(self, "draw_setup_note", text=self.tr(
            "Tiers may add free spins of their own (Rules page). Each prize row is a slice of "
            "the wheel: the weight sets how often it comes up, the stock how many this store "
            "can give."))
        right.addRow(note)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        return row

    def _line(self, name: str, hint: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setPlaceholderText(hint)
        return line

    def _date(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _number(self, name: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        specs = [("F3", "draw_setup_add", self.tr("Add prize"), self.add_row),
                 ("F4", "draw_setup_remove", self.tr("Remove prize"), self.remove_row),
                 ("Esc", "draw_setup_cancel", self.tr("Cancel"), self.reject),
                 ("F2", "draw_setup_save", self.tr("Save draw"), self.submit)]
        for key, name, text, slot in specs:
            button = QPushButton(f"{key} {text}", self)
            button.setObjectName(name)
            button.setMinimumHeight(52)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F3/F4 act on the row being typed
            button.clicked.connect(slot)
            row.addWidget(button)
            if name == "draw_setup_remove":
                row.addStretch(1)
        save = self.findChild(QPushButton, "draw_setup_save")
        assert save is not None
        save.setProperty("role", "primary")
        save.setDefault(True)  # Enter in any field saves, like every form of the office
        return row

    # --- actions ----------------------------------------------------------------------------

    def add_row(self) -> None:
        self.table.add(PrizeRow("", PrizeKind.POINTS))
        last = self.table.rowCount()
        self.table.scrollToBottom()
        self.table.field(last - 1, "name").setFocus()

    def remove_row(self) -> None:
        self.table.remove(self.table.focused_row())
        if self.table.rowCount():
            self.table.field(self.table.rowCount() - 1, "name").setFocus()

    def form(self) -> DrawForm:
        return DrawForm(self.code.text(), self.name.text(), _day(self.starts),
                        _day(self.ends), self.free.value(), self.cost.value(), self.table.rows())

    def submit(self) -> None:
        self._clear_marks()
        try:
            self.saved = self.model.save(self.form())
        except RowRefused as bad:
            self._refuse_row(bad)
            return
        except DomainError as err:
            self._refuse_head(err)
            return
        self.accept()

    # --- refusals ---------------------------------------------------------------------------

    def _refuse_row(self, bad: RowRefused) -> None:
        column = _tr(HEADERS.get(bad.column, HEADERS["name"]))
        self.message.setText(self.tr("Nothing was saved. Prize row {row}, {column}: {reason}")
                             .format(row=bad.row, column=column,
                                     reason=feedback.describe(bad.error).text))
        self._mark(self.table.field(bad.row - 1, bad.column))

    def _refuse_head(self, err: DomainError) -> None:
        self.message.setText(self.tr("Nothing was saved. {reason}").format(
            reason=feedback.describe(err).text))
        fields: dict[str, QWidget] = {"code": self.code, "name": self.name, "ends": self.ends,
                                      "cost_points": self.cost,
                                      "free_spins_per_day": self.free, "prizes": self.table}
        target = fields.get(str(err.params.get("field", "")))
        if target is not None:
            self._mark(target)

    def _mark(self, widget: QWidget) -> None:
        widget.setStyleSheet(INVALID)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_marks(self) -> None:
        self.message.clear()
        for widget in self.findChildren(QWidget):
            if widget.styleSheet() == INVALID:
                widget.setStyleSheet("")


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
