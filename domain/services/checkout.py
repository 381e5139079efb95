"""Pricing a cart for the screen and completing the sale in one store transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from domain import allowances, pricework, pricing
from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain import points as points_rules
from domain import wallet as wallet_rules
from domain.errors import DomainError, NotFound, ValidationError
from domain.events import SaleCompleted
from domain.ports import UnitOfWork
from domain.pricework import CartLine
from domain.records import (
    Coupon,
    Member,
    Sale,
    SaleKind,
    SaleLine,
    Tender,
    TenderKind,
    TierChange,
)
from domain.services import alliance as alliance_sales
from domain.services import cart as carts
from domain.services import maintenance
from domain.services.access import MANAGERS
from domain.services.cart import Cart, TenderRequest
from domain.services.context import ServiceContext, emit
from domain.services.guard import Refused, card_shown_ok, check_approval, guard, pin_proof_ok
from domain.services.members import is_birthday
from domain.services.overrides import audit_overrides, find_overrides, override_subject
from domain.services.proofs import CardShown
from domain.services.sale_effects import member_effects
from domain.services.tenders import Settlement, settle


@dataclass(frozen=True, slots=True)
class Quote:
    """What the cashier sees before payment: prices with reasons, due, tenders, points."""

    priced: pricing.PricedSale
    settlement: Settlement
    earning: points_rules.Earning | None
    member: Member | None
    birthday: bool
    paid: tuple[int, ...]  # money paid per line: final less its share of points and bonus

    @property
    def due_fen(self) -> int:
        return self.priced.total_fen


@dataclass(frozen=True, slots=True)
class Completed:
    """A committed sale and what the receipt says about the member afterwards."""

    sale: Sale
    member: Member | None
    points_balance: int | None
    coupons_issued: tuple[Coupon, ...]
    tier_change: TierChange | None
    expiring: tuple[tuple[date, int], ...]
    wallet_balance_fen: int | None = None  # after a stored-value payment: 卡内余额 on the receipt


def quote(ctx: ServiceContext, cart: Cart) -> Quote:
    """Price the cart and settle its tenders so far, writing nothing (a deferred read).

    Raises:
        DomainError: wallet.pin_required for a wallet tender above the PIN threshold whose
            PIN proof is missing, used, expired or for another member, sale or amount.
    """
    alliance_sales.check_tenders(cart)
    _check_wallet_card(ctx, cart)
    with ctx.reader() as uow:
        q = _evaluate(ctx, uow, cart, partial=True)
    for request, tender in _pin_tenders(ctx, cart, q):
        if not pin_proof_ok(ctx, request.pin_proof, cart.member_id or "", cart.id,
                            tender.amount_fen):
            raise DomainError("wallet.pin_required", amount_fen=tender.amount_fen)
    return q


def points_if_paid(ctx: ServiceContext, cart: Cart, request: TenderRequest | None) -> int | None:
    """What the sale earns if `request` is added to its tenders and the rest is paid in money:
    the same evaluation `complete` makes, so the preview is what the receipt will say (stored
    value's bonus part and points earn nothing, DOMAIN §7, §8). None without a member."""
    trial = replace(cart, tenders=(*cart.tenders, *((request,) if request else ())))
    with ctx.reader() as uow:
        q = _evaluate(ctx, uow, trial, partial=True)
    return q.earning.points if q.earning else None


def _evaluate(ctx: ServiceContext, uow: UnitOfWork, cart: Cart, *, partial: bool) -> Quote:
    today = ctx.local_date()
    member = uow.members.get(cart.member_id) if cart.member_id else None
    birthday = member is not None and is_birthday(ctx, member, today)
    coupons = (alliance_sales.coupons(uow, cart.alliance, cart.coupon_codes, today)
               if cart.alliance else
               [coupon_rules.check_redeemable(uow.coupons.get(code), code, cart.member_id, today)
                for code in cart.coupon_codes])
    shopper = (alliance_sales.shopper(cart.alliance) if cart.alliance else
               _shopper(member, birthday, card_shown_ok(ctx, cart.shown, cart.member_id), today))
    priced = pricing.price_sale(_catalogue_lines(uow, cart.lines), shopper, coupons, ctx.pack,
                                today, cart.ticket)
    balances = uow.members.balances(member.id) if member else None
    settlement = settle(cart.tenders, priced.total_fen, balances, ctx.pack, cart.alliance)
    if not partial and settlement.remaining_fen != 0:
        raise DomainError("sale.unbalanced", remaining_fen=settlement.remaining_fen)
    paid = tuple(points_rules.paid_per_line([ln.final_fen for ln in priced.lines],
                                            settlement.non_money_fen))
    earning = _earn(ctx, member, priced, paid, birthday, today) if member else None
    if cart.alliance is not None:
        earning = alliance_sales.earning(cart.alliance, priced, paid)
    return Quote(priced, settlement, earning, member, birthday, paid)


def _catalogue_lines(uow: UnitOfWork, lines: Sequence[CartLine]) -> list[CartLine]:
    """The cart's lines with each product as the store's catalogue has it now: a cart is plain
    data (held, recalled, built by any caller), so its copy of a price, class or campaign price
    is never what a sale is priced by.

    Raises:
        NotFound: product.unknown, for a product no longer in the catalogue or inactive.
    """
    fresh = []
    for line in lines:
        stored = uow.products.get(line.product.sku)
        if stored is None or not stored.active:
            raise NotFound("product.unknown", code=line.product.sku)
        fresh.append(line if stored == line.product else replace(line, product=stored))
    return fresh


def _shopper(member: Member | None, birthday: bool, card_shown: bool,
             today: date) -> pricework.Shopper | None:
    if member is None:
        return None
    in_force = member.deposit_until is not None and member.deposit_until >= today
    deposit = member.deposit_rate if in_force else None
    return pricework.Shopper(tier=member.tier, birthday=birthday,
                             card_presented=card_shown, deposit_rate=deposit)


def _earn(ctx: ServiceContext, member: Member, priced: pricing.PricedSale,
          paid: tuple[int, ...], birthday: bool, today: date) -> points_rules.Earning:
    lines = [points_rules.EarnLine(ln.line_no, ln.product_class, p)
             for ln, p in zip(priced.lines, paid, strict=True)]
    return points_rules.earn(lines, ctx.pack.tier(member.tier), birthday, today, ctx.pack)


def complete(ctx: ServiceContext, cart: Cart) -> Completed:
    """Commit the sale with its ledgers, coupons, tier change, audit and outbox, or nothing.

    The cashier must be allowed to ring sales; a discount beyond the cashier's limit or a price
    on a line that is not a weighed item's label needs a manager (the cashier's approval, bound
    to those figures, or a manager ringing the sale); a wallet payment above the PIN threshold
    needs the member's PIN proof (domain/services/access.py).
    """
    if not cart.lines:
        raise DomainError("sale.empty")
    check_cart(cart)
    alliance_sales.check_tenders(cart)
    _check_wallet_card(ctx, cart)
    with guard(ctx, "checkout.complete", cart.cashier_id) as grant, ctx.uow() as uow:
        _check_member_card(uow, cart)
        cart = alliance_sales.confirm(ctx, uow, cart)
        if cart.member_id:
            maintenance.bring_up_to_date(ctx, uow, cart.member_id)
        q = _evaluate(ctx, uow, cart, partial=False)
        found = find_overrides(ctx, uow, cart, q.priced)
        if found.any:
            grant.approve(cart.approval, override_subject(cart), uow=uow, reason=found.reason)
        for request, tender in _pin_tenders(ctx, cart, q):
            grant.pin_paid(request.pin_proof, cart.member_id or "", cart.id, tender.amount_fen)
        _check_offline_allowance(ctx, uow, q)
        sale = _build_sale(ctx, uow, cart, q, grant.authority if found.any else None)
        uow.sales.add(sale)
        emit(ctx, uow, SaleCompleted(sale))
        if cart.alliance is not None:
            alliance_sales.record_sale(ctx, uow, cart.alliance, sale, q.settlement.points_spent)
        issued, change = (member_effects(ctx, uow, cart, sale, q.member, q.settlement, q.earning)
                          if q.member else ((), None))
        audit_overrides(ctx, uow, sale, found)
        done = _completed(ctx, uow, sale, q.member, issued, change)
        uow.commit()
    return done


def approval_needed(ctx: ServiceContext, cart: Cart, q: Quote) -> bool:
    """Whether `complete` would now want a manager's approval the cart does not carry (none,
    or one for other figures, used or expired); a manager ringing the sale needs none."""
    with ctx.reader() as uow:
        if not find_overrides(ctx, uow, cart, q.priced).any:
            return False
        actor = uow.staff.get(cart.cashier_id)
        if actor is not None and actor.active and actor.role in MANAGERS:
            return False
        if actor is None or cart.approval is None:
            return True
        try:
            check_approval(ctx, uow, cart.approval, "checkout.complete", actor,
                           override_subject(cart))
        except Refused:
            return True
    return False


def check_cart(cart: Cart) -> None:
    """What the cart's own operations refuse, checked again on the cart as given (a cart is
    plain data any caller can build): quantities, discounts, coupons twice, tenders."""
    for line in cart.lines:
        if line.qty <= 0:
            raise ValidationError("sale.qty_invalid", field="qty", qty=line.qty)
        carts.check_discount(line.manual_discount_fen, line.manual_rate)
    if cart.ticket is not None:
        carts.check_discount(cart.ticket.fen, cart.ticket.rate)
    if len(set(cart.coupon_codes)) != len(cart.coupon_codes):
        raise DomainError("coupon.already_in_sale", code=cart.coupon_codes[-1])
    for tender in cart.tenders:
        carts.check_tender(tender)


def _check_member_card(uow: UnitOfWork, cart: Cart) -> None:
    """The card on the sale (typed, or named by its shown proof) is a usable card of the
    sale's member, and not a staff member's own card at the till they ring up (DOMAIN §4)."""
    shown = cart.shown.card_number if isinstance(cart.shown, CardShown) else None
    for number in {n for n in (cart.card_number, shown) if n}:
        card = card_rules.check_usable(uow.cards.get(number), number)
        member = uow.members.get(card.member_id)
        if member is None or card.member_id != cart.member_id:
            raise DomainError("card.unknown", card_number=number)
        card_rules.check_staff_use(card, member, cart.cashier_id)


def _check_wallet_card(ctx: ServiceContext, cart: Cart) -> None:
    """Paying from the wallet needs the card or the dynamic QR (DOMAIN §8): shown (a proof the
    look-up minted) or its number typed; a member found by mobile has neither at the till,
    whatever PIN they know."""
    if (any(t.kind is TenderKind.WALLET for t in cart.tenders) and cart.card_number is None
            and not card_shown_ok(ctx, cart.shown, cart.member_id)):
        raise DomainError("wallet.card_required")


def _pin_tenders(ctx: ServiceContext, cart: Cart,
                 q: Quote) -> list[tuple[TenderRequest, Tender]]:
    """The wallet payments that need the member's PIN: above the pack's amount, or any amount
    when the card was not swiped or scanned at the till — a number typed by hand is not the
    card (DOMAIN §8). Settle makes one tender per request, in order."""
    shown = card_shown_ok(ctx, cart.shown, cart.member_id)
    return [(request, tender) for request, tender in zip(cart.tenders, q.settlement.tenders,
                                                         strict=False)
            if tender.kind is TenderKind.WALLET
            and (not shown or wallet_rules.needs_pin(tender.amount_fen, ctx.pack.wallet))]


def _check_offline_allowance(ctx: ServiceContext, uow: UnitOfWork, q: Quote) -> None:
    """Issue 4 hook: a till out of touch with head office spends points and stored value only
    within its offline allowance (domain/allowances.py); the sale's transaction records it."""
    if q.member is not None:
        spend = allowances.Spend(q.settlement.points_spent, q.settlement.wallet_principal_fen
                                 + q.settlement.wallet_bonus_fen)
        allowances.guard(uow.offline, q.member.id, spend, ctx.today(), ctx.now(), ctx.pack.offline)


def _build_sale(ctx: ServiceContext, uow: UnitOfWork, cart: Cart, q: Quote,
                approved_by: str | None) -> Sale:
    settings = uow.settings.get()
    number = uow.counters.next("receipt")
    per_line = dict(q.earning.per_line) if q.earning else {}
    lines = [SaleLine(line_no=ln.line_no, sku=ln.sku, name=ln.name,
                      product_class=ln.product_class.value, category=ln.category, qty=ln.qty,
                      unit_price_fen=ln.unit_price_fen, list_fen=ln.list_fen,
                      discount_fen=ln.campaign_fen + ln.member_fen + ln.manual_fen,
                      coupon_fen=ln.coupon_fen, final_fen=ln.final_fen,
                      points_earned=per_line.get(ln.line_no, 0), reasons=ln.reasons,
                      paid_fen=p)
             for ln, p in zip(q.priced.lines, q.paid, strict=True)]
    return Sale(
        id=cart.id, receipt_no=f"{settings.store_code}-{settings.terminal_code}-{number:06d}",
        kind=SaleKind.SALE, at=ctx.now(), business_date=ctx.today(),
        store_code=settings.store_code, terminal_code=settings.terminal_code,
        cashier_id=cart.cashier_id, lines=lines, tenders=list(q.settlement.tenders),
        total_fen=q.priced.total_fen, rounding_fen=q.priced.rounding_fen,
        member_id=cart.member_id, shift_id=cart.shift_id,
        points_earned=q.earning.points if q.earning else 0,
        qualifying_fen=q.priced.total_fen - q.settlement.non_money_fen,
        coupons_redeemed=q.priced.coupons, applied=(*q.priced.applied, *_alliance_note(cart, q)),
        rulepack=ctx.pack.name,
        approved_by=approved_by, member_tier=q.member.tier if q.member else "",
        birthday=q.birthday)


def _alliance_note(cart: Cart, q: Quote) -> tuple[dict[str, Any], ...]:
    if cart.alliance is None:
        return ()
    return (alliance_sales.explanation(cart.alliance, q.settlement.points_spent,
                                       q.earning.points if q.earning else 0),)


def _completed(ctx: ServiceContext, uow: UnitOfWork, sale: Sale, member: Member | None,
               issued: tuple[Coupon, ...], change: TierChange | None) -> Completed:
    if member is None:
        return Completed(sale, None, None, issued, change, ())
    today = ctx.local_date()
    lots = uow.points.lots(member.id)
    expiring = tuple(points_rules.expiring_soon(lots, today, ctx.pack.points.warn_days))
    balances = uow.members.balances(member.id)
    wallet = (balances.wallet_principal_fen + balances.wallet_bonus_fen
              if any(t.kind is TenderKind.WALLET for t in sale.tenders) else None)
    return Completed(sale, uow.members.get(member.id), balances.points, issued, change, expiring,
                     wallet)
