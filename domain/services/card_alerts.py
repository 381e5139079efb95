"""Manager alerts: a member card used more than N times in one business day (DOMAIN §4).

Staff swiping their own card for customers shows up as one card on many sales in a day
(seed 000 篇3). A sale records the member, not the card swiped, so the card shown is the
member's card in use (a staff card first); N is the pack's `cards.staff_card_daily_alert`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from domain.ports import UnitOfWork
from domain.records import Card, CardState
from domain.services.context import ServiceContext

DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class CardAlert:
    business_date: date
    card_number: str  # "" when the member has no card any more
    member_name: str
    uses: int
    staff_card: bool  # the card is flagged as a staff member's own


def card_alerts(ctx: ServiceContext, days: int = DEFAULT_DAYS,
                more_than: int | None = None) -> list[CardAlert]:
    """Alerts for the last `days` business dates up to today, newest first."""
    limit = ctx.pack.cards.staff_card_daily_alert if more_than is None else more_than
    until = ctx.today()
    since = until - timedelta(days=max(days, 1) - 1)
    with ctx.reader() as uow:
        busy = uow.sales.busy_members(since, until, limit)
        return [_alert(uow, day, member_id, uses) for day, member_id, uses in busy]


def _alert(uow: UnitOfWork, day: date, member_id: str, uses: int) -> CardAlert:
    member = uow.members.get(member_id)
    card = _card_in_use(uow.cards.for_member(member_id))
    return CardAlert(business_date=day, card_number=card.number if card else "",
                     member_name=member.name if member else member_id, uses=uses,
                     staff_card=bool(card and card.is_staff))


def _card_in_use(cards: list[Card]) -> Card | None:
    """A staff card first, then an active or issued card, then any (the newest wins ties)."""
    def rank(card: Card) -> tuple[bool, bool, str]:
        usable = card.state in (CardState.ACTIVE, CardState.ISSUED)
        return card.is_staff, usable, card.issued_at.isoformat() if card.issued_at else ""
    return max(cards, key=rank, default=None)
