"""The till's own settings in the environment, and marking a PC as shared (`kaika init
--machine`); where the store is found lives in db/store_path.py, which sync shares."""

from __future__ import annotations

from pathlib import Path

from db.store_path import SHARED_MARKER, machine_data_folder

LANG_ENV = "KAIKA_LANG"  # zh_CN or en: the till's and the command line's refusals


def mark_machine_wide() -> Path:
    """Make the machine's data folder (if it can be) and mark it as this PC's store folder."""
    folder = machine_data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / SHARED_MARKER
    if not marker.exists():
        marker.write_text("Kaika keeps this PC's store database in this folder for every "
                          "account (kaika init --machine).\n", encoding="utf-8")
    return folder
