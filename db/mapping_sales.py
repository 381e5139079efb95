"""Mappers of what happens at the till: sales with their lines and tenders, held sales,
closed days, audit entries and outbox events. Each reads a row by column name; the columns
come from the schema (db/rows_sales.py, db/rows_till.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from db.columns import COLUMNS
from db.mapping_values import day, dump_json, iso, json_of, parse_utc, utc_text
from db.repos_driver import Named
from domain.records import (
    AuditEntry,
    ClosedDay,
    HeldSale,
    OutboxEvent,
    Sale,
    SaleKind,
    SaleLine,
    Tender,
    TenderKind,
)

SALE_COLUMNS = COLUMNS["sales"]
LINE_COLUMNS = COLUMNS["sale_lines"]
TENDER_COLUMNS = COLUMNS["tenders"]
HELD_COLUMNS = COLUMNS["held_sales"]
CLOSED_DAY_COLUMNS = COLUMNS["closed_days"]
AUDIT_COLUMNS = COLUMNS["audit_log"]
OUTBOX_COLUMNS = COLUMNS["outbox"]


class SaleParams(NamedTuple):
    """A sale as INSERT parameters: the header, its lines, its tenders."""

    header: dict[str, Any]
    lines: list[dict[str, Any]]
    tenders: list[dict[str, Any]]


def sale_params(s: Sale) -> SaleParams:
    """Tenders are numbered so they come back in the order they were taken."""
    header = {
        "id": s.id, "receipt_no": s.receipt_no, "kind": s.kind.value, "at": utc_text(s.at),
        "business_date": iso(s.business_date), "store_code": s.store_code,
        "terminal_code": s.terminal_code, "cashier_id": s.cashier_id, "total_fen": s.total_fen,
        "rounding_fen": s.rounding_fen, "member_id": s.member_id, "shift_id": s.shift_id,
        "original_sale_id": s.original_sale_id, "points_earned": s.points_earned,
        "qualifying_fen": s.qualifying_fen, "coupons_redeemed": dump_json(list(s.coupons_redeemed)),
        "applied": dump_json([dict(a) for a in s.applied]), "rulepack": s.rulepack,
        "approved_by": s.approved_by, "member_tier": s.member_tier,
        "birthday": int(s.birthday),
    }
    return SaleParams(header, [_line_params(s.id, line) for line in s.lines],
                      [_tender_params(s.id, n, t) for n, t in enumerate(s.tenders, start=1)])


def sale_from(r: Named, lines: Sequence[Named], tenders: Sequence[Named]) -> Sale:
    """`lines` and `tenders` are this sale's rows, in line and tender order."""
    return Sale(
        id=r["id"], receipt_no=r["receipt_no"], kind=SaleKind(r["kind"]), at=parse_utc(r["at"]),
        business_date=day(r["business_date"]), store_code=r["store_code"],
        terminal_code=r["terminal_code"], cashier_id=r["cashier_id"],
        total_fen=r["total_fen"], rounding_fen=r["rounding_fen"], member_id=r["member_id"],
        shift_id=r["shift_id"], original_sale_id=r["original_sale_id"],
        points_earned=r["points_earned"], qualifying_fen=r["qualifying_fen"],
        coupons_redeemed=tuple(json_of(r["coupons_redeemed"])),
        applied=tuple(json_of(r["applied"])), rulepack=r["rulepack"],
        approved_by=r["approved_by"], member_tier=r["member_tier"],
        birthday=bool(r["birthday"]), lines=[_line_from(line) for line in lines],
        tenders=[_tender_from(t) for t in tenders])


def _line_params(sale_id: str, line: SaleLine) -> dict[str, Any]:
    return {
        "sale_id": sale_id, "line_no": line.line_no, "sku": line.sku, "name": line.name,
        "product_class": line.product_class, "category": line.category, "qty": line.qty,
        "unit_price_fen": line.unit_price_fen, "list_fen": line.list_fen,
        "discount_fen": line.discount_fen, "coupon_fen": line.coupon_fen,
        "final_fen": line.final_fen, "points_earned": line.points_earned,
        "reasons": dump_json([dict(r) for r in line.reasons]),
        "original_line_no": line.original_line_no, "paid_fen": line.paid_fen,
    }


def _line_from(r: Named) -> SaleLine:
    return SaleLine(
        line_no=r["line_no"], sku=r["sku"], name=r["name"], product_class=r["product_class"],
        category=r["category"], qty=r["qty"], unit_price_fen=r["unit_price_fen"],
        list_fen=r["list_fen"], discount_fen=r["discount_fen"], coupon_fen=r["coupon_fen"],
        final_fen=r["final_fen"], points_earned=r["points_earned"],
        reasons=tuple(json_of(r["reasons"])), original_line_no=r["original_line_no"],
        paid_fen=r["paid_fen"])


def _tender_params(sale_id: str, tender_no: int, t: Tender) -> dict[str, Any]:
    return {
        "sale_id": sale_id, "tender_no": tender_no, "kind": t.kind.value,
        "amount_fen": t.amount_fen, "reference": t.reference, "points": t.points,
        "wallet_principal_fen": t.wallet_principal_fen, "wallet_bonus_fen": t.wallet_bonus_fen,
        "coupon_code": t.coupon_code, "given_fen": t.given_fen, "change_fen": t.change_fen,
    }


def _tender_from(r: Named) -> Tender:
    return Tender(
        kind=TenderKind(r["kind"]), amount_fen=r["amount_fen"], reference=r["reference"],
        points=r["points"], wallet_principal_fen=r["wallet_principal_fen"],
        wallet_bonus_fen=r["wallet_bonus_fen"], coupon_code=r["coupon_code"],
        given_fen=r["given_fen"], change_fen=r["change_fen"])


def held_from(r: Named) -> HeldSale:
    return HeldSale(id=r["id"], held_at=parse_utc(r["held_at"]), held_by=r["held_by"],
                    total_fen=r["total_fen"], items=r["items"], member_id=r["member_id"],
                    cart=json_of(r["cart"]))


def held_params(h: HeldSale) -> dict[str, Any]:
    return {"id": h.id, "held_at": utc_text(h.held_at), "held_by": h.held_by,
            "total_fen": h.total_fen, "items": h.items, "member_id": h.member_id,
            "cart": dump_json(h.cart)}


def closed_day_from(r: Named) -> ClosedDay:
    return ClosedDay(business_date=day(r["business_date"]),
                     closed_at=parse_utc(r["closed_at"]), staff_id=r["staff_id"],
                     z=json_of(r["z"]))


def closed_day_params(c: ClosedDay) -> dict[str, Any]:
    return {"business_date": iso(c.business_date), "closed_at": utc_text(c.closed_at),
            "staff_id": c.staff_id, "z": dump_json(c.z)}


def audit_from(r: Named) -> AuditEntry:
    """An entry as the trail shows it (its seq and links are the chain's, db/audit.py)."""
    return AuditEntry(id=r["id"], at=parse_utc(r["at"]), action=r["action"],
                      staff_id=r["staff_id"], target=r["target"],
                      details=json_of(r["details"]), approved_by=r["approved_by"])


def outbox_from(r: Named) -> OutboxEvent:
    return OutboxEvent(seq=r["seq"], event_id=r["event_id"], type=r["type"],
                       payload=json_of(r["payload"]), occurred_at=parse_utc(r["occurred_at"]),
                       member_id=r["member_id"], acked=bool(r["acked"]))
