"""Points (DOMAIN §7): earning with ladder and occasions, lots, spending, expiry, returns."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, assert_never

from domain.catalog import ProductClass
from domain.errors import DomainError, ValidationError
from domain.money import FEN_PER_YUAN, floor_int, split_int
from domain.records import PointsLot
from domain.rulepack import BirthdayScope, Combine, Occasion, PointsExpiry, RulePack, TierRule

ONE = Decimal(1)
_WEIGHT_SCALE = 10_000  # line weights for apportioning: rate × fen kept to 4 decimals


def is_birthday(month: int | None, day: int | None, on: date, scope: BirthdayScope) -> bool:
    """Whether `on` is the member's birthday (scope day) or in the birthday month (month).

    A 29 February birthday falls on 28 February in common years.
    """
    if month is None:
        return False
    if scope == BirthdayScope.MONTH:
        return on.month == month
    if day is None:
        return False
    if (month, day) == (2, 29) and not calendar.isleap(on.year):
        return (on.month, on.day) == (2, 28)
    return (on.month, on.day) == (month, day)


@dataclass(frozen=True, slots=True)
class EarnLine:
    line_no: int
    product_class: ProductClass
    paid_fen: int  # money paid for the line: no points, coupons or wallet bonus


@dataclass(frozen=True, slots=True)
class Earning:
    points: int
    base_points: int  # before any multiplier, rounded down
    eligible_fen: int  # money paid on lines whose rate is above zero
    multiplier: Decimal  # tier multiplier × combined ladder/occasion multiplier
    per_line: tuple[tuple[int, int], ...]  # (line_no, points) — apportioned, sums to points
    reasons: tuple[dict[str, Any], ...]


def paid_per_line(finals: Sequence[int], non_money_fen: int) -> list[int]:
    """Money paid per line once what was paid with points or wallet bonus is spread over the
    lines in proportion to their finals.

    Raises:
        ValidationError: a negative amount, or more non-money than the lines cost.
    """
    if non_money_fen < 0 or any(f < 0 for f in finals):
        raise ValidationError("points.paid_negative", field="non_money_fen")
    if non_money_fen > sum(finals):
        raise ValidationError("points.non_money_exceeds_total", field="non_money_fen",
                              non_money_fen=non_money_fen, total_fen=sum(finals))
    shares = split_int(non_money_fen, list(finals))
    return [final - share for final, share in zip(finals, shares, strict=True)]


def earn(lines: Sequence[EarnLine], tier: TierRule, birthday: bool, on: date,
         pack: RulePack) -> Earning:
    """Points a sale earns: Σ rate × paid yuan, times the tier multiplier and the combined
    ladder/occasion multiplier, rounded down once for the whole sale."""
    rates = [_rate(line.product_class, pack) for line in lines]
    if any(line.paid_fen < 0 for line in lines):
        raise ValidationError("points.paid_negative", field="paid_fen")
    exact_fen = [rate * line.paid_fen for rate, line in zip(rates, lines, strict=True)]
    base = sum(exact_fen, Decimal(0)) / FEN_PER_YUAN
    eligible = sum(line.paid_fen for rate, line in zip(rates, lines, strict=True) if rate > 0)
    combined, reasons = _occasion_multiplier(eligible, tier, birthday, on, pack)
    multiplier = tier.points_multiplier * combined
    if tier.points_multiplier != ONE:
        reasons.append(_reason("points.tier_multiplier", tier=tier.name,
                               multiplier=str(tier.points_multiplier)))
    points = floor_int(base * multiplier)
    weights = [floor_int(e * _WEIGHT_SCALE) for e in exact_fen]
    shares = split_int(points, weights)
    return Earning(points=points, base_points=floor_int(base), eligible_fen=eligible,
                   multiplier=multiplier,
                   per_line=tuple((line.line_no, s) for line, s in zip(lines, shares, strict=True)),
                   reasons=tuple(reasons))


def points_to_take_back(earned: int, kept: Sequence[EarnLine], tier: TierRule, birthday: bool,
                        sale_day: date, pack: RulePack) -> int:
    """Points a return takes back: what the sale earned less what the kept lines earn,
    recomputed with the original sale's tier, birthday and date (§13 ex. 7: 425 → 85)."""
    return max(0, earned - earn(kept, tier, birthday, sale_day, pack).points)


def _rate(product_class: ProductClass, pack: RulePack) -> Decimal:
    return pack.points.class_rates.get(product_class, Decimal(0))


def _reason(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


def _occasion_multiplier(eligible_fen: int, tier: TierRule, birthday: bool, on: date,
                         pack: RulePack) -> tuple[Decimal, list[dict[str, Any]]]:
    """The ladder step met and the occasions of the day, combined per the pack (max or
    multiply); a sale with none of them has multiplier 1."""
    rules = pack.points
    found: list[tuple[Decimal, dict[str, Any]]] = []
    met = [step for step in rules.ladder if eligible_fen >= step.min_eligible_fen]
    if met:
        step = met[-1]
        found.append((step.multiplier, _reason("points.ladder", multiplier=str(step.multiplier),
                                               min_eligible_fen=step.min_eligible_fen)))
    if birthday:
        found.append((rules.birthday_multiplier,
                      _reason("points.birthday", multiplier=str(rules.birthday_multiplier))))
    for occasion in rules.occasions:
        if occasion_active(occasion, on, tier.name):
            found.append((occasion.multiplier, _reason("points.occasion", occasion=occasion.code,
                                                       multiplier=str(occasion.multiplier))))
    combined = ONE
    for value, _ in found:
        combined = _combine(rules.combine, combined, value)
    reasons = [reason for _, reason in found]
    if found:
        reasons.append(_reason("points.combined", combine=rules.combine.value,
                               multiplier=str(combined)))
    return combined, reasons


def _combine(how: Combine, so_far: Decimal, value: Decimal) -> Decimal:
    match how:
        case Combine.MAX:
            return max(so_far, value)
        case Combine.MULTIPLY:
            return so_far * value
        case _:
            assert_never(how)


def occasion_active(occasion: Occasion, on: date, tier: str) -> bool:
    """Whether a points occasion is in force on `on` for a member of `tier`."""
    checks = (
        occasion.starts is None or on >= occasion.starts,
        occasion.ends is None or on <= occasion.ends,
        not occasion.weekdays or on.isoweekday() in occasion.weekdays,
        not occasion.months or on.month in occasion.months,
        not occasion.month_days or on.day in occasion.month_days,
        not occasion.tiers or tier in occasion.tiers,
    )
    return all(checks)


# --- lots: expiry, spending, taking back -----------------------------------------------------


def expires_on(earned_on: date, pack: RulePack) -> date | None:
    """The last valid day of points earned on `earned_on`: 31 Dec of Y+1 (year_plus_one),
    31 Dec of Y (year_end), or None (never)."""
    match pack.points.expiry:
        case PointsExpiry.NEVER:
            return None
        case PointsExpiry.YEAR_PLUS_ONE:
            return date(earned_on.year + 1, 12, 31)
        case PointsExpiry.YEAR_END:
            return date(earned_on.year, 12, 31)
        case _:
            assert_never(pack.points.expiry)


def _spend_order(lot: PointsLot) -> tuple[bool, date, date]:
    return (lot.expires_on is None, lot.expires_on or date.max, lot.earned_on)


def _take(lots: Sequence[PointsLot], points: int) -> tuple[list[tuple[str, int]], int]:
    """Take up to `points` from the lots in the order given; returns (takes, still owed)."""
    takes: list[tuple[str, int]] = []
    owed = points
    for lot in lots:
        if owed == 0:
            break
        if lot.remaining > 0:
            taken = min(lot.remaining, owed)
            takes.append((lot.id, taken))
            owed -= taken
    return takes, owed


def spend_plan(lots: Sequence[PointsLot], points: int) -> list[tuple[str, int]]:
    """Which lots pay for `points`: soonest expiry first (never-expiring last), then oldest.

    Raises:
        ValidationError: points below 1.
        DomainError: "points.insufficient" when the lots hold fewer points.
    """
    if points < 1:
        raise ValidationError("points.amount", field="points", value=points)
    takes, owed = _take(sorted(lots, key=_spend_order), points)
    if owed:
        raise DomainError("points.insufficient", needed=points, available=points - owed)
    return takes


def takeback_plan(lots: Sequence[PointsLot], points: int,
                  sale_id: str | None) -> tuple[list[tuple[str, int]], int]:
    """Which lots a return takes `points` from: the sale's own lots first, then soonest
    expiry. Returns (takes, shortfall); the shortfall makes the balance negative."""
    if points < 0:
        raise ValidationError("points.amount", field="points", value=points)
    ordered = sorted(lots, key=lambda lot: (sale_id is None or lot.sale_id != sale_id,
                                            *_spend_order(lot)))
    return _take(ordered, points)


def restore_plan(lots: Sequence[PointsLot], drawn: Sequence[tuple[str, int]],
                 points: int) -> tuple[list[tuple[str, int]], int]:
    """Which lots a refund of `points` goes back to, of those the sale drew (`drawn`: lot id,
    points not given back yet): the latest-expiring first, undoing the end of the spend (it
    took the soonest-expiring first). Returns (gives, points no recorded draw accounts for)."""
    if points < 0:
        raise ValidationError("points.amount", field="points", value=points)
    by_id = {lot.id: lot for lot in lots}
    known = [(by_id[lot_id], n) for lot_id, n in drawn if lot_id in by_id and n > 0]
    known.sort(key=lambda item: _spend_order(item[0]), reverse=True)
    gives, left = [], points
    for lot, n in known:
        if left == 0:
            break
        give = min(n, left, lot.points - lot.remaining)
        if give > 0:
            gives.append((lot.id, give))
            left -= give
    return gives, left


def expiry_plan(lots: Sequence[PointsLot], on: date) -> list[tuple[str, int]]:
    """The points to expire on `on`: every lot whose last valid day is before `on`."""
    return [(lot.id, lot.remaining) for lot in lots
            if lot.expires_on is not None and lot.expires_on < on and lot.remaining > 0]


def expiring_soon(lots: Sequence[PointsLot], on: date, days: int) -> list[tuple[date, int]]:
    """Points still valid on `on` that expire within `days`, summed per expiry date."""
    last = on + timedelta(days=days)
    sums: dict[date, int] = {}
    for lot in lots:
        if lot.remaining > 0 and lot.expires_on is not None and on <= lot.expires_on <= last:
            sums[lot.expires_on] = sums.get(lot.expires_on, 0) + lot.remaining
    return sorted(sums.items())


def lot_points_after_debt(balance: int, earned: int) -> int:
    """Points a new lot holds: a negative balance (taken back after being spent) is repaid
    first from what is earned."""
    return earned if balance >= 0 else max(0, earned + balance)


# --- points as cash ---------------------------------------------------------------------------


def cash_value_fen(points: int, pack: RulePack) -> int:
    """What points are worth as cash (100 points = ¥10), rounded down to the fen."""
    return points * pack.points.cash_fen_per_step // pack.points.cash_points_step


def check_redeem(points: int, balance: int, due_fen: int, pack: RulePack) -> int:
    """Check a points-as-cash redemption and return the fen it pays.

    Raises:
        DomainError: "points.negative_balance" while the balance is below zero,
            "points.step" for an amount that is not a positive multiple of the step,
            "points.insufficient" beyond the balance, "points.exceeds_due" beyond the
            amount still due.
    """
    step = pack.points.cash_points_step
    if balance < 0:
        raise DomainError("points.negative_balance", balance=balance)
    if points < step or points % step:
        raise DomainError("points.step", points=points, step=step)
    if points > balance:
        raise DomainError("points.insufficient", needed=points, available=balance)
    fen = cash_value_fen(points, pack)
    if fen > due_fen:
        raise DomainError("points.exceeds_due", points=points, value_fen=fen, due_fen=due_fen)
    return fen
