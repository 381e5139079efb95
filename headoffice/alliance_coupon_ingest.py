"""Head office's side of an issuer's coupon redeemed at a partner (issue 15 rule 4,
docs/alliance.md): checked whatever the till says, marked redeemed, settled once.

A coupon must be the issuer's, held by the card's member, of a template the agreement lists,
valid on the sale's business date, and the amount taken off at most its face: else the whole
trade is refused (quarantine and a case, like every trade refusal). A coupon already redeemed
by another sale (offline at two tills) is kept as sold with a `coupon.double_redeemed` case
and no second settlement entry: the alliance pays for a coupon once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from domain.alliance import Agreement
from domain.alliance_settlement import EntryKind
from domain.errors import DomainError
from headoffice.alliance import NewEntry, record_entry
from headoffice.batch import Batch
from headoffice.cases import open_case
from headoffice.tables import coupons
from sync.payloads import AllianceCouponUseV1, AllianceTradeV1


@dataclass(frozen=True, slots=True)
class Use:
    """One coupon of a trade, checked: `first` unless another sale redeemed it before."""

    coupon: AllianceCouponUseV1
    row: Any
    first: bool


def check(b: Batch, p: AllianceTradeV1, member_id: str, issuer_id: str,
          agreement: Agreement) -> list[Use]:
    """The trade's coupons that are new to head office (a repeated event's are skipped)."""
    if p.coupons and p.original_sale_id is not None:  # a return gives none back yet
        raise _refused(p.coupons[0].code, "return")
    found = []
    for use in p.coupons:
        row: Any = b.conn.execute(sa.select(coupons).where(coupons.c.code == use.code)).first()
        _check_one(b, p, use, row, member_id, issuer_id, agreement)
        if row.state == "redeemed" and row.redeemed_sale_id == p.sale_id:
            continue
        found.append(Use(use, row, first=row.state != "redeemed"))
    return found


def _check_one(b: Batch, p: AllianceTradeV1, use: AllianceCouponUseV1, row: Any,
               member_id: str, issuer_id: str, agreement: Agreement) -> None:
    if (row is None or row.merchant_id != issuer_id
            or b.canonical(row.member_id) != member_id):
        raise _refused(use.code, "not_the_members")
    body = row.body or {}
    if row.template_code not in agreement.coupon_templates or body.get("kind") != "cash":
        raise _refused(use.code, "not_honoured")
    if not 0 < use.amount_fen <= int(body.get("amount_fen", 0)):
        raise _refused(use.code, "amount")
    day = p.business_date.isoformat()
    if not str(body.get("valid_from", "")) <= day <= str(body.get("valid_to", "")):
        raise _refused(use.code, "not_valid_that_day")
    if row.state == "void":
        raise _refused(use.code, "void")


def _refused(code: str, why: str) -> DomainError:
    return DomainError("alliance.coupon_refused", code=code, reason=why)


def settle(b: Batch, p: AllianceTradeV1, uses: list[Use], alliance: str, partner: str,
           member_id: str, issuer_id: str) -> None:
    """Mark each first redemption at head office (the issuer's stores following the member
    hear of it) and record its settlement entry, source = the coupon; a second one opens a
    case for the issuer instead."""
    for use in uses:
        if not use.first:
            open_case(b, "coupon.double_redeemed", member_id, 0, {
                "code": use.coupon.code, "first_sale_id": use.row.redeemed_sale_id,
                "second_sale_id": p.sale_id, "store_id": b.terminal.store_id,
                "partner": partner}, merchant_id=issuer_id)
            continue
        _redeem(b, p, use)
        record_entry(b.conn, alliance, NewEntry(
            kind=EntryKind.COUPON_FUNDED_REDEEMED.value, issuer=p.issuer, partner=partner,
            occurred_on=p.business_date, source=use.coupon.code,
            amount_fen=use.coupon.amount_fen, note=f"sale {p.sale_id}"), b.now)
        b.feed.stores(b.followers(member_id), "coupon", use.coupon.code)


def _redeem(b: Batch, p: AllianceTradeV1, use: Use) -> None:
    body = {**(use.row.body or {}), "state": "redeemed", "redeemed_sale_id": p.sale_id,
            "redeemed_at": p.at.isoformat()}
    b.conn.execute(coupons.update().where(coupons.c.code == use.coupon.code).values(
        state="redeemed", redeemed_sale_id=p.sale_id, redeemed_store_id=b.terminal.store_id,
        body=body, version=coupons.c.version + 1))
