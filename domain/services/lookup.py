"""The front desk's member look-up: search hits with balances, and a member's tier history."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.records import Balances, CardState, Member, TierChange
from domain.services.context import ServiceContext

SEARCH_LIMIT = 50


@dataclass(frozen=True, slots=True)
class MemberHit:
    """One line of the results list: who, their current card, and what they hold."""

    member: Member
    card_number: str | None
    balances: Balances


def search(ctx: ServiceContext, text: str, limit: int = SEARCH_LIMIT) -> list[MemberHit]:
    """Members of any status by card number, mobile (prefix or last digits), part of the
    name or pinyin initials; one indexed read per hit for its balances and card."""
    with ctx.reader() as uow:
        hits = [_hit(uow, member) for member in uow.members.search(text, limit)]
    return sorted(hits, key=lambda h: (h.member.status.value != "active", h.member.name))


def hit(ctx: ServiceContext, member_id: str) -> MemberHit:
    """One member as a results line (after a swipe or a scan)."""
    with ctx.reader() as uow:
        member = uow.members.get(member_id)
        if member is None:
            raise NotFound("member.unknown", member_id=member_id)
        return _hit(uow, member)


def _hit(uow: UnitOfWork, member: Member) -> MemberHit:
    usable = [c.number for c in uow.cards.for_member(member.id)
              if c.state in (CardState.ISSUED, CardState.ACTIVE)]
    return MemberHit(member, usable[-1] if usable else None, uow.members.balances(member.id))


def tier_history(ctx: ServiceContext, member_id: str) -> list[TierChange]:
    """Every tier change of the member, oldest first."""
    with ctx.reader() as uow:
        if uow.members.get(member_id) is None:
            raise NotFound("member.unknown", member_id=member_id)
        return sorted(uow.tiers.history(member_id), key=lambda c: c.at)
