"""Sales, shifts, audit entries, cards and coupons at head office.

Sales (and returns, which are sales of kind `return`), shifts and audit entries only grow:
inserted once under their own id. A card's state only moves forward (a card reported lost at
one till stays lost whatever another till last knew), and a card never changes member
(headoffice/cardids.py). A coupon's first redemption to arrive wins; a second one, from
another sale, is kept as a reconciliation case and its sale stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, assert_never

import sqlalchemy as sa

from domain.event_types import EventType
from headoffice.batch import Batch, Item
from headoffice.cardids import CardBook
from headoffice.cases import open_case
from headoffice.sql import among, bulk_insert, existing
from headoffice.tables import audit_entries, cards, coupons, draw_spins, sales, shifts
from sync.payloads import (
    AuditV1,
    CardV1,
    CouponIssuedV1,
    CouponRedeemedV1,
    CouponStateV1,
    Payload,
    SaleV1,
    ShiftV1,
    SpinV1,
)

# The three wire models of coupon events, applied together in seq order.
CouponPayload = CouponIssuedV1 | CouponRedeemedV1 | CouponStateV1
CARD_RANK = {"issued": 0, "active": 1, "lost": 2, "replaced": 3, "closed": 3}


def apply_sales(b: Batch, items: list[Item[SaleV1]]) -> None:
    rows = []
    for item in items:
        p = item.payload
        body = p.model_dump(mode="json")
        body["member_id"] = b.canonical(p.member_id)
        rows.append({"store_id": b.terminal.store_id, "id": p.id, "terminal_id": b.terminal.id,
                     "kind": p.kind, "receipt_no": p.receipt_no, "at": p.at,
                     "business_date": p.business_date, "member_id": b.canonical(p.member_id),
                     "total_fen": p.total_fen, "points_earned": p.points_earned,
                     "qualifying_fen": p.qualifying_fen, "original_sale_id": p.original_sale_id,
                     "body": body})
    _insert_once(b, items, sales, rows, ("store_id", "id"), "sale.known")


def apply_spins(b: Batch, items: list[Item[SpinV1]]) -> None:
    rows = []
    for item in items:
        p = item.payload
        rows.append({"id": p.id, "store_id": b.terminal.store_id,
                     "member_id": b.canonical(p.member_id), "draw_code": p.draw_code,
                     "prize_code": p.prize_code, "at": p.at,
                     "body": p.model_dump(mode="json")})
    _insert_once(b, items, draw_spins, rows, ("id",), "spin.known")


def apply_shifts_and_audit(b: Batch, shift_items: list[Item[ShiftV1]],
                           audit_items: list[Item[AuditV1]]) -> None:
    _insert_once(b, shift_items, shifts, [
        {"id": i.payload.id, "store_id": b.terminal.store_id,
         "terminal_id": b.terminal.id, "body": i.payload.model_dump(mode="json")}
        for i in shift_items], ("id",), "shift.known")
    _insert_once(b, audit_items, audit_entries, [
        {"id": i.payload.id, "store_id": b.terminal.store_id,
         "terminal_id": b.terminal.id, "at": i.payload.at, "action": i.payload.action[:40],
         "body": i.payload.model_dump(mode="json")}
        for i in audit_items], ("id",), "audit.known")


def _insert_once(b: Batch, items: Sequence[Item[Payload]], table: sa.Table,
                 rows: list[dict[str, Any]],
                 keys: tuple[str, ...], known: str) -> None:
    """Insert the records not already here; an event carrying a known one is a duplicate."""
    found = existing(b.conn, table, keys, [tuple(r[k] for k in keys) for r in rows])
    new = []
    for item, row in zip(items, rows, strict=True):
        if tuple(row[k] for k in keys) in found:
            b.mark(item.event_id, "duplicate", known)
        else:
            new.append(row)
    bulk_insert(b.conn, table, new)


def apply_cards(b: Batch, items: list[Item[CardV1]]) -> None:
    """A card's state moves forward; its member never changes (headoffice/cardids.py)."""
    book = CardBook(b, [i.payload.number for i in items])
    for item in items:
        p = item.payload
        member_id = b.canonical(p.member_id)
        if book.refused(item, p.number, member_id):
            continue
        body = {**p.model_dump(mode="json"), "member_id": member_id}
        old = b.conn.execute(sa.select(cards.c.state).where(cards.c.number == p.number)).first()
        if old is None:
            b.conn.execute(cards.insert().values(number=p.number, member_id=member_id,
                                                 state=p.state, body=body, version=1,
                                                 store_id=b.terminal.store_id))
        elif CARD_RANK.get(p.state, 0) >= CARD_RANK.get(old.state, 0):
            b.conn.execute(cards.update().where(cards.c.number == p.number).values(
                member_id=member_id, state=p.state, body=body, version=cards.c.version + 1))
        else:
            b.mark(item.event_id, "applied", "card.state_behind")
            continue
        _changed(b, member_id, "card", p.number)


def apply_coupons(b: Batch, items: list[Item[CouponPayload]]) -> None:
    """coupon.issued / redeemed / restored / expired / voided, in seq order, on rows read
    once."""
    items = sorted(items, key=lambda i: i.event.seq)
    codes = sorted({i.payload.code for i in items})
    rows = {r["code"]: dict(r) for r in b.conn.execute(
        sa.select(coupons).where(among(b.conn, coupons.c.code, codes))).mappings()} if codes else {}
    book = _Coupons(b, rows)
    for item in items:
        p = item.payload
        if isinstance(p, CouponIssuedV1):
            book.issued(p)
        elif isinstance(p, CouponRedeemedV1):
            book.redeemed(item, p)
        elif isinstance(p, CouponStateV1):
            book.state(item, p)
        else:
            assert_never(p)
        _changed(b, b.canonical(p.member_id), "coupon", p.code)
    book.write()


class _Coupons:
    def __init__(self, b: Batch, rows: dict[str, dict[str, Any]]) -> None:
        self.b = b
        self.rows = rows
        self.new: set[str] = set()
        self.changed: set[str] = set()

    def _put(self, code: str, row: dict[str, Any]) -> None:
        if code not in self.rows:
            self.new.add(code)
        self.rows[code] = row
        self.changed.add(code)

    def issued(self, p: CouponIssuedV1) -> None:
        member_id = self.b.canonical(p.member_id)
        body = {**p.model_dump(mode="json"), "member_id": member_id}
        row = self.rows.get(p.code)
        if row is None:
            self._put(p.code, {"code": p.code, "member_id": member_id,
                               "merchant_id": self.b.terminal.merchant_id,
                               "template_code": p.template_code, "state": p.state,
                               "redeemed_sale_id": None, "redeemed_store_id": None,
                               "body": body, "version": 1})
            return
        # A redemption arrived first: keep its state, take the terms.
        kept = {**body, "state": row["state"], **_redemption(row["body"])}
        self._put(p.code, {**row, "member_id": member_id, "template_code": p.template_code,
                           "body": kept})

    def redeemed(self, item: Item[CouponPayload], p: CouponRedeemedV1) -> None:
        row = self.rows.get(p.code)
        at = p.at.isoformat()
        member_id = self.b.canonical(p.member_id)
        if row is None:
            body = {"code": p.code, "state": "redeemed", "redeemed_sale_id": p.sale_id,
                    "redeemed_at": at, "member_id": member_id}
            row = {"code": p.code, "member_id": member_id,
                   "merchant_id": self.b.terminal.merchant_id, "template_code": "",
                   "state": "issued", "redeemed_sale_id": None, "redeemed_store_id": None,
                   "body": body, "version": 1}
        elif row["state"] == "redeemed" and row["redeemed_sale_id"] != p.sale_id:
            open_case(self.b, "coupon.double_redeemed", member_id, 0, {
                "code": p.code, "first_sale_id": row["redeemed_sale_id"],
                "second_sale_id": p.sale_id, "store_id": self.b.terminal.store_id,
                "event_id": item.event_id})
            self.b.mark(item.event_id, "applied", "coupon.double_redeemed")
            return
        self._put(p.code, {**row, "state": "redeemed", "redeemed_sale_id": p.sale_id,
                           "redeemed_store_id": self.b.terminal.store_id,
                           "body": {**row["body"], "state": "redeemed",
                                    "redeemed_sale_id": p.sale_id, "redeemed_at": at}})

    def state(self, item: Item[CouponPayload], p: CouponStateV1) -> None:
        new = "expired" if item.event.type == EventType.COUPON_EXPIRED else (p.state or "issued")
        row = self.rows.get(p.code)
        if row is None or (new == "expired" and row["state"] != "issued"):
            self.b.mark(item.event_id, "applied", "coupon.state_ignored")
            return
        row = {**row, "state": new, "body": {**row["body"], "state": new}}
        if item.event.type == EventType.COUPON_RESTORED:
            # The sale that used it was returned in full: the coupon may be used again.
            row["redeemed_sale_id"] = None
            row["body"].update(redeemed_sale_id=None, redeemed_at=None)
        self._put(p.code, row)

    def write(self) -> None:
        bulk_insert(self.b.conn, coupons, [self.rows[c] for c in sorted(self.new)])
        updates = [self.rows[c] for c in sorted(self.changed - self.new)]
        if updates:
            self.b.conn.execute(
                coupons.update().where(coupons.c.code == sa.bindparam("c")).values(
                    member_id=sa.bindparam("m"), template_code=sa.bindparam("t"),
                    state=sa.bindparam("s"), redeemed_sale_id=sa.bindparam("rs"),
                    redeemed_store_id=sa.bindparam("rst"), body=sa.bindparam("body"),
                    version=coupons.c.version + 1),
                [{"c": r["code"], "m": r["member_id"], "t": r["template_code"],
                  "s": r["state"], "rs": r["redeemed_sale_id"],
                  "rst": r["redeemed_store_id"], "body": r["body"]} for r in updates])


def _redemption(body: dict[str, Any]) -> dict[str, Any]:
    return {k: body[k] for k in ("redeemed_sale_id", "redeemed_at") if k in body}


def _changed(b: Batch, member_id: str | None, entity: str, entity_id: str) -> None:
    stores = b.followers(member_id) if member_id else set()
    b.feed.stores({b.terminal.store_id, *stores}, entity, entity_id)
