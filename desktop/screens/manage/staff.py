"""The "Staff and roles" page: accounts, new staff, PIN resets, roles, staff cards, alerts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.screens.desk.parts import DeskPage, error_label, fill, label, shortcut, table
from desktop.screens.manage.confirm import confirm
from desktop.screens.office import OfficeContext
from desktop.viewmodels.staff_admin import ROLES, StaffAdminModel, role_name
from desktop.wedge_filter import takes_codes
from domain.errors import DomainError
from domain.records import Role, Staff
from domain.services.members import find_by_code, find_by_swipe
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks

FIELD_ERROR = "border-color: #b42318;"


class StaffPage(DeskPage):
    """Tabs: the accounts (with the forms beside them), the permissions, the card alerts."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = StaffAdminModel(ctx.env, ctx.staff)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("staff_tabs")
        self.tabs.addTab(self._accounts(), self.tr("Staff"))
        self.permissions = table(self, "staff_permissions",
                                 [self.tr("What"), *(role_name(r) for r in ROLES)])
        self.tabs.addTab(self._permissions_tab(), self.tr("Permissions"))
        self.alerts = table(self, "staff_alerts", [
            self.tr("Business date"), self.tr("Card"), self.tr("Member"), self.tr("Sales"),
            self.tr("Flag")])
        alerts_tab = QWidget(self)
        alerts_layout = QVBoxLayout(alerts_tab)
        self.alert_note = label(alerts_tab, "staff_alert_note")
        alerts_layout.addWidget(self.alert_note)
        alerts_layout.addWidget(self.alerts, 1)
        self.tabs.addTab(alerts_tab, self.tr("Card alerts"))
        layout.addWidget(self.tabs)
        for key, slot in (("F2", self.add), ("F3", self.reset_pin), ("F4", self.change_role),
                          ("F6", self.ask_toggle), ("F7", self.link_card)):
            shortcut(self, key, slot)

    def _permissions_tab(self) -> QWidget:
        tab = QWidget(self)
        column = QVBoxLayout(tab)
        self.signup = QCheckBox(self.tr(
            "One-person store: cashiers may sign members up at the till"), tab)
        self.signup.setObjectName("staff_cashier_signup")
        self.signup.setMinimumHeight(40)
        self.signup.clicked.connect(self._set_signup)
        # As wide as its words: a touch to the right of them would not tick it.
        column.addWidget(self.signup, 0, Qt.AlignmentFlag.AlignLeft)
        self.signup_error = error_label(tab, "staff_signup_error")
        column.addWidget(self.signup_error)
        column.addWidget(self.permissions, 1)
        return tab

    def _set_signup(self, on: bool) -> None:
        try:
            self.model.set_cashier_signup(on)
        except DomainError as err:
            self.signup_error.setText(self.ctx.refusal(err))
        self.shown()

    def _accounts(self) -> QWidget:
        tab = QWidget(self)
        row = QHBoxLayout(tab)
        self.table = table(tab, "staff_table", [self.tr("Number"), self.tr("Name"),
                                                self.tr("Role"), self.tr("Status"),
                                                self.tr("Staff card")])
        self.table.itemSelectionChanged.connect(self._selected_changed)
        # The new-account form under the list, the chosen account beside it: stacked in one
        # column they are taller than a 768 px panel.
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self._new_box())
        row.addLayout(left, 3)
        side = QVBoxLayout()
        side.addWidget(self._selected_box())
        side.addStretch(1)
        row.addLayout(side, 2)
        return tab

    def _new_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("New staff member"), self)
        grid = QGridLayout(box)
        self.new_number = self._field(box, "staff_new_number", self.tr("digits, e.g. 1002"))
        self.new_name = self._field(box, "staff_new_name")
        self.new_role = QComboBox(box)
        self.new_role.setObjectName("staff_new_role")
        self.new_pin = self._field(box, "staff_new_pin", self.tr("4–6 digits"), secret=True)
        self.new_pin.returnPressed.connect(self.add)
        self.fields = {"number": self.new_number, "name": self.new_name, "pin": self.new_pin}
        for index, (text, field) in enumerate(((self.tr("Staff number"), self.new_number),
                                               (self.tr("Name"), self.new_name),
                                               (self.tr("Role"), self.new_role),
                                               (self.tr("First PIN"), self.new_pin))):
            grid.addWidget(QLabel(text, box), index // 2, index % 2 * 2)
            grid.addWidget(field, index // 2, index % 2 * 2 + 1)
        self.new_error = error_label(box, "staff_new_error")
        grid.addWidget(self.new_error, 2, 0, 1, 3)
        grid.addWidget(self._button(box, "staff_add", "F2 " + self.tr("Add"), self.add, True),
                       2, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _selected_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected account"), self)
        form = QFormLayout(box)
        self.selected = label(box, "staff_selected")
        form.addRow(self.selected)
        self.pin = self._field(box, "staff_pin", self.tr("new PIN"), secret=True)
        self.pin.returnPressed.connect(self.reset_pin)
        form.addRow(self.pin, self._button(box, "staff_reset_pin",
                                           "F3 " + self.tr("Reset PIN"), self.reset_pin))
        self.role = QComboBox(box)
        self.role.setObjectName("staff_role")
        self.role.setMinimumWidth(160)
        form.addRow(self.role, self._button(box, "staff_change_role",
                                            "F4 " + self.tr("Change role"), self.change_role))
        self.card = self._field(box, "staff_card", self.tr("member card"))
        takes_codes(self.card)
        self.card.returnPressed.connect(self.link_card)
        form.addRow(self.card, self._button(box, "staff_link_card",
                                            "F7 " + self.tr("Flag staff card"), self.link_card))
        self.toggle = self._button(box, "staff_toggle", "", self.ask_toggle)
        form.addRow(self.toggle)
        self.error = error_label(box, "staff_error")
        form.addRow(self.error)
        return box

    def _field(self, parent: QWidget, name: str, hint: str = "", *,
               secret: bool = False) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _button(self, parent: QWidget, name: str, text: str, slot: Callable[[], object],
                primary: bool = False) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        if primary:
            button.setProperty("role", "primary")
        button.clicked.connect(slot)
        return button

    # --- reading ------------------------------------------------------------------------------

    def focus_target(self) -> QWidget | None:
        return self.table

    def shown(self) -> None:
        from desktop.screens.office_pages import office_pages  # it imports this module

        chosen = self.current()
        fill(self.table, self.model.load())
        self._fill_roles(self.new_role, self.model.grantable())
        self._fill_roles(self.role, self.model.grantable())
        pages = [(self._page_title(p.title), p.roles) for p in office_pages()]
        fill(self.permissions, self.model.permission_rows(pages))
        self.signup.setChecked(self.model.cashier_signup())
        self.signup.setEnabled(self.ctx.staff.role in (Role.MANAGER, Role.ADMIN))
        header = self.permissions.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fill_alerts()
        self._select(chosen.id if chosen else None)

    def current(self) -> Staff | None:
        row = self.table.currentRow()
        return self.model.staff[row] if 0 <= row < len(self.model.staff) else None

    def _fill_alerts(self) -> None:
        alerts = self.model.alerts()
        fill(self.alerts, self.model.alert_rows(alerts), right=(3,))
        self.alert_note.setText(self.tr(
            "Member cards used on more than {count} sales in one business day, last 30 "
            "days. A staff member may be swiping their own card for customers.").format(
            count=self.model.alert_limit()))
        self.tabs.setTabText(2, self.tr("Card alerts ({count})").format(count=len(alerts)))

    def _fill_roles(self, box: QComboBox, roles: list[Role]) -> None:
        box.clear()
        for role in roles:
            box.addItem(role_name(role), role.value)

    def _select(self, staff_id: str | None) -> None:
        ids = [s.id for s in self.model.staff]
        self.table.selectRow(ids.index(staff_id) if staff_id in ids else 0)
        self._selected_changed()

    def _selected_changed(self) -> None:
        chosen = self.current()
        self.error.setText("")
        if chosen is None:
            self.selected.setText(self.tr("Choose an account in the list."))
            return
        self.selected.setText(f"{chosen.number} {chosen.name} · {role_name(chosen.role)}")
        found = self.role.findData(chosen.role.value)
        if found >= 0:
            self.role.setCurrentIndex(found)
        action = self.tr("Switch off") if chosen.active else self.tr("Switch on")
        self.toggle.setText(f"F6 {action}")
        self.card.setText(chosen.card_number or "")

    @staticmethod
    def _page_title(title: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("office", title)

    # --- changes ------------------------------------------------------------------------------

    def add(self) -> None:
        for edit in self.fields.values():
            edit.setStyleSheet("")
        role = Role(self.new_role.currentData() or Role.CASHIER.value)
        try:
            made = self.model.add(self.new_number.text(), self.new_name.text(), role,
                                  self.new_pin.text())
        except DomainError as err:
            self.new_error.setText(self.ctx.refusal(err))
            field = self.fields.get(str(err.params.get("field", "")))
            if field is not None:
                field.setStyleSheet(FIELD_ERROR)
                field.setFocus()
            return
        self.new_error.setText("")
        for edit in self.fields.values():
            edit.clear()
        self.ctx.notice(self.tr("{number} {name} can log in now.").format(
            number=made.number, name=made.name))
        self.shown()
        self._select(made.id)

    def reset_pin(self) -> None:
        chosen = self.current()
        if chosen is not None and self._do(lambda: self.model.reset_pin(chosen, self.pin.text())):
            self.pin.clear()
            self.ctx.notice(self.tr("The PIN of {number} was reset.").format(
                number=chosen.number))

    def change_role(self) -> None:
        chosen = self.current()
        role = Role(self.role.currentData() or chosen.role.value) if chosen else None
        if chosen is not None and role is not None and role is not chosen.role:
            self._do(lambda: self.model.change_role(chosen, role))

    def ask_toggle(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        if not chosen.active:
            self._do(lambda: self.model.toggle_active(chosen))
            return
        confirm(self, "staff_confirm_off", self.tr("Switch off an account"),
                self.tr("{number} {name} will no longer be able to log in. Their sales and "
                        "history stay.").format(number=chosen.number, name=chosen.name),
                self.tr("Switch off"), lambda: self._switch_off(chosen))

    def _switch_off(self, chosen: Staff) -> None:
        self._do(lambda: self.model.toggle_active(chosen))

    def link_card(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self._do(lambda: self.model.link_card(chosen, self.card.text()))

    def on_swiped(self, tracks: Tracks) -> None:
        self._card_from(lambda: find_by_swipe(self.ctx.env.ctx, tracks.track1, tracks.track2))

    def on_scanned(self, code: ScannedCode) -> None:
        self._card_from(lambda: find_by_code(self.ctx.env.ctx, code.text))

    def _card_from(self, find: Callable[[], object]) -> None:
        try:
            view = find()
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        card = getattr(view, "card", None)
        self.card.setText(card.number if card is not None else "")

    def _do(self, change: Callable[[], object]) -> bool:
        """Run a change; show the refusal beside the buttons or re-read the list."""
        try:
            change()
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return False
        self.shown()
        return True
