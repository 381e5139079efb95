"""Gifts and vouchers for points at the front desk, without Qt; the catalogue kept by managers."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.viewmodels import desk_slips
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.member_finder import DeskMember
from domain.errors import DomainError, ValidationError
from domain.records import Coupon, Gift, Staff
from domain.rulepack import Voucher
from domain.services import rewards
from domain.services.proofs import Approval
from hardware.receipt import Receipt


@dataclass(frozen=True, slots=True)
class GiftForm:
    """What a manager typed for a gift; numbers already parsed (None: not a number)."""

    code: str
    name: str
    cost_fen: int | None
    points_price: int | None
    stock: int | None
    active: bool = True


class RewardsDesk:
    """Redeeming points for the member at the desk; every refusal is a DomainError."""

    def __init__(self, env: TillEnv, staff: Staff) -> None:
        self.env, self.staff = env, staff
        self.member = DeskMember(env)

    def gifts(self) -> list[Gift]:
        return rewards.gift_catalogue(self.env.ctx)

    def vouchers(self) -> list[Voucher]:
        return sorted(self.env.ctx.pack.points.vouchers, key=lambda v: v.points)

    def redeem_gift(self, code: str | None) -> tuple[Gift, Receipt]:
        """Stock and balance are checked by the service, in one transaction."""
        view = self.member.require()
        if not code:
            raise DomainError("gift.none_chosen", field="gift")
        left = rewards.redeem_gift(self.env.ctx, view.member.id, code, self.staff.id)
        after = self.member.refresh()
        points = after.balances.points if after else 0
        return left, desk_slips.gift_slip(self.member.slip_head(self.staff), left, points)

    def redeem_voucher(self, points: int | None) -> tuple[Coupon, Receipt]:
        view = self.member.require()
        if points is None:
            raise DomainError("points.voucher_none_chosen", field="voucher")
        coupon = rewards.redeem_voucher(self.env.ctx, view.member.id, points, self.staff.id)
        after = self.member.refresh()
        balance = after.balances.points if after else 0
        slip = desk_slips.voucher_slip(self.member.slip_head(self.staff), coupon, points, balance)
        return coupon, slip

    def save_gift(self, form: GiftForm, approval: Approval | None) -> Gift:
        """Add a gift or change one; the field that is not a number is named."""
        if form.cost_fen is None:
            raise ValidationError("gift.cost_not_money", field="cost_fen")
        if form.points_price is None:
            raise ValidationError("gift.points_not_whole", field="points_price")
        if form.stock is None:
            raise ValidationError("gift.stock_not_whole", field="stock")
        gift = Gift(form.code, form.name, form.cost_fen, form.points_price, form.stock,
                    form.active)
        return rewards.save_gift(self.env.ctx, gift, self.staff.id, approval)
