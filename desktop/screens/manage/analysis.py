"""Member analysis (DOMAIN §11): RFMW bands as charts, the 20/80 share, birthdays coming up,
and dormant members with a coupon to bring them back (seed 001 锁客)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.screens.manage.charts import BarChart, ShareDonut
from desktop.screens.manage.confirm import confirm
from desktop.screens.manage.report_view import FigureTile
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels import analysis as analysis_model
from desktop.viewmodels.analysis import BIRTHDAY_DAYS, DORMANT_DAYS, AnalysisModel, Reading
from desktop.widgets.rows_table import RowsTable
from domain import forms
from domain.analysis import MemberFacts, Summary
from domain.services.proofs import Approval

STEPS = {  # frequency / monetary / width steps 0..3 (seed 003 四度分析)
    "frequency": (QT_TRANSLATE_NOOP("analysis", "no order"), QT_TRANSLATE_NOOP("analysis", "1"),
                  QT_TRANSLATE_NOOP("analysis", "2"), QT_TRANSLATE_NOOP("analysis", "3 or more")),
    "monetary": (QT_TRANSLATE_NOOP("analysis", "none"),
                 QT_TRANSLATE_NOOP("analysis", "lower third"),
                 QT_TRANSLATE_NOOP("analysis", "middle third"),
                 QT_TRANSLATE_NOOP("analysis", "top third")),
    "width": (QT_TRANSLATE_NOOP("analysis", "none"), QT_TRANSLATE_NOOP("analysis", "1"),
              QT_TRANSLATE_NOOP("analysis", "2"), QT_TRANSLATE_NOOP("analysis", "3 or more")),
}
SEGMENTS = {"key": QT_TRANSLATE_NOOP("analysis", "Key (3+ orders)"),
            "light": QT_TRANSLATE_NOOP("analysis", "Light"),
            "never": QT_TRANSLATE_NOOP("analysis", "Never bought")}


def _t(text: str) -> str:
    return QCoreApplication.translate("analysis", text)


class AnalysisPage(QTabWidget):
    """Overview charts, birthdays, dormant members; F5 re-reads when the page comes back."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AnalysisModel(ctx.env.ctx)
        self.dormant_count_value = 0  # members idle for the days on screen (the list is capped)
        self.addTab(self._overview(), self.tr("Overview"))
        self.addTab(self._birthdays(), self.tr("Birthdays"))
        self.addTab(self._dormant(), self.tr("Dormant members"))

    # --- overview -------------------------------------------------------------------------

    def _overview(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        captions = (("analysis_members", self.tr("Members")), ("analysis_active",
                    self.tr("Active")), ("analysis_dormant", self.tr("Dormant")),
                    ("analysis_lost", self.tr("Lost")), ("analysis_never", self.tr("Never bought")))
        self.tiles = {name: FigureTile(text, name, page) for name, text in captions}
        for tile in self.tiles.values():
            row.addWidget(tile, 1)
        layout.addLayout(row)
        grid = QGridLayout()
        grid.addLayout(self._share_box(page), 0, 0)
        self.charts = {
            "recency": BarChart(self.tr("Last purchase (days ago)"), page),
            "segments": BarChart(self.tr("Key, light and never-bought members"), page),
            "frequency": BarChart(self.tr("Orders in the last year"), page),
            "monetary": BarChart(self.tr("Average ticket"), page),
            "width": BarChart(self.tr("Categories bought"), page)}
        spots = ((0, 1), (0, 2), (1, 0), (1, 1), (1, 2))
        for (name, chart), (r, c) in zip(self.charts.items(), spots, strict=True):
            chart.setObjectName(f"analysis_{name}")
            grid.addWidget(chart, r, c)
        layout.addLayout(grid, 1)
        return page

    def _share_box(self, parent: QWidget) -> QVBoxLayout:
        box = QVBoxLayout()
        title = QLabel(self.tr("Revenue from the top 20 % of buyers"), parent)
        title.setStyleSheet("font-weight: bold;")
        box.addWidget(title)
        self.donut = ShareDonut(parent)
        self.donut.setObjectName("analysis_top_donut")
        box.addWidget(self.donut, 1)
        self.share = QLabel(parent)
        self.share.setObjectName("analysis_top_share")
        self.share.setWordWrap(True)
        box.addWidget(self.share)
        return box

    def _fill_overview(self, summary: Summary) -> None:
        statuses = dict(summary.statuses)
        self.tiles["analysis_members"].set(i18n.number(summary.members))
        for name in ("active", "dormant", "lost", "never"):
            self.tiles[f"analysis_{name}"].set(i18n.number(statuses.get(name, 0)))
        top = summary.top
        percent = f"{top.ratio * 100:.1f} %"
        self.donut.set_share(top.top_revenue_fen, top.revenue_fen, percent)
        self.share.setText(self.tr("{percent} of members' revenue in the last year came from "
                                   "the top {top} of {buyers} buyers ({part} of {whole}).")
                           .format(percent=percent, top=i18n.number(top.top),
                                   buyers=i18n.number(top.buyers),
                                   part=i18n.money(top.top_revenue_fen),
                                   whole=i18n.money(top.revenue_fen)))
        self.charts["recency"].set_bars(
            [(self._band(band), n) for band, n in self.model.recency()])
        self.charts["segments"].set_bars(
            [(_t(SEGMENTS[name]), n) for name, n in self.model.segments()])
        for which in ("frequency", "monetary", "width"):
            self.charts[which].set_bars(
                [(_t(STEPS[which][step]), n) for step, n in self.model.steps(which)])

    def _band(self, band: int) -> str:
        lines = self.model.rules.recency_lines
        if band == 1:
            return self.tr("≤ {days}").format(days=lines[0])
        if band > len(lines):
            return self.tr("> {days} or never").format(days=lines[-1])
        return f"{lines[band - 2] + 1}–{lines[band - 1]}"

    # --- birthdays ------------------------------------------------------------------------

    def _birthdays(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Birthdays in the next"), page))
        self.birthday_days = _days(page, "analysis_birthday_days", BIRTHDAY_DAYS)
        self.birthday_days.valueChanged.connect(lambda _v: self._read_birthdays())
        row.addWidget(self.birthday_days)
        row.addWidget(QLabel(self.tr("days"), page))
        row.addStretch(1)
        layout.addLayout(row)
        self.birthday_list = RowsTable(page, "analysis_birthdays", [
            self.tr("Birthday"), self.tr("Member"), self.tr("Mobile"), self.tr("Tier"),
            self.tr("Card"), self.tr("Points")])
        layout.addWidget(self.birthday_list, 1)
        return page

    def _read_birthdays(self) -> None:
        """Another horizon: read on the task runner (only the members it finds)."""
        model, days = self.model, self.birthday_days.value()
        self.ctx.run(Task(self.tr("Finding birthdays"),
                          lambda _progress: model.birthdays(days),
                          self._fill_birthdays, self.share.setText,
                          key="analysis_birthdays", owner=self))

    def _fill_birthdays(self, rows: list[tuple[date, MemberFacts]]) -> None:
        self.birthday_list.fill([
            (i18n.date_text(day), f.name, forms.mask_mobile(f.mobile), f.tier,
             f.card_number or "—", i18n.number(f.points)) for day, f in rows], right=(5,))

    # --- dormant members and a coupon to bring them back ------------------------------------

    def _dormant(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("No purchase for more than"), page))
        self.dormant_days = _days(page, "analysis_dormant_days", DORMANT_DAYS)
        self.dormant_days.valueChanged.connect(lambda _v: self._read_dormant())
        row.addWidget(self.dormant_days)
        row.addWidget(QLabel(self.tr("days"), page))
        self.dormant_count = QLabel(page)
        self.dormant_count.setObjectName("analysis_dormant_count")
        row.addWidget(self.dormant_count, 1)
        layout.addLayout(row)
        self.dormant_list = RowsTable(page, "analysis_dormant_list", [
            self.tr("Member"), self.tr("Mobile"), self.tr("Tier"), self.tr("Last purchase"),
            self.tr("Days since"), self.tr("Points")])
        layout.addWidget(self.dormant_list, 1)
        layout.addLayout(self._coupon_row(page))
        return page

    def _coupon_row(self, page: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Coupon"), page))
        self.template = QComboBox(page)
        self.template.setObjectName("analysis_template")
        self.template.setMinimumWidth(260)
        for template in self.model.templates():
            self.template.addItem(f"{template.name} ({template.code})", template.code)
        row.addWidget(self.template)
        self.issue_button = QPushButton(self.tr("Issue to every member listed"), page)
        self.issue_button.setObjectName("analysis_issue")
        self.issue_button.setProperty("role", "primary")
        self.issue_button.clicked.connect(self.ask_issue)
        row.addWidget(self.issue_button)
        self.issued = QLabel(page)
        self.issued.setObjectName("analysis_issued")
        self.issued.setWordWrap(True)
        row.addWidget(self.issued, 1)
        return row

    def _read_dormant(self) -> None:
        model, days = self.model, self.dormant_days.value()
        self.ctx.run(Task(self.tr("Finding dormant members"),
                          lambda _progress: model.dormant(days),
                          self._fill_dormant, self.dormant_count.setText,
                          key="analysis_dormant", owner=self))

    def _fill_dormant(self, found: tuple[int, list[MemberFacts]]) -> None:
        today = self.model.today()
        count, rows = found
        self.dormant_count_value = count
        self.dormant_list.fill([
            (f.name, forms.mask_mobile(f.mobile), f.tier,
             i18n.date_text(f.last_purchase) if f.last_purchase else "—",
             i18n.number((today - f.last_purchase).days) if f.last_purchase else "—",
             i18n.number(f.points)) for f in rows], right=(4, 5))
        text = self.tr("{count} members").format(count=i18n.number(count))
        if count > len(rows):
            text = self.tr("{count} members; the {shown} longest without a purchase are "
                           "listed").format(count=i18n.number(count),
                                            shown=i18n.number(len(rows)))
        self.dormant_count.setText(text)
        self.issue_button.setEnabled(bool(rows) and self.template.count() > 0)

    def ask_issue(self) -> None:
        count = self.dormant_count_value  # every idle member for the days on screen
        if not count or self.template.currentData() is None:
            return
        text = self.tr("Issue one {coupon} to each of the {count} members with no purchase for "
                       "more than {days} days?").format(
            coupon=self.template.currentText(), count=i18n.number(count),
            days=self.dormant_days.value())
        confirm(self, "bulk_coupon_dialog", self.tr("Coupons for dormant members"), text,
                self.tr("Issue"),
                lambda: self.ctx.approve(text, "reports.coupon_to_segment", self.issue))

    def issue(self, approval: Approval | None) -> None:
        """One coupon to each listed member, on the task runner (one per member: many at a
        large store); the page reads again afterwards."""
        code, days, staff_id = (str(self.template.currentData()), self.dormant_days.value(),
                                self.ctx.staff.id)
        self.ctx.run(Task(
            self.tr("Issuing coupons to dormant members"),
            lambda _progress: self.model.issue_to_dormant(code, days, staff_id, approval),
            self._issued, self.issued.setText, owner=self))

    def _issued(self, issued: int) -> None:
        self.issued.setText(self.tr("{count} coupons issued.").format(
            count=i18n.number(issued)))
        self.ctx.notice(self.issued.text())
        self.refresh()

    # --- reading ----------------------------------------------------------------------------

    def shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read every member's facts on the window's task runner (tens of seconds at a
        million members), then fill the three tabs."""
        ctx, rules = self.ctx.env.ctx, self.model.rules
        birthdays, dormant_days = self.birthday_days.value(), self.dormant_days.value()
        self.ctx.run(Task(
            self.tr("Analysing the members"),
            lambda progress: analysis_model.read(ctx, rules, birthdays, dormant_days, progress),
            self._loaded, self.share.setText, key="manage_analysis", owner=self))

    def _loaded(self, reading: Reading) -> None:
        self._fill_overview(self.model.apply(reading))
        self._fill_birthdays(reading.birthdays)
        self._fill_dormant(reading.dormant)


def _days(parent: QWidget, name: str, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(1, 3650)
    spin.setValue(value)
    spin.setMinimumWidth(110)
    return spin
