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
from typing import Any

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


@dataclass(frozen=True, slots=True)
class BuyingGroup:
    """Active members who share a last purchase date, an order count and a category count in
    the window: the database counts them (ReportRepo.buying_figures) instead of listing them."""

    last_purchase: date | None
    orders: int
    categories: int
    members: int


@dataclass(frozen=True, slots=True)
class BuyingFigures:
    """What `summarize_groups` needs, grouped and summed by the database."""

    groups: tuple[BuyingGroup, ...]  # every active member in exactly one group
    monetary: tuple[tuple[int, int], ...]  # (band 1..MONETARY_PARTS, buyers), as score() bands
    top: TopShare
    birthdays: int  # members whose birthday is one of the `birthday_dates` asked for


MONETARY_PARTS = 3  # thirds of the ticket ranking: 潜力 / 培养 / 大咖
SEGMENTS = ("key", "light", "never", "active", "dormant", "lost", "top20", "birthdays")


def recency_days(facts: MemberFacts, today: date) -> int | None:
    return None if facts.last_purchase is None else (today - facts.last_purchase).days


def status(facts: MemberFacts, today: date, rules: AnalysisRules) -> str:
    return _status(recency_days(facts, today), rules)


def _status(days: int | None, rules: AnalysisRules) -> str:
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
    return _segment(facts.orders_ever > 0, facts.orders, rules)


def _segment(bought: bool, orders: int, rules: AnalysisRules) -> str:
    if not bought:
        return "never"
    return "key" if orders >= rules.key_orders else "light"


def score(facts: Sequence[MemberFacts], today: date,
          rules: AnalysisRules | None = None) -> list[Rfmw]:
    """RFMW bands of every member (seed 003's 四度分析)."""
    rules = rules or AnalysisRules()
    tickets = sorted(f.revenue_fen / f.orders for f in facts if f.orders > 0)
    scored = []
    for f in facts:
        days = recency_days(f, today)
        band = _recency_band(days, rules)
        money = 0
        if f.orders > 0 and tickets:
            # Ties share the lower rank, so equal tickets always get the same band.
            money = 1 + (bisect_left(tickets, f.revenue_fen / f.orders) * MONETARY_PARTS
                         // len(tickets))
        scored.append(Rfmw(f.member_id, days, band, status(f, today, rules),
                           _step(f.orders, rules.frequency_steps), money,
                           _step(f.categories, rules.width_steps), segment_of(f, rules)))
    return scored


def _recency_band(days: int | None, rules: AnalysisRules) -> int:
    """1 = within the first line ... len(lines) + 1 = beyond the last, or never bought."""
    if days is None:
        return len(rules.recency_lines) + 1
    return 1 + sum(1 for line in rules.recency_lines if days > line)


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


def birthday_dates(today: date, days: int) -> tuple[tuple[int, int], ...]:
    """The (month, day) birthdays `birthdays_within` lists for this window, 29 February
    included when its common-year 28 February falls inside: for the database to match."""
    if days < 1:
        raise ValidationError("analysis.days_invalid", field="days", days=days)
    last = today + timedelta(days=days - 1)
    every = [(m, d) for m in range(1, 13) for d in range(1, calendar.monthrange(2000, m)[1] + 1)]
    return tuple((m, d) for m, d in every if next_birthday(m, d, today) <= last)


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


def summarize_groups(figures: BuyingFigures, today: date,
                     rules: AnalysisRules | None = None) -> Summary:
    """`summarize` from the database's groups: the same counts, without a row per member."""
    rules = rules or AnalysisRules()
    statuses: Counter[str] = Counter()
    segments: Counter[str] = Counter()
    bands: Counter[int] = Counter()
    frequency: Counter[int] = Counter()
    width: Counter[int] = Counter()
    for g in figures.groups:
        days = None if g.last_purchase is None else (today - g.last_purchase).days
        statuses[_status(days, rules)] += g.members
        segments[_segment(g.last_purchase is not None, g.orders, rules)] += g.members
        bands[_recency_band(days, rules)] += g.members
        frequency[_step(g.orders, rules.frequency_steps)] += g.members
        width[_step(g.categories, rules.width_steps)] += g.members
    buyers = figures.top.buyers
    monetary = Counter(dict(figures.monetary)) + Counter({0: sum(statuses.values()) - buyers})
    return Summary(
        members=sum(statuses.values()), statuses=_sorted(statuses), segments=_sorted(segments),
        recency_bands=_sorted(bands), frequency=_sorted(frequency),
        monetary=_sorted(monetary), width=_sorted(width), top=figures.top,
        birthdays=figures.birthdays)


def _sorted(counts: Counter[Any]) -> tuple[tuple[Any, int], ...]:
    """As _text_counts and _int_counts give them: present keys only, in order."""
    return tuple(sorted((k, n) for k, n in counts.items() if n > 0))


def _text_counts(values: Sequence[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(Counter(values).items()))


def _int_counts(values: Sequence[int]) -> tuple[tuple[int, int], ...]:
    return tuple(sorted(Counter(values).items()))
