"""The manager's daily points report (DOMAIN §11): the day's check, then the report itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop import i18n, report_formats
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.screens.desk.parts import DeskPage
from desktop.screens.manage.report_view import DateBar, FigureTile, ReportView, screen_lang
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from domain.progress import Progress
from domain.reports import PointsReport
from domain.services import reports as report_services
from domain.services.context import ServiceContext

READING = QT_TRANSLATE_NOOP("progress", "Reading the points ledger")


@dataclass(frozen=True)
class Term:
    """One term of the day's check: open + earned + bonus − spent − expired ± … = close."""

    name: str  # objectName of its figure
    caption: str  # English source text, context "points_report"
    points: int
    sign: str  # "", "+", "−", "±", "="


def terms(report: PointsReport) -> list[Term]:
    """The check as a manager reads it; imports and other entries only when there are any."""
    found = [
        Term("points_open", QT_TRANSLATE_NOOP("points_report", "Opening"), report.opening, ""),
        Term("points_earned", QT_TRANSLATE_NOOP("points_report", "Earned"), report.earned, "+"),
        Term("points_bonus", QT_TRANSLATE_NOOP("points_report", "Bonus"), report.bonus_total,
             "+"),
        Term("points_spent", QT_TRANSLATE_NOOP("points_report", "Spent"), report.spent_total,
             "−"),
        Term("points_expired", QT_TRANSLATE_NOOP("points_report", "Expired"), report.expired,
             "−"),
        Term("points_adjusted", QT_TRANSLATE_NOOP("points_report", "Adjusted"), report.adjusted,
             "±"),
        Term("points_returns", QT_TRANSLATE_NOOP("points_report", "Returns"),
             report.refunded - report.taken_back, "±")]
    if report.imported or report.other:
        found.append(Term("points_other", QT_TRANSLATE_NOOP("points_report", "Imported, other"),
                          report.imported + report.other, "±"))
    found.append(Term("points_close", QT_TRANSLATE_NOOP("points_report", "Closing"),
                      report.closing, "="))
    return found


def points_report(ctx: ServiceContext, day: date, progress: Progress) -> PointsReport:
    """The page's job: one business date's report, read on the task runner's thread."""
    progress.step(0, None, READING)
    return report_services.daily_points_report(ctx, day)


def difference(report: PointsReport) -> int:
    """Closing as the ledger says, less what the movements come to (0 when it adds up)."""
    return report.closing - (report.opening + report.movement)


class PointsReportPage(DeskPage):
    """Pick a business date; the check line says OK or shows the difference."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: PointsReport | None = None
        layout = QVBoxLayout(self)
        self.dates = DateBar("points", ctx.env.ctx.today, self)
        self.dates.changed.connect(lambda _day: self.load())
        layout.addWidget(self.dates)
        self.strip = QHBoxLayout()
        self.tiles: dict[str, FigureTile] = {}
        layout.addLayout(self.strip)
        self.check = QLabel(self)
        self.check.setObjectName("points_check")
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        self.view = ReportView(ctx, "points", self)
        layout.addWidget(self.view, 1)

    def focus_target(self) -> QWidget | None:
        """The date: the keyboard is on the page at once, so F6/F7/F8 (and PgUp/PgDown) work
        without a click first."""
        return self.dates.edit

    def shown(self) -> None:
        if not self.dates.follow_today():  # moving the date loads the page already
            self.load()

    def day(self) -> date:
        return self.dates.day()

    def load(self) -> None:
        """Read the report of the date shown on the window's task runner (seconds on a busy
        day at a large store): PgUp held down reads only the last date it lands on."""
        ctx, day = self.ctx.env.ctx, self.day()
        self.ctx.run(Task(self.tr("Reading the daily points report"),
                          lambda progress: points_report(ctx, day, progress), self._loaded,
                          self.check.setText, key="manage_points", owner=self))

    def _loaded(self, report: PointsReport) -> None:
        self.report = report
        self._fill_strip(report)
        self._fill_check(report)
        printed = self.ctx.env.ctx.calendar.local(self.ctx.env.ctx.now())  # the store's time
        stem = f"points-{report.business_date.isoformat()}"
        self.view.show_doc(report_formats.points_doc(report, printed, screen_lang()),
                           report_formats.points_doc(report, printed, self.ctx.env.receipt_lang),
                           stem)

    def _fill_strip(self, report: PointsReport) -> None:
        for tile in self.tiles.values():
            self.strip.removeWidget(tile)
            tile.hide()  # deleted on the next turn of the loop; unseen until then
            tile.deleteLater()
        self.tiles = {}
        for term in terms(report):
            caption = QCoreApplication.translate("points_report", term.caption)
            tile = FigureTile(f"{term.sign} {caption}".strip(), term.name, self)
            figure = i18n.number(term.points)
            if term.sign == "±" and term.points > 0:
                figure = f"+{figure}"
            tile.set(figure, "good" if term.sign == "=" and report.adds_up() else "")
            self.strip.addWidget(tile, 1)
            self.tiles[term.name] = tile

    def _fill_check(self, report: PointsReport) -> None:
        if report.adds_up():
            self.check.setText(self.tr("Check: opening plus the day's movements equals closing "
                                       "— OK. Closing points are worth {cash}.").format(
                cash=i18n.money(report.closing_cash_fen)))
            self.check.setStyleSheet("color: #14632d; font-weight: bold;")
            return
        self.check.setText(self.tr("Check: the movements do not add up to the closing figure — "
                                   "{points} points differ. Run kaika verify and call support.")
                           .format(points=i18n.number(difference(report))))
        self.check.setStyleSheet("color: #b42318; font-weight: bold;")
