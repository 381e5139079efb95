"""The roster head office publishes into a partner's feed: consenting members' usable cards
only, the name masked, four fields; consent withdrawn, a card lost or a partner whose
agreements ended turn the item void; nothing is published twice (SQLite head office)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from domain.alliance import parse_agreements
from domain.ids import new_id_str
from headoffice import alliance, alliance_roster, tenancy
from headoffice.engine import make_engine
from headoffice.feed import FeedWriter
from headoffice.migrate import upgrade
from headoffice.tables import cards, catalog_items, members, merchants

NOW = datetime(2025, 5, 6, 2, 0, tzinfo=UTC)
ISSUER, PARTNER = "M001", "M002"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = make_engine(f"sqlite:///{tmp_path}/ho.sqlite3")
    upgrade(made)
    for merchant, store in ((ISSUER, "F01"), (PARTNER, "C01")):
        tenancy.add_store(made, tenancy.NewStore(merchant, store, f"店{store}"), NOW)
    yield made
    made.dispose()


def merchant_id(conn: sa.Connection, code: str) -> str:
    return str(conn.scalar(sa.select(merchants.c.id).where(merchants.c.code == code)))


def member(conn: sa.Connection, name: str, number: str, consent: bool,
           state: str = "active") -> str:
    member_id = new_id_str()
    conn.execute(members.insert().values(
        id=member_id, merchant_id=merchant_id(conn, ISSUER), mobile="138" + number[-8:],
        tier="金卡", profile={"name": name, "mobile": "138" + number[-8:],
                             "consent_alliance": consent, "status": "active"}, stamps={}))
    conn.execute(cards.insert().values(number=number, member_id=member_id, state=state,
                                       body={}))
    return member_id


def roster(conn: sa.Connection) -> dict[str, Any]:
    return {r.entity_id: (r.version, r.data) for r in conn.execute(
        sa.select(catalog_items.c.entity_id, catalog_items.c.version, catalog_items.c.data)
        .where(catalog_items.c.entity == alliance_roster.ROSTER_ENTITY,
               catalog_items.c.merchant_id == merchant_id(conn, PARTNER)))}


def agree(conn: sa.Connection, **changes: Any) -> str:
    alliance.create_alliance(conn, "A1", "商圈", NOW)
    alliance.add_merchant(conn, "A1", ISSUER, NOW)
    alliance.add_merchant(conn, "A1", PARTNER, NOW)
    data = {"issuer": ISSUER, "partner": PARTNER, "starts_on": "2025-05-01",
            "discount_bp": {"regular": 1000}, **changes}
    [found] = alliance.add_agreements(conn, "A1", parse_agreements({"agreements": [data]}), NOW)
    return found


def test_only_consenting_members_usable_cards_with_four_fields(engine: Engine) -> None:
    with engine.begin() as conn:
        zhang = member(conn, "张三丰", "7710000000011", consent=True)
        member(conn, "李四", "7710000000029", consent=False)
        member(conn, "王五", "7710000000037", consent=True, state="lost")
        agree(conn)
        found = roster(conn)
    assert found == {"7710000000011": (1, {"issuer": ISSUER, "issuer_member_id": zhang,
                                           "name_masked": "张**", "tier": "金卡"})}


def test_withdrawn_consent_voids_and_nothing_is_published_twice(engine: Engine) -> None:
    with engine.begin() as conn:
        zhang = member(conn, "张三", "7710000000011", consent=True)
        agree(conn)
        issuer = merchant_id(conn, ISSUER)
        assert alliance_roster.refresh(conn, FeedWriter(), issuer, date(2025, 5, 6)) == 0
        conn.execute(members.update().where(members.c.id == zhang).values(
            profile={"name": "张三", "consent_alliance": False}))
        assert alliance_roster.refresh(conn, FeedWriter(), issuer, date(2025, 5, 6),
                                       [zhang]) == 1
        assert roster(conn) == {"7710000000011": (2, {"void": True})}


def test_an_ended_agreement_voids_the_partners_roster_after_its_last_day(
        engine: Engine) -> None:
    with engine.begin() as conn:
        member(conn, "张三", "7710000000011", consent=True)
        agree(conn, ends_on="2025-05-31")
        issuer = merchant_id(conn, ISSUER)
        assert alliance_roster.refresh(conn, FeedWriter(), issuer, date(2025, 5, 31)) == 0
        assert alliance_roster.refresh(conn, FeedWriter(), issuer, date(2025, 6, 1)) == 1
        assert roster(conn)["7710000000011"] == (2, {"void": True})


def test_a_partner_is_given_the_keys_of_the_issuers_it_honours_until_their_end(
        engine: Engine) -> None:
    with engine.begin() as conn:
        agree(conn, ends_on="2025-05-31")
        issuer, partner = merchant_id(conn, ISSUER), merchant_id(conn, PARTNER)
        brand = conn.scalar(sa.select(merchants.c.brand).where(merchants.c.id == issuer))
        assert brand
        on_last_day = datetime(2025, 5, 31, 15, 59, tzinfo=UTC)  # 23:59 in Shanghai
        assert alliance_roster.honoured_issuers(conn, partner, on_last_day) == {brand: issuer}
        assert alliance_roster.honoured_issuers(conn, partner, datetime(
            2025, 5, 31, 16, 0, tzinfo=UTC)) == {}  # 1 June in Shanghai: ended
        assert alliance_roster.honoured_issuers(conn, issuer, on_last_day) == {}  # one way
