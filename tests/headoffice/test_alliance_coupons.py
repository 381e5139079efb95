"""The issuer's coupons beside the roster in a partner's feed: only live cash coupons of a
listed template of a roster card's member, six fields; redeemed, a card lost or consent
withdrawn void them; nothing is published twice (SQLite head office)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from headoffice import alliance_coupons, alliance_roster, tenancy
from headoffice.engine import make_engine
from headoffice.feed import FeedWriter
from headoffice.migrate import upgrade
from headoffice.tables import cards, catalog_items, coupons
from tests.headoffice.test_alliance_roster import ISSUER, NOW, PARTNER, agree, member, merchant_id

TODAY = date(2025, 5, 6)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = make_engine(f"sqlite:///{tmp_path}/ho.sqlite3")
    upgrade(made)
    for merchant, store in ((ISSUER, "F01"), (PARTNER, "C01")):
        tenancy.add_store(made, tenancy.NewStore(merchant, store, f"店{store}"), NOW)
    yield made
    made.dispose()


def coupon(conn: sa.Connection, code: str, member_id: str, template: str = "signup50",
           kind: str = "cash", state: str = "issued", valid_to: str = "2025-06-30") -> None:
    conn.execute(coupons.insert().values(
        code=code, member_id=member_id, merchant_id=merchant_id(conn, ISSUER),
        template_code=template, state=state, body={
            "code": code, "template_code": template, "kind": kind, "amount_fen": 5000,
            "valid_from": "2025-05-01", "valid_to": valid_to, "state": state}))


def items(conn: sa.Connection) -> dict[str, Any]:
    return {r.entity_id: (r.version, r.data) for r in conn.execute(
        sa.select(catalog_items.c.entity_id, catalog_items.c.version, catalog_items.c.data)
        .where(catalog_items.c.entity == alliance_coupons.COUPON_ENTITY,
               catalog_items.c.merchant_id == merchant_id(conn, PARTNER)))}


LIVE = {"card": "7710000000011", "issuer": ISSUER, "template": "signup50", "amount_fen": 5000,
        "valid_from": "2025-05-01", "valid_to": "2025-06-30"}


def test_only_live_coupons_of_a_listed_template_of_a_roster_member_travel(
        engine: Engine) -> None:
    with engine.begin() as conn:
        zhang = member(conn, "张三", "7710000000011", consent=True)
        li = member(conn, "李四", "7710000000029", consent=False)
        coupon(conn, "CPN1", zhang)
        coupon(conn, "CPN2", zhang, template="checkin50")  # not listed
        coupon(conn, "CPN3", zhang, state="redeemed")
        coupon(conn, "CPN4", zhang, valid_to="2025-05-05")  # expired before today
        coupon(conn, "CPN5", li)  # no consent: not on the roster
        agree(conn, coupon_templates=["signup50"])
        assert items(conn) == {"CPN1": (1, LIVE)}
        issuer = merchant_id(conn, ISSUER)
        assert alliance_roster.refresh(conn, FeedWriter(), issuer, TODAY) == 0  # no change


def test_a_redeemed_coupon_or_a_lost_card_voids_the_item(engine: Engine) -> None:
    with engine.begin() as conn:
        zhang = member(conn, "张三", "7710000000011", consent=True)
        coupon(conn, "CPN1", zhang)
        coupon(conn, "CPN2", zhang)
        agree(conn, coupon_templates=["signup50"])
        issuer = merchant_id(conn, ISSUER)
        conn.execute(coupons.update().where(coupons.c.code == "CPN1").values(state="redeemed"))
        assert alliance_roster.refresh(conn, FeedWriter(), issuer, TODAY, [zhang]) == 1
        assert items(conn) == {"CPN1": (2, {"void": True}), "CPN2": (1, LIVE)}
        conn.execute(cards.update().where(cards.c.number == "7710000000011").values(
            state="lost"))
        assert alliance_roster.refresh(conn, FeedWriter(), issuer, TODAY, [zhang]) == 2
        assert items(conn) == {"CPN1": (2, {"void": True}), "CPN2": (2, {"void": True})}


def test_an_agreement_without_templates_sends_no_coupon(engine: Engine) -> None:
    with engine.begin() as conn:
        zhang = member(conn, "张三", "7710000000011", consent=True)
        coupon(conn, "CPN1", zhang)
        agree(conn)
        assert items(conn) == {}
