"""`kaika run` and `python -m desktop`: the till on the configured store, or on the demo store
with every device simulated (`--demo`) so a newcomer can ring a sale at once."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.store_path import DB_ENV, default_db_path
from desktop.paths import LANG_ENV

if TYPE_CHECKING:  # Qt, the store and the sync client load only when the till opens
    from PySide6.QtWidgets import QApplication

    from desktop import bootstrap
    from desktop.devices import TillDevices
    from desktop.screens.main_window import MainWindow
    from sync.loop import SyncLoop


def add_run_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser("run", help="open the till (the cashier's window)")
    run.add_argument("--db", type=Path, default=None,
                     help=f"store database (default: ${DB_ENV} or the data folder)")
    run.add_argument("--devices", type=Path, default=None,
                     help="device settings file (default: $KAIKA_DEVICES or devices.toml in "
                          "the config folder)")
    run.add_argument("--demo", action="store_true",
                     help="the demo store with simulated printer, scanner, card reader, "
                          "display and camera")
    run.add_argument("--lang", default=None, help="zh_CN (default) or en; also $KAIKA_LANG")
    run.add_argument("--idle-lock", type=float, default=300, metavar="SECONDS",
                     help="lock the till after this long untouched (0: never)")
    run.add_argument("--full-screen", action="store_true")
    run.set_defaults(func=run_till)


def run_till(args: argparse.Namespace) -> int:
    problem = _environment_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from desktop.i18n import normalize_lang

    lang = normalize_lang(args.lang or os.environ.get(LANG_ENV))
    from desktop.logs import setup_logging

    if args.demo:
        from desktop.demo import demo_db_path

        setup_logging()
        return _locked(args.db or demo_db_path(), lang, lambda: _run_demo(args, lang))
    path = args.db or default_db_path()
    if not path.exists():  # refused before anything is logged: no log file for a typo
        from desktop.cli_errors import say
        from domain.errors import DomainError

        print(say(DomainError("store.db_missing", path=str(path))), file=sys.stderr)
        return 2
    setup_logging()
    return _locked(path, lang, lambda: _open_store(args, path, lang))


def _locked(path: Path, lang: str, run: Callable[[], int]) -> int:
    """Run the till holding the store's lock: a second Kaika on the same database is refused
    with who has it, before Qt starts (db/lock.py)."""
    from db.lock import StoreLock
    from desktop.cli_errors import say
    from domain.errors import DomainError

    try:
        lock = StoreLock.take(path)
    except DomainError as err:
        _qt(lang)  # the message in the till's language, and on screen: a Start-menu
        print(say(err), file=sys.stderr)  # launch has no console to print to
        _refusal_on_screen(say(err))
        return 3
    with lock:
        return run()


def _refusal_on_screen(text: str) -> None:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":  # nobody would see it, or close it
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, "Kaika", text.removeprefix("kaika: "))


def _open_store(args: argparse.Namespace, path: Path, lang: str) -> int:
    from desktop import bootstrap
    from desktop.upgrade_progress import upgrade_with_progress
    from hardware.cli import load_devices
    from hardware.errors import DeviceError

    try:
        devices_path, devices = load_devices(args.devices)
    except DeviceError as err:  # the file is refused before the till opens, each mistake named
        for problem in err.params.get("problems", [err.code]):
            print(f"kaika: {err.params.get('file', '')}: {problem}", file=sys.stderr)
        return 2
    _qt(lang)
    upgrade_with_progress(path)  # an update's first open: the steps on screen, not only logged
    till = bootstrap.open_till(path, devices, ui_lang=lang, devices_path=devices_path)
    try:
        return _show(till, lang, args)
    finally:
        till.close()


def start_to_login(path: Path, lang: str = "zh_CN", turns: int = 3) -> Callable[[], None]:
    """The till opened as `kaika run --db PATH` opens it without devices, up to its log-in
    screen shown with `turns` turns of the event loop; returns what closes it again.

    The one start that bench/startup.py and tests/gui/bench_till.py time and that
    tests/integration/test_start_imports.py checks the imports of.
    """
    from desktop import bootstrap
    from desktop.devices import TillDevices

    app = _qt(lang)
    till = bootstrap.open_till(path, {}, ui_lang=lang)
    window, loop = till_window(till, TillDevices(till.devices), idle_lock_s=300)
    window.show()
    window.start()
    for _ in range(turns):
        app.processEvents()

    def close() -> None:
        window.shutdown()
        if loop is not None:
            loop.stop()
        till.close()

    return close


def _environment_problem() -> str | None:
    """No screen, or a Qt binding that would crash the till: say so before Qt starts."""
    from desktop.app import BROKEN_BINDING, NO_DISPLAY, binding_loses_none, display_available

    if not display_available():
        return NO_DISPLAY
    if binding_loses_none():
        import PySide6

        return BROKEN_BINDING.format(version=PySide6.__version__,
                                     python=sys.version.split()[0])
    return None


def _run_demo(args: argparse.Namespace, lang: str) -> int:
    from desktop import bootstrap
    from desktop.demo import DEMO_STORE, demo_db_path
    from desktop.demo_data import load_demo
    from desktop.demo_history import add_history
    from desktop.upgrade_progress import upgrade_with_progress
    from domain.services.setup import new_settings
    from hardware.peers.demo import DemoRig

    path = args.db or demo_db_path()
    fresh = not path.exists()  # the demo's past is made once, before anyone used the store
    _qt(lang)
    upgrade_with_progress(path)
    with DemoRig() as rig:
        till = bootstrap.open_till(path, rig.settings(),
                                   settings=new_settings(name=DEMO_STORE), ui_lang=lang)
        try:
            cards = load_demo(till.app.ctx)
            if fresh:
                add_history(till.app.ctx, till.app.ctx.today())
            print(f"kaika: demo store {till.app.store.path}; staff 1001 / PIN 1357 (cashier), "
                  f"2001 / 2468 (manager), 3001 / 3579 (front desk), 0001 / 8024 (admin); "
                  f"member cards {', '.join(cards)}")
            return _show(till, lang, args, rig=rig, cards=cards)
        finally:
            till.close()


def _show(till: bootstrap.Till, lang: str, args: argparse.Namespace, rig: object = None,
          cards: list[str] | None = None) -> int:
    from desktop.app import run_window
    from desktop.devices import TillDevices

    app = _qt(lang)
    window, loop = till_window(till, TillDevices(till.devices), idle_lock_s=args.idle_lock)
    if rig is not None:
        from desktop.screens.demo_panel import add_demo_panel

        add_demo_panel(window, rig, cards or [])
    try:
        return run_window(app, window, full_screen=args.full_screen)
    finally:
        if loop is not None:
            loop.stop()


def _qt(lang: str) -> QApplication:
    """The Qt application in the till's language, font and style (made once)."""
    from desktop.app import application, apply_style, choose_font, set_language

    app = application()
    if app.property("kaika_lang") != lang:
        set_language(app, lang)
        choose_font(app)
        apply_style(app)
        app.setProperty("kaika_lang", lang)
    return app


def till_window(till: bootstrap.Till, devices: TillDevices | None, *, idle_lock_s: float,
                **kw: Any) -> tuple[MainWindow, SyncLoop | None]:
    """The till's window, and the background sync with head office when this till is enrolled.

    The loop runs on its own thread: the window only reads its status from the store
    database and wakes it after each sale or refund, so the till never waits on the network.
    The caller stops the loop when the window has closed.
    """
    from desktop.screens.main_window import MainWindow
    from sync import credentials

    if not credentials.path_for(till.app.store.path).exists():  # not enrolled: no sync client
        return MainWindow(till.env, devices, idle_lock_s=idle_lock_s, **kw), None
    from sync.loop import start_for

    loop = start_for(till.app.store, till.app.ctx.clock)
    if loop is None:  # the credentials went between the two looks
        return MainWindow(till.env, devices, idle_lock_s=idle_lock_s, **kw), None
    window = MainWindow(till.env, devices, idle_lock_s=idle_lock_s,
                        sync_status=loop.status, on_saved=loop.wake, **kw)
    return window, loop
