"""The card page's figures from head office's tables: the tier a member is in, what reaches
the next and what keeps this one (DOMAIN §5, by domain/tiers.py), the lots lapsing soon and
the usable coupons — on a head office's SQLite schema, with rows as ingest leaves them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from domain.packload import load_pack
from headoffice.engine import make_engine
from headoffice.member_web import card
from headoffice.migrate import upgrade
from headoffice.tables import coupons, members, points_buckets

PACK = load_pack("fashion")
TODAY = date(2026, 12, 7)


def test_a_new_member_is_told_what_reaches_silver_and_that_the_floor_never_lapses() -> None:
    needs = card.tier_needs(PACK, "普通会员", date(2026, 1, 5), [(date(2026, 3, 1), 50000)],
                            TODAY)
    assert (needs.next_tier, needs.next_single_fen) == ("银卡", 250000)
    assert needs.next_window_short_fen == 250000  # 3,000 yuan in 12 months, 500 spent
    assert needs.keeps_forever and needs.anniversary is None


def test_a_silver_member_is_told_what_keeps_the_tier_by_the_anniversary() -> None:
    # The tier year runs 2026-03-10 .. 2027-03-09: February's sale and return are last year's.
    history = [(date(2026, 2, 1), 100000), (date(2026, 2, 1), -20000),
               (date(2026, 6, 1), 50000), (date(2026, 7, 1), 60000), (date(2026, 7, 1), -60000)]
    needs = card.tier_needs(PACK, "银卡", date(2025, 3, 10), history, TODAY)
    assert needs.anniversary == date(2027, 3, 10)
    assert needs.keep_spend_short_fen == 300000 - 50000 and needs.keep_days_short == 0
    assert needs.next_tier == "金卡" and not needs.keeps_forever
    assert needs.next_window_short_fen == 500000 - 130000  # the rolling 12 months: all of it


def test_the_top_tier_has_no_next() -> None:
    assert card.tier_needs(PACK, "钻石卡", date(2026, 1, 1), [], TODAY).next_tier is None


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = make_engine(f"sqlite:///{tmp_path}/ho.sqlite3")
    upgrade(made)
    yield made
    made.dispose()


def test_lots_lapsing_within_90_days_and_usable_coupons_only(engine: Engine) -> None:
    now = datetime(2026, 12, 7, 2, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(members.insert().values(
            id="m1", merchant_id="x", mobile="13900000000", created_at=now, tier="普通会员",
            profile={"name": "甲"}, stamps={}))
        conn.execute(points_buckets.insert(), [
            {"member_id": "m1", "last_day": date(2026, 12, 31), "remaining": 120},
            {"member_id": "m1", "last_day": date(2027, 12, 31), "remaining": 80},  # later
            {"member_id": "m1", "last_day": date(2026, 12, 1), "remaining": 5}])  # gone
        conn.execute(coupons.insert(), [
            {"code": "C1", "member_id": "m1", "merchant_id": "x", "state": "issued",
             "body": {"valid_to": "2026-12-20", "name": "满减券", "amount_fen": 2000}},
            {"code": "C2", "member_id": "m1", "merchant_id": "x", "state": "redeemed",
             "body": {"valid_to": "2026-12-20"}},
            {"code": "C3", "member_id": "m1", "merchant_id": "x", "state": "issued",
             "body": {"valid_to": "2026-11-30"}}])
    with engine.connect() as conn:
        page = card.page(conn, "m1", PACK, TODAY)
    assert page["lots"] == [{"last_day": date(2026, 12, 31), "remaining": 120}]
    assert [c["code"] for c in page["coupons"]] == ["C1"]
    assert page["coupons"][0]["name"] == "满减券" and page["card"] is None
    assert (page["coupons"][0]["valid_until"], page["coupons"][0]["amount_fen"]) == (
        "2026-12-20", 2000)
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(members)) == 1
