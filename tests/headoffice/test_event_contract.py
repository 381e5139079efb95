"""The event contract end to end: every event type, built as its typed payload
(domain/events.py) with realistic content, is queued by the services' own `emit`, pushed by the
real sync client, read with its wire model (sync/payloads.py) and applied by a real head office
on PostgreSQL; each type's effect on head office's tables is checked.

`EFFECTS` has one check per event type, so a new type fails here until its effect is asserted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Connection

from domain.event_types import EventType
from domain.events import EventPayload
from domain.ids import new_id_str
from domain.services.cardissue import next_card_number
from domain.services.context import emit
from headoffice.alliance_tables import alliance_entries
from headoffice.tables import (
    audit_entries,
    cards,
    coupons,
    draw_spins,
    events,
    member_balances,
    members,
    points_ledger,
    recon_cases,
    sales,
    shifts,
    tier_changes,
    wallet_ledger,
)
from tests.event_samples import DAY, Ids, steps
from tests.sync.harness import Server, Till

pytestmark = pytest.mark.postgres
E = EventType


def _one(conn: Connection, stmt: Any) -> tuple[Any, ...]:
    return tuple(conn.execute(stmt).one())


def _member_created(conn: Connection, ids: Ids, p: Any) -> None:
    row = _one(conn, sa.select(members.c.mobile, members.c.tier, members.c.tier_since,
                               members.c.profile).where(members.c.id == ids.member))
    assert row[:3] == ("13800138000", "普通会员", DAY)
    assert row[3]["name"] == "张三" and row[3]["notes"] == "喜欢深色"
    assert "id_number" not in row[3]


def _member_patched(conn: Connection, ids: Ids, p: Any) -> None:
    profile = conn.scalar(sa.select(members.c.profile).where(members.c.id == ids.member))
    assert (profile["notes"], profile["email"]) == ("换了新地址", "zs@example.cn")


def _card(state: str) -> Callable[[Connection, Ids, Any], None]:
    def check(conn: Connection, ids: Ids, p: Any) -> None:
        assert _one(conn, sa.select(cards.c.member_id, cards.c.state).where(
            cards.c.number == ids.card)) == (ids.member, state)
    return check


def _coupon_state(conn: Connection, code: str) -> tuple[Any, ...]:
    return _one(conn, sa.select(coupons.c.member_id, coupons.c.state,
                                coupons.c.redeemed_sale_id).where(coupons.c.code == code))


def _coupon_issued(conn: Connection, ids: Ids, p: Any) -> None:
    assert _coupon_state(conn, p.coupon.code) == (ids.member, "issued", None)


def _coupon_redeemed(conn: Connection, ids: Ids, p: Any) -> None:
    assert _coupon_state(conn, p.code) == (ids.member, "redeemed", ids.sale)


def _coupon_restored(conn: Connection, ids: Ids, p: Any) -> None:
    assert _coupon_state(conn, p.code) == (ids.member, "issued", None)


def _coupon_expired(conn: Connection, ids: Ids, p: Any) -> None:
    assert _coupon_state(conn, p.code)[1] == "expired"


def _coupon_voided(conn: Connection, ids: Ids, p: Any) -> None:
    assert _coupon_state(conn, p.code)[1] == "void"


def _sale(kind: str, total: int) -> Callable[[Connection, Ids, Any], None]:
    def check(conn: Connection, ids: Ids, p: Any) -> None:
        row = _one(conn, sa.select(sales.c.kind, sales.c.member_id, sales.c.total_fen,
                                   sales.c.original_sale_id, sales.c.body)
                   .where(sales.c.id == p.sale.id))
        original = ids.sale if kind == "return" else None
        assert row[:4] == (kind, ids.member, total, original)
        assert row[4]["lines"][0]["sku"] == "COAT-01"  # kept whole
    return check


def _points(conn: Connection, ids: Ids, p: Any) -> None:
    assert _one(conn, sa.select(points_ledger.c.kind, points_ledger.c.points,
                                points_ledger.c.sale_id)
                .where(points_ledger.c.id == p.entry.id)) == ("earn", 519, ids.sale)
    assert conn.scalar(sa.select(member_balances.c.points).where(
        member_balances.c.member_id == ids.member)) == 519


def _wallet(conn: Connection, ids: Ids, p: Any) -> None:
    assert _one(conn, sa.select(wallet_ledger.c.principal_fen, wallet_ledger.c.bonus_fen,
                                wallet_ledger.c.tender_kind)
                .where(wallet_ledger.c.id == p.entry.id)) == (100000, 10000, "bank_card")
    assert _one(conn, sa.select(member_balances.c.wallet_principal_fen,
                                member_balances.c.wallet_bonus_fen).where(
        member_balances.c.member_id == ids.member)) == (100000, 10000)


def _tier(conn: Connection, ids: Ids, p: Any) -> None:
    assert _one(conn, sa.select(members.c.tier, members.c.tier_since).where(
        members.c.id == ids.member)) == ("银卡", date(2025, 5, 6))
    assert _one(conn, sa.select(tier_changes.c.from_tier, tier_changes.c.to_tier).where(
        tier_changes.c.id == p.change.id)) == ("普通会员", "银卡")


def _shift(conn: Connection, ids: Ids, p: Any) -> None:
    body = conn.scalar(sa.select(shifts.c.body).where(shifts.c.id == p.shift.id))
    assert (body["counted_fen"], body["expected_fen"]) == (101900, 101900)


def _spin(conn: Connection, ids: Ids, p: Any) -> None:
    assert _one(conn, sa.select(draw_spins.c.member_id, draw_spins.c.draw_code,
                                draw_spins.c.prize_code)
                .where(draw_spins.c.id == p.spin.id)) == (ids.member, "SPRING", "P50")


def _audit(conn: Connection, ids: Ids, p: Any) -> None:
    row = _one(conn, sa.select(audit_entries.c.action, audit_entries.c.body)
               .where(audit_entries.c.id == p.entry.id))
    assert row[0] == "shift_closed" and row[1]["details"]["counted_fen"] == 101900


def _alliance_refused(conn: Connection, ids: Ids, p: Any) -> None:
    """The sample names the till's own merchant's card: no agreement makes it a partner
    trade, so nothing is booked and a case says why (tests/sync/test_alliance_trade.py books
    one under an agreement)."""
    assert conn.scalar(sa.select(sa.func.count()).select_from(alliance_entries)) == 0
    assert conn.scalar(sa.select(sa.func.count()).select_from(recon_cases).where(
        recon_cases.c.kind == "alliance.trade_refused")) == 1


# What head office answers for a sample other than "applied".
ANSWERS = {E.ALLIANCE_TRADE: ("quarantined", "alliance.no_agreement")}

EFFECTS: dict[EventType, Callable[[Connection, Ids, Any], None]] = {
    E.MEMBER_CREATED: _member_created, E.MEMBER_PATCHED: _member_patched,
    E.CARD_ISSUED: _card("active"), E.CARD_CHANGED: _card("lost"),
    E.COUPON_ISSUED: _coupon_issued, E.COUPON_REDEEMED: _coupon_redeemed,
    E.COUPON_RESTORED: _coupon_restored, E.COUPON_EXPIRED: _coupon_expired,
    E.COUPON_VOIDED: _coupon_voided, E.SALE_COMPLETED: _sale("sale", 51900),
    E.RETURN_COMPLETED: _sale("return", -51900), E.POINTS_ENTRY: _points,
    E.WALLET_ENTRY: _wallet, E.TIER_CHANGED: _tier, E.SHIFT_CLOSED: _shift,
    E.DRAW_SPUN: _spin, E.AUDIT_ENTRY: _audit, E.ALLIANCE_TRADE: _alliance_refused,
}


def test_every_event_type_has_an_effect_checked() -> None:
    assert set(EFFECTS) == set(EventType)
    assert {p.TYPE for p in steps()} == set(EventType)


def _ids(till: Till) -> Ids:
    """Fresh ids, and a card number of the till's own block (head office refuses others)."""
    with till.app.store.uow() as uow:
        number = next_card_number(till.ctx, uow)
        settings = uow.settings.get()
    code = new_id_str()[-12:]
    return Ids(member=new_id_str(), card=number, sale=new_id_str(), refund=new_id_str(),
               coupons=(f"CPN-{code}-1", f"CPN-{code}-2", f"CPN-{code}-3"),
               store_code=settings.store_code, terminal_code=settings.terminal_code,
               cashier=till.cashier, prefix=new_id_str()[:-4])


def _push(server: Server, till: Till, payload: EventPayload) -> tuple[str, str | None]:
    """Queue the payload with the services' `emit`, push it; head office's answer for it."""
    with till.app.store.uow() as uow:
        seq = emit(till.ctx, uow, payload)
        terminal_id = uow.settings.get().terminal_id
        uow.commit()
    till.sync()
    with server.engine.connect() as conn:
        row = conn.execute(sa.select(events.c.type, events.c.status, events.c.code).where(
            events.c.seq == seq, events.c.terminal_id == terminal_id)).one()
    assert row.type == payload.TYPE.value
    return row.status, row.code


def test_every_event_type_is_applied_at_head_office(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server = make_server("postgres")
    till = make_till()
    till.enroll(server, "S001")
    till.sync()  # the till's first block of card serials
    ids = _ids(till)
    for payload in steps(ids):
        assert _push(server, till, payload) == ANSWERS.get(payload.TYPE, ("applied", None)), (
            payload.TYPE)
        with server.engine.connect() as conn:
            EFFECTS[payload.TYPE](conn, ids, payload)
