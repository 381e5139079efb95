"""The front desk's "Members" page: find a member, read and print their statement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import money, number
from desktop.screens.desk.pin_dialog import PinBox
from desktop.screens.desk.profile_edit import ProfileDialog
from desktop.screens.desk.statement_view import StatementView
from desktop.screens.office import OfficeContext
from desktop.viewmodels.lookup import HitRow, LookupModel, MemberStatement
from domain.errors import DomainError
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


class LookupPage(QWidget):
    """Search on top, the results list, then the chosen member's statement for a period."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = LookupModel(ctx.env)
        self.hits: list[HitRow] = []
        self.found: MemberStatement | None = None
        self.member_id: str | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._search_row())
        self.results = self._results_table()
        layout.addWidget(self.results, 2)
        self.error = QLabel(self)
        self.error.setObjectName("lookup_error")
        self.error.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.pin_box = PinBox(ctx, self, wide=True)  # F6: the member sets their payment PIN
        layout.addWidget(self.pin_box)
        layout.addLayout(self._period_row())
        self.view = StatementView(self)
        layout.addWidget(self.view, 3)
        self.view.clear()
        self._shortcuts()

    def _search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("lookup_search")
        # Not a code field: a clerk types 张三 through the input method. Card and mobile
        # numbers are digits, which a pinyin IME passes straight through, so a scan here is
        # typed in and Enter searches for it.
        self.search.setPlaceholderText(self.tr(
            "Name, pinyin initials (zs), mobile or its last 4 digits, card number — Enter"))
        self.search.returnPressed.connect(self.run_search)
        find = QPushButton(self.tr("Find"), self)
        find.setObjectName("lookup_find")
        find.setProperty("role", "primary")
        find.clicked.connect(self.run_search)
        row.addWidget(self.search, 1)
        row.addWidget(find)
        return row

    def _results_table(self) -> QTableWidget:
        headers = [self.tr("Name"), self.tr("Mobile"), self.tr("Card"), self.tr("Tier"),
                   self.tr("Status"), self.tr("Points"), self.tr("Stored value")]
        table = QTableWidget(0, len(headers), self)
        table.setObjectName("lookup_results")
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._chosen)
        return table

    def _period_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        since, until = self.model.default_period()
        self.since = self._date_edit("lookup_since", since)
        self.until = self._date_edit("lookup_until", until)
        row.addWidget(QLabel(self.tr("From"), self))
        row.addWidget(self.since)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.until)
        buttons = [("lookup_show", self.tr("Show"), self.show_statement),
                   ("lookup_print", self.tr("F5 Print"), self.print_statement),
                   ("lookup_pdf", self.tr("Save PDF"), lambda: self.save_pdf()),
                   ("lookup_csv", self.tr("Save CSV"), lambda: self.save_csv()),
                   ("lookup_edit", self.tr("F4 Edit profile"), self.edit_profile)]
        row.addStretch(1)
        for name, text, slot in buttons:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setMinimumHeight(44)
        return edit

    def _shortcuts(self) -> None:
        for key, slot in (("F4", self.edit_profile), ("F5", self.print_statement),
                          ("Esc", self._escape)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- what the office calls ------------------------------------------------------------

    def shown(self) -> None:
        """Re-read: balances change at the till while this page is away."""
        self.run_search()
        self.search.setFocus()

    def on_scanned(self, code: ScannedCode) -> None:
        self._open(lambda: self.model.by_code(code.text))

    def on_swiped(self, tracks: Tracks) -> None:
        self._open(lambda: self.model.by_swipe(tracks))

    # --- actions ----------------------------------------------------------------------------

    def run_search(self) -> None:
        keep = self.member_id
        try:
            self.hits = self.model.search(self.search.text())
        except DomainError as err:
            self._refuse(err)
            return
        self.error.clear()
        self._fill_results()
        ids = [h.member_id for h in self.hits]
        if ids:
            self.results.selectRow(ids.index(keep) if keep in ids else 0)
        else:
            self.member_id, self.found = None, None
            self.pin_box.show_member(None)
            self.view.clear()
            self.error.setText(self.tr("No member matches “{text}”.").format(
                text=self.search.text().strip()))

    def _fill_results(self) -> None:
        self.results.blockSignals(True)
        self.results.setRowCount(len(self.hits))
        for r, hit in enumerate(self.hits):
            cells = [hit.name, hit.mobile, hit.card or "—", hit.tier, self._status(hit.status),
                     number(hit.points), money(hit.wallet_fen)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.results.setItem(r, c, item)
        self.results.clearSelection()
        self.results.blockSignals(False)

    def _chosen(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.hits):
            self.member_id = self.hits[rows[0].row()].member_id
            self.pin_box.show_member(self.member_id)
            self.show_statement()

    def _status(self, status: str) -> str:
        words = {"active": self.tr("active"), "frozen": self.tr("frozen"),
                 "closed": self.tr("closed")}
        return words.get(status, status)

    def _open(self, find_id: Callable[[], str]) -> None:
        """A swiped or scanned card: list that member alone and show the statement."""
        try:
            self.hits = [self.model.hit(find_id())]
        except DomainError as err:
            self._refuse(err)
            return
        self.search.clear()
        self._fill_results()
        self.results.selectRow(0)

    def _period(self) -> tuple[date, date]:
        return _day(self.since.date()), _day(self.until.date())

    def show_statement(self) -> None:
        if self.member_id is None:
            return
        try:
            self.found = self.model.statement(self.member_id, *self._period())
        except DomainError as err:
            self._refuse(err)
            return
        self.error.clear()
        self.view.show_statement(self.found)

    def print_statement(self) -> None:
        if (self._need_statement() and self.found is not None
                and self.ctx.print_receipt(self.model.receipt(self.found))):
            self.ctx.notice(self.tr("The statement is printing."))

    def save_pdf(self, path: Path | None = None) -> Path | None:
        return self._save(path, self.tr("PDF (*.pdf)"), ".pdf", self.model.pdf)

    def save_csv(self, path: Path | None = None) -> Path | None:
        return self._save(path, self.tr("CSV (*.csv)"), ".csv",
                          lambda found: self.model.csv(found).encode("utf-8"))

    def _save(self, path: Path | None, filter_text: str, suffix: str,
              render: Callable[[MemberStatement], bytes]) -> Path | None:
        """Write the statement where the user chooses (tests pass the path)."""
        if not self._need_statement() or self.found is None:
            return None
        if path is None:
            name = f"{self.found.statement.member.name}-{self._period()[1].isoformat()}{suffix}"
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the statement"),
                                                    str(Path.home() / name), filter_text)
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_bytes(render(self.found))
        except OSError as err:
            self._refuse(DomainError("lookup.save_failed", path=str(path), reason=err.strerror))
            return None
        self.ctx.notice(self.tr("Saved to {path}.").format(path=str(path)))
        return path

    def edit_profile(self) -> ProfileDialog | None:
        """The profile form over the page (window-modal, so the page stays in view)."""
        if not self._need_statement() or self.member_id is None:
            return None
        member_id = self.member_id
        try:
            member = self.model.member(member_id)
        except DomainError as err:
            self._refuse(err)
            return None
        dialog = ProfileDialog(member, lambda changes: self.model.update_profile(
            member_id, changes, self.ctx.staff.id), self)
        dialog.accepted.connect(self._profile_saved)
        dialog.open()
        return dialog

    def _profile_saved(self) -> None:
        self.ctx.notice(self.tr("The profile is saved."))
        self.run_search()

    def _need_statement(self) -> bool:
        if self.found is None:
            self._refuse(DomainError("lookup.no_member"))
            return False
        return True

    def _escape(self) -> None:
        if self.search.text():
            self.search.clear()
            self.run_search()
        self.search.setFocus()

    def _refuse(self, err: DomainError) -> None:
        self.error.setText(self.ctx.refusal(err))


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def make_lookup(ctx: OfficeContext) -> QWidget:
    return LookupPage(ctx)
