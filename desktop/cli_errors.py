"""What the command line says when it refuses: the sentence a person reads at the till, its
code in brackets for support, and for a missing store database the ones that do exist."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from db.store_path import DB_ENV, default_db_path
from desktop.paths import LANG_ENV

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from domain.errors import DomainError

STORE_SUFFIXES = (".sqlite3", ".db")
_CLI_APP: list[QCoreApplication] = []
NONE_FOUND = ("No store database was found. Create one with `kaika init --db PATH`, or open "
              "the demo store with `kaika run --demo`.")
FOUND = "Store databases found: {listed}. Choose one with --db PATH (or set {env})."


def say(err: DomainError, prog: str = "kaika") -> str:
    """`kaika: There is no store database at … [store.db_missing]` — never the raw code."""
    from desktop import feedback  # Qt's translator: loaded only when there is something to say

    _translate_for_cli()
    text = feedback.describe(err).text
    if err.code == "store.db_missing":
        text = f"{text} {where_stores_are(Path(str(err.params.get('path', ''))))}"
    return f"{prog}: {text} [{err.code}]"


def _translate_for_cli() -> None:
    """Install the translator $KAIKA_LANG names when no Qt application has one yet.

    A command run from a console has no QApplication, so without this every refusal came out
    in English even for `KAIKA_LANG=zh_CN kaika verify`. Unset, the command line stays in the
    language of its help texts (English), which is what a chain's IT staff read in scripts.
    """
    lang = os.environ.get(LANG_ENV)
    if not lang:
        return
    from PySide6.QtCore import QCoreApplication

    from desktop.i18n import install

    if QCoreApplication.instance() is None:
        _CLI_APP.append(QCoreApplication([]))  # kept: its translators go when it does
        install(_CLI_APP[0], lang)


def where_stores_are(missing: Path) -> str:
    """The store databases beside the one asked for and in the data folder, and how to pick."""
    from desktop.feedback import translate

    found = stores_near(missing)
    if not found:
        return translate(NONE_FOUND)
    listed = ", ".join(str(path) for path in found)
    return translate(FOUND).format(listed=listed, env=DB_ENV)


def stores_near(missing: Path) -> list[Path]:
    from desktop.demo import demo_db_path

    folders = {missing.parent, default_db_path().parent, demo_db_path().parent}
    found: set[Path] = set()
    for folder in folders:
        if folder.is_dir():
            found.update(path for path in folder.iterdir()
                         if path.suffix in STORE_SUFFIXES and path.is_file()
                         and path != missing)
    return sorted(found)
