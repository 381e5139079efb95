"""Bonus points, manual adjustments, and spending points on gifts and vouchers (DOMAIN §7)."""

from __future__ import annotations

from dataclasses import replace

from domain import allowances, card_data, reasons
from domain.errors import DomainError, NotFound, ValidationError
from domain.ports import UnitOfWork
from domain.records import Coupon, CouponKind, CouponTemplate, Gift, PointsEntry
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard
from domain.services.ledger import Posting, credit_points, debit_points, take_back_points
from domain.services.maintenance import bring_up_to_date
from domain.services.members import issue_coupon
from domain.services.proofs import Approval

BONUS_REASONS = reasons.BONUS_REASONS


def bonus_points(ctx: ServiceContext, member_id: str, reason: str, staff_id: str,
                 points: int | None = None) -> PointsEntry:
    """Bonus for sharing, a review, a check-in...; the pack says how many unless given."""
    if reason not in BONUS_REASONS:
        raise ValidationError("points.bonus_reason", field="reason", reason=reason)
    amount = _pack_bonus(ctx, reason) if points is None else points
    if amount <= 0:
        raise ValidationError("points.bonus_amount", field="points", points=amount)
    with guard(ctx, "rewards.bonus_points", staff_id), ctx.uow() as uow:
        _require_member(uow, member_id)
        entry = credit_points(ctx, uow, Posting(member_id, "bonus", staff_id, reason=reason),
                              amount, source="bonus")
        assert entry is not None
        uow.commit()
    return entry


def _pack_bonus(ctx: ServiceContext, reason: str) -> int:
    rules = ctx.pack.points
    return {"referral": rules.referral_bonus, "share": rules.share_bonus,
            "review": rules.review_bonus, "checkin": rules.checkin_bonus}.get(reason, 0)


def check_adjustment(points: int, reason: str) -> str:
    """A manual adjustment's rules, the till's and head office's console alike: a reason
    (with no card number in it: it is kept in the ledger and the audit trail) and a non-zero
    amount; the reason stripped."""
    if not reason.strip():
        raise ValidationError("points.reason_required", field="reason")
    card_data.check_text("reason", reason)
    if points == 0:
        raise ValidationError("points.adjust_zero", field="points")
    return reason.strip()


def adjust_points(ctx: ServiceContext, member_id: str, points: int, reason: str,
                  staff_id: str) -> PointsEntry:
    """A manual adjustment, up or down, by a manager (DOMAIN §1: the front desk and the till
    may not), with a reason; audited."""
    check_adjustment(points, reason)
    with guard(ctx, "rewards.adjust_points", staff_id), ctx.uow() as uow:
        _require_member(uow, member_id)
        post = Posting(member_id, "adjust", staff_id, reason=reason.strip())
        if points > 0:
            entry = credit_points(ctx, uow, post, points, source="adjust")
        else:
            entry = take_back_points(ctx, uow, post, -points)
        assert entry is not None
        audit(ctx, uow, "points_adjusted", staff_id, target=member_id, approved_by=staff_id,
              points=points, reason=reason.strip())
        uow.commit()
    return entry


def redeem_gift(ctx: ServiceContext, member_id: str, gift_code: str, staff_id: str) -> Gift:
    """Hand over a gift for its points price; stock goes down in the same transaction."""
    with guard(ctx, "rewards.redeem_gift", staff_id), ctx.uow() as uow:
        _require_member(uow, member_id)
        bring_up_to_date(ctx, uow, member_id)
        gift = uow.gifts.get(gift_code)
        if gift is None or not gift.active:
            raise NotFound("gift.unknown", code=gift_code)
        if gift.stock <= 0:
            raise DomainError("gift.out_of_stock", code=gift_code)
        _check_spend(uow.members.balances(member_id).points, gift.points_price)
        _offline_spend(ctx, uow, member_id, gift.points_price)
        debit_points(ctx, uow, Posting(member_id, "gift", staff_id, reason=gift.code),
                     gift.points_price)
        left = replace(gift, stock=gift.stock - 1)
        uow.gifts.save(left)
        audit(ctx, uow, "gift_redeemed", staff_id, target=member_id, gift=gift.code,
              points=gift.points_price)
        uow.commit()
    return left


def redeem_voucher(ctx: ServiceContext, member_id: str, points: int, staff_id: str) -> Coupon:
    """Exchange points for a cash voucher from the pack's table (2000 → ¥50, ...)."""
    voucher = next((v for v in ctx.pack.points.vouchers if v.points == points), None)
    if voucher is None:
        raise ValidationError("points.voucher_unknown", field="points", points=points,
                              offered=[v.points for v in ctx.pack.points.vouchers])
    template = CouponTemplate(code=f"PTS{voucher.points}", name=f"points-{voucher.points}",
                              kind=CouponKind.CASH, amount_fen=voucher.amount_fen,
                              valid_days=voucher.valid_days)
    with guard(ctx, "rewards.redeem_voucher", staff_id), ctx.uow() as uow:
        _require_member(uow, member_id)
        bring_up_to_date(ctx, uow, member_id)
        if uow.coupons.template(template.code) is None:
            uow.coupons.add_template(template)
        _check_spend(uow.members.balances(member_id).points, points)
        _offline_spend(ctx, uow, member_id, points)
        debit_points(ctx, uow, Posting(member_id, "voucher", staff_id, reason=template.code),
                     points)
        coupon = issue_coupon(ctx, uow, template.code, member_id, "points")
        uow.commit()
    return coupon


def _check_spend(balance: int, points: int) -> None:
    if balance < 0:
        raise DomainError("points.negative_balance", balance=balance)
    if points > balance:
        raise DomainError("points.insufficient", needed=points, available=balance)


def _offline_spend(ctx: ServiceContext, uow: UnitOfWork, member_id: str, points: int) -> None:
    """Points spent at the desk count against the offline allowance like a sale's (issue 4)."""
    allowances.guard(uow.offline, member_id, allowances.Spend(points=points), ctx.today(),
                     ctx.now(), ctx.pack.offline)


def _require_member(uow: UnitOfWork, member_id: str) -> None:
    if uow.members.get(member_id) is None:
        raise NotFound("member.unknown", member_id=member_id)


def gift_catalogue(ctx: ServiceContext) -> list[Gift]:
    """Every gift of the store's catalogue, active or not, by points price then code."""
    with ctx.reader() as uow:
        return sorted(uow.gifts.all(), key=lambda g: (g.points_price, g.code))


def save_gift(ctx: ServiceContext, gift: Gift, staff_id: str,
              approval: Approval | None = None) -> Gift:
    """A manager adds a gift or changes one's price, stock or availability (audited); the
    front desk does it with a manager's approval for "rewards.save_gift". A points price
    of 0 means "none given": the gift costs its cost × the pack's factor."""
    clean = replace(gift, code=gift.code.strip().upper(), name=gift.name.strip())
    if clean.points_price == 0:
        clean = replace(clean, points_price=gift_points_from_cost(ctx, clean.cost_fen))
    _check_gift(clean)
    with guard(ctx, "rewards.save_gift", staff_id, approval) as grant, ctx.uow() as uow:
        manager_id = grant.authority
        before = uow.gifts.get(clean.code)
        if before is None:
            uow.gifts.add(clean)
        else:
            uow.gifts.save(clean)
        audit(ctx, uow, "gift_saved", staff_id, target=clean.code, approved_by=manager_id,
              points_price=clean.points_price, stock=clean.stock,
              stock_before=before.stock if before else 0, active=clean.active)
        uow.commit()
    return clean


def gift_points_from_cost(ctx: ServiceContext, cost_fen: int) -> int:
    """A gift saved without a points price costs its cost × the pack's factor (DOMAIN §7:
    ×30), rounded up to a whole point so that no gift goes for less than the rule."""
    return -(-cost_fen * ctx.pack.points.gift_points_per_yuan_cost // 100)


def _check_gift(gift: Gift) -> None:
    if not gift.code:
        raise ValidationError("gift.code_required", field="code")
    if not gift.name:
        raise ValidationError("gift.name_required", field="name")
    if gift.points_price <= 0:
        raise ValidationError("gift.points_invalid", field="points_price",
                              points=gift.points_price)
    if gift.stock < 0:
        raise ValidationError("gift.stock_invalid", field="stock", stock=gift.stock)
    if gift.cost_fen < 0:
        raise ValidationError("gift.cost_invalid", field="cost_fen", cost_fen=gift.cost_fen)
