"""Where the store database is: the one default every command shares (loads nothing heavy).

Here in db/ rather than desktop/ because both the till's commands (desktop) and `kaika sync`
(sync) need the same default, and sync may not import desktop. A till PC shared by several
cashiers' OS accounts keeps its store in the machine's data folder instead of one account's:
`kaika init --machine` makes that folder and marks it shared, after which every account's
`kaika` finds the store there (docs/installing.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import site_data_dir, user_data_dir

DB_ENV = "KAIKA_DB"
# "1": the machine's data folder, "0": the account's, whatever the marker says.
MACHINE_ENV = "KAIKA_MACHINE"
# Where the machine's data folder is, when not the platform's (tests; an unusual PC).
MACHINE_DIR_ENV = "KAIKA_MACHINE_DIR"
# The file in the machine's data folder that says "this PC keeps its store here".
SHARED_MARKER = "kaika-shared-pc"
STORE_FILE = "store.sqlite3"


def default_db_path() -> Path:
    """`--db` wins, then KAIKA_DB, then the data folder (the machine's on a shared PC)."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return data_folder() / STORE_FILE


def data_folder() -> Path:
    """The machine's data folder when this PC is set up as shared, else the account's."""
    return machine_data_folder() if machine_wide() else user_data_folder()


def user_data_folder() -> Path:
    return Path(user_data_dir("Kaika", "Kaika"))


def machine_data_folder() -> Path:
    """/var/lib/kaika on Linux, ProgramData\\Kaika\\Kaika on Windows, /Library/Application
    Support/Kaika on macOS ($KAIKA_MACHINE_DIR overrides)."""
    chosen = os.environ.get(MACHINE_DIR_ENV)
    if chosen:
        return Path(chosen)
    if sys.platform in {"win32", "darwin"}:
        return Path(site_data_dir("Kaika", "Kaika"))
    return Path("/var/lib/kaika")  # the FHS place for a program's state, not /usr/share


def machine_wide() -> bool:
    """$KAIKA_MACHINE decides when set; otherwise the shared-PC marker in the machine folder."""
    env = os.environ.get(MACHINE_ENV, "").strip().lower()
    if env in {"1", "yes", "true", "on"}:
        return True
    if env in {"0", "no", "false", "off"}:
        return False
    return (machine_data_folder() / SHARED_MARKER).is_file()
