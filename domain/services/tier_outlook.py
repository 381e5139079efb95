"""Tier anniversaries coming up, with the outcome the year's figures so far would give (§5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from domain import forms, tiers
from domain.errors import ValidationError
from domain.records import Member, TierChange
from domain.services.context import ServiceContext
from domain.services.maintenance import add_years, latest_due_since, reviewed_tiers


@dataclass(frozen=True, slots=True)
class Outlook:
    """One member's coming anniversary review, predicted from what they have bought so far.

    An anniversary only keeps a tier or lowers it: upgrades happen at the sale that meets an
    entry rule (DOMAIN §5), so there is never an upgrade to predict here.
    """

    member_id: str
    name: str
    mobile: str  # masked: the page is read over a counter
    tier: str
    anniversary: date
    year_start: date
    spend_fen: int  # qualifying spend of the tier year so far, net of returns
    order_days: int
    retain_spend_fen: int
    retain_days: int
    predicted: str  # the tier the review would give if the member bought nothing more

    @property
    def keeps(self) -> bool:
        return self.predicted == self.tier

    @property
    def spend_short_fen(self) -> int:
        """How much more qualifying spend keeps the tier (0 when the spend is enough)."""
        return max(self.retain_spend_fen - self.spend_fen, 0)

    @property
    def days_short(self) -> int:
        return max(self.retain_days - self.order_days, 0)


def upcoming(ctx: ServiceContext, days: int, today: date | None = None) -> list[Outlook]:
    """Members whose tier anniversary falls within `days` days from today (today included),
    soonest first; an anniversary already past but not yet reviewed counts as due today."""
    if days < 1:
        raise ValidationError("tier.outlook_days", field="days", days=days)
    today = today or ctx.local_date()
    last = today + timedelta(days=days - 1)
    with ctx.reader() as uow:
        # A tier of 29 February has its anniversary on 28 February in common years.
        due, tiers_reviewed = latest_due_since(last), reviewed_tiers(ctx)
        candidates = uow.members.tier_since_on_or_before(due, tiers_reviewed)
        # Every candidate's days in one grouped read, not a query per member.
        days_bought = uow.reports.tier_year_days(due, tiers_reviewed)
        found = [_outlook(ctx, member, days_bought.get(member.id, [])) for member in candidates]
    return sorted(found, key=lambda o: (o.anniversary, o.name, o.member_id))


def _outlook(ctx: ServiceContext, member: Member, history: list[tuple[date, int]]) -> Outlook:
    """`history`: qualifying fen per business date; review() keeps the tier year's days."""
    rule = tiers.tier_of(ctx.pack, member.tier)
    anniversary = add_years(member.tier_since, 1)  # as maintenance.review_tier counts it
    year_end = anniversary - timedelta(days=1)
    kept, figures = tiers.review(member.tier, history, member.tier_since, year_end, ctx.pack)
    return Outlook(
        member_id=member.id, name=member.name, mobile=forms.mask_mobile(member.mobile),
        tier=member.tier, anniversary=anniversary, year_start=member.tier_since,
        spend_fen=figures["spend_fen"], order_days=figures["order_days"],
        retain_spend_fen=rule.retain_spend_fen or 0, retain_days=rule.retain_days,
        predicted=kept.name)


def tier_counts(ctx: ServiceContext) -> list[tuple[str, int]]:
    """Active members per tier, every tier of the pack in order (lowest first), zeros kept."""
    with ctx.reader() as uow:
        counts = uow.reports.members_per_tier()
    return [(tier.name, counts.get(tier.name, 0)) for tier in ctx.pack.tiers]


def history(ctx: ServiceContext, member_id: str) -> list[TierChange]:
    """Every tier change of a member, oldest first."""
    with ctx.reader() as uow:
        return sorted(uow.tiers.history(member_id), key=lambda c: c.at)
