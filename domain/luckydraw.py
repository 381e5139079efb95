"""The lucky draw (DOMAIN §10): prizes with stock and weight, a daily free spin, then points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.errors import DomainError, ValidationError


class PrizeKind(StrEnum):
    POINTS = "points"  # bonus points, reason "draw"
    COUPON = "coupon"  # a coupon of a template, issued reason "draw"
    GIFT = "gift"  # a physical prize handed over at the desk
    THANKS = "thanks"  # 谢谢参与: nothing won


@dataclass(frozen=True, slots=True)
class Draw:
    """A wheel or scratch card head office runs; the cost and free spins are its own."""

    code: str
    name: str
    cost_points: int = 10  # a spin after the free ones (DOMAIN §10: 10 or 20)
    free_spins_per_day: int = 1  # per member and business date; tiers may add more
    starts: date | None = None
    ends: date | None = None  # last day, inclusive
    active: bool = True


@dataclass(frozen=True, slots=True)
class Prize:
    """One segment of the wheel. `allotted` is the stock head office gave this store;
    None means unlimited (only sensible for "thanks")."""

    draw_code: str
    code: str
    name: str
    kind: PrizeKind
    weight: int
    points: int = 0  # POINTS: how many
    coupon_template: str | None = None  # COUPON: which template
    allotted: int | None = None
    given: int = 0

    @property
    def remaining(self) -> int | None:
        return None if self.allotted is None else self.allotted - self.given

    @property
    def in_stock(self) -> bool:
        return self.allotted is None or self.given < self.allotted


@dataclass(frozen=True, slots=True)
class Spin:
    """A recorded outcome: what it cost, what the random source said, what was won."""

    id: str
    draw_code: str
    member_id: str
    at: datetime
    business_date: date
    free: bool
    cost_points: int
    roll: int  # the random number drawn, in [0, out_of)
    out_of: int  # the sum of the weights in play
    prize_code: str  # "" when an out-of-stock prize's share fell to "thanks"
    prize_kind: PrizeKind
    points_won: int = 0
    coupon_code: str | None = None
    staff_id: str | None = None


Segment = tuple[Prize | None, int]  # (prize, weight); None = thanks without a prize row


def check_draw(draw: Draw, prizes: Sequence[Prize]) -> None:
    """Refuse a draw that could not be run fairly: bad cost, weights or prize terms."""
    if draw.cost_points < 0:
        raise ValidationError("draw.cost_invalid", field="cost_points", draw=draw.code)
    if draw.free_spins_per_day < 0:
        raise ValidationError("draw.free_spins_invalid", field="free_spins_per_day")
    if draw.starts and draw.ends and draw.ends < draw.starts:
        raise ValidationError("draw.dates_invalid", field="ends", draw=draw.code)
    if not prizes or sum(p.weight for p in prizes) <= 0:
        raise ValidationError("draw.no_prizes", field="prizes", draw=draw.code)
    codes = [p.code for p in prizes]
    if len(set(codes)) != len(codes):
        raise ValidationError("draw.prize_duplicate", field="prizes", draw=draw.code)
    for prize in prizes:
        check_prize(prize)


def check_prize(prize: Prize) -> None:
    if prize.weight < 0:
        raise ValidationError("draw.weight_invalid", field="weight", prize=prize.code)
    if prize.kind is PrizeKind.POINTS and prize.points <= 0:
        raise ValidationError("draw.prize_points_invalid", field="points", prize=prize.code)
    if prize.kind is PrizeKind.COUPON and not prize.coupon_template:
        raise ValidationError("draw.prize_template_missing", field="coupon_template",
                              prize=prize.code)
    if prize.allotted is not None and prize.allotted < 0:
        raise ValidationError("draw.stock_invalid", field="allotted", prize=prize.code)
    if prize.allotted is None and prize.kind is not PrizeKind.THANKS:
        # Offline a store gives only what head office allotted it: real prizes need a stock.
        raise ValidationError("draw.stock_required", field="allotted", prize=prize.code)


def check_open(draw: Draw, on: date) -> None:
    """The draw runs on `on`, or the reason it does not."""
    if not draw.active:
        raise DomainError("draw.closed", draw=draw.code)
    if draw.starts is not None and on < draw.starts:
        raise DomainError("draw.not_started", draw=draw.code, starts=draw.starts)
    if draw.ends is not None and on > draw.ends:
        raise DomainError("draw.ended", draw=draw.code, ends=draw.ends)


def free_spins_left(draw: Draw, tier_extra: int, spins_today: Sequence[Spin]) -> int:
    """Free spins the member still has today: the draw's, plus the tier's benefit."""
    used = sum(1 for s in spins_today if s.free)
    return max(draw.free_spins_per_day + tier_extra - used, 0)


def spin_cost(draw: Draw, free_left: int) -> int:
    """Points the next spin costs: nothing while a free spin is left."""
    return 0 if free_left > 0 else draw.cost_points


def wheel(prizes: Sequence[Prize]) -> list[Segment]:
    """The segments in play. An out-of-stock prize's weight goes to "thanks", so the odds
    of the prizes still in stock stay what head office set (stock is budgeted on them)."""
    live: list[Segment] = [(p, p.weight) for p in prizes if p.in_stock and p.weight > 0]
    gone = sum(p.weight for p in prizes if not p.in_stock and p.weight > 0)
    if not gone:
        return live
    thanks = next((i for i, (p, _) in enumerate(live)
                   if p is not None and p.kind is PrizeKind.THANKS), None)
    if thanks is None:
        return [*live, (None, gone)]
    prize, weight = live[thanks]
    live[thanks] = (prize, weight + gone)
    return live


def pick(segments: Sequence[Segment], roll: int) -> Prize | None:
    """The segment `roll` (0 <= roll < total weight) lands on, in listed order."""
    total = sum(weight for _, weight in segments)
    if not 0 <= roll < total:
        raise ValueError(f"roll {roll} outside 0..{total - 1}")
    for prize, weight in segments:
        if roll < weight:
            return prize
        roll -= weight
    raise AssertionError("unreachable: the rolls cover the total weight")


def total_weight(segments: Sequence[Segment]) -> int:
    return sum(weight for _, weight in segments)
