"""The Devices page's logic without widgets: the settings being edited, what was found on the
machine, each trial as a job for the task runner, and the save as the logged-in staff member."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import feedback
from desktop.viewmodels.env import TillEnv
from domain.errors import DomainError
from domain.progress import Progress
from domain.records import Staff
from domain.services import devices
from domain.services.devices import SavedDevices
from hardware import trials
from hardware.addresses import DEFAULT_BAUD, parse_address, with_baud
from hardware.discovery import Discovery, Found, discover, network_printer, typed_port
from hardware.errors import DeviceError

translate = QCoreApplication.translate  # the name pyside6-lupdate collects
CONTEXT = "devices"
WIDTHS = (80, 58)
CODE_PAGES = ("gb18030", "gbk")
BAUDS = (9600, 19200, 38400, 57600, 115200)
PINS = (2, 5)
KEYBOARD = "wedge:"
Job = Callable[[Progress], trials.TrialResult]


@dataclass(frozen=True, slots=True)
class Choice:
    label: str
    url: str  # "" for none


@dataclass(frozen=True, slots=True)
class Said:
    """A trial's outcome as the page shows it."""

    text: str
    ok: bool


class DevicesSetupModel:
    """The devices file's settings as edited on the page; nothing is saved until `save`."""

    def __init__(self, env: TillEnv, actor: Staff) -> None:
        self.env, self.actor = env, actor
        self.store = env.devices_store
        self.settings: dict[str, dict[str, Any]] = {}
        self.load_error: DomainError | None = None
        self.found = Discovery((), ())
        self.typed: list[Found] = []  # ports and network printers the admin typed
        self.reload()

    @property
    def location(self) -> str:
        return self.store.location if self.store is not None else ""

    def reload(self) -> None:
        """The saved settings again (a file the till refuses is shown as its refusal)."""
        self.load_error = None
        try:
            self.settings = self.store.current() if self.store is not None else {}
        except DeviceError as err:
            self.settings, self.load_error = {}, err

    # --- what can be chosen ----------------------------------------------------------------

    def choices(self, role: str) -> list[Choice]:
        """None, the keyboard (readers), what was typed or found, and what is saved now."""
        items = [Choice(translate("devices", "None"), "")]
        if role in ("scanner", "card_reader"):
            items.append(Choice(translate("devices", "Keyboard (USB keyboard mode)"), KEYBOARD))
        items += [Choice(f.label, f.address) for f in [*self.typed, *self.found.found]
                  if role in f.roles]
        saved = self.url(role)
        if saved and all(_base(c.url) != _base(saved) for c in items):
            items.append(Choice(translate("devices", "{url} (saved)").format(url=saved), saved))
        unique: dict[str, Choice] = {}
        for choice in items:
            unique.setdefault(_base(choice.url), choice)
        return list(unique.values())

    def index_of(self, role: str, choices: list[Choice]) -> int:
        saved = _base(self.url(role))
        return next((i for i, c in enumerate(choices) if _base(c.url) == saved), 0)

    def url(self, role: str) -> str:
        return str(self.settings.get(role, {}).get("url", ""))

    def baud(self, role: str) -> int:
        try:
            return parse_address(self.url(role)).baud if self.url(role) else DEFAULT_BAUD
        except DeviceError:
            return DEFAULT_BAUD

    def option(self, role: str, key: str, default: Any) -> Any:
        return self.settings.get(role, {}).get(key, default)

    # --- editing ---------------------------------------------------------------------------

    def set_device(self, role: str, url: str, baud: int = DEFAULT_BAUD,
                   **options: Any) -> None:
        """Pick `url` for `role` with its options (other saved keys of the role are kept)."""
        if not url:
            self.settings.pop(role, None)
            if role == "printer":
                self.settings.pop("drawer", None)  # the drawer hangs off the printer
            return
        table = dict(self.settings.get(role, {}))
        table.update(options, url=with_baud(url, baud))
        self.settings[role] = table

    def set_drawer(self, pin: int | None) -> None:
        """The drawer on the printer's port (pin 2 or 5), or none."""
        if pin is None or "printer" not in self.settings:
            self.settings.pop("drawer", None)
            return
        table = dict(self.settings.get("drawer", {}))
        table.update(pin=pin, on_ms=int(table.get("on_ms", 100)),
                     off_ms=int(table.get("off_ms", 100)))
        self.settings["drawer"] = table

    def add_network_printer(self, text: str) -> Found:
        found = network_printer(text)
        self.typed.append(found)
        return found

    def add_port_job(self, path: str) -> Callable[[Progress], Found]:
        """Opening the typed port once to check it, off the window's thread."""
        return lambda _progress: typed_port(path)

    def discover_job(self) -> Callable[[Progress], Discovery]:
        return lambda _progress: discover()

    # --- trials (jobs for the task runner: a copy of the settings as they are now) ------------

    def trial_job(self, trial: str) -> Job:
        settings = copy.deepcopy(self.settings)
        printer, drawer = settings.get("printer", {}), settings.get("drawer", {"pin": 2})
        store_name, now = self.env.store_name, self.env.ctx.now()
        jobs: dict[str, Callable[[], trials.TrialResult]] = {
            "test_page": lambda: trials.print_test_page(printer, store_name, now),
            "drawer": lambda: trials.kick_drawer(printer, drawer),
            "swipe": lambda: trials.read_swipe(settings.get("card_reader", {})),
            "scan": lambda: trials.read_scan(settings.get("scanner", {})),
            "display": lambda: trials.show_line(settings.get("display", {})),
            "encoder": lambda: trials.probe_encoder(settings.get("encoder", {})),
        }
        missing = {"test_page": "printer", "drawer": "printer", "swipe": "card_reader",
                   "scan": "scanner", "display": "display", "encoder": "encoder"}[trial]
        if missing not in settings:
            return lambda _progress: trials.TrialResult("trial.no_device",
                                                        params={"role": missing})
        run = jobs[trial]
        return lambda _progress: run()

    def save(self) -> SavedDevices:
        """Save as the logged-in staff member (the service decides who may)."""
        if self.store is None:
            raise DomainError("devices.no_file")
        saved = devices.save_devices(self.env.ctx, self.store, self.settings, self.actor.id)
        self.load_error = None
        return saved

    def saved_settings(self) -> dict[str, dict[str, Any]]:
        """The file as the till reads it at its start: what the running till switches to."""
        return self.store.current() if self.store is not None else {}


def said(result: trials.TrialResult) -> Said:
    """A trial's outcome in the page's words; a fault in the till's own sentence."""
    if result.error is not None:
        return Said(feedback.describe(result.error).text, False)
    texts = {
        "trial.printed": translate(
            "devices", "The test page went to {address}. Check that every line is clear."),
        "trial.drawer_kicked": translate(
            "devices", "The drawer was sent its pulse. If it did not open, try the other pin."),
        "trial.swiped": translate("devices", "Card read (tracks {tracks}): {shown}"),
        "trial.scanned": translate("devices", "Code read: {shown}"),
        "trial.displayed": translate(
            "devices", "The customer display should now read \"{shown}\"."),
        "trial.encoder_ready": translate(
            "devices", "The card encoder answered its status check (firmware {shown})."),
        "trial.nothing": translate(
            "devices", "Nothing came within the time. Try again; check the cable and the "
                       "baud rate."),
        "trial.use_field": translate(
            "devices", "A keyboard device: click the field below and scan or swipe there."),
        "trial.no_device": translate("devices", "Choose the device first."),
    }
    params = {**result.params, "shown": result.shown}
    return Said(feedback.fill(texts.get(result.code, result.code), params),
                result.ok)


def _base(url: str) -> str:
    """An address without its options: the same port at another baud is the same choice."""
    return url.split("?", 1)[0].removeprefix("serial://")
