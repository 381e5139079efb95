"""Pricing a cart for the screen and completing the sale in one store transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import allowances, pricing, tiers
from domain import coupons as coupon_rules
from domain import points as points_rules
from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.records import Coupon, Member, Sale, SaleKind, SaleLine, TierChange
from domain.services import maintenance
from domain.services.cart import Cart
from domain.services.context import ServiceContext, audit, emit
from domain.services.ledger import Posting, credit_points, debit_points, post_wallet
from domain.services.members import is_birthday, issue_coupon
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


def quote(ctx: ServiceContext, cart: Cart) -> Quote:
    """Price the cart and settle its tenders so far, writing nothing (a deferred read)."""
    with ctx.reader() as uow:
        return _evaluate(ctx, uow, cart, partial=True)


def _evaluate(ctx: ServiceContext, uow: UnitOfWork, cart: Cart, *, partial: bool) -> Quote:
    today = ctx.local_date()
    member = uow.members.get(cart.member_id) if cart.member_id else None
    birthday = member is not None and is_birthday(ctx, member, today)
    coupons = [coupon_rules.check_redeemable(uow.coupons.get(code), code, cart.member_id, today)
               for code in cart.coupon_codes]
    shopper = _shopper(member, birthday, cart, today)
    priced = pricing.price_sale(cart.lines, shopper, coupons, ctx.pack, today)
    balances = uow.members.balances(member.id) if member else None
    settlement = settle(cart.tenders, priced.total_fen, balances, ctx.pack)
    if not partial and settlement.remaining_fen != 0:
        raise DomainError("sale.unbalanced", remaining_fen=settlement.remaining_fen)
    paid = tuple(points_rules.paid_per_line([ln.final_fen for ln in priced.lines],
                                            settlement.non_money_fen))
    earning = _earn(ctx, member, priced, paid, birthday, today) if member else None
    return Quote(priced, settlement, earning, member, birthday, paid)


def _shopper(member: Member | None, birthday: bool, cart: Cart,
             today: date) -> pricing.Shopper | None:
    if member is None:
        return None
    in_force = member.deposit_until is not None and member.deposit_until >= today
    deposit = member.deposit_rate if in_force else None
    return pricing.Shopper(tier=member.tier, birthday=birthday,
                           card_presented=cart.card_number is not None, deposit_rate=deposit)


def _earn(ctx: ServiceContext, member: Member, priced: pricing.PricedSale,
          paid: tuple[int, ...], birthday: bool, today: date) -> points_rules.Earning:
    lines = [points_rules.EarnLine(ln.line_no, ln.product_class, p)
             for ln, p in zip(priced.lines, paid, strict=True)]
    return points_rules.earn(lines, ctx.pack.tier(member.tier), birthday, today, ctx.pack)


def complete(ctx: ServiceContext, cart: Cart) -> Completed:
    """Commit the sale with its ledgers, coupons, tier change, audit and outbox, or nothing."""
    if not cart.lines:
        raise DomainError("sale.empty")
    with ctx.uow() as uow:
        if cart.member_id:
            maintenance.bring_up_to_date(ctx, uow, cart.member_id)
        q = _evaluate(ctx, uow, cart, partial=False)
        _check_manual_discounts(ctx, q, cart)
        _check_offline_allowance(ctx, uow, q)
        sale = _build_sale(ctx, uow, cart, q)
        uow.sales.add(sale)
        emit(ctx, uow, "sale.completed", sale, member_id=sale.member_id)
        issued, change = (_member_effects(ctx, uow, cart, q, sale) if q.member else ((), None))
        if cart.approved_by:
            audit(ctx, uow, "override_discount", cart.cashier_id, target=sale.receipt_no,
                  approved_by=cart.approved_by)
        done = _completed(ctx, uow, sale, q.member, issued, change)
        uow.commit()
    return done


def _check_manual_discounts(ctx: ServiceContext, q: Quote, cart: Cart) -> None:
    if cart.approved_by is None and not pricing.manual_discount_allowed(q.priced, ctx.pack):
        raise DomainError("sale.manager_required", reason="manual_discount")


def _check_offline_allowance(ctx: ServiceContext, uow: UnitOfWork, q: Quote) -> None:
    """Issue 4 hook: a till out of touch with head office spends points and stored value only
    within its offline allowance (domain/allowances.py); the sale's transaction records it."""
    if q.member is not None:
        spend = allowances.Spend(q.settlement.points_spent, q.settlement.wallet_principal_fen
                                 + q.settlement.wallet_bonus_fen)
        allowances.guard(uow, q.member.id, spend, ctx.today(), ctx.now(), ctx.pack.offline)


def _build_sale(ctx: ServiceContext, uow: UnitOfWork, cart: Cart, q: Quote) -> Sale:
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
        coupons_redeemed=q.priced.coupons, applied=q.priced.applied, rulepack=ctx.pack.name,
        approved_by=cart.approved_by, member_tier=q.member.tier if q.member else "",
        birthday=q.birthday)


def _member_effects(ctx: ServiceContext, uow: UnitOfWork, cart: Cart, q: Quote,
                    sale: Sale) -> tuple[tuple[Coupon, ...], TierChange | None]:
    """Points spent and earned, wallet drawn, coupons used and won, tier upgrade."""
    assert q.member is not None
    member_id = q.member.id
    post = Posting(member_id, "spend", cart.cashier_id, sale.id)
    if q.settlement.points_spent:
        debit_points(ctx, uow, post, q.settlement.points_spent)
    if q.settlement.wallet_principal_fen or q.settlement.wallet_bonus_fen:
        post_wallet(ctx, uow, Posting(member_id, "payment", cart.cashier_id, sale.id),
                    -q.settlement.wallet_principal_fen, -q.settlement.wallet_bonus_fen)
    _redeem_coupons(ctx, uow, sale)
    if q.earning and q.earning.points > 0:
        credit_points(ctx, uow, Posting(member_id, "earn", cart.cashier_id, sale.id),
                      q.earning.points)
    won = coupon_rules.spend_and_get(sale.total_fen, ctx.pack.coupons)
    issued = (issue_coupon(ctx, uow, won.code, member_id, won_reason(sale.id)),) if won else ()
    return issued, _upgrade(ctx, uow, q.member, sale)


def _redeem_coupons(ctx: ServiceContext, uow: UnitOfWork, sale: Sale) -> None:
    for code in sale.coupons_redeemed:
        coupon = uow.coupons.get(code)
        assert coupon is not None  # checked redeemable in _evaluate, same transaction
        uow.coupons.save(coupon_rules.redeem(coupon, sale.id, sale.at))
        emit(ctx, uow, "coupon.redeemed", {"code": code, "member_id": sale.member_id,
                                           "sale_id": sale.id, "at": sale.at.isoformat()},
             member_id=sale.member_id)


def _upgrade(ctx: ServiceContext, uow: UnitOfWork, member: Member,
             sale: Sale) -> TierChange | None:
    """The sale that meets an entry rule lifts the tier at once; its price stays (DOMAIN §5)."""
    history = maintenance.spend_history(ctx, uow, member.id, sale.business_date)
    new = tiers.upgrade_for_sale(member.tier, sale.qualifying_fen, history, sale.business_date,
                                 ctx.pack)
    if new is None:
        return None
    # Dated with the sale's own time: a void finds the upgrade its sale made by it.
    return maintenance.change_tier(ctx, uow, member, new.name, "upgrade", sale.business_date,
                                   at=sale.at)


def won_reason(sale_id: str) -> str:
    """The issued_reason of a spend-and-get coupon: it names the sale that won it, so a void
    can withdraw it (reports count it by the part before the colon)."""
    return f"spend_and_get:{sale_id}"


def _completed(ctx: ServiceContext, uow: UnitOfWork, sale: Sale, member: Member | None,
               issued: tuple[Coupon, ...], change: TierChange | None) -> Completed:
    if member is None:
        return Completed(sale, None, None, issued, change, ())
    today = ctx.local_date()
    lots = uow.points.lots(member.id)
    expiring = tuple(points_rules.expiring_soon(lots, today, ctx.pack.points.warn_days))
    return Completed(sale, uow.members.get(member.id), uow.members.balances(member.id).points,
                     issued, change, expiring)
