"""Where the till writes its log: the user's log folder (or $KAIKA_LOG_DIR), rotated, so
support can read it."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from platformdirs import user_log_dir

from domain import card_data

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_DIR_ENV = "KAIKA_LOG_DIR"  # tests point it at a temporary folder; support may too


def log_folder() -> Path:
    """$KAIKA_LOG_DIR, else the user's log folder (platformdirs)."""
    chosen = os.environ.get(LOG_DIR_ENV)
    return Path(chosen) if chosen else Path(user_log_dir("Kaika", "Kaika"))


class CardMaskingFormatter(logging.Formatter):
    """Formats a record, traceback included, with every bank-card number masked.

    The services refuse card numbers where they do not belong, but an exception's text or
    a device's raw data can still carry one (a swipe the reader sent without sentinels):
    the log file must not keep it, whatever logged it.
    """

    def format(self, record: logging.LogRecord) -> str:
        return card_data.mask(super().format(record))


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to `<folder>/kaika.log` (5 × 2 MB); returns the file's path.

    Kaika's own loggers log from `level`; everything else only warnings and errors
    (python-escpos logs every printer connection on the root logger).
    """
    target = folder or log_folder()
    target.mkdir(parents=True, exist_ok=True)
    path = target / "kaika.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(CardMaskingFormatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in ("desktop", "kaika", "hardware", "db", "domain", "sync"):
        logging.getLogger(name).setLevel(level)
    return path
