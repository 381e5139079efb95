"""The per-day points rollup (migration 0016): kept exact by the ledger's triggers, filled by
the migration from an existing ledger, and checked by `kaika verify`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import upgrade
from db.store import StoreDb
from db.verify import Problem, verify
from db.verify_days import points_days
from domain.records import Member, PointsEntry

from .conftest import T0

FIRST = date(2025, 3, 1)
DAYS = 12
KINDS = ("earn", "bonus", "spend", "expire", "adjust", "import")

_insert = st.tuples(st.just("insert"), st.integers(0, DAYS - 1), st.sampled_from(KINDS),
                    st.integers(-5000, 5000))
_update = st.tuples(st.just("update"), st.integers(0, DAYS - 1), st.sampled_from(KINDS),
                    st.integers(-5000, 5000))
_delete = st.tuples(st.just("delete"), st.integers(0, DAYS - 1), st.just(""), st.just(0))
OPS = st.lists(st.one_of(_insert, _insert, _update, _delete), max_size=40)


def _ledger_total_until(store: StoreDb, day: date) -> int:
    """What the report summed before the rollup: the whole ledger up to the day."""
    with store.engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT COALESCE(SUM(points), 0) FROM points_ledger WHERE business_date <= :d"),
            {"d": day.isoformat()}).scalar_one())


def _apply(store: StoreDb, member: Member, ops: list[tuple[str, int, str, int]]) -> None:
    """Inserts through the repository as the services write; edits and deletes by raw SQL, as
    a sync fold or a hand edit would, which the triggers must follow all the same."""
    for n, (op, day, kind, points) in enumerate(ops):
        when = FIRST + timedelta(days=day)
        if op == "insert":
            with store.uow() as uow:
                uow.points.add_entry(PointsEntry(
                    id=f"e{n}", member_id=member.id, kind=kind, points=points, at=T0,
                    business_date=when))
                uow.commit()
            continue
        with store.engine.begin() as conn:
            victim = conn.execute(text("SELECT id FROM points_ledger ORDER BY id LIMIT 1 "
                                       "OFFSET :k"), {"k": n % 3}).scalar()
            if victim is None:
                continue
            if op == "update":
                conn.execute(text("UPDATE points_ledger SET business_date = :d, kind = :k, "
                                  "points = :p WHERE id = :id"),
                             {"d": when.isoformat(), "k": kind, "p": points, "id": victim})
            else:
                conn.execute(text("DELETE FROM points_ledger WHERE id = :id"), {"id": victim})


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_rollup_totals_equal_the_ledger_sums_over_a_random_history(
        store: StoreDb, add_member: Callable[..., Member],
        ops: list[tuple[str, int, str, int]]) -> None:
    with store.engine.begin() as conn:  # each example starts from an empty ledger
        conn.execute(text("DELETE FROM points_ledger"))
    member = add_member()
    _apply(store, member, ops)
    for day in (FIRST + timedelta(days=d) for d in range(-1, DAYS + 1)):
        with store.reader() as uow:
            assert uow.reports.points_total_until(day) == _ledger_total_until(store, day)
    with store.engine.connect() as conn:
        assert points_days(conn, 10) == []
        # No row is left behind for a date and kind the ledger no longer has.
        assert conn.execute(text("SELECT COUNT(*) FROM points_days WHERE entries = 0")
                            ).scalar_one() == 0


def test_verify_names_a_rollup_row_edited_by_hand(
        store: StoreDb, add_member: Callable[..., Member]) -> None:
    member = add_member()
    with store.uow() as uow:
        for n, points in enumerate((500, 800, -1300)):  # spent to nothing: no lots to match
            uow.points.add_entry(PointsEntry(id=f"p{n}", member_id=member.id, kind="earn",
                                             points=points, at=T0, business_date=T0.date()))
        uow.commit()
    assert verify(store) == []
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE points_days SET points = points + 1000"))
    assert verify(store) == [Problem("points_days.mismatch", {
        "business_date": T0.date().isoformat(), "kind": "earn", "rollup": 1000, "ledger": 0,
        "rollup_entries": 3, "ledger_entries": 3})]


def test_the_migration_fills_the_rollup_from_an_existing_ledger(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "old.db")
    upgrade(engine, "0012")
    rows = [("a", "2025-01-01", "earn", 300), ("b", "2025-01-01", "earn", 200),
            ("c", "2025-01-01", "spend", -100), ("d", "2025-01-03", "expire", -50)]
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO members (id, name, mobile, joined_on, tier, tier_since, status) "
            "VALUES ('m', '王五', '13700137000', '2023-05-01', '普通会员', '2023-05-01', "
            "'active')"))
        for entry_id, day, kind, points in rows:
            conn.execute(text(
                "INSERT INTO points_ledger (id, member_id, kind, points, at, business_date) "
                "VALUES (:i, 'm', :k, :p, '2025-01-01T02:00:00.000000+00:00', :d)"),
                {"i": entry_id, "k": kind, "p": points, "d": day})
    upgrade(engine)
    with engine.connect() as conn:
        got = conn.execute(text("SELECT business_date, kind, points, entries FROM points_days "
                                "ORDER BY business_date, kind")).all()
    engine.dispose()
    assert [tuple(r) for r in got] == [("2025-01-01", "earn", 500, 2),
                                       ("2025-01-01", "spend", -100, 1),
                                       ("2025-01-03", "expire", -50, 1)]
