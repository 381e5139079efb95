"""Fixtures for the head-office and sync tests: head-office processes (PostgreSQL, SQLite), tills.

Imported by tests/sync/conftest.py and tests/headoffice/conftest.py. `server` is one real
process per test module and backend; each test gets its own merchant with two stores
(`tenant`), so tests sharing a server never see each other's data. Tests that kill or restart
the server make their own with `make_server`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from domain.clock import FixedClock
from tests.sync.harness import PG_ADMIN, PgDatabases, Server, Till
from tests.sync.pgbouncer import PgBouncer

TILL_START = datetime.fromisoformat("2025-05-06T10:00:00+08:00")
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg() -> Iterator[PgDatabases]:
    """Test databases on the PostgreSQL of 127.0.0.1:5432 (CI has one; dev.sh starts it)."""
    try:
        dbs = PgDatabases()
    except OperationalError as err:
        if os.environ.get("KAIKA_SKIP_POSTGRES"):
            pytest.skip(f"PostgreSQL not reachable: {err}")
        raise
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def pgbouncer(pg: PgDatabases) -> Iterator[PgBouncer]:
    """PgBouncer in transaction mode in front of the test PostgreSQL (Debian's package, which
    ./dev.sh installs for the tests)."""
    bouncer = PgBouncer(PG_ADMIN).start()
    yield bouncer
    bouncer.stop()


def _server(backend: str, folder: Path, request: pytest.FixtureRequest, **kw: Any) -> Server:
    if backend == "postgres":
        url = request.getfixturevalue("pg").fresh()
    elif backend == "pgbouncer":
        direct = request.getfixturevalue("pg").fresh()
        url = request.getfixturevalue("pgbouncer").url(direct.rsplit("/", 1)[1])
        kw["pooler"] = "transaction"
    else:
        url = f"sqlite:///{folder}/ho-{next(_numbers)}.sqlite3"
    return Server(url, folder, **kw).start()


@pytest.fixture(scope="module",
                params=[pytest.param("postgres", marks=pytest.mark.postgres), "sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module", params=[
    pytest.param("postgres", marks=pytest.mark.postgres), "sqlite",
    pytest.param("pgbouncer", marks=pytest.mark.postgres)])
def backend_pooled(request: pytest.FixtureRequest) -> str:
    """The sync tests run once more through PgBouncer in transaction mode (tests/sync's
    conftest takes this as `backend`)."""
    return str(request.param)


@pytest.fixture(scope="module")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory,
           request: pytest.FixtureRequest) -> Iterator[Server]:
    made = _server(backend, tmp_path_factory.mktemp("ho"), request)
    yield made
    made.stop()


@dataclass(frozen=True)
class Tenant:
    merchant: str
    a: str  # store codes
    b: str


@pytest.fixture
def tenant(server: Server) -> Tenant:
    n = next(_numbers)
    found = Tenant(f"M{n:04d}", f"A{n:04d}", f"B{n:04d}")
    server.add_stores(found.a, found.b, merchant=found.merchant)
    return found


@pytest.fixture
def make_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[..., Server]]:
    made: list[Server] = []

    def make(backend: str = "postgres", stores: tuple[str, ...] = ("S001", "S002"),
             **kw: Any) -> Server:
        server = _server(backend, tmp_path, request, **kw)
        made.append(server)
        if stores:
            server.add_stores(*stores)
        return server

    yield make
    for server in made:
        server.stop()


@pytest.fixture
def make_till(tmp_path: Path) -> Iterator[Callable[..., Till]]:
    made: list[Till] = []

    def make(name: str = "A", path: Path | None = None, start: datetime = TILL_START,
             store_code: str = "S001") -> Till:
        till = Till(path or tmp_path / f"till-{name}.sqlite3", FixedClock(start), store_code)
        made.append(till)
        return till

    yield make
    for till in made:
        till.close()


# --- helpers the two-store tests share ---------------------------------------------------------

MOBILE = "13800138000"


def enrolled_pair(server: Server, tenant: Tenant,
                  make_till: Callable[..., Till]) -> tuple[Till, Till]:
    """Till A at the tenant's store a and till B at store b, both enrolled."""
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    return a, b


def member_at_both(a: Till, b: Till, mobile: str = MOBILE) -> str:
    """张三 signs up and buys at A; after A syncs, B finds her through head office."""
    member = a.register("张三", mobile)
    a.sale(member, ("COAT", 1))
    a.sync()
    assert b.client is not None and b.client.lookup(mobile=mobile) == member
    return member
