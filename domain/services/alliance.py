"""An alliance member of another merchant at this partner's till: recognised from the roster,
priced by the agreement in force, earning and spending the issuer's points (docs/alliance.md).

The service is the boundary: the screen asks here and shows what it is told; checkout prices
and completes the sale through these functions, whatever the cart says.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from domain import alliance_card, allowances, dynamicqr, pricework, pricing
from domain import points as points_rules
from domain.alliance import AgreementError, PartnerTerms, partner_terms
from domain.alliance_card import AllianceMember
from domain.catalog import ProductClass
from domain.errors import DomainError
from domain.events import AllianceCouponUse, AllianceTrade
from domain.ids import new_id_str
from domain.money import split_int
from domain.ports import UnitOfWork
from domain.records import Coupon, Sale, TenderKind
from domain.services.cart import Cart
from domain.services.context import ServiceContext, emit

APPLIED_CODE = "alliance.member"  # the sale's explanation that names the issuer's member


def recognise(ctx: ServiceContext, number: str) -> AllianceMember:
    """The card as an alliance member of its issuer, from what this till holds (offline too).

    Raises:
        DomainError: alliance.card_not_recognised (no agreement honours its brand, or its
            member did not consent, or the card is blocked or replaced), or
            alliance.no_agreement_today (the agreement is not in force on the business date).
    """
    with ctx.reader() as uow:
        return recognise_in(uow, number.strip(), ctx.today())


def recognise_in(uow: UnitOfWork, number: str, day: date) -> AllianceMember:
    return alliance_card.recognise(uow.alliance.card(number), number, held_terms(uow), day)


def held_terms(uow: UnitOfWork) -> list[PartnerTerms]:
    """The agreements this till holds; one it cannot read is left out (never honoured)."""
    found = []
    for data in uow.alliance.terms():
        try:
            found.append(partner_terms(data))
        except AgreementError:
            continue
    return found


def honours(ctx: ServiceContext, number: str) -> bool:
    """Whether an agreement held here is about cards of this number's brand."""
    with ctx.reader() as uow:
        return any(t.issuer_brand == number[:2] for t in held_terms(uow)) if number else False


def read_qr(ctx: ServiceContext, code: str) -> dynamicqr.QrToken:
    """An issuer's member's phone code (KK2), verified with that issuer's public QR keys only
    (this till could never make one) and as fresh as this till's pack allows; replay is the
    caller's `SeenNonces`, as for our own codes.

    Raises:
        DomainError: alliance.qr_not_honoured (this till holds no key of the issuer),
            card.qr_bad_signature, card.qr_expired, card.qr_from_future, card.qr_malformed.
    """
    brand = dynamicqr.claimed_number(code)[:2]
    check = ctx.issuer_qr_verify
    if check is None:
        raise DomainError("alliance.qr_not_honoured", brand=brand)
    return dynamicqr.read_payload(code, ctx.now(), lambda message, signature: check(
        brand, message, signature), ctx.pack.cards.dynamic_qr_ttl_s)


def attach(ctx: ServiceContext, cart: Cart, number: str) -> Cart:
    """Put the card's alliance membership on the sale, in place of any member of ours."""
    found = recognise(ctx, number)
    return replace(cart, alliance=found, member_id=None, card_number=None, shown=None)


def detach(cart: Cart) -> Cart:
    return replace(cart, alliance=None)


def shopper(member: AllianceMember) -> pricework.Shopper:
    """The pricing shopper: the agreement's class rates, not a tier of this merchant."""
    return pricework.Shopper(tier=member.card.tier, birthday=False, card_presented=True,
                             class_rates=member.rates())


def earning(member: AllianceMember, priced: pricing.PricedSale,
            paid: tuple[int, ...]) -> points_rules.Earning:
    """The issuer's points the sale earns, apportioned over the earning lines by money paid."""
    lines = [(ln.line_no, ln.product_class, p) for ln, p in zip(priced.lines, paid, strict=True)]
    earns = [(no, fen) for no, klass, fen in lines
             if klass not in alliance_card.NO_EARN_CLASSES and fen > 0]
    points = alliance_card.points_earned(member, [(k, f) for _, k, f in lines])
    shares = split_int(points, [fen for _, fen in earns]) if earns else []
    eligible = sum(fen for _, fen in earns)
    reason = {"code": "points.alliance", "params": {
        "issuer": member.terms.issuer_name,
        "points_per_yuan": member.terms.agreement.points_per_yuan}}
    return points_rules.Earning(points=points, base_points=points, eligible_fen=eligible,
                                multiplier=Decimal(1),
                                per_line=tuple(zip([no for no, _ in earns], shares, strict=True)),
                                reasons=(reason,))


def coupons(uow: UnitOfWork, member: AllianceMember, codes: tuple[str, ...],
            day: date) -> list[Coupon]:
    """The sale's coupons when an issuer's member is on it: each must be one of the issuer's
    coupons held here for that card (alliance_card.check_coupon); a coupon of ours needs a
    member of ours, so none is taken beside them."""
    return [alliance_card.check_coupon(uow.alliance.coupon(code), code, member, day)
            for code in codes]


def use_coupons(uow: UnitOfWork, sale: Sale) -> None:
    """Mark the issuer's coupons the sale took as used here: a second use at this till is
    refused at once (head office refuses one used at two tills)."""
    for code in sale.coupons_redeemed:
        uow.alliance.use_coupon(code, sale.id)


def check_tenders(cart: Cart) -> None:
    """Stored value never crosses merchants: a wallet tender on another merchant's card is
    refused before anything else is asked of it."""
    if cart.alliance is not None and any(t.kind is TenderKind.WALLET for t in cart.tenders):
        raise DomainError("alliance.wallet_not_here", issuer=cart.alliance.card.issuer)


def confirm(ctx: ServiceContext, uow: UnitOfWork, cart: Cart) -> Cart:
    """At completion, the card still on the roster and an agreement in force on the sale's
    business date (a cart is plain data: held overnight, or built by any caller)."""
    if cart.alliance is None:
        return cart
    return replace(cart, alliance=recognise_in(uow, cart.alliance.card.card_number,
                                               ctx.today()))


def explanation(member: AllianceMember, points_spent: int, points_earned: int) -> dict[str, Any]:
    """The sale-level explanation kept with the sale: whose member it was and under which
    agreement (a return reverses the issuer's figures from it)."""
    return {"code": APPLIED_CODE, "params": {
        "issuer": member.card.issuer, "issuer_name": member.terms.issuer_name,
        "card_number": member.card.card_number,
        "issuer_member_id": member.card.issuer_member_id, "name_masked": member.card.name_masked,
        "tier": member.card.tier, "agreement_id": member.terms.id,
        "points_per_yuan": member.terms.agreement.points_per_yuan,
        "point_value_fen": member.terms.agreement.point_value_fen,
        "points_spent": points_spent, "points_earned": points_earned}}


def note_of(sale: Sale) -> dict[str, Any] | None:
    """The alliance member a sale was made to (its explanation's figures), or None."""
    return next((dict(a["params"]) for a in sale.applied if a.get("code") == APPLIED_CODE),
                None)


def taken_back(note: dict[str, Any], original: Sale, returns: list[Sale]) -> int:
    """Issuer points a return takes back: what the sale earned less what the lines kept
    (after every return so far, this one included) earn under the same agreement."""
    kept = 0
    for src in original.lines:
        if ProductClass(src.product_class) in alliance_card.NO_EARN_CLASSES:
            continue
        kept += src.paid_fen + sum(ln.paid_fen for s in returns for ln in s.lines
                                   if ln.original_line_no == src.line_no)
    keeps = (max(kept, 0) // 100) * int(note["points_per_yuan"])
    already = -sum(s.points_earned for s in returns[:-1])
    return max(original.points_earned - already - keeps, 0)


def record_return(ctx: ServiceContext, uow: UnitOfWork, note: dict[str, Any], original: Sale,
                  refund: Sale, *, full: bool = False) -> None:
    """Tell head office of a return to the issuer's member: the negative figures reverse
    the issuer's points and the settlement entries of the sale (as far as returned); the
    return that completes a full return gives the issuer's coupons back, as ours."""
    spent_back = sum(t.points for t in refund.tenders if t.kind is TenderKind.POINTS)
    back = coupon_uses(original) if full else ()
    for use in back:
        uow.alliance.use_coupon(use.code, None)
    emit(ctx, uow, AllianceTrade(
        sale_id=refund.id, original_sale_id=original.id, issuer=note["issuer"],
        card_number=note["card_number"], issuer_member_id=note["issuer_member_id"],
        agreement_id=note["agreement_id"], at=refund.at, business_date=refund.business_date,
        sale_fen=refund.total_fen, points_earned=refund.points_earned, points_spent=spent_back,
        earn_entry_id=new_id_str(), spend_entry_id=new_id_str(),
        coupons=tuple(replace(use, amount_fen=-use.amount_fen) for use in back)))


def record_sale(ctx: ServiceContext, uow: UnitOfWork, member: AllianceMember,
                sale: Sale, points_spent: int) -> None:
    """Bound the issuer's points spent by the offline allowance, as at the issuer's own
    stores, and tell head office (the issuer's ledger and the settlement follow there)."""
    allowances.guard(uow.offline, member.card.issuer_member_id,
                     allowances.Spend(points_spent, 0), ctx.today(), ctx.now(),
                     ctx.pack.offline)
    use_coupons(uow, sale)
    emit(ctx, uow, AllianceTrade(
        sale_id=sale.id, original_sale_id=None, issuer=member.card.issuer,
        card_number=member.card.card_number, issuer_member_id=member.card.issuer_member_id,
        agreement_id=member.terms.id, at=sale.at, business_date=sale.business_date,
        sale_fen=sale.total_fen, points_earned=sale.points_earned, points_spent=points_spent,
        earn_entry_id=new_id_str(), spend_entry_id=new_id_str(), coupons=coupon_uses(sale)))


def coupon_uses(sale: Sale) -> tuple[AllianceCouponUse, ...]:
    """What each issuer coupon took off the sale (pricing's `coupon.applied` notes): never
    more than was due, so the issuer funds no more than the customer was given."""
    return tuple(AllianceCouponUse(str(a["params"]["coupon"]), int(a["params"]["off_fen"]))
                 for a in sale.applied if a.get("code") == "coupon.applied")
