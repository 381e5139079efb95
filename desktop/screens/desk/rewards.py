"""Gifts and vouchers page: redeem points for a gift or a voucher; managers keep the catalogue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.screens.desk import parts
from desktop.screens.desk.member_finder import MemberFinder
from desktop.screens.desk.parts import DeskPage
from desktop.screens.office import MANAGER_ROLES, OfficeContext
from desktop.viewmodels.desk_rewards import GiftForm, RewardsDesk
from domain.errors import DomainError
from domain.records import Gift
from domain.services.proofs import Approval
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


class RewardsPage(DeskPage):
    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RewardsDesk(ctx.env, ctx.staff)
        self.shown_gifts: list[Gift] = []
        self.finder = MemberFinder(ctx.env, self.model.member, self)
        self.finder.found.connect(lambda _view: self._said(""))
        left = QVBoxLayout()
        left.addWidget(self.finder)
        self.error = parts.error_label(self, "rewards_error")
        self.result = parts.label(self, "rewards_result", big=True)
        left.addWidget(self.error)
        left.addWidget(self.result)
        left.addWidget(self._voucher_box())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._gift_box(), 2)
        self.form = self._form_box()
        self.form.setVisible(ctx.staff.role in MANAGER_ROLES)
        right.addWidget(self.form)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        parts.shortcut(self, "F2", self.redeem_gift)
        parts.shortcut(self, "F3", self.redeem_voucher)

    def _gift_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Gift catalogue"), self)
        layout = QVBoxLayout(box)
        self.gifts = parts.table(box, "rewards_gifts", [
            self.tr("Gift"), self.tr("Points"), self.tr("In stock"), self.tr("Code")])
        self.gifts.itemSelectionChanged.connect(self._gift_chosen)
        self.gifts.doubleClicked.connect(lambda _index: self.redeem_gift())
        layout.addWidget(self.gifts)
        button = QPushButton(self.tr("F2 Redeem the chosen gift"), box)
        button.setObjectName("rewards_redeem")
        button.setProperty("role", "primary")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(self.redeem_gift)
        layout.addWidget(button)
        return box

    def _voucher_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Vouchers for points"), self)
        layout = QVBoxLayout(box)
        self.vouchers = parts.table(box, "rewards_vouchers", [
            self.tr("Points"), self.tr("Voucher"), self.tr("Valid for")])
        self.vouchers.setMaximumHeight(190)
        self.vouchers.doubleClicked.connect(lambda _index: self.redeem_voucher())
        layout.addWidget(self.vouchers)
        button = QPushButton(self.tr("F3 Exchange for the chosen voucher"), box)
        button.setObjectName("rewards_voucher")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(self.redeem_voucher)
        layout.addWidget(button)
        return box

    def _form_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add or change a gift (managers)"), self)
        box.setObjectName("rewards_gift_form")
        form = QFormLayout(box)
        self.f_code, self.f_name = QLineEdit(box), QLineEdit(box)
        self.f_cost, self.f_points = QLineEdit(box), QLineEdit(box)
        self.f_stock = QSpinBox(box)
        self.f_stock.setRange(0, 99999)
        self.f_active = QCheckBox(self.tr("Offered to members"), box)
        self.f_active.setChecked(True)
        for name, widget, text in (
                ("gift_code", self.f_code, self.tr("Code")),
                ("gift_name", self.f_name, self.tr("Name")),
                ("gift_cost", self.f_cost, self.tr("Cost to the store (yuan)")),
                ("gift_points", self.f_points, self.tr("Points price")),
                ("gift_stock", self.f_stock, self.tr("In stock")),
                ("gift_active", self.f_active, "")):
            widget.setObjectName(name)
            form.addRow(text, widget)
        save = QPushButton(self.tr("Save the gift"), box)
        save.setObjectName("rewards_gift_save")
        save.clicked.connect(self.save_gift)
        form.addRow(save)
        return box

    # --- the page's life ----------------------------------------------------------------------

    def shown(self) -> None:
        self._fill_gifts()
        parts.fill(self.vouchers, [
            [i18n.number(v.points), i18n.money(v.amount_fen),
             self.tr("{days} days").format(days=v.valid_days)]
            for v in self.model.vouchers()], right=(0, 1))
        self.finder.refresh()

    def focus_target(self) -> QWidget:
        return self.finder.input

    def on_scanned(self, code: ScannedCode) -> None:
        self.finder.on_scanned(code)

    def on_swiped(self, tracks: Tracks) -> None:
        self.finder.on_swiped(tracks)

    def _fill_gifts(self) -> None:
        manager = self.ctx.staff.role in MANAGER_ROLES
        self.shown_gifts = [g for g in self.model.gifts() if g.active or manager]
        parts.fill(self.gifts, [
            [g.name if g.active else self.tr("{name} (withdrawn)").format(name=g.name),
             i18n.number(g.points_price),
             i18n.number(g.stock) if g.stock else self.tr("Out of stock"), g.code]
            for g in self.shown_gifts], right=(1, 2))

    def _chosen_gift(self) -> Gift | None:
        row = self.gifts.currentRow()
        return self.shown_gifts[row] if 0 <= row < len(self.shown_gifts) else None

    def _gift_chosen(self) -> None:
        gift = self._chosen_gift()
        if gift is None or not self.form.isVisibleTo(self):
            return
        self.f_code.setText(gift.code)
        self.f_name.setText(gift.name)
        self.f_cost.setText(i18n.money(gift.cost_fen, sign=False))
        self.f_points.setText(str(gift.points_price))
        self.f_stock.setValue(gift.stock)
        self.f_active.setChecked(gift.active)

    # --- redeeming ----------------------------------------------------------------------------

    def redeem_gift(self) -> None:
        gift = self._chosen_gift()
        try:
            left, slip = self.model.redeem_gift(gift.code if gift else None)
        except DomainError as err:
            self._said(self.ctx.refusal(err), refused=True)
            return
        self.ctx.print_receipt(slip)
        self._said(self.tr("{gift} handed over for {points} points. {stock} left.").format(
            gift=left.name, points=i18n.number(left.points_price),
            stock=i18n.number(left.stock)))
        self._after_change()

    def redeem_voucher(self) -> None:
        row = self.vouchers.currentRow()
        vouchers = self.model.vouchers()
        points = vouchers[row].points if 0 <= row < len(vouchers) else None
        try:
            coupon, slip = self.model.redeem_voucher(points)
        except DomainError as err:
            self._said(self.ctx.refusal(err), refused=True)
            return
        self.ctx.print_receipt(slip)
        self._said(self.tr("{amount} voucher issued, valid until {date}.").format(
            amount=i18n.money(coupon.amount_fen), date=i18n.date_text(coupon.valid_to)))
        self._after_change()

    def _after_change(self) -> None:
        row = self.gifts.currentRow()
        self._fill_gifts()
        self.gifts.selectRow(row)
        self.finder.refresh()

    def _said(self, text: str, refused: bool = False) -> None:
        self.error.setText(text if refused else "")
        self.result.setText("" if refused else text)

    # --- the catalogue (managers) -------------------------------------------------------------

    def save_gift(self) -> None:
        form = GiftForm(self.f_code.text(), self.f_name.text(),
                        i18n.parse_money(self.f_cost.text() or "0"),
                        # Left blank: the gift costs its cost × the pack's factor.
                        _whole(self.f_points.text() or "0"), self.f_stock.value(),
                        self.f_active.isChecked())
        self.ctx.approve(self.tr("Change the gift catalogue"), "rewards.save_gift",
                         lambda approval: self._save(form, approval))

    def _save(self, form: GiftForm, approval: Approval | None) -> None:
        try:
            gift = self.model.save_gift(form, approval)
        except DomainError as err:
            self._said(self.ctx.refusal(err), refused=True)
            return
        self._said(self.tr("Gift {code} saved: {stock} in stock.").format(
            code=gift.code, stock=i18n.number(gift.stock)))
        self._fill_gifts()


def _whole(text: str) -> int | None:
    digits = text.strip().replace(",", "")
    return int(digits) if digits.isdigit() else None


def make(ctx: OfficeContext) -> QWidget:
    return RewardsPage(ctx)
