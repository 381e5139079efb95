"""The setting several console test modules share, made once per module: a head office on
PostgreSQL with M001's stores and M101's S101, and a till of S001 with one member and each
module's own seed data (sales, a card), synced."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from domain.clock import FixedClock
from tests.sync.fixtures import TILL_START
from tests.sync.harness import PgDatabases, Server, Till

T = TypeVar("T")


def head_office(folder: str, *m001_stores: str) -> Any:
    """A module-scoped `ho` fixture: M001 with `m001_stores` (S001 when none), M101 with S101.
    Assign it to a name in the test module (`ho = head_office("cases")`)."""

    @pytest.fixture(scope="module")
    def ho(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
        made = Server(pg.fresh(), tmp_path_factory.mktemp(folder)).start()
        made.add_stores(*(m001_stores or ("S001",)))
        made.add_stores("S101", merchant="M101")
        yield made
        made.stop()
    return ho


@contextmanager
def seeded_till(ho: Server, folder: Path, name: str, phone: str,
                seed: Callable[[Till, str], T]) -> Iterator[tuple[Till, str, T]]:
    """A till of S001 in `folder` with the member `name` registered, `seed(till, member)` run
    and everything synced; yields the till, the member's id and what `seed` returned."""
    till = Till(folder / "till.sqlite3", FixedClock(TILL_START))
    try:
        till.enroll(ho, "S001")
        member = till.register(name, phone)
        seeded = seed(till, member)
        till.sync()
        yield till, member, seeded
    finally:
        till.close()


def nothing(till: Till, member: str) -> None:
    """The seed of a module that needs only the member."""
