"""Card life cycle at the front desk: issue, link a pre-printed card, report lost, replace.

New numbers come from this till's serial blocks (domain/services/cardserials.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain import cards as card_rules
from domain.errors import DomainError, NotFound
from domain.events import CardChanged, CardIssued
from domain.ports import UnitOfWork
from domain.records import Card, CardState
from domain.services import cardserials
from domain.services.context import ServiceContext, audit, emit
from domain.services.guard import guard


@dataclass(frozen=True, slots=True)
class IssuedCard:
    card: Card
    track2: str  # what the stripe encoder writes (never printed, never logged)
    serials_left: int = 0  # numbers this till can still issue after this one


def next_card_number(ctx: ServiceContext, uow: UnitOfWork) -> str:
    """The next number from this till's serial blocks: BB L RRRR SSSSS C (DOMAIN §4)."""
    return cardserials.take_number(ctx, uow)


def issue_card(ctx: ServiceContext, member_id: str, staff_id: str,
               kind: str = "stripe", is_staff: bool = False) -> IssuedCard:
    """Allocate a new card number for a member; the stripe data comes back for encoding."""
    with guard(ctx, "cardissue.issue_card", staff_id), ctx.uow() as uow:
        if uow.members.get(member_id) is None:
            raise NotFound("member.unknown", member_id=member_id)
        card = _new_card(ctx, uow, next_card_number(ctx, uow), member_id, kind, is_staff)
        audit(ctx, uow, "card_issued", staff_id, target=card.number, member_id=member_id)
        left = cardserials.serials_in(ctx, uow).left
        uow.commit()
    return IssuedCard(card, card_rules.track2_data(card.number, card.expiry, ctx.card_secret),
                      left)


def link_card(ctx: ServiceContext, member_id: str, number: str, staff_id: str) -> Card:
    """Give a member a pre-printed card whose number is read off it or swiped."""
    number = card_rules.parse_card_number(number).number
    with guard(ctx, "cardissue.link_card", staff_id), ctx.uow() as uow:
        if uow.members.get(member_id) is None:
            raise NotFound("member.unknown", member_id=member_id)
        if uow.cards.get(number) is not None:
            raise DomainError("card.already_linked", field="card_number", number=number)
        cardserials.check_preprinted(ctx, uow, number)
        card = _new_card(ctx, uow, number, member_id, "preprinted", False)
        audit(ctx, uow, "card_linked", staff_id, target=number, member_id=member_id)
        uow.commit()
    return card


def link_swiped(ctx: ServiceContext, member_id: str, track1: str | None, track2: str | None,
                staff_id: str) -> Card:
    """A pre-printed card linked by swiping it: ours, genuine, not a bank card, not expired."""
    with guard(ctx, "cardissue.link_swiped", staff_id), ctx.reader() as uow:
        brands = cardserials.honoured_brands(uow.settings.get(), ctx.pack)
        swipe = card_rules.classify_swipe(track1, track2, ctx.card_secret, brands,
                                          today=ctx.local_date())
    return link_card(ctx, member_id, swipe.card_number, staff_id)


def _new_card(ctx: ServiceContext, uow: UnitOfWork, number: str, member_id: str, kind: str,
              is_staff: bool) -> Card:
    card = Card(number=number, member_id=member_id, state=CardState.ACTIVE,
                expiry=card_rules.card_expiry(ctx.local_date(), ctx.pack.cards), kind=kind,
                is_staff=is_staff, issued_at=ctx.now())
    uow.cards.add(card)
    emit(ctx, uow, CardIssued(card))
    return card


def report_lost(ctx: ServiceContext, number: str, staff_id: str) -> Card:
    """Blocks the card at once; balances stay with the member."""
    with guard(ctx, "cardissue.report_lost", staff_id):
        return _set_state(ctx, number, CardState.LOST, staff_id, "card_lost")


def close_card(ctx: ServiceContext, number: str, staff_id: str) -> Card:
    with guard(ctx, "cardissue.close_card", staff_id):
        return _set_state(ctx, number, CardState.CLOSED, staff_id, "card_closed")


def check_state_change(state: CardState, number: str) -> None:
    """A replaced or closed card never changes again (the till's and head office's rule)."""
    if state in (CardState.REPLACED, CardState.CLOSED):
        raise DomainError(f"card.{state.value}", number=number)


def _set_state(ctx: ServiceContext, number: str, state: CardState, staff_id: str,
               action: str) -> Card:
    with ctx.uow() as uow:
        card = uow.cards.get(number)
        if card is None:
            raise NotFound("card.unknown", number=number)
        check_state_change(card.state, number)
        changed = replace(card, state=state)
        uow.cards.save(changed)
        emit(ctx, uow, CardChanged(changed))
        audit(ctx, uow, action, staff_id, target=number, member_id=card.member_id)
        uow.commit()
    return changed


def replace_card(ctx: ServiceContext, old_number: str, staff_id: str) -> IssuedCard:
    """A new number for a lost or worn card; points, wallet, coupons and tier are the member's
    and so move with it. The old card is marked replaced and refused from then on."""
    with guard(ctx, "cardissue.replace_card", staff_id), ctx.uow() as uow:
        old = uow.cards.get(old_number)
        if old is None:
            raise NotFound("card.unknown", number=old_number)
        if old.state in (CardState.REPLACED, CardState.CLOSED):
            raise DomainError(f"card.{old.state.value}", number=old_number)
        new = _new_card(ctx, uow, next_card_number(ctx, uow), old.member_id, old.kind,
                        old.is_staff)
        retired = replace(old, state=CardState.REPLACED, replaced_by=new.number)
        uow.cards.save(retired)
        emit(ctx, uow, CardChanged(retired))
        audit(ctx, uow, "card_replaced", staff_id, target=old_number, new_number=new.number,
              member_id=old.member_id)
        left = cardserials.serials_in(ctx, uow).left
        uow.commit()
    return IssuedCard(new, card_rules.track2_data(new.number, new.expiry, ctx.card_secret), left)
