"""Record ↔ plain sqlite3 row mapping for the hot paths (db/repos_driver.py).

The column types of db/types.py do these conversions for SQLAlchemy; here the same functions
are called by hand: ISO dates, UTC times as fixed-width text, exact decimals, sorted JSON,
booleans as 0/1. Each `*_COLUMNS` tuple gives the order of the values a `*_from_plain` reads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from db.crypto import FieldCipher
from db.mapping import (
    SaleParams,
    points_entry_params,
    sale_params,
    tier_change_params,
    wallet_entry_params,
)
from db.types import dump_json, parse_utc, utc_text
from domain.catalog import Product, ProductClass
from domain.records import (
    Balances,
    Card,
    CardState,
    Coupon,
    CouponState,
    Member,
    MemberStatus,
    PointsEntry,
    PointsLot,
    Sale,
    SaleKind,
    SaleLine,
    StoreSettings,
    Tender,
    TenderKind,
    TierChange,
    WalletEntry,
)

Row = Sequence[Any]


def iso(day: date | None) -> str | None:
    """A date as YYYY-MM-DD; a datetime is refused, never cut short (db.types.IsoDate)."""
    if day is None:
        return None
    if isinstance(day, datetime):
        raise ValueError(f"{day!r} is a datetime, not a date")
    return day.isoformat()


def rate_text(rate: Decimal | None) -> str | None:
    """A rate as its exact decimal text; anything but a Decimal is refused (DecimalText)."""
    if rate is None:
        return None
    if not isinstance(rate, Decimal):
        raise TypeError(f"rates are Decimal, got {type(rate).__name__}")
    return str(rate)


def day_of(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def utc(at: datetime | None) -> str | None:
    return None if at is None else utc_text(at)


def time_of(text: str | None) -> datetime | None:
    return None if text is None else parse_utc(text)


def _day(text: str) -> date:
    return date.fromisoformat(text)


# --- members ------------------------------------------------------------------------------

MEMBER_COLUMNS = (
    "id", "name", "mobile", "joined_on", "tier", "tier_since", "status", "gender", "birth_year",
    "birth_month", "birth_day", "id_number_enc", "occupation", "income_band", "address",
    "email", "referrer_id", "source", "consent_marketing", "consent_marketing_at",
    "privacy_accepted_at", "tags", "notes", "home_store", "staff_id", "created_at",
    "deposit_rate", "deposit_until",
)


def member_from_plain(r: Row, cipher: FieldCipher) -> Member:
    return Member(
        id=r[0], name=r[1], mobile=r[2], joined_on=_day(r[3]), tier=r[4],
        tier_since=_day(r[5]), status=MemberStatus(r[6]), gender=r[7], birth_year=r[8],
        birth_month=r[9], birth_day=r[10],
        id_number=None if r[11] is None else cipher.decrypt(r[11]), occupation=r[12],
        income_band=r[13], address=r[14], email=r[15], referrer_id=r[16], source=r[17],
        consent_marketing=bool(r[18]), consent_marketing_at=time_of(r[19]),
        privacy_accepted_at=time_of(r[20]), tags=tuple(json.loads(r[21])), notes=r[22],
        home_store=r[23], staff_id=r[24], created_at=time_of(r[25]),
        deposit_rate=None if r[26] is None else Decimal(r[26]), deposit_until=day_of(r[27]))


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
        "privacy_accepted_at": utc(m.privacy_accepted_at), "tags": dump_json(list(m.tags)),
        "notes": m.notes, "home_store": m.home_store, "staff_id": m.staff_id,
        "created_at": utc(m.created_at),
        "deposit_rate": rate_text(m.deposit_rate),
        "deposit_until": iso(m.deposit_until),
    }


BALANCE_COLUMNS = ("member_id", "points", "wallet_principal_fen", "wallet_bonus_fen")


def balances_from_plain(r: Row) -> Balances:
    return Balances(member_id=r[0], points=r[1], wallet_principal_fen=r[2],
                    wallet_bonus_fen=r[3])


# --- cards, lots, coupons -------------------------------------------------------------------

CARD_COLUMNS = ("number", "member_id", "state", "expiry", "kind", "is_staff", "replaced_by",
                "issued_at")


def card_from_plain(r: Row) -> Card:
    return Card(number=r[0], member_id=r[1], state=CardState(r[2]), expiry=r[3], kind=r[4],
                is_staff=bool(r[5]), replaced_by=r[6], issued_at=time_of(r[7]))


def card_params(c: Card) -> dict[str, Any]:
    return {"number": c.number, "member_id": c.member_id, "state": c.state.value,
            "expiry": c.expiry, "kind": c.kind, "is_staff": int(c.is_staff),
            "replaced_by": c.replaced_by, "issued_at": utc(c.issued_at)}


LOT_COLUMNS = ("id", "member_id", "earned_on", "expires_on", "points", "remaining", "source",
               "sale_id")


def lot_from_plain(r: Row) -> PointsLot:
    return PointsLot(id=r[0], member_id=r[1], earned_on=_day(r[2]), expires_on=day_of(r[3]),
                     points=r[4], remaining=r[5], source=r[6], sale_id=r[7])


def lot_params(lot: PointsLot) -> dict[str, Any]:
    return {"id": lot.id, "member_id": lot.member_id, "earned_on": iso(lot.earned_on),
            "expires_on": iso(lot.expires_on), "points": lot.points,
            "remaining": lot.remaining, "source": lot.source, "sale_id": lot.sale_id}


COUPON_COLUMNS = (
    "code", "template_code", "kind", "amount_fen", "rate", "min_spend_fen", "stackable",
    "valid_from", "valid_to", "state", "issued_at", "member_id", "issued_reason", "classes",
    "gift_sku", "redeemed_sale_id", "redeemed_at",
)


def coupon_from_plain(r: Row) -> Coupon:
    return Coupon(
        code=r[0], template_code=r[1], kind=r[2], amount_fen=r[3],
        rate=None if r[4] is None else Decimal(r[4]), min_spend_fen=r[5],
        stackable=bool(r[6]), valid_from=_day(r[7]), valid_to=_day(r[8]),
        state=CouponState(r[9]), issued_at=parse_utc(r[10]), member_id=r[11],
        issued_reason=r[12], classes=tuple(json.loads(r[13])), gift_sku=r[14],
        redeemed_sale_id=r[15], redeemed_at=time_of(r[16]))


def coupon_params(c: Coupon) -> dict[str, Any]:
    return {
        "code": c.code, "template_code": c.template_code, "kind": c.kind,
        "amount_fen": c.amount_fen, "rate": rate_text(c.rate),
        "min_spend_fen": c.min_spend_fen, "stackable": int(c.stackable),
        "valid_from": iso(c.valid_from), "valid_to": iso(c.valid_to), "state": c.state.value,
        "issued_at": utc_text(c.issued_at), "member_id": c.member_id,
        "issued_reason": c.issued_reason, "classes": dump_json(list(c.classes)),
        "gift_sku": c.gift_sku, "redeemed_sale_id": c.redeemed_sale_id,
        "redeemed_at": utc(c.redeemed_at),
    }


# --- sales ----------------------------------------------------------------------------------

SALE_COLUMNS = (
    "id", "receipt_no", "kind", "at", "business_date", "store_code", "terminal_code",
    "cashier_id", "total_fen", "rounding_fen", "member_id", "shift_id", "original_sale_id",
    "points_earned", "qualifying_fen", "coupons_redeemed", "applied", "rulepack", "approved_by",
    "member_tier", "birthday",
)
LINE_COLUMNS = (
    "sale_id", "line_no", "sku", "name", "product_class", "category", "qty", "unit_price_fen",
    "list_fen", "discount_fen", "coupon_fen", "final_fen", "points_earned", "reasons",
    "original_line_no", "paid_fen",
)
TENDER_COLUMNS = (
    "sale_id", "tender_no", "kind", "amount_fen", "reference", "points", "wallet_principal_fen",
    "wallet_bonus_fen", "coupon_code", "given_fen", "change_fen",
)


def sale_from_plain(r: Row, lines: Sequence[Row], tenders: Sequence[Row]) -> Sale:
    """`lines` and `tenders` are this sale's rows, in line and tender order."""
    return Sale(
        id=r[0], receipt_no=r[1], kind=SaleKind(r[2]), at=parse_utc(r[3]),
        business_date=_day(r[4]), store_code=r[5], terminal_code=r[6], cashier_id=r[7],
        total_fen=r[8], rounding_fen=r[9], member_id=r[10], shift_id=r[11],
        original_sale_id=r[12], points_earned=r[13], qualifying_fen=r[14],
        coupons_redeemed=tuple(json.loads(r[15])), applied=tuple(json.loads(r[16])),
        rulepack=r[17], approved_by=r[18], member_tier=r[19], birthday=bool(r[20]),
        lines=[_line_from_plain(line) for line in lines],
        tenders=[_tender_from_plain(t) for t in tenders])


def _line_from_plain(r: Row) -> SaleLine:
    return SaleLine(
        line_no=r[1], sku=r[2], name=r[3], product_class=r[4], category=r[5], qty=r[6],
        unit_price_fen=r[7], list_fen=r[8], discount_fen=r[9], coupon_fen=r[10],
        final_fen=r[11], points_earned=r[12], reasons=tuple(json.loads(r[13])),
        original_line_no=r[14], paid_fen=r[15])


def _tender_from_plain(r: Row) -> Tender:
    return Tender(
        kind=TenderKind(r[2]), amount_fen=r[3], reference=r[4], points=r[5],
        wallet_principal_fen=r[6], wallet_bonus_fen=r[7], coupon_code=r[8], given_fen=r[9],
        change_fen=r[10])


# --- catalogue ------------------------------------------------------------------------------

PRODUCT_COLUMNS = ("sku", "name", "price_fen", "product_class", "category", "barcode",
                   "pinyin_initials", "campaign_price_fen", "is_weighed", "active")


def product_from_plain(r: Row) -> Product:
    return Product(
        sku=r[0], name=r[1], price_fen=r[2], product_class=ProductClass(r[3]), category=r[4],
        barcode=r[5], pinyin_initials=r[6], campaign_price_fen=r[7], is_weighed=bool(r[8]),
        active=bool(r[9]))


def sale_plain_params(s: Sale) -> SaleParams:
    """A sale as plain INSERT parameters: db.mapping's, with times, dates and JSON as text."""
    params = sale_params(s)
    header = {**params.header, "at": utc_text(s.at), "business_date": iso(s.business_date),
              "coupons_redeemed": dump_json(params.header["coupons_redeemed"]),
              "applied": dump_json(params.header["applied"]), "birthday": int(s.birthday)}
    lines = [{**line, "reasons": dump_json(line["reasons"])} for line in params.lines]
    return SaleParams(header, lines, params.tenders)


# --- ledgers --------------------------------------------------------------------------------

def points_entry_plain(e: PointsEntry) -> dict[str, Any]:
    return {**points_entry_params(e), "at": utc_text(e.at),
            "business_date": iso(e.business_date), "last_day": iso(e.last_day)}


def wallet_entry_plain(e: WalletEntry) -> dict[str, Any]:
    return {**wallet_entry_params(e), "at": utc_text(e.at),
            "business_date": iso(e.business_date)}


def tier_change_plain(t: TierChange) -> dict[str, Any]:
    return {**tier_change_params(t), "at": utc_text(t.at)}


# --- the store ------------------------------------------------------------------------------

SETTINGS_COLUMNS = (
    "merchant_id", "store_id", "store_code", "store_name", "terminal_id", "terminal_code",
    "region_code", "rulepack", "tz", "day_close", "card_secret_hex", "receipt", "card_brand",
    "cashier_signup",
)


def settings_from_plain(r: Row) -> StoreSettings:
    return StoreSettings(
        merchant_id=r[0], store_id=r[1], store_code=r[2], store_name=r[3], terminal_id=r[4],
        terminal_code=r[5], region_code=r[6], rulepack=r[7], tz=r[8],
        day_close=time.fromisoformat(r[9]), card_secret_hex=r[10], receipt=json.loads(r[11]),
        card_brand=r[12], cashier_signup=bool(r[13]))
