"""The Qt application of the till: translators, QLocale, a Chinese font, the style, the window."""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop import crash, i18n
from desktop.screens.main_window import MainWindow

log = logging.getLogger(__name__)

WINDOW = QSize(1280, 800)  # the window's size where the screen has room for it
STYLE = Path(__file__).resolve().parent.parent / "resources" / "styles" / "till.qss"
# Fonts that draw Simplified Chinese, best first: Linux (dev.sh installs WenQuanYi), Windows,
# macOS. Without one, Chinese shows as empty boxes.
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
             "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC")
FONT_HINT = ("kaika: no Chinese font found; Chinese text will not show. Install one: "
             "sudo apt-get install fonts-wqy-microhei (Windows and macOS have one built in). "
             "未找到中文字体。")


def display_available() -> bool:
    """Whether Qt can open a window here (Linux needs X11 or Wayland, or an offscreen platform)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


NO_DISPLAY = (
    "kaika: no display found (DISPLAY and WAYLAND_DISPLAY are not set), and the till is a "
    "window.\n"
    "  Run it in a virtual display:  xvfb-run -a kaika run --demo   "
    "(Debian/Ubuntu: sudo apt-get install xvfb)\n"
    "  or render its screens to pictures:  QT_QPA_PLATFORM=offscreen kaika demo --screenshots "
    "DIR")


BROKEN_BINDING = (
    "kaika: this PySide6 ({version}) drops a reference to None on every Qt call under Python "
    "{python}; the till would crash after a few minutes of use. Install a working build: "
    ".venv/bin/pip install 'PySide6-Essentials>=6.7,<6.12' (or use Python 3.12 or newer).")


def binding_loses_none() -> bool:
    """PySide6 6.12.0 on Python 3.11 decrements None's count on each call of a void method
    (None is immortal only from Python 3.12), and the interpreter aborts once it hits zero."""
    if sys.version_info >= (3, 12):
        return False
    probe = QTranslator()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 32


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (made once per process)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("Kaika")
    app.setOrganizationName("Kaika")
    return app


def set_language(app: QApplication, lang: str,
                 installed: list[QTranslator] | None = None) -> list[QTranslator]:
    """Switch translators and QLocale (removing an earlier language's translators first)."""
    if installed:
        i18n.uninstall(app, installed)
    return i18n.install(app, lang)


def choose_font(app: QApplication) -> str | None:
    """Use a font that draws Chinese; None (and a warning) when the computer has none."""
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    for family in CJK_FONTS:
        if family in families:
            app.setFont(QFont(family, 12))
            return family
    if families:
        family = sorted(families)[0]
        app.setFont(QFont(family, 12))
        return family
    log.warning(FONT_HINT)
    print(FONT_HINT, file=sys.stderr)
    return None


def apply_style(app: QApplication) -> None:
    if STYLE.exists():
        # Images in the style sheet are named from its own folder, wherever Kaika is installed.
        text = STYLE.read_text(encoding="utf-8")
        app.setStyleSheet(text.replace("@STYLES@", STYLE.parent.as_posix()))


def _quit_on_ctrl_c(app: QApplication) -> None:
    """Ctrl+C in the terminal closes the till cleanly (Qt's loop would otherwise keep Python
    from seeing the signal until the next event, and then as a traceback)."""
    signal.signal(signal.SIGINT, lambda _signum, _frame: app.quit())
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)  # lets the interpreter run its signal handlers
    wake.start(250)


def window_placement(available: QSize) -> tuple[QSize, bool]:
    """The window's size on a screen with `available` room, and whether to maximize it: a
    1024×768 or 1366×768 till panel has no room for a 1280×800 window and its status bar."""
    if available.width() < WINDOW.width() or available.height() < WINDOW.height():
        return available, True
    return WINDOW, False


def run_window(app: QApplication, window: MainWindow, *, full_screen: bool = False) -> int:
    """Show the window, start the devices, hand control to Qt until the window closes."""
    crash.install(window.saved_receipt, lambda: window)
    _quit_on_ctrl_c(app)
    screen = app.primaryScreen()
    available = screen.availableGeometry().size() if screen else WINDOW
    size, whole = window_placement(available)
    # A 768 px panel under a title bar and a task bar leaves less than the till needs: then
    # the till takes the whole screen, as a till's screen usually is anyway.
    cramped = window.minimumSizeHint().boundedTo(available) != window.minimumSizeHint()
    if full_screen or (whole and cramped):
        window.showFullScreen()
    elif whole:
        window.showMaximized()
    else:
        window.resize(size)
        window.show()
    window.start()
    try:
        return app.exec()
    finally:
        window.shutdown()
