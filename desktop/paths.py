"""Where the store database is: the one default every command shares (loads nothing heavy)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DB_ENV = "KAIKA_DB"


def default_db_path() -> Path:
    """`--db` wins, then KAIKA_DB, then the user's data folder (platformdirs)."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return Path(user_data_dir("Kaika", "Kaika")) / "store.sqlite3"
