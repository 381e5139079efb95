"""The Z-report of a business date and the day close (expiry, coupons, tier anniversaries)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback, i18n, report_formats
from desktop.screens.desk.parts import DeskPage
from desktop.screens.manage.confirm import confirm
from desktop.screens.manage.report_view import DateBar, FigureTile, ReportView, screen_lang
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels import day_close
from desktop.viewmodels.day_close import DayStatus
from domain.reports import ZReport
from domain.services.maintenance import DayClose


class ZReportPage(DeskPage):
    """Headline figures, the day close (today only), and the full report below."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ZReport | None = None
        self.closed: DayClose | None = None
        self.backup: day_close.AutoBackup | None = None  # the one taken after the close, as it went
        self.status: DayStatus | None = None
        self.after_load: Callable[[], None] | None = None  # once the next read has landed
        layout = QVBoxLayout(self)
        self.dates = DateBar("z", ctx.env.ctx.today, self)
        self.dates.changed.connect(lambda _day: self.load())
        layout.addWidget(self.dates)
        layout.addLayout(self._tiles())
        layout.addWidget(self._close_box())
        self.view = ReportView(ctx, "z", self)
        layout.addWidget(self.view, 1)

    def _tiles(self) -> QGridLayout:
        """Four figures a row: seven side by side are wider than a 1024 px panel in English."""
        grid = QGridLayout()
        captions = (("z_sales", self.tr("Sales")), ("z_returns", self.tr("Returns")),
                    ("z_net", self.tr("Net")), ("z_expected", self.tr("Expected cash")),
                    ("z_counted", self.tr("Counted cash")),
                    ("z_over_short", self.tr("Over (+) / short (−)")),
                    ("z_open_shifts", self.tr("Shifts still open")))
        self.tiles = {name: FigureTile(caption, name, self) for name, caption in captions}
        for index, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, index // 4, index % 4)
        return grid

    def _close_box(self) -> QFrame:
        box = QFrame(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.close_note = QLabel(self)
        self.close_note.setObjectName("z_close_note")
        self.close_note.setWordWrap(True)
        row.addWidget(self.close_note, 1)
        self.close_button = QPushButton("F9 " + self.tr("Close the day"), self)
        self.close_button.setObjectName("z_close_day")
        self.close_button.setProperty("role", "primary")
        self.close_button.setMinimumWidth(200)
        self.close_button.clicked.connect(self.ask_close)
        row.addWidget(self.close_button)
        shortcut = QShortcut(QKeySequence("F9"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.ask_close)
        return box

    def focus_target(self) -> QWidget | None:
        """The date: the keyboard is on the page at once, so F6/F7/F8 (and PgUp/PgDown) work
        without a click first."""
        return self.dates.edit

    def shown(self) -> None:
        if not self.dates.follow_today():  # moving the date loads the page already
            self.load()

    def load(self) -> None:
        """Read the Z of the date shown and the day's status on the window's task runner."""
        env, day = self.ctx.env, self.dates.day()
        self.ctx.run(Task(self.tr("Reading the Z report"),
                          lambda progress: day_close.z_and_status(env.ctx, day, progress),
                          self._loaded, self.close_note.setText, key="manage_z", owner=self))

    def _loaded(self, read: tuple[ZReport, DayStatus]) -> None:
        report, self.status = read
        env = self.ctx.env
        self.report = report
        self._fill_tiles(report)
        self._fill_close_note(report, self.status)
        # A closed day's Z carries its close time, so every reprint is the same paper; the
        # time printed is the store's own, not UTC.
        printed = env.ctx.calendar.local(report.closed_at or env.ctx.now())
        self.view.show_doc(report_formats.z_doc(report, printed, screen_lang()),
                           report_formats.z_doc(report, printed, env.receipt_lang),
                           f"z-{report.business_date.isoformat()}")
        then, self.after_load = self.after_load, None
        if then is not None:
            then()

    def _fill_tiles(self, z: ZReport) -> None:
        self.tiles["z_sales"].set(f"{i18n.number(z.sales)} · {i18n.money(z.sales_fen)}")
        self.tiles["z_returns"].set(f"{i18n.number(z.returns)} · {i18n.money(z.returns_fen)}")
        self.tiles["z_net"].set(i18n.money(z.net_fen))
        self.tiles["z_expected"].set(i18n.money(z.expected_cash_fen))
        self.tiles["z_counted"].set(i18n.money(z.counted_cash_fen))
        over = z.over_short_fen
        self.tiles["z_over_short"].set(("+" if over > 0 else "") + i18n.money(over),
                                       "bad" if over else "good")
        self.tiles["z_open_shifts"].set(i18n.number(z.open_shifts),
                                        "bad" if z.open_shifts else "")

    def is_today(self) -> bool:
        return self.dates.day() == self.ctx.env.ctx.today()

    def _fill_close_note(self, z: ZReport, status: DayStatus) -> None:
        refusal = status.refusal
        closable = self.is_today() and (refusal is None or refusal.code == "day.shift_open")
        self.close_button.setEnabled(closable)
        if self.closed is not None and self.closed.business_date == z.business_date:
            return  # keep saying what the close did while its day is shown
        self.close_note.setStyleSheet("")
        self.close_note.setText(self._close_text(z, status))

    def _close_text(self, z: ZReport, status: DayStatus) -> str:
        if z.closed_at is not None:
            local = self.ctx.env.ctx.calendar.local(z.closed_at)
            return self.tr("Day {day} was closed at {time}: these are the figures printed "
                           "then. Sales since belong to {next}.").format(
                day=i18n.date_text(z.business_date), time=local.strftime("%H:%M"),
                next=i18n.date_text(status.today))
        if not self.is_today():
            return self.tr("The day close runs for today's business date only.")
        if status.refusal is not None and status.refusal.code == "day.already_closed":
            return feedback.describe(status.refusal).text
        if status.open_shifts:
            return self.tr("Closing the day expires lapsed points and coupons and runs the tier "
                           "anniversaries. It waits until every shift is closed and counted: "
                           "{cashiers}.").format(cashiers=", ".join(status.open_shifts))
        return self.tr("Closing the day expires lapsed points and coupons and runs the tier "
                       "anniversaries. Every shift is closed: the figures above are final.")

    def ask_close(self) -> None:
        if not self.is_today() or not self.close_button.isEnabled():
            return
        status = day_close.status(self.ctx.env.ctx)
        if status.refusal is not None:  # the same refusal the service would give
            self.close_note.setText(self.ctx.refusal(status.refusal))
            return
        text = self.tr("Close business day {day}? Points and coupons past their date expire "
                       "and tier anniversaries due today are reviewed. This cannot be undone.")
        confirm(self, "close_day_dialog", self.tr("Close the day"),
                text.format(day=i18n.date_text(status.today)),
                self.tr("Close the day"), self.close_day)

    def close_day(self) -> bool:
        """Run the close on the task runner (minutes on 1 January at a large store); False
        when another task of the window is still running."""
        ctx, staff_id = self.ctx.env.ctx, self.ctx.staff.id
        return self.ctx.run(Task(
            self.tr("Closing the day"),
            lambda progress: day_close.close_the_day(ctx, staff_id, progress),
            self._day_closed, self.close_note.setText, cancellable=True, owner=self))

    def _day_closed(self, closed: day_close.Closed) -> None:
        done = closed.day
        self.closed = done
        self.backup = closed.backup
        self.close_note.setText(self.done_text(done))
        self.close_note.setStyleSheet("color: #14632d; font-weight: bold;")
        self.dates.set_day(done.business_date)  # the closed day's frozen Z, not the next day
        self.after_load = self._after_close
        self.load()

    def _after_close(self) -> None:
        """The closed day's Z is on the page: print it, then say the day is closed."""
        if self.ctx.env.print_z_at_close:
            self.view.print_report()  # the frozen Z: the same paper as any reprint
        self.ctx.notice(self.tr("The day is closed."))
        if self.backup is not None and self.backup.problem is not None:
            self.ctx.refusal(self.backup.problem)  # the close stands; the backup needs a look

    def done_text(self, done: DayClose) -> str:
        changes = ", ".join(f"{c.from_tier} → {c.to_tier}" for c in done.tier_changes
                            if c.from_tier != c.to_tier)
        text = self.tr("Day {day} closed: {points} points expired from {members} members, "
                       "{coupons} coupons expired, {reviews} tier anniversaries reviewed.")
        text = text.format(day=i18n.date_text(done.business_date),
                           points=i18n.number(done.points_expired),
                           members=i18n.number(done.members_expired),
                           coupons=i18n.number(done.coupons_expired),
                           reviews=i18n.number(len(done.tier_changes)))
        after = self.tr("New sales belong to {next}.").format(
            next=i18n.date_text(self.ctx.env.ctx.today()))
        missed = self.tr("Also closed {days}, which nobody had closed; their Z reports are on "
                         "this page (PgUp).").format(days=", ".join(
                             i18n.date_text(d) for d in done.missed_days))
        return (f"{text} {changes} {missed if done.missed_days else ''} {after}"
                .replace("  ", " ").strip())
