"""The member panel's content: what a cashier may see of a member, masked where personal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.alliance_card import AllianceMember
from domain.forms import mask_mobile, mask_name
from domain.records import Coupon
from domain.services.members import MemberView


@dataclass(frozen=True, slots=True)
class CouponLine:
    code: str
    kind: str
    amount_fen: int
    min_spend_fen: int
    valid_to: date


@dataclass(frozen=True, slots=True)
class MemberPanel:
    member_id: str
    name: str  # masked: 张*
    mobile: str  # masked: 138****8000
    tier: str
    points: int
    wallet_fen: int  # principal + bonus
    wallet_bonus_fen: int
    expiring: tuple[tuple[date, int], ...]
    coupons: tuple[CouponLine, ...]
    birthday_today: bool
    card_number: str | None
    card_presented: bool  # swiped or scanned at the till
    card_typed: bool = False  # its number typed by hand: stored value needs the PIN

    @property
    def expiring_points(self) -> int:
        return sum(points for _, points in self.expiring)


@dataclass(frozen=True, slots=True)
class AlliancePanel:
    """An alliance member of another merchant: all a partner's till may show (the name
    masked as head office sent it, the issuer's tier, the benefit) — never a mobile."""

    issuer_name: str
    name: str
    tier: str
    discounts: tuple[tuple[str, int], ...]  # (product class, basis points off)
    points_per_yuan: int
    points_spendable: bool
    point_value_fen: int


def alliance_panel(member: AllianceMember) -> AlliancePanel:
    terms = member.terms.agreement
    return AlliancePanel(
        issuer_name=member.terms.issuer_name, name=member.card.name_masked,
        tier=member.card.tier, discounts=tuple(sorted(terms.discount_bp.items())),
        points_per_yuan=terms.points_per_yuan, points_spendable=member.points_spendable,
        point_value_fen=terms.point_value_fen)


def member_panel(view: MemberView, card_presented: bool, typed: bool = False) -> MemberPanel:
    balances = view.balances
    return MemberPanel(
        member_id=view.member.id, name=mask_name(view.member.name),
        mobile=mask_mobile(view.member.mobile), tier=view.member.tier, points=balances.points,
        wallet_fen=balances.wallet_principal_fen + balances.wallet_bonus_fen,
        wallet_bonus_fen=balances.wallet_bonus_fen, expiring=view.expiring,
        coupons=tuple(_coupon(c) for c in view.coupons), birthday_today=view.birthday_today,
        card_number=view.card.number if view.card else None, card_presented=card_presented,
        card_typed=typed)


def _coupon(coupon: Coupon) -> CouponLine:
    return CouponLine(coupon.code, coupon.kind, coupon.amount_fen, coupon.min_spend_fen,
                      coupon.valid_to)
