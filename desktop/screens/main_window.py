"""The till's window: log-in and lock, the sale screen, the status bar, and the devices' signals.

Scans and swipes go to whatever the cashier is looking at: an open dialog that takes them
(payment, returns), otherwise the sale screen. Device faults become status notices; only
refusals of what the cashier just did appear where they are looking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop import feedback
from desktop.devices import TillDevices
from desktop.idle import IdleWatcher
from desktop.roles import DESK_ROLES
from desktop.scan_targets import ShowsRefusals, TakesScans, TakesSwipes
from desktop.screens.login import LoginScreen
from desktop.screens.prompt import show_dialog
from desktop.screens.sale_screen import SaleScreen
from desktop.tasks import TaskRunner
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.session import TillSession
from desktop.viewmodels.status import LinkStatus, read_sync_state
from desktop.wedge_filter import WedgeFilter
from desktop.widgets.status_bar import TillStatusBar
from domain.errors import DomainError
from domain.records import Role, Staff
from domain.services.checkout import Completed
from domain.services.returns import Returned
from hardware.print_queue import PrintOutcome
from hardware.scan_codes import ScannedCode, interpret
from hardware.tracks import Tracks
from hardware.wedge import WedgeDecoder

if TYPE_CHECKING:  # the back office and the shift dialogs load when first opened, not at start
    from desktop.screens.office import OfficeScreen
    from desktop.viewmodels.session import ShiftSummary

SYNC_REFRESH_MS = 30_000
SYNC_SETTLE_MS = 3_000  # after a sale wakes the sync loop, look again once it had time to send
Home = Callable[["MainWindow", Staff], QWidget]


class MainWindow(QMainWindow):
    def __init__(self, env: TillEnv, devices: TillDevices | None, *, idle_lock_s: float = 300,
                 wedge_clock: Callable[[], float] | None = None,
                 sync_status: Callable[[], LinkStatus] | None = None,
                 on_saved: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Kaika till — {store}").format(store=env.store_name))
        self.env, self.devices = env, devices
        self.session = TillSession(env)
        self.sync_status = sync_status  # the sync loop's status, when the till is enrolled
        self.on_saved = on_saved  # after each sale or refund: the sync loop sends it at once
        self.last_saved: str | None = None
        # Front desk, managers and admins start in the back office; cashiers at the sale screen.
        self.homes: dict[Role, Home] = {role: MainWindow._office_home for role in DESK_ROLES}
        self.office: OfficeScreen | None = None
        self.status = TillStatusBar(self)
        self.setStatusBar(self.status)
        # One runner for the window: long back-office work and the sale's commit never run
        # on this thread.
        self.tasks = TaskRunner(self, self.status.show_notice)
        self._screens(env, devices)
        self.status.reprint_requested.connect(self.reprint)
        self.idle = IdleWatcher(idle_lock_s, self)
        self.idle.idle.connect(self._on_idle)
        self.wedge = WedgeFilter(devices.decoder if devices else WedgeDecoder(),
                                 wedge_clock, self)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_REFRESH_MS)
        self._sync_timer.timeout.connect(self.refresh_sync)
        self._connect_devices()
        self.show_login()

    # --- wiring ---------------------------------------------------------------------------------

    def _screens(self, env: TillEnv, devices: TillDevices | None) -> None:
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.login = LoginScreen(env.store_name, self)
        self.login.submitted.connect(self._on_login)
        self.sale = SaleScreen(env, self.session, devices, self.tasks, self)
        self.sale.lock_requested.connect(self.lock)
        self.sale.close_shift_requested.connect(self.close_shift)
        self.sale.sale_completed.connect(self._on_completed)
        self.sale.refunded.connect(self._on_completed)
        self.sale.reprint_requested.connect(self.reprint)
        self.sale.office_requested.connect(self.back_to_office)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.sale)

    def _connect_devices(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.installEventFilter(self.wedge)
        app.installEventFilter(self.idle)
        devices = self.devices
        if devices is None:
            self.wedge.burst.connect(self._on_burst_without_devices)
            return
        self.wedge.burst.connect(devices.handle_burst)
        devices.code_scanned.connect(self.on_scanned)
        devices.card_swiped.connect(self.on_swiped)
        devices.failed.connect(self._on_device_failed)
        devices.printed.connect(self._on_printed)
        devices.status_changed.connect(self.status.set_device)
        devices.queue_changed.connect(self.status.set_waiting)
        devices.rebuilt.connect(self._on_devices_rebuilt)

    def start(self) -> None:
        """Once the window shows: devices start reading and reporting."""
        if self.devices is not None:
            self.devices.start()
        self.refresh_sync()
        self._sync_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        self._hold_what_is_on_screen()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
            app.removeEventFilter(self.idle)
        self._sync_timer.stop()
        self.idle.stop()
        self.tasks.wait()  # a day close half-way finishes its batch before the store closes
        if self.devices is not None:
            self.devices.stop()
            self.devices = None

    def _hold_what_is_on_screen(self) -> None:
        """Closing the program with a sale rung up puts it on hold: the basket is not lost."""
        current = self.sale.model
        if current is None or current.is_empty:
            return
        try:
            self.session.hold(current.cart)
        except DomainError:
            return  # nothing that can be held (the screen shows why); closing goes on
        self.sale.model = None

    def refocus(self) -> None:
        """The keyboard back where the cashier works (after a dialog closed)."""
        current = self.stack.currentWidget()
        if current is self.sale:
            self.sale.input.setFocus()
        elif current is self.login:
            (self.login.pin if self.login.number.text() else self.login.number).setFocus()
        elif current is not None:
            current.setFocus()

    # --- log-in, shift, lock ------------------------------------------------------------------

    def show_login(self) -> None:
        self.idle.stop()
        self.login.show_login()
        self.stack.setCurrentWidget(self.login)
        self.status.set_staff(self.tr("Not logged in"))
        self.login.number.setFocus()

    def _on_login(self, number: str, pin: str) -> None:
        try:
            if self.session.locked:
                self.session.unlock(number, pin)
            else:
                self.session.login(number, pin)
        except DomainError as err:
            self.login.show_error(feedback.describe(err).text)
            return
        self._enter_till()

    def _enter_till(self) -> None:
        staff = self.session.staff
        assert staff is not None
        home = self.homes.get(staff.role)
        if home is not None:
            widget = home(self, staff)
            if self.stack.indexOf(widget) < 0:
                self.stack.addWidget(widget)
            self.stack.setCurrentWidget(widget)
            self.refocus()
        else:
            self.open_till()
            return
        self.status.set_staff(self._staff_text(staff))
        self.idle.start()

    def open_till(self) -> None:
        """The sale screen for whoever is logged in, after counting a float if no shift is
        open (the back office itself needs no shift)."""
        staff = self.session.staff
        assert staff is not None
        if self.session.needs_shift:
            from desktop.screens.shift import ask_float

            ask_float(self, self.session, self.open_till)
            return
        if self.sale.model is None or self.sale.model.staff.id != staff.id:
            self._start_sale(staff)
        office_key = self.sale.findChild(QPushButton, "key_office")
        if office_key is not None:  # a cashier has no back office to go to
            office_key.setVisible(staff.role in self.homes)
        self.stack.setCurrentWidget(self.sale)
        self.sale.input.setFocus()
        self.status.set_staff(self._staff_text(staff))
        self.idle.start()

    def back_to_office(self) -> None:
        """Shift+F1 at the sale screen: a manager goes back to the office pages."""
        staff = self.session.staff
        if staff is None or staff.role not in self.homes:
            self.status.show_notice(feedback.describe(DomainError("staff.not_allowed")))
            return
        self._enter_till()

    def _office_home(self, staff: Staff) -> QWidget:
        if self.office is None or self.office.ctx.staff.id != staff.id:
            from desktop.screens.office import OfficeContext, OfficeScreen
            from desktop.screens.office_pages import office_pages

            self._drop_office()
            ctx = OfficeContext(self.env, self.session, self.devices, self.status.show_notice,
                                self, self.tasks)
            self.office = OfficeScreen(ctx, office_pages(), self)
            self.office.till_requested.connect(self.open_till)
            self.office.lock_requested.connect(self.lock)
            self.office.logout_requested.connect(self.logout)
            self.office.close_shift_requested.connect(self.close_shift)
        return self.office

    def _drop_office(self) -> None:
        if self.office is not None:
            self.stack.removeWidget(self.office)
            self.office.deleteLater()
            self.office = None

    def _start_sale(self, staff: Staff) -> None:
        current = self.sale.model
        if current is not None and not current.is_empty:
            self.session.hold(current.cart)  # a colleague's open sale waits for them
        self.sale.start(staff)

    def _staff_text(self, staff: Staff) -> str:
        shift = self.session.shift
        if shift is None:
            return self.tr("{name} ({number})").format(name=staff.name, number=staff.number)
        return self.tr("{name} ({number}) · shift of {date}").format(
            name=staff.name, number=staff.number, date=shift.business_date.isoformat())

    def lock(self) -> None:
        """F12 or idle time: the sale stays; the same cashier or a manager unlocks."""
        staff = self.session.staff
        if staff is None or self.session.locked:
            return
        self.session.lock()
        self.idle.stop()
        self.login.show_locked(staff.name, staff.number)
        self.stack.setCurrentWidget(self.login)

    def _on_idle(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self.idle.start()  # the cashier is in the middle of a payment or a return
            return
        self.lock()

    def close_shift(self) -> None:
        if self.sale.model is not None and not self.sale.model.is_empty:
            self.sale.show_refusal(DomainError("sale.in_progress"))
            return
        from desktop.screens.shift import ask_counted

        ask_counted(self, self.session, self._shift_closed)

    def _shift_closed(self, summary: ShiftSummary) -> None:
        from desktop.screens.shift import ShiftClosedDialog
        from desktop.shift_slip import shift_slip
        from domain.services.shift_slip import shift_figures

        if self.env.print_shift_slip and self.devices is not None:
            self.devices.print_receipt(shift_slip(
                shift_figures(self.env.ctx, summary.shift.id), self.env.store_name,
                self.env.ctx.calendar, self.env.receipt_lang))
        dialog = ShiftClosedDialog(summary, self)
        dialog.finished.connect(lambda _result: self.logout())
        show_dialog(dialog)

    def logout(self) -> None:
        current = self.sale.model
        if current is not None and not current.is_empty:
            self.session.hold(current.cart)  # the next cashier can recall it
        self.session.logout()
        self.sale.model = None
        self._drop_office()
        self.show_login()

    # --- devices ------------------------------------------------------------------------------

    def _scan_target(self) -> object | None:
        """An open dialog that takes scans, else the sale screen; nothing while logged out."""
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return modal
        if self.stack.currentWidget() is self.sale and self.sale.model is not None:
            return self.sale
        if self.office is not None and self.stack.currentWidget() is self.office:
            return self.office
        return None

    def on_scanned(self, code: ScannedCode) -> None:
        target = self._scan_target()
        if isinstance(target, TakesScans):
            target.on_scanned(code)
        elif target is None:
            self.status.show_notice(self.tr("Log in first, then scan."))
        else:
            self._not_taken()

    def on_swiped(self, tracks: Tracks) -> None:
        target = self._scan_target()
        if isinstance(target, TakesSwipes):
            target.on_swiped(tracks)
        elif target is not None:
            self._not_taken()

    def _not_taken(self) -> None:
        """A scan or swipe where nothing takes one: said, not silently dropped."""
        self.status.show_notice(self.tr(
            "This window does not take a scan or a card: finish or close it first."))

    def _on_device_failed(self, error: DomainError) -> None:
        message = feedback.describe(error)
        target = self._scan_target()
        if message.severity is feedback.Severity.REFUSAL and isinstance(target, ShowsRefusals):
            target.show_refusal(error)  # a bad swipe or scan: said where the cashier is looking
        else:
            self.status.show_notice(message)

    def _on_devices_rebuilt(self, roles: list[str]) -> None:
        """New settings in use: the key filter reads with the new wedge timing, and the
        status bar names only the devices there are now (the rest report as they start)."""
        if self.devices is not None:
            self.wedge.use(self.devices.decoder)
        self.status.keep_devices(roles)

    def _on_burst_without_devices(self, text: str) -> None:
        try:
            self.on_scanned(interpret(text))
        except DomainError as err:
            self._on_device_failed(err)

    def _on_printed(self, outcome: PrintOutcome) -> None:
        if outcome.printed:
            self.status.show_notice(self.tr("Receipt printed."))
        else:
            self.status.show_notice(feedback.describe(DomainError(
                outcome.error_code or "printer.offline")))

    def reprint(self) -> None:
        if self.devices is not None:
            self.devices.reprint()

    def _on_completed(self, done: Completed | Returned) -> None:
        self.last_saved = done.sale.receipt_no
        if self.on_saved is not None:
            self.on_saved()  # must not block: the sync loop only sets an event
            QTimer.singleShot(SYNC_SETTLE_MS, self, self.refresh_sync)
        self.refresh_sync()

    def saved_receipt(self) -> str | None:
        """For the crash report: the last sale, if nothing new has been rung up since."""
        model = self.sale.model
        return self.last_saved if model is None or model.is_empty else None

    def refresh_sync(self) -> None:
        link = self.sync_status() if self.sync_status is not None else None
        self.status.set_sync(read_sync_state(self.env.ctx, link))
