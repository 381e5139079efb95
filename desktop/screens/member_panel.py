"""The member panel beside the sale: masked name, tier, points (expiring soon), wallet, coupons."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop import i18n
from desktop.viewmodels.member import MemberPanel


class MemberPanelWidget(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_panel")
        layout = QVBoxLayout(self)
        self.name = self._label("member_name", layout)
        self.tier = self._label("member_tier", layout)
        self.points = self._label("member_points", layout)
        self.expiring = self._label("member_expiring", layout)
        self.wallet = self._label("member_wallet", layout)
        self.coupons = self._label("member_coupons", layout)
        self.birthday = self._label("member_birthday", layout)
        self.set_member(None)

    def _label(self, name: str, layout: QVBoxLayout) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        layout.addWidget(label)
        return label

    def set_member(self, member: MemberPanel | None) -> None:
        for label in (self.tier, self.points, self.expiring, self.wallet, self.coupons,
                      self.birthday):
            label.setVisible(member is not None)
        if member is None:
            self.name.setText(self.tr("No member — swipe or scan the card, or F4"))
            self.setProperty("empty", True)
            return
        self.setProperty("empty", False)
        card = self.tr("card") if member.card_presented else self.tr("no card shown")
        self.name.setText(f"{member.name}  {member.mobile}  ({card})")
        self.tier.setText(self.tr("Tier: {tier}").format(tier=member.tier))
        self.points.setText(self.tr("Points: {points}").format(
            points=i18n.number(member.points)))
        self._expiring(member)
        self.wallet.setText(self.tr("Stored value: {amount}").format(
            amount=i18n.money(member.wallet_fen)))
        self._coupons(member)
        self.birthday.setVisible(member.birthday_today)
        self.birthday.setText(self.tr("Birthday today — wish them a happy birthday!"))

    def _expiring(self, member: MemberPanel) -> None:
        if not member.expiring:
            self.expiring.setVisible(False)
            return
        last = min(day for day, _ in member.expiring)
        self.expiring.setText(self.tr("{points} points expire by {date}").format(
            points=i18n.number(member.expiring_points), date=i18n.date_text(last)))

    def _coupons(self, member: MemberPanel) -> None:
        if not member.coupons:
            self.coupons.setText(self.tr("Coupons: none"))
            return
        parts = [f"{i18n.money(c.amount_fen)} ({c.code[-4:]})" if c.amount_fen
                 else c.code[-4:] for c in member.coupons]
        self.coupons.setText(self.tr("Coupons: {list}").format(list=", ".join(parts)))
