"""The partition migration (h0009) and `maintain` keep who may do what: a reporting role, the
app's writer role and a column grant work after the migration and on months made later, the
owner and the comments stay, and a role that default privileges would favour gets nothing the
old table did not give it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import ProgrammingError

from headoffice import partitions
from headoffice.engine import make_engine
from headoffice.migrate import _config, upgrade
from tests.headoffice.test_partitions import born, push
from tests.sync.harness import PgDatabases, _admin

pytestmark = pytest.mark.postgres


class Roles:
    """Roles of one test (roles are cluster-wide: each test names its own and drops them)."""

    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:8]
        self.owner, self.reports, self.writer, self.auditor = (
            f"kaika_{kind}_{tag}" for kind in ("owner", "reports", "writer", "auditor"))

    def all(self) -> list[str]:
        return [self.owner, self.reports, self.writer, self.auditor]


@pytest.fixture
def roles() -> Iterator[Roles]:
    made = Roles()
    admin = _admin()
    with admin.connect() as conn:
        for role in made.all():
            conn.execute(sa.text(f'CREATE ROLE "{role}"'))
    yield made
    with admin.connect() as conn:
        for role in made.all():
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


@pytest.fixture
def db(pg: PgDatabases, roles: Roles) -> Iterator[sa.Engine]:
    """A head office at h0007 whose tables are dressed as an operator would dress them."""
    url = pg.fresh_empty()
    engine = make_engine(url)
    upgrade(engine, "h0007")
    with engine.begin() as conn:
        for statement in (
                f'ALTER TABLE events OWNER TO "{roles.owner}"',
                f'GRANT SELECT ON events, sales, points_ledger TO "{roles.reports}"',
                f'GRANT SELECT, INSERT ON events TO "{roles.writer}"',
                f'GRANT SELECT (id, store_id) ON sales TO "{roles.writer}"',
                # new tables the migrating role makes would be readable by the auditor
                f'ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO "{roles.auditor}"',
                "COMMENT ON TABLE events IS 'every event a till pushed'",
                "COMMENT ON INDEX ix_events_not_applied IS 'support''s queue'",
                "COMMENT ON COLUMN events.status IS 'applied or not'"):
            conn.execute(sa.text(statement))
        push(conn, born(2026, 11))
    yield engine
    engine.dispose()
    with _admin().connect() as conn:  # drop the database first: the roles own things in it
        conn.execute(sa.text(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))


def can(engine: sa.Engine, role: str, statement: str) -> bool:
    """Whether `role` may run the statement (rolled back either way)."""
    with engine.connect() as conn:
        conn.execute(sa.text(f'SET ROLE "{role}"'))
        try:
            conn.execute(sa.text(statement))
        except ProgrammingError as err:
            assert "permission denied" in str(err)
            return False
        finally:
            conn.rollback()
    return True


def insert_as_till(event_id: str) -> str:
    return ("INSERT INTO events (event_id, terminal_id, seq, type, v, occurred_at, received_at, "
            f"store_id, status) VALUES ('{event_id}', 'T9', 1, 'sale.completed', 1, now(), "
            "now(), 'S001', 'applied')")


def scalar(engine: sa.Engine, query: str) -> object:
    with engine.connect() as conn:
        return conn.execute(sa.text(query)).scalar_one()


def test_roles_keep_their_grants_through_the_migration_and_on_later_months(
        db: sa.Engine, roles: Roles) -> None:
    upgrade(db)
    assert can(db, roles.reports, "SELECT count(*) FROM events")
    assert can(db, roles.reports, "SELECT count(*) FROM points_ledger")
    assert can(db, roles.writer, insert_as_till(born(2026, 12)))
    assert can(db, roles.writer, "SELECT id, store_id FROM sales")
    assert not can(db, roles.writer, "SELECT total_fen FROM sales")  # only those columns
    assert not can(db, roles.writer, "SELECT count(*) FROM wallet_ledger")
    with db.begin() as conn:
        made = partitions.maintain(conn, date(2031, 1, 5), ahead=0).created
    assert "events_p203101" in made
    assert can(db, roles.reports, 'SELECT count(*) FROM "events_p203101"')
    assert can(db, roles.writer, insert_as_till(born(2031, 1)))
    assert can(db, roles.reports, 'SELECT count(*) FROM "events_p202611"')


def test_default_privileges_give_no_one_the_rows_the_old_table_kept_from_them(
        db: sa.Engine, roles: Roles) -> None:
    upgrade(db)
    with db.begin() as conn:
        partitions.maintain(conn, date(2031, 1, 5), ahead=0)
    for table in ("events", "events_p202611", "events_default", "events_p203101", "sales_p203101"):
        assert not can(db, roles.auditor, f'SELECT count(*) FROM "{table}"'), table
    assert not can(db, roles.reports, 'SELECT count(*) FROM "wallet_ledger_p203101"')


def test_the_owner_and_the_comments_stay_through_the_migration_and_back(
        db: sa.Engine, roles: Roles) -> None:
    def owner_of(table: str) -> object:
        return scalar(db, f"SELECT pg_get_userbyid(relowner) FROM pg_class "
                          f"WHERE oid = '{table}'::regclass")

    upgrade(db)
    for table in ("events", "events_p202611", "events_default"):
        assert owner_of(table) == roles.owner, table
    assert owner_of("sales") != roles.owner  # each table keeps its own owner
    assert scalar(db, "SELECT obj_description('events'::regclass)") == (
        "every event a till pushed")
    assert scalar(db, "SELECT obj_description('ix_events_not_applied'::regclass)") == (
        "support's queue")
    assert scalar(db, "SELECT col_description('events'::regclass, attnum) FROM pg_attribute "
                      "WHERE attrelid = 'events'::regclass AND attname = 'status'") == (
        "applied or not")
    with db.begin() as conn:
        command.downgrade(_config(conn), "h0007")
    assert owner_of("events") == roles.owner
    assert scalar(db, "SELECT obj_description('events'::regclass)") == (
        "every event a till pushed")
    assert can(db, roles.reports, "SELECT count(*) FROM events")
