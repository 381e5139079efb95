"""Mappers of members and what they hold: member, balances, card, lots, ledgers, coupons,
tier changes, payment PINs. Each reads a row by column name and writes every column the
schema (db/rows_members.py) names; tests/integration/db/test_mapping_roundtrip.py holds the
two together."""

from __future__ import annotations

from typing import Any

from db.columns import COLUMNS
from db.crypto import FieldCipher
from db.mapping_values import (
    day,
    day_of,
    decimal_of,
    dump_json,
    iso,
    json_of,
    parse_utc,
    rate_text,
    time_of,
    utc,
    utc_text,
)
from db.repos_driver import Named
from domain.records import (
    Balances,
    Card,
    CardState,
    Coupon,
    CouponKind,
    CouponState,
    Member,
    MemberPin,
    MemberStatus,
    PointsEntry,
    PointsLot,
    TierChange,
    WalletEntry,
)

MEMBER_COLUMNS = COLUMNS["members"]
BALANCE_COLUMNS = COLUMNS["member_balances"]
CARD_COLUMNS = COLUMNS["cards"]
LOT_COLUMNS = COLUMNS["points_lots"]
POINTS_COLUMNS = COLUMNS["points_ledger"]
WALLET_COLUMNS = COLUMNS["wallet_ledger"]
COUPON_COLUMNS = COLUMNS["coupons"]
TIER_CHANGE_COLUMNS = COLUMNS["tier_changes"]
PIN_COLUMNS = COLUMNS["member_pins"]


def member_from(r: Named, cipher: FieldCipher) -> Member:
    """The resident ID number is decrypted here and nowhere else."""
    token = r["id_number_enc"]
    return Member(
        id=r["id"], name=r["name"], mobile=r["mobile"], joined_on=day(r["joined_on"]),
        tier=r["tier"], tier_since=day(r["tier_since"]), status=MemberStatus(r["status"]),
        gender=r["gender"], birth_year=r["birth_year"], birth_month=r["birth_month"],
        birth_day=r["birth_day"], id_number=None if token is None else cipher.decrypt(token),
        occupation=r["occupation"], income_band=r["income_band"], address=r["address"],
        email=r["email"], referrer_id=r["referrer_id"], source=r["source"],
        consent_marketing=bool(r["consent_marketing"]),
        consent_marketing_at=time_of(r["consent_marketing_at"]),
        consent_alliance=bool(r["consent_alliance"]),
        consent_alliance_at=time_of(r["consent_alliance_at"]),
        privacy_accepted_at=time_of(r["privacy_accepted_at"]),
        tags=tuple(json_of(r["tags"])), notes=r["notes"], home_store=r["home_store"],
        staff_id=r["staff_id"], created_at=time_of(r["created_at"]),
        deposit_rate=decimal_of(r["deposit_rate"]), deposit_until=day_of(r["deposit_until"]))


def member_params(m: Member, cipher: FieldCipher) -> dict[str, Any]:
    """The resident ID number leaves memory only as a Fernet token."""
    return {
        "id": m.id, "name": m.name, "mobile": m.mobile, "joined_on": iso(m.joined_on),
        "tier": m.tier, "tier_since": iso(m.tier_since), "status": m.status.value,
        "gender": m.gender, "birth_year": m.birth_year, "birth_month": m.birth_month,
        "birth_day": m.birth_day,
        "id_number_enc": None if m.id_number is None else cipher.encrypt(m.id_number),
        "occupation": m.occupation, "income_band": m.income_band, "address": m.address,
        "email": m.email, "referrer_id": m.referrer_id, "source": m.source,
        "consent_marketing": int(m.consent_marketing),
        "consent_marketing_at": utc(m.consent_marketing_at),
        "consent_alliance": int(m.consent_alliance),
        "consent_alliance_at": utc(m.consent_alliance_at),
        "privacy_accepted_at": utc(m.privacy_accepted_at), "tags": dump_json(list(m.tags)),
        "notes": m.notes, "home_store": m.home_store, "staff_id": m.staff_id,
        "created_at": utc(m.created_at), "deposit_rate": rate_text(m.deposit_rate),
        "deposit_until": iso(m.deposit_until),
    }


def balances_from(r: Named) -> Balances:
    return Balances(member_id=r["member_id"], points=r["points"],
                    wallet_principal_fen=r["wallet_principal_fen"],
                    wallet_bonus_fen=r["wallet_bonus_fen"])


def card_from(r: Named) -> Card:
    return Card(number=r["number"], member_id=r["member_id"], state=CardState(r["state"]),
                expiry=r["expiry"], kind=r["kind"], is_staff=bool(r["is_staff"]),
                replaced_by=r["replaced_by"], issued_at=time_of(r["issued_at"]))


def card_params(c: Card) -> dict[str, Any]:
    return {"number": c.number, "member_id": c.member_id, "state": c.state.value,
            "expiry": c.expiry, "kind": c.kind, "is_staff": int(c.is_staff),
            "replaced_by": c.replaced_by, "issued_at": utc(c.issued_at)}


def lot_from(r: Named) -> PointsLot:
    return PointsLot(id=r["id"], member_id=r["member_id"], earned_on=day(r["earned_on"]),
                     expires_on=day_of(r["expires_on"]), points=r["points"],
                     remaining=r["remaining"], source=r["source"], sale_id=r["sale_id"])


def lot_params(lot: PointsLot) -> dict[str, Any]:
    return {"id": lot.id, "member_id": lot.member_id, "earned_on": iso(lot.earned_on),
            "expires_on": iso(lot.expires_on), "points": lot.points,
            "remaining": lot.remaining, "source": lot.source, "sale_id": lot.sale_id}


def points_entry_from(r: Named) -> PointsEntry:
    return PointsEntry(id=r["id"], member_id=r["member_id"], kind=r["kind"],
                       points=r["points"], at=parse_utc(r["at"]),
                       business_date=day(r["business_date"]), reason=r["reason"],
                       sale_id=r["sale_id"], staff_id=r["staff_id"],
                       last_day=day_of(r["last_day"]))


def points_entry_params(e: PointsEntry) -> dict[str, Any]:
    return {"id": e.id, "member_id": e.member_id, "kind": e.kind, "points": e.points,
            "at": utc_text(e.at), "business_date": iso(e.business_date), "reason": e.reason,
            "sale_id": e.sale_id, "staff_id": e.staff_id, "last_day": iso(e.last_day)}


def wallet_entry_from(r: Named) -> WalletEntry:
    return WalletEntry(id=r["id"], member_id=r["member_id"], kind=r["kind"],
                       principal_fen=r["principal_fen"], bonus_fen=r["bonus_fen"],
                       at=parse_utc(r["at"]), business_date=day(r["business_date"]),
                       sale_id=r["sale_id"], staff_id=r["staff_id"],
                       reference=r["reference"], tender_kind=r["tender_kind"])


def wallet_entry_params(e: WalletEntry) -> dict[str, Any]:
    return {"id": e.id, "member_id": e.member_id, "kind": e.kind,
            "principal_fen": e.principal_fen, "bonus_fen": e.bonus_fen, "at": utc_text(e.at),
            "business_date": iso(e.business_date), "sale_id": e.sale_id,
            "staff_id": e.staff_id, "reference": e.reference, "tender_kind": e.tender_kind}


def coupon_from(r: Named) -> Coupon:
    return Coupon(
        code=r["code"], template_code=r["template_code"], kind=CouponKind(r["kind"]),
        amount_fen=r["amount_fen"], rate=decimal_of(r["rate"]),
        min_spend_fen=r["min_spend_fen"], stackable=bool(r["stackable"]),
        valid_from=day(r["valid_from"]), valid_to=day(r["valid_to"]),
        state=CouponState(r["state"]), issued_at=parse_utc(r["issued_at"]),
        member_id=r["member_id"], issued_reason=r["issued_reason"],
        classes=tuple(json_of(r["classes"])), gift_sku=r["gift_sku"],
        redeemed_sale_id=r["redeemed_sale_id"], redeemed_at=time_of(r["redeemed_at"]))


def coupon_params(c: Coupon) -> dict[str, Any]:
    return {
        "code": c.code, "template_code": c.template_code, "kind": str(c.kind),
        "amount_fen": c.amount_fen, "rate": rate_text(c.rate),
        "min_spend_fen": c.min_spend_fen, "stackable": int(c.stackable),
        "valid_from": iso(c.valid_from), "valid_to": iso(c.valid_to), "state": c.state.value,
        "issued_at": utc_text(c.issued_at), "member_id": c.member_id,
        "issued_reason": c.issued_reason, "classes": dump_json(list(c.classes)),
        "gift_sku": c.gift_sku, "redeemed_sale_id": c.redeemed_sale_id,
        "redeemed_at": utc(c.redeemed_at),
    }


def tier_change_from(r: Named) -> TierChange:
    return TierChange(id=r["id"], member_id=r["member_id"], at=parse_utc(r["at"]),
                      from_tier=r["from_tier"], to_tier=r["to_tier"], reason=r["reason"])


def tier_change_params(t: TierChange) -> dict[str, Any]:
    return {"id": t.id, "member_id": t.member_id, "at": utc_text(t.at),
            "from_tier": t.from_tier, "to_tier": t.to_tier, "reason": t.reason}


def pin_from(r: Named) -> MemberPin:
    return MemberPin(member_id=r["member_id"], pin_hash=r["pin_hash"],
                     set_at=time_of(r["set_at"]), set_by=r["set_by"],
                     failures=r["failures"], failed_on=day_of(r["failed_on"]))


def pin_params(p: MemberPin) -> dict[str, Any]:
    return {"member_id": p.member_id, "pin_hash": p.pin_hash, "set_at": utc(p.set_at),
            "set_by": p.set_by, "failures": p.failures, "failed_on": iso(p.failed_on)}
