"""Find the member at the desk: swipe the card, scan the member QR, or type mobile or card number.

Signals:
    found(object): a member was found (a domain.services.members.MemberView).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop import feedback
from desktop.screens.desk import parts
from desktop.screens.member_panel import MemberPanelWidget
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.member import member_panel
from desktop.viewmodels.member_finder import DeskMember
from desktop.wedge_filter import takes_codes
from domain.errors import DomainError
from domain.services.members import MemberView
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


class MemberFinder(QWidget):
    """A search line over the masked member panel; pages share one `DeskMember` with it."""

    found = Signal(object)

    def __init__(self, env: TillEnv, model: DeskMember | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_finder")
        self.model = model or DeskMember(env)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.input = QLineEdit(self)
        self.input.setObjectName("finder_input")
        takes_codes(self.input)
        self.input.setPlaceholderText(self.tr(
            "Swipe the card, scan the member QR, or type the mobile or card number"))
        self.input.returnPressed.connect(self.find_typed)
        row.addWidget(self.input, 1)
        button = QPushButton(self.tr("Enter Find"), self)
        button.setObjectName("finder_find")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(self.find_typed)
        row.addWidget(button)
        layout.addLayout(row)
        self.error = parts.error_label(self, "finder_error")
        layout.addWidget(self.error)
        self.panel = MemberPanelWidget(self)
        self.panel.name.setText(self.tr("No member yet — swipe, scan or type above"))
        layout.addWidget(self.panel)

    @property
    def view(self) -> MemberView | None:
        return self.model.view

    def find_typed(self) -> None:
        self._look_up(lambda: self.model.by_text(self.input.text()))

    def on_scanned(self, code: ScannedCode) -> None:
        self._look_up(lambda: self.model.by_code(code.text))

    def on_swiped(self, tracks: Tracks) -> None:
        self._look_up(lambda: self.model.by_swipe(tracks.track1, tracks.track2))

    def refresh(self) -> None:
        """Show the balances again after the page changed them."""
        try:
            view = self.model.refresh()
        except DomainError as err:  # closed or frozen meanwhile at another till
            self.show_refusal(err)
            return
        if view is not None:
            self.panel.set_member(member_panel(view, self.model.presented))

    def show_refusal(self, error: DomainError) -> None:
        self.error.setText(feedback.describe(error).text)

    def _look_up(self, find: Callable[[], MemberView]) -> None:
        try:
            view = find()
        except DomainError as err:
            self.show_refusal(err)
            self.input.selectAll()
            return
        self.error.clear()
        self.input.clear()
        self.panel.set_member(member_panel(view, self.model.presented))
        self.found.emit(view)
