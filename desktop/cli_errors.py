"""What the command line says when it refuses: the sentence a person reads at the till, its
code in brackets for support, and for a missing store database the ones that do exist."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.paths import DB_ENV, default_db_path

if TYPE_CHECKING:
    from domain.errors import DomainError

STORE_SUFFIXES = (".sqlite3", ".db")


def say(err: DomainError, prog: str = "kaika") -> str:
    """`kaika: There is no store database at … [store.db_missing]` — never the raw code."""
    from desktop import feedback  # Qt's translator: loaded only when there is something to say

    text = feedback.describe(err).text
    if err.code == "store.db_missing":
        text = f"{text} {where_stores_are(Path(str(err.params.get('path', ''))))}"
    return f"{prog}: {text} [{err.code}]"


def where_stores_are(missing: Path) -> str:
    """The store databases beside the one asked for and in the data folder, and how to pick."""
    found = stores_near(missing)
    if not found:
        return ("No store database was found. Create one with `kaika init --db PATH`, or "
                "open the demo store with `kaika run --demo`.")
    listed = ", ".join(str(path) for path in found)
    return (f"Store databases found: {listed}. Choose one with --db PATH "
            f"(or set {DB_ENV}).")


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
