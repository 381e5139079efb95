"""The member panel beside the sale: masked name, tier, points (expiring soon), wallet, coupons."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import i18n
from desktop.viewmodels.member import AlliancePanel, CouponLine, MemberPanel

SHOWN_COUPONS = 3  # buttons for the first three; F5 takes any by its last four characters


class MemberPanelWidget(QFrame):
    """Signals:
        coupon_picked(str): a coupon of the member touched (its full code).
    """

    coupon_picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_panel")
        layout = QVBoxLayout(self)
        layout.setSpacing(2)  # the panel, totals and numpad share a 768 px high screen
        self.name = self._label("member_name", layout)
        # Two facts a line: the panel, the totals and the numpad share a 768 px high screen.
        first, second = QHBoxLayout(), QHBoxLayout()
        layout.addLayout(first)
        self.tier = self._label("member_tier", first)
        self.points = self._label("member_points", first)
        self.expiring = self._label("member_expiring", layout)
        layout.addLayout(second)
        self.wallet = self._label("member_wallet", second)
        self.coupons = self._label("member_coupons", second)
        self.coupon_row = QHBoxLayout()
        layout.addLayout(self.coupon_row)
        self.coupon_buttons: list[QPushButton] = []
        self.birthday = self._label("member_birthday", layout)
        self.set_member(None)

    def _label(self, name: str, layout: QVBoxLayout | QHBoxLayout) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        layout.addWidget(label)
        return label

    def set_member(self, member: MemberPanel | None) -> None:
        for label in (self.tier, self.points, self.expiring, self.wallet, self.coupons,
                      self.birthday):
            label.setVisible(member is not None)
        self._coupons(member)
        if member is None:
            self.name.setText(self.tr("No member — swipe or scan the card, or F4"))
            self.setProperty("empty", True)
            return
        self.setProperty("empty", False)
        if member.card_presented:
            card = self.tr("card")
        elif member.card_typed:
            card = self.tr("card number typed, not shown: stored value needs the PIN")
        else:
            card = self.tr("no card shown")
        self.name.setText(f"{member.name}  {member.mobile}  ({card})")
        self.tier.setText(self.tr("Tier: {tier}").format(tier=member.tier))
        self.points.setText(self.tr("Points: {points}").format(
            points=i18n.number(member.points)))
        self._expiring(member)
        self.wallet.setText(self.tr("Stored value: {amount}").format(
            amount=i18n.money(member.wallet_fen)))
        self.birthday.setVisible(member.birthday_today)
        self.birthday.setText(self.tr("Birthday today — wish them a happy birthday!"))

    def set_alliance(self, member: AlliancePanel) -> None:
        """Another merchant's member, honoured here under an alliance agreement: whose card
        it is, the masked name, the issuer's tier and the benefit; stored value is theirs."""
        self.setProperty("empty", False)
        self.name.setText(self.tr("Alliance member of {issuer}: {name}").format(
            issuer=member.issuer_name, name=member.name))
        self.tier.setText(self.tr("Tier at {issuer}: {tier}").format(
            issuer=member.issuer_name, tier=member.tier))
        self.points.setText(self._benefit(member))
        self.wallet.setText(self.tr("Stored value: not accepted here (only at {issuer})")
                            .format(issuer=member.issuer_name))
        for label in (self.tier, self.points, self.wallet):
            label.setVisible(True)
        self.expiring.setText(self._points_rule(member))
        self.expiring.setVisible(True)

    def _benefit(self, member: AlliancePanel) -> str:
        if not member.discounts:
            return self.tr("No partner discount")
        classes = {"regular": self.tr("regular"), "new": self.tr("new arrivals"),
                   "no_points": self.tr("no-points goods")}
        rates = "  ".join(
            f"{classes.get(klass, klass)} {i18n.rate_text(Decimal(10000 - bp) / 10000)}"
            for klass, bp in member.discounts)
        return self.tr("Partner discount: {rates}").format(rates=rates)

    def _points_rule(self, member: AlliancePanel) -> str:
        earn = self.tr("Earns {points} {issuer} points per yuan").format(
            points=member.points_per_yuan, issuer=member.issuer_name)
        if not member.points_spendable:
            return earn
        return earn + " · " + self.tr("{issuer} points pay {value} each").format(
            issuer=member.issuer_name, value=i18n.money(member.point_value_fen))

    def _expiring(self, member: MemberPanel) -> None:
        if not member.expiring:
            self.expiring.setVisible(False)
            return
        last = min(day for day, _ in member.expiring)
        self.expiring.setText(self.tr("{points} points expire by {date}").format(
            points=i18n.number(member.expiring_points), date=i18n.date_text(last)))

    def _coupons(self, member: MemberPanel | None) -> None:
        for button in self.coupon_buttons:
            button.deleteLater()
        self.coupon_buttons = []
        if member is None:
            return
        if not member.coupons:
            self.coupons.setText(self.tr("Coupons: none"))
            return
        self.coupons.setText(self.tr("Coupons (touch one, or F5 and its last four):"))
        for index, coupon in enumerate(member.coupons[:SHOWN_COUPONS]):
            button = QPushButton(self._coupon_text(coupon), self)
            button.setObjectName(f"member_coupon_{index}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the keys
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, code=coupon.code: self.coupon_picked.emit(code))
            self.coupon_row.addWidget(button)
            self.coupon_buttons.append(button)
        more = len(member.coupons) - SHOWN_COUPONS
        if more > 0:
            self.coupons.setText(self.coupons.text() + " " + self.tr("(+%n more)", "", more))

    def _coupon_text(self, coupon: CouponLine) -> str:
        value = i18n.money(coupon.amount_fen) if coupon.amount_fen else self.tr("Coupon")
        if coupon.min_spend_fen:
            value = self.tr("{value} from {spend}").format(
                value=value, spend=i18n.money(coupon.min_spend_fen))
        return f"{value}  …{coupon.code[-4:]}"
