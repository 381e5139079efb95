"""The back office in the till's window: front-desk and manager pages, chosen by role.

A page is any widget made by its `Page.make(OfficeContext)`; it may define `on_scanned(code)`,
`on_swiped(tracks)` (the card reader and scanner reach the page in front) and `shown()` (called
each time the page comes to the front, to re-read what may have changed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback
from desktop.devices import TillDevices
from desktop.roles import ADMIN_ROLES as ADMIN_ROLES
from desktop.roles import DESK_ROLES as DESK_ROLES
from desktop.roles import MANAGER_ROLES as MANAGER_ROLES
from desktop.scan_targets import ShowsRefusals, TakesScans, TakesSwipes
from desktop.screens.prompt import Approved, approve
from desktop.tasks import Task, TaskRunner
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.session import TillSession
from domain.errors import DomainError
from domain.records import Role, Staff
from hardware.receipt import Receipt
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


class OfficeContext:
    """What every page gets: the services, who is logged in, the devices, and the window's
    ways of telling the user something (status notices) and asking a manager."""

    def __init__(self, env: TillEnv, session: TillSession, devices: TillDevices | None,
                 notify: Callable[[feedback.Message | str], None], parent: QWidget,
                 tasks: TaskRunner | None = None) -> None:
        self.env, self.session, self.devices = env, session, devices
        self._notify, self._parent = notify, parent
        # The window's one runner: long work of every page runs there, one task at a time.
        self.tasks = tasks if tasks is not None else TaskRunner(parent, notify)
        self.drawer_changed: Callable[[], None] = lambda: None  # set by the office screen

    @property
    def staff(self) -> Staff:
        if self.session.staff is None:
            raise DomainError("staff.bad_login")
        return self.session.staff

    def notice(self, message: feedback.Message | str) -> None:
        self._notify(message)

    def refusal(self, error: DomainError) -> str:
        """The sentence for a refusal, also shown in the status bar."""
        message = feedback.describe(error)
        self._notify(message)
        return message.text

    def run(self, task: Task[Any]) -> bool:
        """Run long work off the window's thread (desktop/tasks.py); False when another
        task of this window is still running (the person is told)."""
        return self.tasks.run(task)

    def print_receipt(self, receipt: Receipt) -> bool:
        """Queue a slip on the receipt printer; False (and a notice) when there is none."""
        if self.devices is None or not self.devices.has("printer"):
            self._notify(feedback.describe(DomainError("printer.not_configured")))
            return False
        self.devices.print_receipt(receipt)
        return True

    def approve(self, why: str, action: str, on_approved: Approved, subject: str = "") -> None:
        """A manager's own number and PIN approve `action` (a use case of
        domain/services/access.py) for whoever is logged in; a manager logged in acts at once
        on their own authority (the callback gets None)."""
        approve(self._parent, self.session, why, action, on_approved, subject)


@dataclass(frozen=True)
class Page:
    key: str  # objectName of the page and its navigation entry
    title: str  # English source text, marked QT_TRANSLATE_NOOP("office", …)
    roles: frozenset[Role]
    make: Callable[[OfficeContext], QWidget]


class OfficeScreen(QWidget):
    """Navigation on the left, the chosen page on the right; Till, Lock and Log out on top."""

    till_requested = Signal()
    lock_requested = Signal()
    logout_requested = Signal()
    close_shift_requested = Signal()  # the drawer of whoever is logged in is counted

    def __init__(self, ctx: OfficeContext, pages: Sequence[Page], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("office")
        self.ctx = ctx
        self.pages = [page for page in pages if ctx.staff.role in page.roles]
        self.nav = QListWidget(self)
        self.nav.setObjectName("office_nav")
        self.nav.setFixedWidth(180)  # the page beside it keeps 820 px on a 1024 px panel
        # A long English name wraps onto a second line rather than being cut off.
        self.nav.setWordWrap(True)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)
        self.made: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)
        for page in self.pages:
            item = QListWidgetItem(QCoreApplication.translate("office", page.title), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
        self.nav.currentRowChanged.connect(self._show_row)
        ctx.drawer_changed = self.refresh_drawer
        self.refresh_drawer()
        if self.pages:
            self.nav.setCurrentRow(0)

    def refresh_drawer(self) -> None:
        """"Close drawer" only while the person logged in has one open (cash at the desk)."""
        self.close_drawer.setVisible(self.ctx.session.shift is not None)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        who = QLabel(self.tr("{name} ({number})").format(
            name=self.ctx.staff.name, number=self.ctx.staff.number), self)
        who.setObjectName("office_staff")
        row.addWidget(who, 1)
        buttons = [("F10", "office_till", self.tr("Till"), self.till_requested.emit),
                   ("Shift+F10", "office_close_shift", self.tr("Close drawer"),
                    self.close_shift_requested.emit),
                   ("F12", "office_lock", self.tr("Lock"), self.lock_requested.emit),
                   ("Shift+F12", "office_logout", self.tr("Log out"),
                    self.logout_requested.emit)]
        for key, name, text, slot in buttons:
            if name == "office_till" and self.ctx.staff.role not in MANAGER_ROLES:
                continue  # the front desk does not ring sales
            button = QPushButton(f"{key} {text}", self)
            button.setObjectName(name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            row.addWidget(button)
            if name == "office_close_shift":
                self.close_drawer = button  # shown while this person has a drawer open
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return row

    def open(self, key: str) -> QWidget:
        """Bring a page to the front by its key (made the first time it is opened)."""
        for row, page in enumerate(self.pages):
            if page.key == key:
                self.nav.setCurrentRow(row)
                return self.made[key]
        raise DomainError("staff.not_allowed", page=key)

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.pages[row]
        widget = self.made.get(page.key)
        if widget is None:
            widget = page.make(self.ctx)
            widget.setObjectName(page.key)
            inner = widget.layout()
            if inner is not None:  # the office's own margins surround every page
                inner.setContentsMargins(0, 0, 0, 0)
            self.made[page.key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        shown = getattr(widget, "shown", None)
        if shown is not None:
            shown()

    def on_scanned(self, code: ScannedCode) -> None:
        page: object = self.current()  # any page; the ones that take a code say so
        if isinstance(page, TakesScans):
            page.on_scanned(code)
        else:
            self._not_taken()

    def on_swiped(self, tracks: Tracks) -> None:
        page: object = self.current()
        if isinstance(page, TakesSwipes):
            page.on_swiped(tracks)
        else:
            self._not_taken()

    def show_refusal(self, err: DomainError) -> None:
        """A bad swipe or scan: on the page that shows refusals (Devices), else a notice."""
        page: object = self.current()
        if isinstance(page, ShowsRefusals):
            page.show_refusal(err)
        else:
            self.ctx.notice(feedback.describe(err))

    def _not_taken(self) -> None:
        self.ctx.notice(self.tr("This page does not take a card or a code."))
