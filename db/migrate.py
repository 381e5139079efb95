"""Alembic migrations run from code: no alembic.ini, the script folder found beside this file."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from db.engine import read_only
from db.seals import Sealer
from domain.errors import DomainError

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, sealer: Sealer | None = None) -> Config:
    """A Config built in code; env.py runs on the connection handed over in `attributes`, and
    a step that seals (0008) finds the store's sealer there."""
    config = Config()
    # ConfigParser interpolates '%': escape it so any folder name works.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    config.attributes["sealer"] = sealer
    return config


def head() -> str:
    """The newest revision this version of Kaika knows."""
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if found is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS_DIR}")
    return found


def current(engine: Engine) -> str | None:
    """The revision the database is at; None for a database never migrated."""
    with read_only(engine).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", sealer: Sealer | None = None) -> None:
    """Upgrade in place, in one transaction: a failed step leaves the database as it was."""
    _refuse_unknown(engine)
    at = current(engine)
    if at is not None and at != head():
        # Some steps rewrite every member (0006 indexes a million in ~20 s): say why we wait.
        log.warning("upgrading the store database from revision %s to %s; a large store "
                    "takes a while, do not switch off", at, head())
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn, sealer), revision)


def _refuse_unknown(engine: Engine) -> None:
    # A database written by a newer Kaika must not be opened by an older one: it would
    # misread columns it does not know about.
    at = current(engine)
    if at is None:
        return
    scripts = ScriptDirectory.from_config(alembic_config())
    if at not in {s.revision for s in scripts.walk_revisions()}:
        raise DomainError("store.schema_newer", revision=at, known=head())
