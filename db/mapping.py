"""Row ↔ record mapping for members and what happens at the till (explicit, both ways).

Records that are only ever appended (sales, ledger entries, tier changes) go in as INSERT
parameters rather than ORM objects: the till's hottest write path skips the ORM's bookkeeping.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from db.crypto import FieldCipher
from db.rows import (
    AuditRow,
    BalanceRow,
    CardRow,
    CouponRow,
    MemberRow,
    OutboxRow,
    PointsEntryRow,
    PointsLotRow,
    SaleLineRow,
    SaleRow,
    TenderRow,
    TierChangeRow,
    WalletEntryRow,
)
from domain.records import (
    AuditEntry,
    Balances,
    Card,
    CardState,
    Coupon,
    CouponState,
    Member,
    MemberStatus,
    OutboxEvent,
    PointsEntry,
    PointsLot,
    Sale,
    SaleKind,
    SaleLine,
    Tender,
    TenderKind,
    TierChange,
    WalletEntry,
)

# Member fields stored as they are; the rest (enums, tuples, the ID number) are converted.
_MEMBER_PLAIN = (
    "id", "name", "mobile", "joined_on", "tier", "tier_since", "gender", "birth_year",
    "birth_month", "birth_day", "occupation", "income_band", "address", "email", "referrer_id",
    "source", "consent_marketing", "consent_marketing_at", "privacy_accepted_at", "notes",
    "home_store", "staff_id", "created_at", "deposit_rate", "deposit_until",
)


def member_to_row(m: Member, cipher: FieldCipher) -> MemberRow:
    """The resident ID number leaves memory only as a Fernet token."""
    plain: dict[str, Any] = {name: getattr(m, name) for name in _MEMBER_PLAIN}
    return MemberRow(**plain, status=m.status.value, tags=list(m.tags),
                     id_number_enc=None if m.id_number is None else cipher.encrypt(m.id_number))


def member_from_row(r: MemberRow, cipher: FieldCipher) -> Member:
    plain: dict[str, Any] = {name: getattr(r, name) for name in _MEMBER_PLAIN}
    id_number = None if r.id_number_enc is None else cipher.decrypt(r.id_number_enc)
    return Member(**plain, status=MemberStatus(r.status), tags=tuple(r.tags),
                  id_number=id_number)


def balances_from_row(r: BalanceRow) -> Balances:
    return Balances(member_id=r.member_id, points=r.points,
                    wallet_principal_fen=r.wallet_principal_fen,
                    wallet_bonus_fen=r.wallet_bonus_fen)


def card_to_row(c: Card) -> CardRow:
    return CardRow(number=c.number, member_id=c.member_id, state=c.state.value, expiry=c.expiry,
                   kind=c.kind, is_staff=c.is_staff, replaced_by=c.replaced_by,
                   issued_at=c.issued_at)


def card_from_row(r: CardRow) -> Card:
    return Card(number=r.number, member_id=r.member_id, state=CardState(r.state),
                expiry=r.expiry, kind=r.kind, is_staff=r.is_staff, replaced_by=r.replaced_by,
                issued_at=r.issued_at)


def tier_change_params(t: TierChange) -> dict[str, Any]:
    return {"id": t.id, "member_id": t.member_id, "at": t.at, "from_tier": t.from_tier,
            "to_tier": t.to_tier, "reason": t.reason}


def tier_change_from_row(r: TierChangeRow) -> TierChange:
    return TierChange(id=r.id, member_id=r.member_id, at=r.at, from_tier=r.from_tier,
                      to_tier=r.to_tier, reason=r.reason)


def lot_to_row(lot: PointsLot) -> PointsLotRow:
    return PointsLotRow(id=lot.id, member_id=lot.member_id, earned_on=lot.earned_on,
                        expires_on=lot.expires_on, points=lot.points, remaining=lot.remaining,
                        source=lot.source, sale_id=lot.sale_id)


def lot_from_row(r: PointsLotRow) -> PointsLot:
    return PointsLot(id=r.id, member_id=r.member_id, earned_on=r.earned_on,
                     expires_on=r.expires_on, points=r.points, remaining=r.remaining,
                     source=r.source, sale_id=r.sale_id)


def points_entry_params(e: PointsEntry) -> dict[str, Any]:
    return {"id": e.id, "member_id": e.member_id, "kind": e.kind, "points": e.points,
            "at": e.at, "business_date": e.business_date, "reason": e.reason,
            "sale_id": e.sale_id, "staff_id": e.staff_id, "last_day": e.last_day}


def points_entry_from_row(r: PointsEntryRow) -> PointsEntry:
    return PointsEntry(id=r.id, member_id=r.member_id, kind=r.kind, points=r.points, at=r.at,
                       business_date=r.business_date, reason=r.reason, sale_id=r.sale_id,
                       staff_id=r.staff_id, last_day=r.last_day)


def wallet_entry_params(e: WalletEntry) -> dict[str, Any]:
    return {"id": e.id, "member_id": e.member_id, "kind": e.kind,
            "principal_fen": e.principal_fen, "bonus_fen": e.bonus_fen, "at": e.at,
            "business_date": e.business_date, "sale_id": e.sale_id, "staff_id": e.staff_id,
            "reference": e.reference, "tender_kind": e.tender_kind}


def wallet_entry_from_row(r: WalletEntryRow) -> WalletEntry:
    return WalletEntry(id=r.id, member_id=r.member_id, kind=r.kind,
                       principal_fen=r.principal_fen, bonus_fen=r.bonus_fen, at=r.at,
                       business_date=r.business_date, sale_id=r.sale_id, staff_id=r.staff_id,
                       reference=r.reference, tender_kind=r.tender_kind)


def coupon_to_row(c: Coupon) -> CouponRow:
    return CouponRow(
        code=c.code, template_code=c.template_code, kind=c.kind, amount_fen=c.amount_fen,
        rate=c.rate, min_spend_fen=c.min_spend_fen, stackable=c.stackable,
        valid_from=c.valid_from, valid_to=c.valid_to, state=c.state.value,
        issued_at=c.issued_at, member_id=c.member_id, issued_reason=c.issued_reason,
        classes=list(c.classes), gift_sku=c.gift_sku, redeemed_sale_id=c.redeemed_sale_id,
        redeemed_at=c.redeemed_at)


def coupon_from_row(r: CouponRow) -> Coupon:
    return Coupon(
        code=r.code, template_code=r.template_code, kind=r.kind, amount_fen=r.amount_fen,
        rate=r.rate, min_spend_fen=r.min_spend_fen, stackable=r.stackable,
        valid_from=r.valid_from, valid_to=r.valid_to, state=CouponState(r.state),
        issued_at=r.issued_at, member_id=r.member_id, issued_reason=r.issued_reason,
        classes=tuple(r.classes), gift_sku=r.gift_sku, redeemed_sale_id=r.redeemed_sale_id,
        redeemed_at=r.redeemed_at)


class SaleParams(NamedTuple):
    """A sale as INSERT parameters: the header, its lines, its tenders."""

    header: dict[str, Any]
    lines: list[dict[str, Any]]
    tenders: list[dict[str, Any]]


def sale_params(s: Sale) -> SaleParams:
    """Tenders are numbered so they come back in the order they were taken."""
    header = {
        "id": s.id, "receipt_no": s.receipt_no, "kind": s.kind.value, "at": s.at,
        "business_date": s.business_date, "store_code": s.store_code,
        "terminal_code": s.terminal_code, "cashier_id": s.cashier_id, "total_fen": s.total_fen,
        "rounding_fen": s.rounding_fen, "member_id": s.member_id, "shift_id": s.shift_id,
        "original_sale_id": s.original_sale_id, "points_earned": s.points_earned,
        "qualifying_fen": s.qualifying_fen, "coupons_redeemed": list(s.coupons_redeemed),
        "applied": [dict(a) for a in s.applied], "rulepack": s.rulepack,
        "approved_by": s.approved_by, "member_tier": s.member_tier, "birthday": s.birthday,
    }
    return SaleParams(header, [_line_params(s.id, line) for line in s.lines],
                      [_tender_params(s.id, n, t) for n, t in enumerate(s.tenders, start=1)])


def sale_from_row(r: SaleRow) -> Sale:
    return Sale(
        id=r.id, receipt_no=r.receipt_no, kind=SaleKind(r.kind), at=r.at,
        business_date=r.business_date, store_code=r.store_code, terminal_code=r.terminal_code,
        cashier_id=r.cashier_id, total_fen=r.total_fen, rounding_fen=r.rounding_fen,
        member_id=r.member_id, shift_id=r.shift_id, original_sale_id=r.original_sale_id,
        points_earned=r.points_earned, qualifying_fen=r.qualifying_fen,
        coupons_redeemed=tuple(r.coupons_redeemed), applied=tuple(r.applied),
        rulepack=r.rulepack, approved_by=r.approved_by, member_tier=r.member_tier,
        birthday=r.birthday, lines=[_line_from_row(line) for line in r.lines],
        tenders=[_tender_from_row(t) for t in r.tenders])


_LINE_PLAIN = (
    "line_no", "sku", "name", "product_class", "category", "qty", "unit_price_fen", "list_fen",
    "discount_fen", "coupon_fen", "final_fen", "points_earned", "original_line_no", "paid_fen",
)


def _line_params(sale_id: str, line: SaleLine) -> dict[str, Any]:
    plain: dict[str, Any] = {name: getattr(line, name) for name in _LINE_PLAIN}
    return {**plain, "sale_id": sale_id, "reasons": [dict(r) for r in line.reasons]}


def _line_from_row(r: SaleLineRow) -> SaleLine:
    plain: dict[str, Any] = {name: getattr(r, name) for name in _LINE_PLAIN}
    return SaleLine(**plain, reasons=tuple(r.reasons))


def _tender_params(sale_id: str, tender_no: int, t: Tender) -> dict[str, Any]:
    return {
        "sale_id": sale_id, "tender_no": tender_no, "kind": t.kind.value,
        "amount_fen": t.amount_fen, "reference": t.reference, "points": t.points,
        "wallet_principal_fen": t.wallet_principal_fen, "wallet_bonus_fen": t.wallet_bonus_fen,
        "coupon_code": t.coupon_code, "given_fen": t.given_fen, "change_fen": t.change_fen,
    }


def _tender_from_row(r: TenderRow) -> Tender:
    return Tender(
        kind=TenderKind(r.kind), amount_fen=r.amount_fen, reference=r.reference, points=r.points,
        wallet_principal_fen=r.wallet_principal_fen, wallet_bonus_fen=r.wallet_bonus_fen,
        coupon_code=r.coupon_code, given_fen=r.given_fen, change_fen=r.change_fen)


def audit_from_row(r: AuditRow) -> AuditEntry:
    return AuditEntry(id=r.id, at=r.at, action=r.action, staff_id=r.staff_id, target=r.target,
                      details=dict(r.details), approved_by=r.approved_by)


def outbox_from_row(r: OutboxRow) -> OutboxEvent:
    return OutboxEvent(seq=r.seq, event_id=r.event_id, type=r.type, payload=dict(r.payload),
                       occurred_at=r.occurred_at, member_id=r.member_id, acked=r.acked)
