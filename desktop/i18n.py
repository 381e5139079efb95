"""Languages of the till: translators, and QLocale formatting of money and dates."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

log = logging.getLogger(__name__)

LANGS = ("zh_CN", "en")
DEFAULT_LANG = "zh_CN"  # the till is for Chinese stores (DOMAIN §2)
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
YUAN_SIGN = "￥"  # full-width: the sign the receipts print too (DOMAIN §2)


def normalize_lang(lang: str | None) -> str:
    """"zh", "zh_CN", "zh-CN" → zh_CN; "en", "en_US" → en; anything else → the default."""
    text = (lang or "").replace("-", "_")
    if text.lower().startswith("en"):
        return "en"
    if text.lower().startswith("zh"):
        return "zh_CN"
    return DEFAULT_LANG


def qm_file(lang: str) -> Path:
    return I18N_DIR / f"kaika_{lang}.qm"


def ensure_compiled(lang: str) -> Path | None:
    """The compiled .qm for a language, built from its .ts when missing or older.

    dev.sh compiles every .ts; this covers a checkout run without it (tests, an IDE). An
    installed Kaika (wheel or bundle) ships its .qm files and never compiles: its folder may
    be read-only, and a file's age there says nothing about which was built from which.
    """
    ts, qm = I18N_DIR / f"kaika_{lang}.ts", qm_file(lang)
    if not ts.exists() or not (I18N_DIR.parents[1] / "pyproject.toml").exists():
        return qm if qm.exists() else None
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    tool = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    tool = tool or shutil.which("pyside6-lrelease")
    if tool is None:
        log.warning("pyside6-lrelease not found: %s stays untranslated", lang)
        return None
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


# Strings of Qt's own file dialog that Qt's zh_CN catalogue lacks (its dialog was reworded
# after the catalogue was made): without these the save dialog says "Look in:" in Chinese.
QT_GAPS: dict[str, dict[tuple[str, str], str]] = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
    },
}


class QtGaps(QTranslator):
    """Qt's own strings its catalogue for a language does not translate (QT_GAPS)."""

    def __init__(self, texts: dict[tuple[str, str], str], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.texts = texts

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None, not "": Qt takes an empty string as the translation and asks no further.
        return self.texts.get((context, source))

    def isEmpty(self) -> bool:
        return not self.texts


def install(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Set the default QLocale and install Qt's and Kaika's translators for `lang`."""
    lang = normalize_lang(lang)
    locale = QLocale(lang)
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if lang in QT_GAPS:
        gaps = QtGaps(QT_GAPS[lang], app)
        app.installTranslator(gaps)
        installed.append(gaps)
    qm = ensure_compiled(lang)
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    elif lang != "en":
        log.warning("no translation for %s: the till shows English", lang)
    return installed


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def money(fen: int, *, sign: bool = True) -> str:
    """￥1,234.50 with the locale's grouping and decimal point; integers only, never float."""
    locale = QLocale()
    minus = locale.negativeSign() if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    body = f"{locale.toString(yuan)}{locale.decimalPoint()}{locale.toString(cents).rjust(2, '0')}"
    return f"{minus}{YUAN_SIGN if sign else ''}{body}"


def number(value: int) -> str:
    """Points and counts with the locale's grouping: 12,345."""
    return QLocale().toString(value)


def date_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day),
                              QLocale.FormatType.ShortFormat)


def datetime_text(at: datetime) -> str:
    """A local time (the caller converts from UTC with the store's calendar)."""
    qdt = QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute, at.second))
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def rate_text(rate: str | Decimal) -> str:
    """A discount rate as people say it: 8.5折 in Chinese, "15% off" in English."""
    value = Decimal(str(rate))
    if QLocale().language() == QLocale.Language.Chinese:
        tenths = (value * 10).normalize()
        return QCoreApplication.translate("i18n", "{rate} off").format(rate=f"{tenths:f}折")
    off = ((1 - value) * 100).normalize()
    return QCoreApplication.translate("i18n", "{rate} off").format(rate=f"{off:f}%")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for pyside6-lupdate, which looks for this name; translated when shown.

    PySide6's own marker is typed as returning `object`; this one keeps tables typed `str`.
    """
    return text


def parse_money(text: str) -> int | None:
    """What a cashier typed as yuan ("128.5", "1,280", "１２８") in fen; None if not money."""
    locale = QLocale()
    cleaned = unicodedata.normalize("NFKC", text).strip().lstrip("￥¥").strip()
    cleaned = cleaned.replace(locale.groupSeparator(), "").replace(",", "")
    cleaned = cleaned.replace(locale.decimalPoint(), ".")
    try:
        value = Decimal(cleaned) * 100
    except ArithmeticError:
        return None
    if not value.is_finite() or value != value.to_integral_value() or value < 0:
        return None
    return int(value)
