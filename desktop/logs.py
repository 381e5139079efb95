"""Where the till writes its log: the user's log folder, rotated, so support can read it."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from platformdirs import user_log_dir


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to `<folder>/kaika.log` (5 × 2 MB); returns the file's path.

    Kaika's own loggers log from `level`; everything else only warnings and errors
    (python-escpos logs every printer connection on the root logger).
    """
    target = folder or Path(user_log_dir("Kaika", "Kaika"))
    target.mkdir(parents=True, exist_ok=True)
    path = target / "kaika.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in ("desktop", "kaika", "hardware", "db", "domain", "sync"):
        logging.getLogger(name).setLevel(level)
    return path
