"""The newest revision the migration files name, read from their text (no Alembic, no
SQLAlchemy), and whether a plain sqlite3 connection's store is at it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# `revision = "0012"` and `down_revision: str | None = "0008"` in each version file
_REVISION_LINE = re.compile(r'^(down_)?revision\b[^=\n]*=\s*(?:None|["\'](\w+)["\'])\s*$',
                            re.MULTILINE)
_HAS_VERSION = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"


def script_head() -> str | None:
    """The one revision no version file names as its down_revision; None when the files do
    not read as one plain chain (Alembic then decides, as it always may)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for down, name in _REVISION_LINE.findall(file.read_text(encoding="utf-8")):
            if name:
                (parents if down else revisions).add(name)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def versions(conn: sqlite3.Connection) -> list[str] | None:
    """The revisions `alembic_version` holds (one, normally); None for a store without it."""
    if conn.execute(_HAS_VERSION).fetchone() is None:
        return None
    return [str(row[0]) for row in conn.execute("SELECT version_num FROM alembic_version")]
