"""A member as the front desk's card page and sign-up form see them: cards, balances, coupons."""

from __future__ import annotations

from dataclasses import dataclass

from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain import forms
from domain.errors import DomainError, NotFound
from domain.ports import UnitOfWork
from domain.records import Balances, Card, Member
from domain.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class CardHolder:
    member: Member  # of any status: the desk also serves frozen and closed members
    balances: Balances
    cards: tuple[Card, ...]  # every card ever issued, lost and replaced ones too, oldest first
    live_coupons: int  # issued and still valid today

    @property
    def current(self) -> Card | None:
        return card_rules.current_card(self.cards)


def card_holder(ctx: ServiceContext, member_id: str) -> CardHolder:
    """The member with every card they were ever given (the till's look-up leaves out lost
    and replaced ones). Raises NotFound member.unknown."""
    with ctx.reader() as uow:
        member = uow.members.get(member_id)
        if member is None:
            raise NotFound("member.unknown", member_id=member_id)
        return _holder(ctx, uow, member)


def holder_by_mobile(ctx: ServiceContext, mobile_text: str) -> CardHolder | None:
    """The member, of any status, whose mobile this is (one normalisation with sign-up);
    None while the text is not a mobile number or nobody has it."""
    try:
        mobile = forms.normalize_mobile(mobile_text)
    except DomainError:
        return None
    with ctx.reader() as uow:
        member = uow.members.by_mobile(mobile)
        return _holder(ctx, uow, member) if member is not None else None


def track2_of(ctx: ServiceContext, number: str) -> str:
    """Track 2 of a card issued here, to encode it again after a failed attempt.
    Raises DomainError card.unknown."""
    with ctx.reader() as uow:
        card = uow.cards.get(number)
    if card is None:
        raise DomainError("card.unknown", card_number=number)
    return card_rules.track2_data(card.number, card.expiry, ctx.card_secret)


def _holder(ctx: ServiceContext, uow: UnitOfWork, member: Member) -> CardHolder:
    live = coupon_rules.live(uow.coupons.for_member(member.id), ctx.local_date())
    return CardHolder(member, uow.members.balances(member.id),
                      tuple(uow.cards.for_member(member.id)), len(live))
