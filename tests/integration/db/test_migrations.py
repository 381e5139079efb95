"""Alembic migrations: head matches the row classes; an old store database upgrades in place."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import current, head, upgrade
from db.rows import metadata
from db.store import StoreDb
from db.verify import verify
from domain.errors import DomainError
from domain.records import PointsEntry

from .conftest import store_settings

MEMBER_ID = "0190a1b2-0000-7000-8000-0000000000aa"
SALE_ID = "0190a1b2-0000-7000-8000-0000000000bb"


def test_head_schema_is_exactly_what_the_row_classes_describe(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "h.db")
    upgrade(engine)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(
            conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert diffs == []


def test_current_is_none_before_and_head_after(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "c.db")
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) == head() == "0019"
    engine.dispose()


def _seed_0001(path: Path) -> None:
    """What a store at revision 0001 held, written with plain SQL as that version wrote it."""
    engine = make_engine(path)
    upgrade(engine, "0001")
    s = store_settings()
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO terminals (id, store_id, code) VALUES (:t, :s, 'T02')"),
            {"t": s.terminal_id, "s": s.store_id})
        conn.execute(text(
            "INSERT INTO store_settings (id, merchant_id, store_id, store_code, store_name, "
            "terminal_id, terminal_code, region_code, rulepack, tz, day_close) VALUES "
            "(1, :m, :s, 'S012', '老店', :t, 'T02', '3101', 'fashion', 'Asia/Shanghai', "
            "'04:00:00')"), {"m": s.merchant_id, "s": s.store_id, "t": s.terminal_id})
        conn.execute(text(
            "INSERT INTO members (id, name, mobile, joined_on, tier, tier_since, status) "
            "VALUES (:id, '王五', '13700137000', '2023-05-01', '金卡', '2024-05-01', 'active')"),
            {"id": MEMBER_ID})
        conn.execute(text(
            "INSERT INTO member_balances (member_id, points) VALUES (:id, 300)"),
            {"id": MEMBER_ID})
        conn.execute(text(
            "INSERT INTO points_ledger (id, member_id, kind, points, at, business_date) VALUES "
            "('e1', :id, 'earn', 300, '2024-06-01T02:00:00.000000+00:00', '2024-06-01')"),
            {"id": MEMBER_ID})
        conn.execute(text(
            "INSERT INTO points_lots (id, member_id, earned_on, expires_on, points, remaining) "
            "VALUES ('l1', :id, '2024-06-01', '2025-12-31', 300, 300)"), {"id": MEMBER_ID})
        conn.execute(text(
            "INSERT INTO products (sku, name, price_fen, product_class) "
            "VALUES ('A1', '羊毛外套', 59900, 'regular')"))
        conn.execute(text(
            "INSERT INTO sales (id, receipt_no, kind, at, business_date, store_code, "
            "terminal_code, cashier_id, total_fen, member_id) VALUES (:sale, "
            "'S012-T02-000001', 'sale', '2024-06-01T02:00:00.000000+00:00', '2024-06-01', "
            "'S012', 'T02', 'c1', 30000, :id)"), {"sale": SALE_ID, "id": MEMBER_ID})
        conn.execute(text(
            "INSERT INTO sale_lines (sale_id, line_no, sku, name, product_class, qty, "
            "unit_price_fen, list_fen, discount_fen, coupon_fen, final_fen) VALUES "
            "(:sale, 1, 'A1', '羊毛外套', 'regular', 1, 30000, 30000, 0, 0, 30000)"),
            {"sale": SALE_ID})
        conn.execute(text(
            "INSERT INTO tenders (sale_id, tender_no, kind, amount_fen) "
            "VALUES (:sale, 1, 'cash', 30000)"), {"sale": SALE_ID})
    engine.dispose()


def test_a_0001_database_upgrades_in_place_and_its_data_stays_usable(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _seed_0001(path)
    store = StoreDb.open(path, create=False)  # opening migrates to head
    try:
        assert current(store.engine) == head()
        with store.uow() as uow:
            member = uow.members.by_mobile("13700137000")
            assert member is not None and member.tier == "金卡"
            assert member.tier_since == date(2024, 5, 1)
            # 0006 filled in the search terms of the members already there
            for typed in ("ww", "王", "7000"):
                assert [m.id for m in uow.members.search(typed)] == [MEMBER_ID], typed
            assert uow.members.balances(MEMBER_ID).points == 300
            sale = uow.sales.by_receipt("S012-T02-000001")
            assert sale is not None and sale.member_id == MEMBER_ID
            assert [line.final_fen for line in sale.lines] == [30000]
            assert sale.at == datetime(2024, 6, 1, 2, 0, tzinfo=UTC)
            # 0002 filled in the pinyin initials and indexed them
            assert [p.sku for p in uow.products.search("ymwt")] == ["A1"]
            uow.points.add_entry(PointsEntry(
                id="e2", member_id=MEMBER_ID, kind="spend", points=-100,
                at=datetime(2025, 1, 1, tzinfo=UTC), business_date=date(2025, 1, 1)))
            lot = uow.points.lots(MEMBER_ID)[0]
            lot.remaining = 200
            uow.points.save_lots(MEMBER_ID, [lot])
            seq = uow.outbox.append("points.entry", {"id": "e2"}, member_id=MEMBER_ID,
                                    occurred_at_iso="2025-01-01T00:00:00+00:00")
            uow.outbox.ack([seq])  # the column 0002 added
            uow.commit()
        with store.uow() as uow:
            assert uow.members.balances(MEMBER_ID).points == 200
            assert uow.outbox.pending() == []
        assert verify(store) == []
    finally:
        store.close()


def test_a_database_from_a_newer_kaika_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    StoreDb.open(path).close()
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    with pytest.raises(DomainError) as caught:
        StoreDb.open(path)
    assert caught.value.code == "store.schema_newer"
    assert caught.value.params == {"revision": "0999", "known": head()}


def test_open_without_create_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        StoreDb.open(tmp_path / "nowhere" / "store.db", create=False)
    assert caught.value.code == "store.db_missing"
    assert not (tmp_path / "nowhere").exists()


def test_roles_are_seeded_by_the_first_migration(tmp_path: Path) -> None:
    with StoreDb.open(tmp_path / "r.db") as store, store.engine.connect() as conn:
        roles = conn.execute(text("SELECT code FROM roles ORDER BY code")).scalars().all()
    assert roles == ["admin", "cashier", "front_desk", "manager"]


def test_settings_survive_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _seed_0001(path)
    with StoreDb.open(path) as store, store.uow() as uow:
        settings = uow.settings.get()
    assert (settings.store_name, settings.day_close.hour, settings.receipt) == ("老店", 4, {})
