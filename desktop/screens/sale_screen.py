"""The sale screen: the code field, the lines, the member, the total and points, the F-keys.

Everything a cashier does during a sale starts here, by key or by touch; scans and swipes
arrive from the devices at any time. Refusals appear in the banner above the lines (never a
modal box), in the cashier's language, saying what to do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import explain, feedback, i18n
from desktop.devices import TillDevices
from desktop.printing import ReceiptDesk
from desktop.screens.member_panel import MemberPanelWidget
from desktop.screens.sale_actions import SaleActions
from desktop.screens.sale_lines import SaleLinesTable
from desktop.tasks import TaskRunner
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.sale import Route, Routed, SaleViewModel
from desktop.viewmodels.session import TillSession
from desktop.wedge_filter import takes_codes
from desktop.widgets.money_label import MoneyLabel
from desktop.widgets.numpad import Numpad
from desktop.widgets.style import set_kind
from domain.catalog import Product
from domain.errors import DomainError
from domain.records import Staff
from hardware.scan_codes import CodeKind, ScannedCode
from hardware.tracks import Tracks


class SaleScreen(QWidget):
    """Signals:
        lock_requested(): F12.
        close_shift_requested(): Shift+F12.
        sale_completed(object): a checkout.Completed, after drawer, receipt and display.
        refunded(object): a returns.Returned (a return or a void), after its receipt.
        reprint_requested(): F11.
    """

    lock_requested = Signal()
    close_shift_requested = Signal()
    sale_completed = Signal(object)
    refunded = Signal(object)
    reprint_requested = Signal()
    office_requested = Signal()

    def __init__(self, env: TillEnv, session: TillSession, devices: TillDevices | None,
                 tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sale_screen")
        self.tasks = tasks  # the window's: a sale is saved off its thread
        self.env, self.session, self.devices = env, session, devices
        self.desk = ReceiptDesk(env, devices)
        self.model: SaleViewModel | None = None
        self.do = SaleActions(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._search)
        layout = QVBoxLayout(self)
        layout.addLayout(self._input_row())
        self.alert = QLabel(self)
        self.alert.setObjectName("alert")
        self.alert.setWordWrap(True)
        layout.addWidget(self.alert)
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 3)
        self.results = QListWidget(self)
        self.results.setObjectName("search_results")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemClicked.connect(self._pick_result)
        self.results.hide()
        left.addWidget(self.results)
        self.lines = SaleLinesTable(self)
        self.lines.itemSelectionChanged.connect(self._line_chosen)
        left.addWidget(self.lines, 1)
        body.addLayout(self._side(), 2)
        layout.addWidget(self._keys())

    # --- layout -------------------------------------------------------------------------------

    def _input_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.input = QLineEdit(self)
        self.input.setObjectName("sale_input")
        takes_codes(self.input)
        self.input.setPlaceholderText(self.tr(
            "Scan, or type a barcode, SKU, name or pinyin initials — Enter"))
        self.input.returnPressed.connect(self._on_enter)
        self.input.textEdited.connect(lambda _text: self._search_timer.start())
        self.input.installEventFilter(self)
        row.addWidget(self.input, 1)
        return row

    def _side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        side.setSpacing(3)  # member, totals, points and numpad share a 768 px high screen
        self.member = MemberPanelWidget(self)
        self.member.coupon_picked.connect(lambda code: self.act(
            lambda: self.sale().add_coupon(code), self.tr("Coupon added.")))
        side.addWidget(self.member)
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        self.total = MoneyLabel("total_due", self)
        self.total.setProperty("huge", True)
        self.discount = MoneyLabel("total_discount", self)
        self.points = QLabel(self)
        self.points.setObjectName("points_preview")
        self.points.setWordWrap(True)
        self.paid = QLabel(self)
        self.paid.setObjectName("total_paid")
        grid.addWidget(QLabel(self.tr("To pay"), self), 0, 0)
        grid.addWidget(self.total, 0, 1)
        grid.addWidget(QLabel(self.tr("Discounts"), self), 1, 0)
        grid.addWidget(self.discount, 1, 1)
        grid.addWidget(self.points, 2, 0, 1, 2)
        grid.addWidget(self.paid, 3, 0, 1, 2)
        side.addLayout(grid)
        self.notes = QLabel(self)
        self.notes.setObjectName("sale_notes")
        self.notes.setWordWrap(True)
        side.addWidget(self.notes)
        pad = Numpad(self)
        pad.attach(self.input)
        side.addWidget(pad, 1)
        return side

    def key_actions(self) -> list[tuple[str, str, str, Callable[[], None]]]:
        """(key, objectName, label, slot) of every action; the F1 help lists them too."""
        do = self.do
        return [
            ("F1", "key_help", self.tr("Help"), do.help),
            ("F2", "key_qty", self.tr("Quantity"), do.quantity),
            ("F3", "key_void", self.tr("Void line"), do.void_line),
            ("F4", "key_member", self.tr("Member"), do.member_by_number),
            ("F5", "key_coupon", self.tr("Coupon"), do.coupon),
            ("F6", "key_hold", self.tr("Hold"), do.hold),
            ("F7", "key_recall", self.tr("Recall"), do.recall),
            ("F8", "key_return", self.tr("Return"), do.open_returns),
            ("F9", "key_discount", self.tr("Discount"), do.discount_line),
            ("F10", "key_pay", self.tr("Pay"), do.pay),
            ("F11", "key_reprint", self.tr("Reprint"), self.reprint_requested.emit),
            ("F12", "key_lock", self.tr("Lock"), self.lock_requested.emit),
            ("Shift+F1", "key_office", self.tr("Back office"), self.office_requested.emit),
            ("Shift+F3", "key_cancel", self.tr("Cancel sale"), do.cancel_sale),
            ("Shift+F4", "key_detach", self.tr("Remove member"), do.detach_member),
            ("Shift+F5", "key_camera", self.tr("Camera scan"), do.camera),
            ("Shift+F9", "key_ticket_discount", self.tr("Whole-sale discount"),
             do.discount_ticket),
            ("Shift+F12", "key_close_shift", self.tr("Close shift"),
             self.close_shift_requested.emit),
        ]

    def _keys(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName("key_bar")
        grid = QGridLayout(bar)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for index, (key, name, text, slot) in enumerate(self.key_actions()):
            button = QPushButton(f"{key}\n{text}", bar)
            button.setObjectName(name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            grid.addWidget(button, index // 9, index % 9)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return bar

    # --- the sale -----------------------------------------------------------------------------

    def start(self, staff: Staff) -> None:
        """A new, empty sale for whoever is logged in."""
        shift = self.session.shift.id if self.session.shift else None
        self.use(SaleViewModel.start(self.env, staff, shift))

    def use(self, model: SaleViewModel) -> None:
        self.model = model
        self.refresh()
        self.input.setFocus()

    def sale(self) -> SaleViewModel:
        if self.model is None:
            raise DomainError("staff.bad_login")
        return self.model

    def refresh(self) -> None:
        view = self.sale().view()
        self.lines.set_lines(view.lines, view.current)
        self.member.set_member(view.member)
        if view.alliance is not None:
            self.member.set_alliance(view.alliance)
        self.total.set_fen(view.total_fen)
        self.discount.set_fen(view.discount_fen)
        self._show_points(view.points, view.points_reasons)
        if view.member is not None and view.member.wallet_bonus_fen and view.points is not None:
            # Stored value's bonus part earns nothing: the payment dialog shows the exact
            # figure as the cashier types the amount.
            self.points.setText(self.points.text() + "\n" + self.tr(
                "Paid in money; stored value earns fewer points (its bonus part earns none)."))
        self.paid.setVisible(view.tender_count > 0)
        self.paid.setText(self.tr("Paid so far {paid}, still due {left}").format(
            paid=i18n.money(view.paid_fen), left=i18n.money(view.remaining_fen)))
        notes = explain.sale_notes(view.applied)
        if view.approved_by:
            notes.append(self.tr("Discount approved by a manager"))
        self.notes.setText("\n".join(notes))

    def _show_points(self, points: int | None, reasons: tuple[dict[str, object], ...]) -> None:
        if points is None:
            self.points.setText(self.tr("Attach a member to earn points"))
            return
        text = self.tr("This sale earns {points} points").format(points=i18n.number(points))
        why = explain.points_reasons(reasons)
        self.points.setText(f"{text} ({why})" if why else text)

    def act(self, action: Callable[[], object], success: str = "") -> bool:
        """Run a change; a refusal goes to the banner. Returns whether it went through."""
        try:
            action()
        except DomainError as err:
            self.show_refusal(err)
            return False
        self.refresh()
        self.show_info(success)
        return True

    def show_refusal(self, err: DomainError) -> None:
        if feedback.is_card_data(err):
            self.input.clear()  # a bank card's number typed in: not left on the screen
        message = feedback.describe(err)
        self.alert.setText(message.text)
        set_kind(self.alert, "refusal")

    def show_info(self, text: str, kind: str = "info") -> None:
        self.alert.setText(text)
        set_kind(self.alert, kind if text else "")

    # --- codes: typed, scanned, swiped --------------------------------------------------------

    def _on_enter(self) -> None:
        current = self.results.currentItem() if self.results.isVisible() else None
        if current is not None:
            self._pick_result(current)
            return
        text = self.input.text().strip()
        if not text:
            self.do.pay()
            return
        self._route(lambda: self.sale().enter(text))

    def on_scanned(self, code: ScannedCode) -> None:
        sale = self.sale()
        if code.kind is CodeKind.WEIGHED and code.weighed is not None:
            item = code.weighed

            def weighed() -> Route:
                sale.add_weighed(item.plu, item.price_fen, item.weight_g)
                return Route(Routed.ITEM, sale.state)
            self._route(weighed)
        elif code.kind is CodeKind.GTIN:
            self._route(lambda: sale.enter_gtin(code.text))
        else:
            self._route(lambda: sale.enter(code.text, scanned=True))

    def on_swiped(self, tracks: Tracks) -> None:
        if self.act(lambda: self.sale().attach_swipe(tracks.track1, tracks.track2)):
            self.member_attached()

    def _route(self, action: Callable[[], Route]) -> None:
        try:
            route = action()
        except DomainError as err:
            self.show_refusal(err)
            return
        self.input.clear()
        self.results.hide()
        self.refresh()
        if route.kind is Routed.CHOICES:
            self._show_results(list(route.products))
            self.show_info(self.tr("Several products match: choose one with ↑ ↓ and Enter."))
        elif route.kind is Routed.RECEIPT:
            self.do.open_returns(route.text)
        elif route.kind is Routed.MEMBER:
            self.member_attached()
        elif route.kind is Routed.COUPON:
            self.show_info(self.tr("Coupon added."))
        else:
            self._item_added()

    def _item_added(self) -> None:
        view = self.sale().view()
        self.show_info("")
        if self.devices is not None and view.lines:
            last = next((ln for ln in view.lines if ln.line_no == view.current), view.lines[-1])
            self.devices.show_item(last.name, last.final_fen, view.total_fen)

    def member_attached(self) -> None:
        view = self.sale().view()
        if view.member is not None:
            self.show_info(self.tr("Member {name} ({tier}) attached.").format(
                name=view.member.name, tier=view.member.tier))
        elif view.alliance is not None:
            self.show_info(self.tr("Alliance member of {issuer} attached: partner prices.")
                           .format(issuer=view.alliance.issuer_name))

    def _line_chosen(self) -> None:
        if self.model is not None and self.lines.selectedItems():
            self.model.choose(self.lines.selected_line_no())

    # --- search -------------------------------------------------------------------------------

    def _search(self) -> None:
        text = self.input.text().strip()
        if self.model is None or not text:
            self.results.hide()
            return
        self._show_results(self.model.search(text))

    def _show_results(self, products: list[Product]) -> None:
        self.results.clear()
        for product in products:
            price = i18n.money(product.price_fen)
            item = QListWidgetItem(f"{product.name}  {product.sku}  {price}")
            item.setData(Qt.ItemDataRole.UserRole, product.sku)
            self.results.addItem(item)
        self.results.setVisible(bool(products))
        self.results.setCurrentRow(-1)

    def _pick_result(self, item: QListWidgetItem) -> None:
        sku = str(item.data(Qt.ItemDataRole.UserRole))

        def add() -> Route:
            self.sale().add_item(sku)
            return Route(Routed.ITEM, self.sale().state)
        self._route(add)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down move through search results (or lines); Esc clears the code field."""
        if watched is not self.input or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            if self.results.isVisible() and self.results.count():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
            else:
                self.lines.step_selection(step)
            return True
        if key == Qt.Key.Key_Escape:
            self.input.clear()
            self.results.hide()
            self.show_info("")
            return True
        return False

