"""Head-office migrations run from code (Alembic, no alembic.ini), on PostgreSQL or SQLite."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from domain.errors import DomainError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Replicas started together must not migrate at the same time: one waits for the other.
_LOCK_KEY = 0x4B41494B41  # "KAIKA"


def _config(connection: object = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    found = ScriptDirectory.from_config(_config()).get_current_head()
    if found is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS_DIR}")
    return found


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade in one transaction (PostgreSQL DDL is transactional; so is SQLite's)."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        command.upgrade(_config(conn), revision)


def require_head(engine: Engine) -> None:
    """A server must not run on a schema older (or newer) than its code."""
    at = current(engine)
    if at != head():
        raise DomainError("headoffice.schema_not_current", revision=at, expected=head())
