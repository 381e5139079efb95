"""What a completed sale does for its member: points, stored value, coupons and tier."""

from __future__ import annotations

from domain import coupons as coupon_rules
from domain import points as points_rules
from domain import tiers
from domain.events import CouponRedeemed
from domain.ports import UnitOfWork
from domain.records import Coupon, Member, Sale, TierChange
from domain.services import maintenance
from domain.services.cart import Cart
from domain.services.context import ServiceContext, emit
from domain.services.ledger import Posting, credit_points, debit_points, post_wallet
from domain.services.members import issue_coupon
from domain.services.tenders import Settlement


def member_effects(ctx: ServiceContext, uow: UnitOfWork, cart: Cart, sale: Sale, member: Member,
                   settlement: Settlement, earning: points_rules.Earning | None
                   ) -> tuple[tuple[Coupon, ...], TierChange | None]:
    """Points spent and earned, wallet drawn, coupons used and won, tier upgrade."""
    member_id = member.id
    post = Posting(member_id, "spend", cart.cashier_id, sale.id)
    if settlement.points_spent:
        debit_points(ctx, uow, post, settlement.points_spent)
    if settlement.wallet_principal_fen or settlement.wallet_bonus_fen:
        post_wallet(ctx, uow, Posting(member_id, "payment", cart.cashier_id, sale.id),
                    -settlement.wallet_principal_fen, -settlement.wallet_bonus_fen)
    _redeem_coupons(ctx, uow, sale)
    if earning and earning.points > 0:
        credit_points(ctx, uow, Posting(member_id, "earn", cart.cashier_id, sale.id),
                      earning.points)
    # Measured on money paid (DOMAIN §5's qualifying spend): points used as cash and wallet
    # bonus are the store's own money, and a coupon has already come off the total.
    won = coupon_rules.spend_and_get(sale.qualifying_fen, ctx.pack.coupons)
    issued = (issue_coupon(ctx, uow, won.code, member_id, won_reason(sale.id)),) if won else ()
    return issued, _upgrade(ctx, uow, member, sale)


def _redeem_coupons(ctx: ServiceContext, uow: UnitOfWork, sale: Sale) -> None:
    for code in sale.coupons_redeemed:
        coupon = uow.coupons.get(code)
        assert coupon is not None  # checked redeemable in checkout's _evaluate, same transaction
        uow.coupons.save(coupon_rules.redeem(coupon, sale.id, sale.at))
        emit(ctx, uow, CouponRedeemed(code, sale.member_id, sale.id, sale.at))


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
