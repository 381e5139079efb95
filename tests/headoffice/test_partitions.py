"""Monthly partitions on PostgreSQL (issue 14 §4): rows land in their month's partition (a
foreign id in DEFAULT), the idempotency key holds across partitions, `maintain` makes months
ahead and empties DEFAULT into them, old months detach, and the migration carries rows over."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from headoffice import partitions
from headoffice.cli import main
from headoffice.engine import make_engine
from headoffice.migrate import _config, upgrade
from headoffice.tables import events
from tests.sync.harness import PgDatabases

pytestmark = pytest.mark.postgres


def born(year: int, month: int, day: int = 15) -> str:
    """A UUIDv7 of that day (made here: domain.ids never goes back in time within a process)."""
    ms = int(datetime(year, month, day, tzinfo=UTC).timestamp() * 1000)
    return str(uuid.UUID(int=(ms << 80) | (0x7 << 76) | (uuid.uuid4().int & ((1 << 76) - 1))))


def push(conn: Connection, event_id: str) -> None:
    at = datetime(2026, 12, 7, tzinfo=UTC)
    conn.execute(events.insert().values(
        event_id=event_id, terminal_id="T1", seq=1, type="sale.completed", v=1, occurred_at=at,
        received_at=at, store_id="S001", status="applied"))


def where(conn: Connection, event_id: str) -> str:
    return str(conn.execute(sa.text("SELECT tableoid::regclass::text FROM events "
                                    "WHERE event_id = :e"), {"e": event_id}).scalar_one())


@pytest.fixture
def engine(pg: PgDatabases) -> sa.Engine:
    return make_engine(pg.fresh())


def test_a_row_lands_in_the_partition_of_its_birth_month_and_a_foreign_id_in_default(
        engine: sa.Engine) -> None:
    month, foreign = born(2026, 12, 31), "not-a-uuid-0001"
    with engine.begin() as conn:
        push(conn, month)
        push(conn, foreign)
        assert where(conn, month) == "events_p202612"
        assert where(conn, foreign) == "events_default"


def test_the_same_id_twice_is_refused_by_the_key_in_any_partition(engine: sa.Engine) -> None:
    for event_id in (born(2026, 12), "foreign-id", born(2031, 1)):
        with engine.begin() as conn:
            push(conn, event_id)
        with pytest.raises(IntegrityError), engine.begin() as conn:
            push(conn, event_id)


def test_maintain_makes_months_ahead_and_moves_their_default_rows_in(engine: sa.Engine) -> None:
    later = born(2027, 6, 2)  # beyond the months the migration made: lands in DEFAULT
    with engine.begin() as conn:
        push(conn, later)
        assert where(conn, later) == "events_default"
        done = partitions.maintain(conn, date(2027, 5, 10), ahead=3)
        assert where(conn, later) == "events_p202706"
    assert done.moved == 1
    assert {"events_p202708", "sales_p202708", "points_ledger_p202708",
            "wallet_ledger_p202708"} <= set(done.created)
    assert "events_p202709" not in done.created
    with pytest.raises(IntegrityError), engine.begin() as conn:
        push(conn, later)  # the key still holds once the row has moved
    with engine.begin() as conn:
        assert partitions.maintain(conn, date(2027, 5, 10)).created == []


def test_detach_before_takes_old_months_out_and_refuses_the_current_one(
        engine: sa.Engine) -> None:
    old = born(2026, 12)
    with engine.begin() as conn:
        push(conn, old)
        partitions.create_ahead(conn, date(2027, 2, 1))
        with pytest.raises(ValueError, match="current month"):
            partitions.detach_before(conn, 2027, 3, date(2027, 2, 1))
        gone = partitions.detach_before(conn, 2027, 2, date(2027, 2, 1))
        assert {"events_p202612", "events_p202701", "sales_p202701"} <= set(gone)
        assert "events_p202702" not in gone
        assert conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one() == 0
        kept = conn.execute(sa.text('SELECT event_id FROM "events_p202612"')).scalar_one()
        assert kept == old  # detached, still there for archive
        assert partitions.attached(conn, "events")[0] == "events_p202702"


def test_the_maintain_command_refuses_a_bad_month_and_keeps_months_ahead(
        pg: PgDatabases, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg.fresh()
    assert main(["maintain", "--db", url, "--detach-before", "2026-13"]) == 2
    assert "--detach-before wants a month as YYYY-MM" in capsys.readouterr().err
    assert main(["maintain", "--db", url, "--detach-before", "2999-01"]) == 2
    assert "current month" in capsys.readouterr().err
    assert main(["maintain", "--db", url, "--ahead", "5"]) == 0
    today = datetime.now(UTC).date()
    engine = make_engine(url)
    with engine.connect() as conn:
        name = partitions.partition_name("sales", *partitions.add_months(
            today.year, today.month, 5))
        assert partitions.exists(conn, name)
    engine.dispose()


def test_maintain_on_a_schema_before_the_partitions_says_to_migrate(
        pg: PgDatabases, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg.fresh_empty()
    engine = make_engine(url)
    upgrade(engine, "h0007")
    engine.dispose()
    assert main(["maintain", "--db", url]) == 1
    assert "[headoffice.schema_not_current]" in capsys.readouterr().err


def test_the_migration_carries_rows_over_into_their_months_and_back(pg: PgDatabases) -> None:
    engine = make_engine(pg.fresh_empty())
    upgrade(engine, "h0007")
    old, foreign = born(2025, 3), "legacy-id"
    with engine.begin() as conn:
        push(conn, old)
        push(conn, foreign)
    upgrade(engine)
    with engine.begin() as conn:
        assert where(conn, old) == "events_p202503"
        assert where(conn, foreign) == "events_default"
        assert partitions.exists(conn, "events_p202504")
        assert not partitions.exists(conn, "events_p202502")
        # an empty table starts at this month, not years back
        assert partitions.attached(conn, "wallet_ledger")[0] == partitions.partition_name(
            "wallet_ledger", datetime.now(UTC).year, datetime.now(UTC).month)
    with engine.begin() as conn:
        command.downgrade(_config(conn), "h0007")
    with engine.begin() as conn:
        assert where(conn, old) == where(conn, foreign) == "events"
        assert not partitions.exists(conn, "events_default")
    engine.dispose()


def test_the_database_collation_orders_uuid7_text_as_bytes(engine: sa.Engine) -> None:
    ids = [born(year, month, day) for year in (1999, 2026, 2040) for month in (1, 9, 12)
           for day in (1, 28)]
    with engine.connect() as conn:
        assert partitions.sorts_bytewise(conn)
        for collation in ("default", "en-US-x-icu"):
            got = conn.execute(sa.text(
                f'SELECT array_agg(i ORDER BY i COLLATE "{collation}") '
                "FROM unnest(CAST(:ids AS text[])) AS i"), {"ids": ids}).scalar_one()
            assert list(got) == sorted(ids), collation
