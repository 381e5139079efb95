"""Reports and admin pages on a real streaming replica (`serve --replica-db`): read there when it
has caught up, the staleness stated when it has not, the primary when it is too far behind or
gone; sync and writes stay on the primary (the replica is read-only, so they could not work
otherwise)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from headoffice import partitions
from headoffice.engine import make_engine
from headoffice.migrate import upgrade
from headoffice.replica import HEADER_LAG, HEADER_READ_FROM, Reads
from tests.headoffice.pgcluster import RUN_AS, PrimaryAndReplica, available
from tests.headoffice.test_partitions import born, push
from tests.sync.harness import Server, Till

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not available(), reason="PostgreSQL 15 server binaries")]
DB = "kaika_replica"


@pytest.fixture(scope="module")
def pair() -> Iterator[PrimaryAndReplica]:
    made = PrimaryAndReplica().start()
    admin = sa.create_engine(made.primary_url().replace("postgresql://", "postgresql+psycopg://"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{DB}"'))
    admin.dispose()
    engine = make_engine(made.primary_url(DB))
    upgrade(engine)
    engine.dispose()
    yield made
    made.stop()


@pytest.fixture
def servers(pair: PrimaryAndReplica, tmp_path: Path) -> Iterator[Callable[..., Server]]:
    made: list[Server] = []

    def make(*extra: str) -> Server:
        server = Server(pair.primary_url(DB), tmp_path, extra_args=extra).start()
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


def _caught_up(pair: PrimaryAndReplica, database: str = DB) -> None:
    """Wait for the replica to replay what the primary has (a state, not a time: the bound
    only stops a broken replica from hanging the suite)."""
    primary = make_engine(pair.primary_url(database))
    replica = make_engine(pair.replica_url(database))
    reads = Reads(primary, replica, 0)
    try:
        for _ in range(600):
            if reads.lag_seconds() == 0:
                return
            with replica.connect() as conn:
                conn.execute(sa.text("SELECT pg_sleep(0.05)"))
        raise AssertionError("the replica never caught up")
    finally:
        primary.dispose()
        replica.dispose()


def _replay(pair: PrimaryAndReplica, paused: bool) -> None:
    engine = make_engine(pair.replica_url(DB))
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_wal_replay_pause()" if paused else
                             "SELECT pg_wal_replay_resume()"))
        for _ in range(600):
            state = conn.scalar(sa.text("SELECT pg_get_wal_replay_pause_state()"))
            if (state == "paused") == paused:
                break
            conn.execute(sa.text("SELECT pg_sleep(0.05)"))
    engine.dispose()


def _points(server: Server, merchant: str) -> tuple[int, str, float]:
    answer = server.admin("GET", "/v1/admin/reports/liability", params={"merchant": merchant})
    assert answer.status_code == 200, answer.text
    return (answer.json()["chain"]["points"], answer.headers[HEADER_READ_FROM],
            float(answer.headers[HEADER_LAG]))


def test_reports_read_from_the_replica_and_state_how_stale_they_are(
        pair: PrimaryAndReplica, servers: Callable[..., Server],
        make_till: Callable[..., Till]) -> None:
    tolerant = servers("--replica-db", pair.replica_url(DB), "--replica-max-lag-seconds", "3600")
    strict = servers("--replica-db", pair.replica_url(DB), "--replica-max-lag-seconds", "0")
    tolerant.add_stores("R001", merchant="MR01")
    till = make_till()
    till.enroll(tolerant, "R001")
    member = till.register("王五", "13700137000")
    till.sale(member, ("COAT", 1))
    till.sync()  # sync writes: it can only have gone to the primary
    _caught_up(pair)
    assert _points(tolerant, "MR01") == (3000, "replica", 0.0)

    _replay(pair, paused=True)
    try:
        till.sale(member, ("COAT", 1))
        till.sync()
        stale_points, source, lag = _points(tolerant, "MR01")
        assert (stale_points, source) == (3000, "replica") and lag > 0
        assert _points(strict, "MR01") == (6000, "primary; replica_behind", 0.0)
    finally:
        _replay(pair, paused=False)
    _caught_up(pair)
    assert _points(tolerant, "MR01")[:2] == (6000, "replica")


def test_a_replica_that_is_gone_leaves_the_primary_answering(
        pair: PrimaryAndReplica, servers: Callable[..., Server]) -> None:
    # Port 1 on the loopback: nothing listens there.
    server = servers("--replica-db", f"postgresql://postgres@127.0.0.1:1/{DB}")
    server.add_stores("R002", merchant="MR02")
    assert _points(server, "MR02") == (0, "primary; replica_unreachable", 0.0)


def test_the_replica_reader_keeps_its_grant_through_the_partition_migration(
        pair: PrimaryAndReplica) -> None:
    """A role granted SELECT on `events` before h0009 reads it on the replica after, and the
    months `maintain` makes later (grants replicate with the WAL; h0009 must carry them)."""
    database, reader = "kaika_replica_grants", "kaika_replica_reader"
    admin = sa.create_engine(pair.primary_url().replace("postgresql://", "postgresql+psycopg://"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
        conn.execute(sa.text(f'CREATE ROLE "{reader}" LOGIN'))
    admin.dispose()
    primary = make_engine(pair.primary_url(database))
    upgrade(primary, "h0007")
    with primary.begin() as conn:
        conn.execute(sa.text(f'GRANT SELECT ON events TO "{reader}"'))
        push(conn, born(2026, 11))
    upgrade(primary)
    with primary.begin() as conn:
        partitions.maintain(conn, date(2031, 1, 5), ahead=0)
    primary.dispose()
    _caught_up(pair, database)
    replica = make_engine(pair.replica_url(database).replace(f"//{RUN_AS}@", f"//{reader}@"))
    with replica.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM events")) == 1
        assert conn.scalar(sa.text('SELECT count(*) FROM "events_p203101"')) == 0
        assert conn.scalar(sa.text("SELECT current_user")) == reader
    replica.dispose()
