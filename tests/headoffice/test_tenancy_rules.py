"""Every event kind names only its own merchant's objects: the table, and the attacks replayed
by a second merchant's till against a real head office."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from domain.services import cardissue
from headoffice import tenancy_rules
from headoffice.tables import (
    cards,
    coupons,
    draw_spins,
    events,
    member_interest,
    recon_cases,
    sales,
)
from headoffice.tables import members as ho_members
from sync.payloads import PAYLOADS
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till

AT = "2025-05-06T02:00:00+00:00"


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_every_event_kind_has_a_rule_naming_real_payload_fields(kind: str) -> None:
    assert kind in tenancy_rules.RULES, f"{kind}: add its references to tenancy_rules.RULES"
    model = PAYLOADS[kind]
    for ref in tenancy_rules.RULES[kind]:
        assert ref.path.split(".")[0] in model.model_fields, f"{kind}: no field {ref.path}"
        assert ref.kind in tenancy_rules.OWNERS or ref.kind in tenancy_rules.SCOPED, ref.kind


def test_the_table_has_no_rule_for_a_kind_that_does_not_exist() -> None:
    assert set(tenancy_rules.RULES) == set(PAYLOADS)


def _forge(till: Till, kind: str, payload: dict[str, Any], member_id: str | None = None) -> None:
    """An event as a till's own code (or a tampered till) would queue it."""
    with till.app.store.uow() as uow:
        uow.outbox.append(kind, payload, member_id=member_id, occurred_at_iso=AT)
        uow.commit()


def _victim_rows(server: Server, coupon: str, card: str) -> tuple[Any, ...]:
    with server.engine.connect() as conn:
        return (conn.execute(sa.select(coupons).where(coupons.c.code == coupon)).one(),
                conn.execute(sa.select(cards).where(cards.c.number == card)).one())


def _victim(server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> dict[str, str]:
    """Merchant V: a member with a card, a voucher with no member, a sale."""
    till = make_till("V")
    till.enroll(server, tenant.a)
    member = till.register("李四", "13900139000")
    sold = till.sale(member, ("COAT", 1))
    till.sync()  # enrolled and synced: the till has its block of card serials
    card = cardissue.issue_card(till.ctx, member, till.desk).card.number
    coupon = f"VOUCHER-{tenant.merchant}"
    _forge(till, "coupon.issued", {"code": coupon, "template_code": "CASH50",
                                   "kind": "cash", "amount_fen": 5000,
                                   "valid_from": "2025-01-01", "valid_to": "2030-12-31"})
    assert till.sync().pushed.get("quarantined", 0) == 0
    return {"member": member, "sale": sold.sale.id, "card": card, "coupon": coupon,
            "store": tenant.a}


def _attacks(own_member: str, v: dict[str, str]) -> list[tuple[str, dict[str, Any], str]]:
    """(kind, payload, expected code): every kind naming one of the victim's objects."""
    sale = {"receipt_no": "X-1", "at": AT, "business_date": "2025-05-06", "store_code": "X",
            "terminal_code": "T01", "cashier_id": "c", "total_fen": 100}
    return [
        ("coupon.redeemed", {"code": v["coupon"], "sale_id": "x-sale", "at": AT},
         "coupon.other_merchant"),
        ("coupon.voided", {"code": v["coupon"], "state": "void"}, "coupon.other_merchant"),
        ("coupon.restored", {"code": v["coupon"], "state": "issued"}, "coupon.other_merchant"),
        ("coupon.expired", {"code": v["coupon"]}, "coupon.other_merchant"),
        ("coupon.issued", {"code": v["coupon"], "template_code": "T", "kind": "cash",
                           "member_id": own_member, "valid_from": "2025-01-01",
                           "valid_to": "2030-01-01"}, "coupon.other_merchant"),
        ("card.changed", {"number": v["card"], "member_id": own_member, "state": "closed",
                          "expiry": "2030-12-31"}, "card.other_merchant"),
        ("sale.completed", {**sale, "id": "x-sale-2", "kind": "sale",
                            "coupons_redeemed": [v["coupon"]]}, "coupon.other_merchant"),
        ("return.completed", {**sale, "id": "x-ret-1", "kind": "return", "total_fen": -100,
                              "original_sale_id": v["sale"]}, "sale.other_merchant"),
        ("sale.completed", {**sale, "id": "x-sale-3", "kind": "sale",
                            "store_code": v["store"]}, "store.other_merchant"),
        ("draw.spun", {"id": "x-spin-1", "draw_code": "D1", "member_id": v["member"],
                       "at": AT}, "member.other_merchant"),
        ("points.entry", {"id": "x-pe-1", "member_id": own_member, "kind": "adjust",
                          "points": 5, "at": AT, "business_date": "2025-05-06",
                          "sale_id": v["sale"]}, "sale.other_merchant"),
        ("member.patched", {"member_id": v["member"], "fields": {"name": "X"},
                            "hlc": "9999999999999-00000-x"}, "member.other_merchant"),
    ]


def test_a_second_merchant_cannot_touch_the_first_ones_coupons_cards_sales_or_members(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    v = _victim(server, tenant, make_till)
    before = _victim_rows(server, v["coupon"], v["card"])
    other = Tenant(tenant.merchant + "X", tenant.a + "X", tenant.b + "X")
    server.add_stores(other.a, merchant=other.merchant)
    x = make_till("X")
    x.enroll(server, other.a)
    own = x.register("王五", "13700137000")
    attacks = _attacks(own, v)
    for kind, payload, _ in attacks:
        _forge(x, kind, payload)

    result = x.sync()

    assert result.unsynced == 0 and result.pushed["quarantined"] == len(attacks)
    assert _victim_rows(server, v["coupon"], v["card"]) == before
    with server.engine.connect() as conn:
        refused = {(r.type, r.code) for r in conn.execute(
            sa.select(events.c.type, events.c.code).where(
                events.c.terminal_id == x.app.settings.terminal_id,
                events.c.status == "quarantined"))}
        assert refused == {(kind, code) for kind, _, code in attacks}
        assert conn.scalar(sa.select(sa.func.count()).select_from(sales).where(
            sales.c.id.in_(["x-sale-2", "x-ret-1", "x-sale-3"]))) == 0
        assert conn.scalar(sa.select(sa.func.count()).select_from(draw_spins).where(
            draw_spins.c.id == "x-spin-1")) == 0
        assert conn.scalar(sa.select(sa.func.count()).select_from(member_interest).where(
            member_interest.c.member_id == v["member"])) == 1  # the victim's store only
        merchant_of = dict(conn.execute(sa.select(ho_members.c.id, ho_members.c.merchant_id)
                                        .where(ho_members.c.id.in_([own, v["member"]]))).all())
        sender, victim = merchant_of[own], merchant_of[v["member"]]
        cases = {r.kind: r for r in conn.execute(sa.select(
            recon_cases.c.kind, recon_cases.c.merchant_id, recon_cases.c.details).where(
            recon_cases.c.kind.in_(["tenancy.refused", "tenancy.named_by_other"]),
            recon_cases.c.merchant_id.in_([sender, victim])))}
    # Both merchants see it: the sender's till named what is not its own, and the owner's
    # objects were named by another merchant's till (one case each per batch).
    named = {(e["type"], e["code"]) for e in cases["tenancy.refused"].details["events"]}
    assert named == {(kind, code) for kind, _, code in attacks}
    assert cases["tenancy.refused"].merchant_id == sender
    owner = cases["tenancy.named_by_other"]
    assert owner.merchant_id == victim
    assert owner.details["terminal_id"] == x.app.settings.terminal_id


def test_the_same_objects_are_the_owners_own_to_use(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    v = _victim(server, tenant, make_till)
    again = make_till("V2")
    again.enroll(server, tenant.b)
    _forge(again, "coupon.redeemed", {"code": v["coupon"], "sale_id": "v-sale-9", "at": AT})

    assert again.sync().pushed.get("quarantined", 0) == 0
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(coupons.c.state).where(
            coupons.c.code == v["coupon"])) == "redeemed"
