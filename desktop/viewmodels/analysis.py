"""The analysis page without Qt: RFMW counts, the 20/80 share, birthdays, dormant members and
a coupon to all of them (seed 001 锁客)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.i18n import QT_TRANSLATE_NOOP
from domain.analysis import AnalysisRules, MemberFacts, Summary
from domain.progress import NO_PROGRESS, Progress
from domain.records import CouponTemplate
from domain.services import reports as report_services
from domain.services.context import ServiceContext
from domain.services.proofs import Approval

READING = QT_TRANSLATE_NOOP("progress", "Reading every member's purchases")
COUNTING = QT_TRANSLATE_NOOP("progress", "Counting bands and segments")
BIRTHDAY_DAYS = 7
DORMANT_DAYS = 90  # seed 003's first recency line: no purchase for three months
DORMANT_SHOWN = 1000  # a big store has hundreds of thousands: the count says how many


def counts(pairs: Sequence[tuple[int, int]], keys: Sequence[int]) -> list[tuple[int, int]]:
    """Every band in `keys`, zero where nobody is in it (a chart keeps its axis)."""
    found = dict(pairs)
    return [(key, found.get(key, 0)) for key in keys]


@dataclass(frozen=True)
class Reading:
    """What the page's job read: the summary, the birthdays and the dormant members (how
    many, and the longest idle of them to list)."""

    summary: Summary
    birthdays: list[tuple[date, MemberFacts]]
    dormant: tuple[int, list[MemberFacts]]


def read(ctx: ServiceContext, rules: AnalysisRules, birthday_days: int, dormant_days: int,
         progress: Progress = NO_PROGRESS) -> Reading:
    """The page's job on the task runner's thread: counts grouped by the database (no member
    is mapped one by one), then the two lists, each reading only its own members."""
    progress.step(0, 2, READING)
    today = ctx.today()
    summary = report_services.analysis_summary(ctx, rules, today)
    progress.step(1, 2, COUNTING)
    return Reading(summary, birthdays(ctx, rules, birthday_days),
                   dormant(ctx, rules, dormant_days))


def birthdays(ctx: ServiceContext, rules: AnalysisRules,
              days: int) -> list[tuple[date, MemberFacts]]:
    """Members whose birthday falls within `days` days, soonest first."""
    return report_services.birthday_members(ctx, days, rules, ctx.today())


def dormant(ctx: ServiceContext, rules: AnalysisRules,
            days: int) -> tuple[int, list[MemberFacts]]:
    """How many members are idle for more than `days` days, and the longest idle of them
    (at most DORMANT_SHOWN) to list."""
    return report_services.dormant_members(ctx, days, DORMANT_SHOWN, rules, ctx.today())


@dataclass
class AnalysisModel:
    ctx: ServiceContext
    rules: AnalysisRules = field(default_factory=AnalysisRules)
    summary: Summary | None = None

    def refresh(self) -> Summary:
        return self.apply(read(self.ctx, self.rules, BIRTHDAY_DAYS, DORMANT_DAYS))

    def apply(self, reading: Reading) -> Summary:
        """What a read on the task runner found (the window's thread)."""
        self.summary = reading.summary
        return reading.summary

    def today(self) -> date:
        return self.ctx.today()

    def recency(self) -> list[tuple[int, int]]:
        bands = range(1, len(self.rules.recency_lines) + 2)
        return counts(self.summary.recency_bands if self.summary else (), list(bands))

    def steps(self, which: str) -> list[tuple[int, int]]:
        """frequency, monetary or width counts for steps 0..3."""
        pairs = getattr(self.summary, which) if self.summary else ()
        return counts(pairs, [0, 1, 2, 3])

    def segments(self) -> list[tuple[str, int]]:
        found = dict(self.summary.segments) if self.summary else {}
        return [(name, found.get(name, 0)) for name in ("key", "light", "never")]

    def birthdays(self, days: int) -> list[tuple[date, MemberFacts]]:
        return birthdays(self.ctx, self.rules, days)

    def dormant(self, days: int) -> tuple[int, list[MemberFacts]]:
        return dormant(self.ctx, self.rules, days)

    def templates(self) -> list[CouponTemplate]:
        return list(self.ctx.pack.coupons.templates)

    def issue_to_dormant(self, template: str, days: int, staff_id: str,
                         approval: Approval | None) -> int:
        """One coupon of `template` to every member idle for more than `days` days (a job on
        the task runner: it changes nothing of the model; the page reads again after)."""
        return report_services.coupon_to_segment(self.ctx, "dormant", template, staff_id,
                                                 approval, days)
