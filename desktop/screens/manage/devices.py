"""The "Devices" page (administrators): find the till's devices, choose and try each, save.

Finding, test pages, the drawer, swipes and scans run on the window's task runner, never on
its thread; a keyboard scanner or reader is tried in the page's own field, where the till's
wedge filter decides whether the keys were a scan or a swipe, as it does at the till.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback
from desktop.screens.desk.parts import DeskPage, button, error_label, label, shortcut
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels.devices_setup import (
    BAUDS,
    CODE_PAGES,
    PINS,
    WIDTHS,
    DevicesSetupModel,
    Said,
    said,
)
from desktop.wedge_filter import takes_codes
from domain.errors import DomainError
from hardware import trials
from hardware.discovery import Discovery, Found
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks

OK_STYLE = "color: #067647; font-weight: bold;"
BAD_STYLE = "color: #b42318; font-weight: bold;"
READERS = (("scanner", "F8", "scan"), ("card_reader", "F9", "swipe"))
SERIAL_ONLY = (("display", "F3", "display"), ("encoder", "F4", "encoder"))


class DevicesPage(DeskPage):
    """One row per device: what it is, its options, the button that tries it; Save below."""

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = DevicesSetupModel(ctx.env, ctx.staff)
        self.combos: dict[str, QComboBox] = {}
        self.bauds: dict[str, QComboBox] = {}
        self.searched = False
        layout = QVBoxLayout(self)
        layout.addLayout(self._find_row())
        layout.addWidget(self._devices_box())
        layout.addWidget(self._wedge_box())
        self.result = error_label(self, "devices_result", lines=2)
        layout.addWidget(self.result)
        self.problems = label(self, "devices_problems")
        self.problems.setStyleSheet(BAD_STYLE)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addLayout(self._save_row())
        for key, slot in (("F2", self.save), ("F5", self.look_for_devices), ("F6", self.test_page),
                          ("F7", self.open_drawer), ("F8", self.read_scan),
                          ("F9", self.read_swipe), ("F3", self.show_line),
                          ("F4", self.probe_encoder)):
            shortcut(self, key, slot)
        self._fill()

    def focus_target(self) -> QWidget | None:
        return self.port  # the page's keys (F2 … F9) work from the first field on

    # --- layout ------------------------------------------------------------------------------

    def _find_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(button(self, "devices_find", "F5 " + self.tr("Find devices"),
                             self.look_for_devices))
        self.port = self._field("devices_port", self.tr("a port, e.g. /dev/ttyUSB0 or COM3"))
        self.port.returnPressed.connect(self.add_port)
        row.addWidget(self.port, 1)
        row.addWidget(button(self, "devices_add_port", self.tr("Add port"), self.add_port))
        self.network = self._field("devices_network", self.tr("network printer, e.g. "
                                                              "192.168.1.50:9100"))
        self.network.returnPressed.connect(self.add_network)
        row.addWidget(self.network, 1)
        row.addWidget(button(self, "devices_add_network", self.tr("Add printer"),
                             self.add_network))
        return row

    def _devices_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Devices of this till"), self)
        grid = QGridLayout(box)
        self._printer_rows(box, grid)
        titles = {"scanner": self.tr("Barcode scanner"), "card_reader": self.tr("Card reader"),
                  "display": self.tr("Customer display"), "encoder": self.tr("Card encoder")}
        actions = {"scanner": ("devices_read_scan", self.tr("Read a scan"), self.read_scan),
                   "card_reader": ("devices_read_swipe", self.tr("Read a swipe"),
                                   self.read_swipe),
                   "display": ("devices_show_line", self.tr("Show a line"), self.show_line),
                   "encoder": ("devices_probe_encoder", self.tr("Check status"),
                               self.probe_encoder)}
        for row, (role, key, _) in enumerate(READERS + SERIAL_ONLY, start=2):
            grid.addWidget(QLabel(titles[role], box), row, 0)
            grid.addWidget(self._device_combo(box, role), row, 1)
            grid.addWidget(self._baud_combo(box, role), row, 2)
            name, text, slot = actions[role]
            grid.addWidget(self._button(box, name, f"{key} {text}", slot), row, 3)
        grid.setColumnStretch(1, 1)
        return box

    def _printer_rows(self, box: QGroupBox, grid: QGridLayout) -> None:
        """The printer with paper width, code page and baud rate; the drawer on its port."""
        grid.addWidget(QLabel(self.tr("Receipt printer"), box), 0, 0)
        grid.addWidget(self._device_combo(box, "printer"), 0, 1)
        self.width_box = self._combo(box, "devices_width",
                                     [(self.tr("{mm} mm").format(mm=w), w) for w in WIDTHS])
        self.width_box.setToolTip(self.tr("Paper width"))
        self.code_page = self._combo(box, "devices_code_page",
                                     [(c.upper(), c) for c in CODE_PAGES])
        self.code_page.setToolTip(self.tr("Code page for Chinese text"))
        options = QHBoxLayout()
        for widget in (self.width_box, self.code_page, self._baud_combo(box, "printer")):
            options.addWidget(widget)
        grid.addLayout(options, 0, 2)
        grid.addWidget(self._button(box, "devices_test_page", "F6 " + self.tr("Test page"),
                                    self.test_page), 0, 3)
        grid.addWidget(QLabel(self.tr("Cash drawer"), box), 1, 0)
        self.drawer = self._combo(box, "devices_drawer", [(self.tr("None"), None)] + [
            (self.tr("On the printer, pin {pin}").format(pin=p), p) for p in PINS])
        grid.addWidget(self.drawer, 1, 1)
        grid.addWidget(self._button(box, "devices_open_drawer", "F7 " + self.tr("Open drawer"),
                                    self.open_drawer), 1, 3)

    def _wedge_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Keyboard scanner or card reader"), self)
        row = QHBoxLayout(box)
        self.wedge = self._field("devices_wedge", self.tr("click here, then scan a code or "
                                                          "swipe a card"), box)
        takes_codes(self.wedge)
        row.addWidget(self.wedge)
        return box

    def _save_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file = label(self, "devices_file")
        row.addWidget(self.file, 1)
        self.save_button = self._button(self, "devices_save", "F2 " + self.tr("Save"),
                                        self.save)
        row.addWidget(self.save_button)
        return row

    def _field(self, name: str, hint: str, parent: QWidget | None = None) -> QLineEdit:
        field = QLineEdit(parent or self)
        field.setObjectName(name)
        field.setPlaceholderText(hint)
        field.setMinimumHeight(40)
        return field

    def _button(self, parent: QWidget, name: str, text: str, slot: Any) -> QPushButton:
        made = button(parent, name, text, slot)
        made.setMinimumHeight(40)
        return made

    def _combo(self, parent: QWidget, name: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(name)
        combo.setMinimumHeight(40)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _device_combo(self, parent: QWidget, role: str) -> QComboBox:
        combo = self._combo(parent, f"devices_{role}", [])
        # A long port description must not widen the page past a 1024 px panel.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        self.combos[role] = combo
        return combo

    def _baud_combo(self, parent: QWidget, role: str) -> QComboBox:
        combo = self._combo(parent, f"devices_{role}_baud",
                            [(self.tr("{baud} baud").format(baud=b), b) for b in BAUDS])
        self.bauds[role] = combo
        return combo

    # --- the model on screen and back ----------------------------------------------------------

    def _fill(self) -> None:
        """Every picker from the model's settings and what was found."""
        model = self.model
        for role, combo in self.combos.items():
            choices = model.choices(role)
            combo.clear()
            for choice in choices:
                combo.addItem(choice.label, choice.url)
            combo.setCurrentIndex(model.index_of(role, choices))
        for role, combo in self.bauds.items():
            _pick(combo, model.baud(role))
        _pick(self.width_box, int(model.option("printer", "width", 80)))
        _pick(self.code_page, str(model.option("printer", "encoding", "gb18030")))
        _pick(self.drawer, model.option("drawer", "pin", None) if "drawer" in model.settings
              else None)
        self._show_state()

    def _show_state(self) -> None:
        model = self.model
        if model.store is None:
            self.file.setText(feedback.describe(DomainError("devices.no_file")).text)
        else:
            self.file.setText(self.tr("Saved in {file}").format(file=model.location))
        self.save_button.setEnabled(model.store is not None)
        problems = [feedback.describe(p).text for p in model.found.problems]
        if model.load_error is not None:
            problems.insert(0, feedback.describe(model.load_error).text)
        self.problems.setText("\n".join(problems))

    def _collect(self) -> None:
        """What the pickers show, into the model's settings."""
        model = self.model
        model.set_device("printer", _data(self.combos["printer"]),
                         int(self.bauds["printer"].currentData()),
                         width=int(self.width_box.currentData()),
                         encoding=str(self.code_page.currentData()))
        model.set_drawer(self.drawer.currentData())
        for role, _, _ in READERS + SERIAL_ONLY:
            model.set_device(role, _data(self.combos[role]),
                             int(self.bauds[role].currentData()))

    # --- finding -------------------------------------------------------------------------------

    def shown(self) -> None:
        if not self.searched:
            self.searched = True
            self.look_for_devices()

    def look_for_devices(self) -> None:
        self._collect()
        self.ctx.run(Task(self.tr("Looking for devices"), self.model.discover_job(),
                          self._found, self._failed, key="devices_find", owner=self))

    def _found(self, found: Discovery) -> None:
        self.model.found = found
        self._fill()

    def add_port(self) -> None:
        path = self.port.text().strip()
        if not path:
            self._say(Said(self.tr("Type the port first, e.g. /dev/ttyUSB0 or COM3."), False))
            return
        self._collect()
        self.ctx.run(Task(self.tr("Opening the port"), self.model.add_port_job(path),
                          self._port_added, self._failed, owner=self))

    def _port_added(self, found: Found) -> None:
        self.model.typed.append(found)
        self.port.clear()
        self._fill()
        self._say(Said(self.tr("Port {port} added: choose it for a device.").format(
            port=found.label), True))

    def add_network(self) -> None:
        self._collect()
        try:
            found = self.model.add_network_printer(self.network.text())
        except DomainError as err:
            self._say(Said(feedback.describe(err).text, False))
            self.network.setFocus()
            return
        self.network.clear()
        self.model.set_device("printer", found.address)
        self._fill()
        self._say(Said(self.tr("Printer {address} chosen: print a test page.").format(
            address=found.label), True))

    # --- trials --------------------------------------------------------------------------------

    def test_page(self) -> None:
        self._trial("test_page", self.tr("Printing a test page"))

    def open_drawer(self) -> None:
        self._trial("drawer", self.tr("Opening the drawer"))

    def read_scan(self) -> None:
        self._trial("scan", self.tr("Waiting for a scan"))

    def read_swipe(self) -> None:
        self._trial("swipe", self.tr("Waiting for a swipe"))

    def show_line(self) -> None:
        self._trial("display", self.tr("Showing a line on the customer display"))

    def probe_encoder(self) -> None:
        self._trial("encoder", self.tr("Asking the card encoder"))

    def _trial(self, trial: str, title: str) -> None:
        self._collect()
        self.ctx.run(Task(title, self.model.trial_job(trial), self._tried, self._failed,
                          owner=self))

    def _tried(self, result: trials.TrialResult) -> None:
        self._say(said(result))

    def on_scanned(self, code: ScannedCode) -> None:
        """A keyboard scanner's burst, sorted by the till's wedge filter (or a serial
        scanner the till already reads)."""
        self.wedge.clear()
        self._say(said(trials.scanned(code)))

    def on_swiped(self, tracks: Tracks) -> None:
        self.wedge.clear()
        self._say(said(trials.swiped(tracks)))

    def show_refusal(self, err: DomainError) -> None:
        self.wedge.clear()
        self._say(Said(feedback.describe(err).text, False))

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        self._collect()
        try:
            saved = self.model.save()
        except DomainError as err:
            self._say(Said(self.ctx.refusal(err), False))
            return
        self._show_state()
        self._say(self._applied(saved.location))

    def _applied(self, location: str) -> Said:
        """The running till switches to the saved devices now (a till started without
        devices has nothing to switch: they come at its next start)."""
        devices = self.ctx.devices
        if devices is None:
            return Said(self.tr("Saved in {file}. The till uses these devices from its next "
                                "start.").format(file=location), True)
        try:
            devices.apply(self.model.saved_settings())
        except DomainError as err:
            return Said(self.tr("Saved in {file}, but the till could not switch to them now "
                                "({reason}); they take effect at its next start.").format(
                file=location, reason=feedback.describe(err).text), False)
        return Said(self.tr("Saved in {file}. The till uses these devices now.").format(
            file=location), True)

    def _failed(self, sentence: str) -> None:
        self._say(Said(sentence, False))

    def _say(self, message: Said) -> None:
        self.result.setStyleSheet(OK_STYLE if message.ok else BAD_STYLE)
        self.result.setText(message.text)


def _pick(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def _data(combo: QComboBox) -> str:
    return str(combo.currentData() or "")
