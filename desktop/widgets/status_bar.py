"""The till's status bar: who is logged in, each device's state, head office and unsynced count.

Device faults and receipts waiting are shown here as notices, never as modal boxes: the
cashier keeps selling while the printer is out of paper. The same bar is under the back office,
so a till clock far from head office's, or a link head office's answers fail on, shows there too.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from desktop import feedback, i18n
from desktop.feedback import Message
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.viewmodels.status import SyncState, skew_parts
from desktop.widgets.style import restyle
from domain.errors import DomainError
from hardware.base import DeviceState, DeviceStatus

ROLE_NAMES = {
    "printer": QT_TRANSLATE_NOOP("TillStatusBar", "Printer"),
    "scanner": QT_TRANSLATE_NOOP("TillStatusBar", "Scanner"),
    "card_reader": QT_TRANSLATE_NOOP("TillStatusBar", "Card reader"),
    "display": QT_TRANSLATE_NOOP("TillStatusBar", "Customer display"),
    "camera": QT_TRANSLATE_NOOP("TillStatusBar", "Camera"),
}
STATES = {
    DeviceState.ONLINE: QT_TRANSLATE_NOOP("TillStatusBar", "ready"),
    DeviceState.OFFLINE: QT_TRANSLATE_NOOP("TillStatusBar", "offline"),
    DeviceState.PAPER_OUT: QT_TRANSLATE_NOOP("TillStatusBar", "out of paper"),
    DeviceState.COVER_OPEN: QT_TRANSLATE_NOOP("TillStatusBar", "cover open"),
    DeviceState.ERROR: QT_TRANSLATE_NOOP("TillStatusBar", "fault"),
    DeviceState.UNKNOWN: QT_TRANSLATE_NOOP("TillStatusBar", "connected"),
}


class TillStatusBar(QStatusBar):
    """Signals:
        reprint_requested(): the cashier touched the "receipts waiting" notice.
    """

    reprint_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.setSizeGripEnabled(False)
        self.staff = self._label("status_staff")
        self.addWidget(self.staff)
        self.notice = self._label("status_notice")
        self.addWidget(self.notice, 1)
        self.waiting = QPushButton(self)
        self.waiting.setObjectName("status_waiting")
        self.waiting.clicked.connect(self.reprint_requested)
        self.waiting.hide()
        self.addPermanentWidget(self.waiting)
        self.devices: dict[str, QLabel] = {}
        self.device_box = QWidget(self)
        self.device_row = QHBoxLayout(self.device_box)
        self.device_row.setContentsMargins(0, 0, 0, 0)
        self.addPermanentWidget(self.device_box)
        # Head office: the sync client (issue 4) reports `online`; until then only the
        # outbox is known. `set_sync` is the one entry point for both.
        self.sync = self._label("status_sync")
        self.addPermanentWidget(self.sync)
        self.link = self._label("status_link")  # a link problem someone has to act on
        self.link.setProperty("state", "bad")
        self.addWidget(self.link)
        self.clock = self._label("status_clock")
        self.clock.setProperty("state", "bad")
        self.addWidget(self.clock)
        self.set_sync(SyncState(0))

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    def set_staff(self, text: str) -> None:
        self.staff.setText(text)

    def set_device(self, role: str, status: DeviceStatus) -> None:
        if role not in ROLE_NAMES:
            return
        label = self.devices.get(role)
        if label is None:
            label = self._label(f"status_device_{role}")
            self.devices[role] = label
            order = list(ROLE_NAMES)
            at = sum(1 for other in self.devices if order.index(other) < order.index(role))
            self.device_row.insertWidget(at, label)
        name = self.tr(ROLE_NAMES[role])
        # A green dot says "ready"; words only for what needs someone (a 1024 px bar is full).
        label.setText(f"● {name}" if status.is_ready
                      else f"● {name}: {self.tr(STATES[status.state])}")
        label.setProperty("state", "ok" if status.is_ready else "bad")
        label.setToolTip(status.code or status.detail)
        restyle(label)

    def keep_devices(self, roles: list[str]) -> None:
        """Drop the labels of devices no longer configured."""
        for role in [r for r in self.devices if r not in roles]:
            self.devices.pop(role).deleteLater()

    def set_waiting(self, count: int) -> None:
        self.waiting.setVisible(count > 0)
        self.waiting.setText(self.tr("%n receipt(s) waiting — F11 reprint", "", count))

    def set_sync(self, state: SyncState) -> None:
        # A till that never enrolled works on its own: "not connected · unsynced 1,000+" would
        # only worry the cashier about a head office this till does not have.
        self.sync.setVisible(state.online is not None)
        link = (self.tr("Head office: online") if state.online
                else self.tr("Head office: offline"))
        count = i18n.number(state.unsynced) + ("+" if state.capped else "")
        self.sync.setText(self.tr("{link} · unsynced {count}").format(link=link, count=count))
        self.sync.setProperty("state", "bad" if state.online is False else "ok")
        restyle(self.sync)
        self.link.setVisible(bool(state.problem))
        self.link.setText(feedback.describe(DomainError(state.problem)).text
                          if state.problem else "")
        self.clock.setVisible(state.clock_skew_ms is not None)
        self.clock.setText(self._clock_text(state.clock_skew_ms)
                           if state.clock_skew_ms is not None else "")

    def _clock_text(self, skew_ms: int) -> str:
        days, hours, minutes = skew_parts(skew_ms)
        if days:
            difference = self.tr("{days} d {hours} h").format(days=i18n.number(days), hours=hours)
        elif hours:
            difference = self.tr("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
        else:
            difference = self.tr("{minutes} min").format(minutes=minutes)
        if skew_ms > 0:
            text = self.tr("⚠ This till's clock is {difference} ahead of head office: check its "
                           "date and time")
        else:
            text = self.tr("⚠ This till's clock is {difference} behind head office: check its "
                           "date and time")
        return text.format(difference=difference)

    def show_notice(self, message: Message | str) -> None:
        """A notice that stays until the next one (device faults, receipt printed)."""
        text = message if isinstance(message, str) else message.text
        self.notice.setText(text)
