"""Alembic migrations run from code: no alembic.ini, the script folder found beside this file.

Alembic itself loads only when a database is not at head: it takes longer to import than the
rest of a `kaika` command needs to start, and an up-to-date store needs nothing from it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from db.engine import read_only
from db.migrate_head import MIGRATIONS_DIR, script_head
from db.seals import Sealer
from domain.errors import DomainError

__all__ = ["MIGRATIONS_DIR", "at_head", "current", "head", "pending_steps", "script_head",
           "upgrade"]

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)


def alembic_config(connection: Connection | None = None, sealer: Sealer | None = None) -> Config:
    """A Config built in code; env.py runs on the connection handed over in `attributes`, and
    a step that seals (0008) finds the store's sealer there."""
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolates '%': escape it so any folder name works.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    config.attributes["sealer"] = sealer
    return config


def head() -> str:
    """The newest revision this version of Kaika knows."""
    from alembic.script import ScriptDirectory

    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if found is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS_DIR}")
    return found


def current(engine: Engine) -> str | None:
    """The revision the database is at; None for a database never migrated."""
    from alembic.runtime.migration import MigrationContext

    with read_only(engine).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


Step = Callable[[str], None]  # told "Running upgrade 0005 -> 0006, member search" per step


def pending_steps(engine: Engine) -> list[str]:
    """The steps an existing store database still needs, oldest first, as "rev: what it does";
    empty for a new database (nothing to wait for) or one already at head."""
    if at_head(engine):
        return []
    from alembic.script import ScriptDirectory

    _refuse_unknown(engine)
    at = current(engine)
    if at is None:
        return []
    scripts = ScriptDirectory.from_config(alembic_config())
    steps = [s for s in scripts.iterate_revisions(head(), at) if s.revision != at]
    return [f"{s.revision}: {s.doc}" for s in reversed(steps)]


def upgrade(engine: Engine, revision: str = "head", sealer: Sealer | None = None,
            on_step: Step | None = None) -> None:
    """Upgrade in place, in one transaction: a failed step leaves the database as it was.
    `on_step` hears each step as it starts (a progress dialog on the till's screen)."""
    if revision == "head" and at_head(engine):
        return
    from alembic import command

    _refuse_unknown(engine)
    at = current(engine)
    if at is not None and at != head():
        # Some steps rewrite every member (0006 indexes a million in ~20 s): say why we wait.
        log.warning("upgrading the store database from revision %s to %s; a large store "
                    "takes a while, do not switch off", at, head())
    with steps_told(on_step), engine.begin() as conn:
        command.upgrade(alembic_config(conn, sealer), revision)


class _StepHandler(logging.Handler):
    def __init__(self, on_step: Step) -> None:
        super().__init__(logging.INFO)
        self.on_step = on_step

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Running upgrade"):
            self.on_step(message)


@contextmanager
def steps_told(on_step: Step | None) -> Iterator[None]:
    """Alembic names each step in its log as it starts it: pass those lines on."""
    if on_step is None:
        yield
        return
    logger = logging.getLogger("alembic.runtime.migration")
    handler, level = _StepHandler(on_step), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def at_head(engine: Engine) -> bool:
    """Whether the database is at the head the version files name, read without Alembic."""
    known = script_head()
    if known is None:
        return False
    with read_only(engine).connect() as conn, conn.begin():
        if conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                             "AND name = 'alembic_version'")).first() is None:
            return False
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return versions == [known]


def _refuse_unknown(engine: Engine) -> None:
    from alembic.script import ScriptDirectory

    # A database written by a newer Kaika must not be opened by an older one: it would
    # misread columns it does not know about.
    at = current(engine)
    if at is None:
        return
    scripts = ScriptDirectory.from_config(alembic_config())
    if at not in {s.revision for s in scripts.walk_revisions()}:
        raise DomainError("store.schema_newer", revision=at, known=head())
