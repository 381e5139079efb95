"""Tiers: anniversaries coming up with the predicted outcome, members per tier, and one
member's history of tier changes (DOMAIN §5)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.screens.manage.charts import BarChart
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels import tiers as tiers_model
from desktop.viewmodels.tiers import TierFigures, TiersModel
from desktop.wedge_filter import takes_codes
from desktop.widgets.rows_table import RowsTable
from domain.errors import DomainError
from domain.services.tier_outlook import Outlook
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks

REASONS = {  # TierChange.reason, as the history shows it
    "signup": QT_TRANSLATE_NOOP("tiers", "Sign-up"),
    "upgrade": QT_TRANSLATE_NOOP("tiers", "Upgrade at a sale"),
    "retained": QT_TRANSLATE_NOOP("tiers", "Kept at the anniversary"),
    "downgrade": QT_TRANSLATE_NOOP("tiers", "Lowered at the anniversary"),
    "manual": QT_TRANSLATE_NOOP("tiers", "Set by a manager"),
    "void": QT_TRANSLATE_NOOP("tiers", "Set back by a void"),
    "return": QT_TRANSLATE_NOOP("tiers", "Set back by a return"),
}
KEEP, DROP = QColor("#14632d"), QColor("#b42318")


def table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableWidget:
    widget = QTableWidget(0, len(headers), parent)
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(list(headers))
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setAlternatingRowColors(True)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    widget.horizontalHeader().setStretchLastSection(True)
    return widget


def fill(widget: QTableWidget, rows: Sequence[Sequence[str]],
         right: Sequence[int] = ()) -> None:
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)


class TiersPage(QWidget):
    """Who is due for review and how it will go; F5 re-reads; a card or mobile opens a
    member's history (swipe, scan, or type and Enter)."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = TiersModel(ctx.env.ctx)
        grid = QGridLayout(self)
        grid.addLayout(self._days_row(), 0, 0, 1, 2)
        # Thousands of anniversaries at a large store: drawn as they scroll into view.
        self.outlook = RowsTable(self, "tiers_outlook", [
            self.tr("Member"), self.tr("Mobile"), self.tr("Tier"), self.tr("Anniversary"),
            self.tr("Qualifying spend"), self.tr("To keep"), self.tr("Still short"),
            self.tr("Predicted")])
        self.outlook.row_chosen.connect(self.choose_row)
        grid.addWidget(self.outlook, 1, 0)
        self.chart = BarChart(self.tr("Members per tier"), self)
        self.chart.setObjectName("tiers_chart")
        grid.addWidget(self.chart, 1, 1)
        grid.addLayout(self._history_box(), 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)

    def _days_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Anniversaries in the next"), self))
        self.days = QSpinBox(self)
        self.days.setObjectName("tiers_days")
        self.days.setRange(1, 366)
        self.days.setValue(self.model.days)
        self.days.setMinimumWidth(110)
        self.days.valueChanged.connect(lambda _v: self.load())
        row.addWidget(self.days)
        row.addWidget(QLabel(self.tr("days"), self))
        self.summary = QLabel(self)
        self.summary.setObjectName("tiers_summary")
        self.summary.setWordWrap(True)  # a long English summary wraps rather than widen the page
        row.addWidget(self.summary, 1)
        return row

    def _history_box(self) -> QVBoxLayout:
        box = QVBoxLayout()
        row = QHBoxLayout()
        title = QLabel(self.tr("Tier history"), self)
        title.setStyleSheet("font-weight: bold; color: #1e4fa3;")
        row.addWidget(title)
        self.code = QLineEdit(self)
        self.code.setObjectName("tiers_member_code")
        takes_codes(self.code)
        self.code.setPlaceholderText(self.tr("Card number or mobile, then Enter"))
        self.code.returnPressed.connect(lambda: self.look_up(self.code.text()))
        row.addWidget(self.code, 1)
        self.member = QLabel(self.tr("Pick a member above, swipe a card or type a mobile."),
                             self)
        self.member.setObjectName("tiers_member")
        self.member.setWordWrap(True)
        row.addWidget(self.member, 2)
        box.addLayout(row)
        self.history = table(self, "tiers_history", [
            self.tr("When"), self.tr("From"), self.tr("To"), self.tr("Why")])
        box.addWidget(self.history)
        return box

    def shown(self) -> None:
        self.load()

    def load(self) -> None:
        """Read on the window's task runner (members per tier counts every member)."""
        ctx, days = self.ctx.env.ctx, self.days.value()
        self.ctx.run(Task(self.tr("Reading the tiers"),
                          lambda progress: tiers_model.read(ctx, days, progress), self._loaded,
                          self.summary.setText, key="manage_tiers", owner=self))

    def _loaded(self, figures: TierFigures) -> None:
        self.model.apply(figures)
        self._fill_outlook(self.model.outlook)
        self.chart.set_bars(self.model.counts)
        if self.model.member is not None:
            self.model.choose(self.model.member)
            self._fill_history()

    def _fill_outlook(self, rows: list[Outlook]) -> None:
        self.outlook.fill([self._row(o) for o in rows], right=(4, 5, 6), colour=lambda r, c: (
            (KEEP if rows[r].keeps else DROP) if c == 7 else None))
        if not rows:
            self.summary.setText(self.tr("No tier anniversaries in the next {days} days.")
                                 .format(days=self.model.days))
            return
        self.summary.setText(self.tr("{count} anniversaries: {drop} would drop a tier if they "
                                     "bought nothing more.").format(
            count=i18n.number(len(rows)), drop=i18n.number(self.model.dropping)))

    def _row(self, o: Outlook) -> list[str]:
        if o.keeps:
            outcome = self.tr("Keeps {tier}").format(tier=o.tier)
        else:
            outcome = self.tr("Drops to {tier}").format(tier=o.predicted)
        short = i18n.money(o.spend_short_fen) if o.spend_short_fen else "—"
        if o.days_short:
            short += " " + self.tr("+{days} order days").format(days=o.days_short)
        return [o.name, o.mobile, o.tier, i18n.date_text(o.anniversary), i18n.money(o.spend_fen),
                i18n.money(o.retain_spend_fen), short, outcome]

    def choose_row(self, row: int) -> None:
        if 0 <= row < len(self.model.outlook):
            self._run(lambda: self.model.choose_row(row))

    def look_up(self, code: str) -> None:
        if code.strip():
            self._run(lambda: self.model.look_up(code))

    def on_scanned(self, code: ScannedCode) -> None:
        self.look_up(code.text)

    def on_swiped(self, tracks: Tracks) -> None:
        self._run(lambda: self.model.look_up_swipe(tracks.track1, tracks.track2))

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except DomainError as err:
            self.member.setText(self.ctx.refusal(err))
            return
        self._fill_history()

    def _fill_history(self) -> None:
        member = self.model.member
        if member is None:
            return
        self.member.setText(self.tr("{name}: {tier} since {since}").format(
            name=member.name, tier=member.tier, since=i18n.date_text(member.tier_since)))
        calendar = self.ctx.env.ctx.calendar
        fill(self.history, [
            (i18n.datetime_text(calendar.local(c.at)), c.from_tier or "—", c.to_tier,
             QCoreApplication.translate("tiers", REASONS.get(c.reason, c.reason)))
            for c in reversed(self.model.history)])
