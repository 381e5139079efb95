"""Member analysis (DOMAIN §11, seed 003 RFMW, seed 001, seed 002): bands, segments, 20/80."""

from __future__ import annotations

import calendar
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the store knows of one member's buying, read in one query per store."""

    member_id: str
    name: str
    mobile: str
    tier: str
    joined_on: date
    birth_month: int | None
    birth_day: int | None
    consent_marketing: bool
    points: int
    last_purchase: date | None  # business date of the member's last sale, ever
    orders_ever: int
    orders: int  # sales inside the analysis window
    revenue_fen: int  # paid inside the window, net of returns
    categories: int  # distinct categories bought inside the window (消费宽度)
    card_number: str | None = None


@dataclass(frozen=True, slots=True)
class AnalysisRules:
    """The analysis thresholds; seed 003's figures are the defaults."""

    recency_lines: tuple[int, ...] = (90, 180, 270, 360)  # 消费近度 warning lines, days
    active_days: int = 90  # bought within: active (活跃)
    lost_days: int = 360  # nothing for longer: lost (流失); in between dormant (休眠)
    window_days: int = 365  # frequency, monetary and width look this far back
    frequency_steps: tuple[int, ...] = (1, 2, 3)  # orders for 认可 / 喜欢 / 忠诚
    width_steps: tuple[int, ...] = (1, 2, 3)  # categories for 单品类 / 多品类 / 品牌忠诚
    key_orders: int = 3  # 多次购买: key members bought at least this often in the window
    top_share: Decimal = Decimal("0.2")  # seed 002: the top 20 %
    birthday_days: int = 7


@dataclass(frozen=True, slots=True)
class Rfmw:
    member_id: str
    recency_days: int | None  # None: never bought
    recency_band: int  # 1 = within the first line ... len(lines) + 1 = beyond the last
    status: str  # active | dormant | lost | never
    frequency: int  # 0 (no order in the window) .. 3
    monetary: int  # 0 .. 3: thirds of the average ticket among buyers (潜力 / 培养 / 大咖)
    width: int  # 0 .. 3
    segment: str  # key | light | never


@dataclass(frozen=True, slots=True)
class TopShare:
    """Seed 002's 20/80: how much of members' revenue the best fifth of buyers brings."""

    buyers: int
    top: int  # ceil(share × buyers)
    top_revenue_fen: int
    revenue_fen: int

    @property
    def ratio(self) -> Decimal:
        if self.revenue_fen <= 0:
            return Decimal(0)
        return (Decimal(self.top_revenue_fen) / Decimal(self.revenue_fen)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Summary:
    members: int
    statuses: tuple[tuple[str, int], ...]
    segments: tuple[tuple[str, int], ...]
    recency_bands: tuple[tuple[int, int], ...]
    frequency: tuple[tuple[int, int], ...]
    monetary: tuple[tuple[int, int], ...]
    width: tuple[tuple[int, int], ...]
    top: TopShare
    birthdays: int  # in the next `birthday_days` days


SEGMENTS = ("key", "light", "never", "active", "dormant", "lost", "top20", "birthdays")


def recency_days(facts: MemberFacts, today: date) -> int | None:
    return None if facts.last_purchase is None else (today - facts.last_purchase).days


def status(facts: MemberFacts, today: date, rules: AnalysisRules) -> str:
    days = recency_days(facts, today)
    if days is None:
        return "never"
    if days <= rules.active_days:
        return "active"
    return "dormant" if days <= rules.lost_days else "lost"


def _step(value: int, steps: Sequence[int]) -> int:
    """How many steps `value` reaches: 0 below the first."""
    return sum(1 for step in steps if value >= step)


def segment_of(facts: MemberFacts, rules: AnalysisRules) -> str:
    """Seed 001: key (多次购买), light (偶尔购买), never bought since joining (僵尸会员)."""
    if facts.orders_ever == 0:
        return "never"
    return "key" if facts.orders >= rules.key_orders else "light"


def score(facts: Sequence[MemberFacts], today: date,
          rules: AnalysisRules | None = None) -> list[Rfmw]:
    """RFMW bands of every member (seed 003's 四度分析)."""
    rules = rules or AnalysisRules()
    tickets = sorted(f.revenue_fen / f.orders for f in facts if f.orders > 0)
    scored = []
    for f in facts:
        days = recency_days(f, today)
        band = (len(rules.recency_lines) + 1 if days is None
                else 1 + sum(1 for line in rules.recency_lines if days > line))
        money = 0
        if f.orders > 0 and tickets:
            # Ties share the lower rank, so equal tickets always get the same band.
            money = 1 + bisect_left(tickets, f.revenue_fen / f.orders) * 3 // len(tickets)
        scored.append(Rfmw(f.member_id, days, band, status(f, today, rules),
                           _step(f.orders, rules.frequency_steps), money,
                           _step(f.categories, rules.width_steps), segment_of(f, rules)))
    return scored


def top_share(facts: Sequence[MemberFacts], share: Decimal = Decimal("0.2")) -> TopShare:
    """Revenue of the top `share` of buying members against all members' revenue."""
    if not Decimal(0) < share <= Decimal(1):
        raise ValidationError("analysis.share_invalid", field="share", share=str(share))
    buyers = sorted((f.revenue_fen for f in facts if f.orders > 0), reverse=True)
    top = math.ceil(share * len(buyers))  # one buyer of three still makes a top of one
    return TopShare(len(buyers), top, sum(buyers[:top]), sum(buyers))


def top_members(facts: Sequence[MemberFacts], share: Decimal) -> list[MemberFacts]:
    buyers = sorted((f for f in facts if f.orders > 0), key=lambda f: (-f.revenue_fen,
                                                                       f.member_id))
    return buyers[:top_share(facts, share).top]


def next_birthday(month: int, day: int, today: date) -> date:
    """The next date (today included) the birthday falls on; 29 Feb is 28 Feb in common
    years, as for the birthday benefits."""
    for year in (today.year, today.year + 1):
        shown = 28 if (month, day) == (2, 29) and not calendar.isleap(year) else day
        when = date(year, month, shown)
        if when >= today:
            return when
    raise AssertionError("unreachable: a birthday comes round within a year")


def birthdays_within(facts: Sequence[MemberFacts], today: date,
                     days: int) -> list[tuple[date, MemberFacts]]:
    """Members whose birthday falls in the next `days` days, today being the first."""
    if days < 1:
        raise ValidationError("analysis.days_invalid", field="days", days=days)
    last = today + timedelta(days=days - 1)
    found = [(next_birthday(f.birth_month, f.birth_day, today), f) for f in facts
             if f.birth_month is not None and f.birth_day is not None]
    return sorted(((d, f) for d, f in found if d <= last), key=lambda x: (x[0], x[1].name))


def dormant(facts: Sequence[MemberFacts], today: date, days: int) -> list[MemberFacts]:
    """Seed 001 锁客: members who bought before but not in the last `days` days."""
    return sorted((f for f in facts if f.last_purchase is not None
                   and (today - f.last_purchase).days > days),
                  key=lambda f: (f.last_purchase or date.min, f.member_id))


def segment(name: str, facts: Sequence[MemberFacts], today: date,
            rules: AnalysisRules | None = None, days: int | None = None) -> list[MemberFacts]:
    """The members of a named segment (SEGMENTS), e.g. to export or to send coupons to.

    `days` overrides the segment's own figure: the birthday horizon, or how long a
    dormant member has not bought.
    """
    rules = rules or AnalysisRules()
    if name == "top20":
        return top_members(facts, rules.top_share)
    if name == "birthdays":
        return [f for _, f in birthdays_within(facts, today, days or rules.birthday_days)]
    if name == "dormant" and days is not None:
        return dormant(facts, today, days)
    if name in ("key", "light", "never"):
        return [f for f in facts if segment_of(f, rules) == name]
    if name in ("active", "dormant", "lost"):
        return [f for f in facts if status(f, today, rules) == name]
    raise ValidationError("analysis.segment_unknown", field="segment", segment=name,
                          known=list(SEGMENTS))


def summarize(facts: Sequence[MemberFacts], today: date,
              rules: AnalysisRules | None = None) -> Summary:
    """Counts per band and segment, the 20/80 share and the coming birthdays, for charts."""
    rules = rules or AnalysisRules()
    scored = score(facts, today, rules)
    return Summary(
        members=len(facts),
        statuses=_text_counts([s.status for s in scored]),
        segments=_text_counts([s.segment for s in scored]),
        recency_bands=_int_counts([s.recency_band for s in scored]),
        frequency=_int_counts([s.frequency for s in scored]),
        monetary=_int_counts([s.monetary for s in scored]),
        width=_int_counts([s.width for s in scored]),
        top=top_share(facts, rules.top_share),
        birthdays=len(birthdays_within(facts, today, rules.birthday_days)))


def _text_counts(values: Sequence[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(Counter(values).items()))


def _int_counts(values: Sequence[int]) -> tuple[tuple[int, int], ...]:
    return tuple(sorted(Counter(values).items()))
