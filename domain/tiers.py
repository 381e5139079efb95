"""Tiers (DOMAIN §5): upgrades at a sale, anniversary reviews, qualifying spend."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from domain.errors import DomainError, ValidationError
from domain.records import TenderKind
from domain.rulepack import RulePack, TierRule

# Tenders that are money the member actually paid; the rest (points, coupons, gift cards)
# never count towards a tier. Wallet payments count less their bonus part.
MONEY_TENDERS = frozenset({TenderKind.CASH, TenderKind.BANK_CARD, TenderKind.MOBILE,
                           TenderKind.WALLET})
OTHER_TENDERS = frozenset({TenderKind.POINTS, TenderKind.COUPON, "gift_card"})

History = Sequence[tuple[date, int]]  # (business date, qualifying fen; negative for returns)


def qualifying_fen(paid_fen_by_tender: Mapping[str, int], wallet_bonus_fen: int) -> int:
    """Tier spend of one sale or return: money actually paid, without coupons, gift cards,
    points and the wallet's bonus part (seed 000 篇6 注1).

    Raises:
        ValidationError: "tender.unknown" for a tender kind this rule does not know.
    """
    total = 0
    for kind, fen in paid_fen_by_tender.items():
        if kind in MONEY_TENDERS:
            total += fen
        elif kind not in OTHER_TENDERS:
            raise ValidationError("tender.unknown", field="tender", value=kind)
    return total - wallet_bonus_fen


def tier_of(pack: RulePack, name: str) -> TierRule:
    """The pack's tier called `name`; DomainError "tier.unknown" when there is none."""
    try:
        return pack.tier(name)
    except KeyError:
        raise DomainError("tier.unknown", tier=name, rulepack=pack.name) from None


def upgrade_for_sale(current: str, sale_qualifying_fen: int, history: History, on: date,
                     pack: RulePack) -> TierRule | None:
    """The highest tier above `current` whose entry rule this sale meets, else None.

    `history` holds the member's sales and returns including this sale. A return (or a sale
    paid entirely without money) never upgrades.
    """
    now = tier_of(pack, current)
    if sale_qualifying_fen <= 0:
        return None
    for tier in reversed(pack.tiers[now.rank + 1:]):
        if _entry_met(tier, sale_qualifying_fen, history, on):
            return tier
    return None


def _entry_met(tier: TierRule, sale_fen: int, history: History, on: date) -> bool:
    if tier.entry_any_purchase:
        return True
    if tier.entry_single_fen is not None and sale_fen >= tier.entry_single_fen:
        return True
    if tier.entry_window_fen is None:
        return False
    return window_spend(history, on, tier.entry_window_months) >= tier.entry_window_fen


def window_spend(history: History, on: date, months: int) -> int:
    """Net qualifying spend in the rolling window of `months` ending on `on`: dates after
    the same day `months` earlier, up to and including `on`."""
    start = add_months(on, -months)
    return sum(fen for day, fen in history if start < day <= on)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; a day the target month lacks becomes its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def anniversary(tier_since: date, on: date) -> date:
    """The tier's next anniversary on or after `on`: tier_since plus n whole years (n ≥ 1),
    the smallest such date not before `on`. A tier reached on 29 February has its
    anniversary on 28 February in common years."""
    years = max(1, on.year - tier_since.year)
    while add_months(tier_since, 12 * years) < on:
        years += 1
    return add_months(tier_since, 12 * years)


def review_year(tier_since: date, anniversary_on: date) -> tuple[date, date]:
    """The tier year an anniversary closes: from the previous anniversary (or the day the
    tier was reached) up to the day before `anniversary_on`, both inclusive."""
    years = anniversary_on.year - tier_since.year
    start = tier_since if years <= 1 else add_months(tier_since, 12 * (years - 1))
    return start, anniversary_on - timedelta(days=1)


def year_figures(history: History, year_start: date, year_end: date) -> dict[str, int]:
    """The retention figures of a tier year: net spend, and the distinct dates whose net
    qualifying amount is positive (a sale returned the same day does not count)."""
    per_day: dict[date, int] = {}
    for day, fen in history:
        if year_start <= day <= year_end:
            per_day[day] = per_day.get(day, 0) + fen
    return {"spend_fen": sum(per_day.values()),
            "order_days": sum(1 for fen in per_day.values() if fen > 0)}


def review(current: str, history: History, year_start: date, year_end: date,
           pack: RulePack) -> tuple[TierRule, dict[str, int]]:
    """The anniversary review: keep `current` if its retention rule is met, else drop to the
    highest tier at or below it whose retention the year's figures meet (possibly several
    levels), never below the pack's sign-up tier. Returns the tier and the figures."""
    figures = year_figures(history, year_start, year_end)
    now = tier_of(pack, current)
    floor = pack.signup_tier
    for tier in reversed(pack.tiers[: now.rank + 1]):
        if tier.rank <= floor.rank:
            break
        if _retained(tier, figures):
            return tier, figures
    return (now if now.rank < floor.rank else floor), figures


def _retained(tier: TierRule, figures: Mapping[str, int]) -> bool:
    if tier.retain_spend_fen is None:
        return True  # a tier without a retention rule is never lost
    return (figures["spend_fen"] >= tier.retain_spend_fen
            and figures["order_days"] >= tier.retain_days)
