"""A member's statement on screen: balances on top, then one table per kind of movement."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP, date_text, money, number
from desktop.viewmodels.lookup import MemberStatement

CONTEXT = "StatementView"
# Stored codes as the desk says them; an unknown code is shown as it is stored.
WORDS = {
    "earn": QT_TRANSLATE_NOOP("StatementView", "earned"),
    "bonus": QT_TRANSLATE_NOOP("StatementView", "bonus"),
    "spend": QT_TRANSLATE_NOOP("StatementView", "spent"),
    "expire": QT_TRANSLATE_NOOP("StatementView", "expired"),
    "takeback": QT_TRANSLATE_NOOP("StatementView", "taken back"),
    "adjust": QT_TRANSLATE_NOOP("StatementView", "adjusted"),
    "gift": QT_TRANSLATE_NOOP("StatementView", "gift"),
    "voucher": QT_TRANSLATE_NOOP("StatementView", "voucher"),
    "draw": QT_TRANSLATE_NOOP("StatementView", "draw"),
    "import": QT_TRANSLATE_NOOP("StatementView", "imported"),
    "topup": QT_TRANSLATE_NOOP("StatementView", "top-up"),
    "payment": QT_TRANSLATE_NOOP("StatementView", "paid"),
    "refund": QT_TRANSLATE_NOOP("StatementView", "refunded"),
    "close": QT_TRANSLATE_NOOP("StatementView", "closed"),
    "issued": QT_TRANSLATE_NOOP("StatementView", "open"),
    "redeemed": QT_TRANSLATE_NOOP("StatementView", "used"),
    "expired": QT_TRANSLATE_NOOP("StatementView", "expired"),
    "void": QT_TRANSLATE_NOOP("StatementView", "void"),
    "signup": QT_TRANSLATE_NOOP("StatementView", "sign-up"),
    "upgrade": QT_TRANSLATE_NOOP("StatementView", "upgrade"),
    "retained": QT_TRANSLATE_NOOP("StatementView", "kept"),
    "downgrade": QT_TRANSLATE_NOOP("StatementView", "downgrade"),
    "manual": QT_TRANSLATE_NOOP("StatementView", "by hand"),
    "return": QT_TRANSLATE_NOOP("StatementView", "set back by a return"),
}


def word(code: str) -> str:
    return QCoreApplication.translate(CONTEXT, WORDS[code]) if code in WORDS else code


class StatementView(QWidget):
    """Read-only: the page above it chooses the member and the period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statement_view")
        self.summary = QLabel(self)
        self.summary.setObjectName("statement_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.figures = QGridLayout()
        self.values = self._make_figures([
            self.tr("Tier"), self.tr("Points"), self.tr("Stored value"), self.tr("Bonus value"),
            self.tr("Spent in period"), self.tr("Points in period")])
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("statement_tabs")
        self.purchases = self._table("statement_purchases", self.tr("Purchases"), [
            self.tr("Date"), self.tr("Receipt"), self.tr("Amount"), self.tr("Points")])
        self.lots = self._table("statement_lots", self.tr("Points lots"), [
            self.tr("Earned on"), self.tr("Expires"), self.tr("Earned"), self.tr("Remaining")])
        self.movements = self._table("statement_points", self.tr("Points movements"), [
            self.tr("Date"), self.tr("Kind"), self.tr("Points"), self.tr("Reason")])
        self.wallet = self._table("statement_wallet", self.tr("Stored value"), [
            self.tr("Date"), self.tr("Kind"), self.tr("Principal"), self.tr("Bonus")])
        self.coupons = self._table("statement_coupons", self.tr("Coupons"), [
            self.tr("Code"), self.tr("Amount"), self.tr("Valid to"), self.tr("State")])
        self.tiers = self._table("statement_tiers", self.tr("Tier history"), [
            self.tr("Date"), self.tr("From"), self.tr("To"), self.tr("Reason")])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(self.figures)
        layout.addWidget(self.tabs, 1)

    def _table(self, name: str, title: str, header: Sequence[str]) -> QTableWidget:
        table = QTableWidget(0, len(header), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(list(header))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(table, title)
        return table

    def show_statement(self, found: MemberStatement) -> None:
        st = found.statement
        self.summary.setText(self.tr("{name} — card {card} — {since} to {until}").format(
            name=st.member.name, card=st.card_number or self.tr("none"),
            since=date_text(st.since), until=date_text(st.until)))
        self._show_figures([
            st.member.tier, number(st.balances.points),
            money(st.balances.wallet_principal_fen), money(st.balances.wallet_bonus_fen),
            money(st.spent_fen), f"{st.points_in_period:+,}"])
        self._fill(self.purchases, [
            (date_text(s.business_date), s.receipt_no, money(s.total_fen),
             number(s.points_earned)) for s in st.purchases])
        self._fill(self.lots, [
            (date_text(lot.earned_on),
             date_text(lot.expires_on) if lot.expires_on else self.tr("never"),
             number(lot.points), number(lot.remaining)) for lot in st.lots])
        self._fill(self.movements, [
            (date_text(e.business_date), word(e.kind), f"{e.points:+,}", e.reason)
            for e in st.points_entries])
        self._fill(self.wallet, [
            (date_text(e.business_date), word(e.kind), money(e.principal_fen),
             money(e.bonus_fen)) for e in st.wallet_entries])
        self._fill(self.coupons, [
            (c.code, money(c.amount_fen), date_text(c.valid_to), word(c.state.value))
            for c in st.coupons])
        self._fill(self.tiers, [
            (date_text(c.at.date()), c.from_tier or "—", c.to_tier, word(c.reason))
            for c in found.tiers])

    def _make_figures(self, captions: Sequence[str]) -> list[QLabel]:
        values = []
        for i, text in enumerate(captions):
            caption = QLabel(text, self)
            caption.setStyleSheet("color: #5b6675; font-size: 13px;")
            value = QLabel("—", self)
            value.setObjectName(f"statement_figure_{i}")
            value.setStyleSheet("font-size: 20px; font-weight: bold;")
            self.figures.addWidget(caption, 0, i)
            self.figures.addWidget(value, 1, i)
            values.append(value)
        return values

    def _show_figures(self, values: Sequence[str]) -> None:
        for label, value in zip(self.values, values, strict=True):
            label.setText(value)

    @staticmethod
    def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c > 0 and text[:1] in "+-￥0123456789":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)

    def clear(self) -> None:
        self.summary.setText(self.tr("Find a member above, or swipe their card."))
        self._show_figures(["—"] * len(self.values))
        for table in (self.purchases, self.lots, self.movements, self.wallet, self.coupons,
                      self.tiers):
            table.setRowCount(0)
