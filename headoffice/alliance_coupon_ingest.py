"""Head office's side of an issuer's coupon redeemed at a partner (issue 15 rule 4,
docs/alliance.md): checked whatever the till says, marked redeemed, settled once.

A coupon must be the issuer's, held by the card's member, of a template the agreement lists,
valid on the sale's business date, and the amount taken off at most its face: else the whole
trade is refused (quarantine and a case, like every trade refusal). A coupon already redeemed
by another sale (offline at two tills) is kept as sold with a `coupon.double_redeemed` case
and no second settlement entry: the alliance pays for a coupon once. A full return at the
partner gives the coupon back: restored, with the mirror entry under `code:return-sale-id`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from domain.alliance import Agreement
from domain.alliance_settlement import EntryKind
from domain.errors import DomainError
from headoffice.alliance_settlement import NewEntry, record_entry
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
    back: bool = False  # a full return giving it back


def check(b: Batch, p: AllianceTradeV1, member_id: str, issuer_id: str,
          agreement: Agreement) -> list[Use]:
    """The trade's coupons that are new to head office (a repeated event's are skipped). A
    return gives back only a coupon its sale redeemed first (the other had no entry)."""
    found = []
    for use in p.coupons:
        row: Any = b.conn.execute(sa.select(coupons).where(coupons.c.code == use.code)).first()
        if p.original_sale_id is not None:
            _check_owner(b, use, row, member_id, issuer_id)
            if use.amount_fen >= 0:
                raise _refused(use.code, "amount")
            if row.state == "redeemed" and row.redeemed_sale_id == p.original_sale_id:
                found.append(Use(use, row, first=True, back=True))
            continue
        _check_one(b, p, use, row, member_id, issuer_id, agreement)
        if row.state == "redeemed" and row.redeemed_sale_id == p.sale_id:
            continue
        found.append(Use(use, row, first=row.state != "redeemed"))
    return found


def _check_owner(b: Batch, use: AllianceCouponUseV1, row: Any, member_id: str,
                 issuer_id: str) -> None:
    if (row is None or row.merchant_id != issuer_id
            or b.canonical(row.member_id) != member_id):
        raise _refused(use.code, "not_the_members")


def _check_one(b: Batch, p: AllianceTradeV1, use: AllianceCouponUseV1, row: Any,
               member_id: str, issuer_id: str, agreement: Agreement) -> None:
    _check_owner(b, use, row, member_id, issuer_id)
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
        _restore(b, use) if use.back else _redeem(b, p, use)
        source = f"{use.coupon.code}:{p.sale_id}" if use.back else use.coupon.code
        record_entry(b.conn, alliance, NewEntry(
            kind=EntryKind.COUPON_FUNDED_REDEEMED.value, issuer=p.issuer, partner=partner,
            occurred_on=p.business_date, source=source,
            amount_fen=use.coupon.amount_fen, note=f"sale {p.sale_id}"), b.now)
        b.feed.stores(b.followers(member_id), "coupon", use.coupon.code)


def _redeem(b: Batch, p: AllianceTradeV1, use: Use) -> None:
    body = {**(use.row.body or {}), "state": "redeemed", "redeemed_sale_id": p.sale_id,
            "redeemed_at": p.at.isoformat()}
    b.conn.execute(coupons.update().where(coupons.c.code == use.coupon.code).values(
        state="redeemed", redeemed_sale_id=p.sale_id, redeemed_store_id=b.terminal.store_id,
        body=body, version=coupons.c.version + 1))


def _restore(b: Batch, use: Use) -> None:
    """The sale that used it was returned in full: the coupon may be used again."""
    body = {**(use.row.body or {}), "state": "issued", "redeemed_sale_id": None,
            "redeemed_at": None}
    b.conn.execute(coupons.update().where(coupons.c.code == use.coupon.code).values(
        state="issued", redeemed_sale_id=None, redeemed_store_id=None, body=body,
        version=coupons.c.version + 1))
