"""The tiers page without Qt: coming anniversaries, members per tier, one member's history."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.i18n import QT_TRANSLATE_NOOP
from domain.progress import NO_PROGRESS, Progress
from domain.records import Member, TierChange
from domain.services import tier_outlook
from domain.services.context import ServiceContext
from domain.services.members import find_by_code, find_by_swipe
from domain.services.tier_outlook import Outlook

READING = QT_TRANSLATE_NOOP("progress", "Reading anniversaries and members per tier")
DEFAULT_DAYS = 30  # a month ahead: time to call a member who is about to drop


@dataclass(frozen=True)
class TierFigures:
    days: int
    outlook: list[Outlook]
    counts: list[tuple[str, int]]


def read(ctx: ServiceContext, days: int, progress: Progress = NO_PROGRESS) -> TierFigures:
    """The page's job: anniversaries `days` ahead and members per tier, read on the task
    runner's thread with its own units of work."""
    progress.step(0, None, READING)
    return TierFigures(days, tier_outlook.upcoming(ctx, days), tier_outlook.tier_counts(ctx))


@dataclass
class TiersModel:
    ctx: ServiceContext
    days: int = DEFAULT_DAYS
    outlook: list[Outlook] = field(default_factory=list)
    counts: list[tuple[str, int]] = field(default_factory=list)
    member: Member | None = None
    history: list[TierChange] = field(default_factory=list)

    def refresh(self, days: int | None = None) -> None:
        """Re-read the anniversaries (for `days` days ahead) and the counts per tier."""
        self.apply(read(self.ctx, self.days if days is None else days))

    def apply(self, figures: TierFigures) -> None:
        """What a read on the task runner found (the window's thread)."""
        self.days, self.outlook, self.counts = figures.days, figures.outlook, figures.counts

    @property
    def dropping(self) -> int:
        return sum(1 for o in self.outlook if not o.keeps)

    def choose(self, member: Member) -> None:
        self.member = member
        self.history = tier_outlook.history(self.ctx, member.id)

    def choose_row(self, row: int) -> None:
        """An outlook row was picked: show that member's history."""
        with self.ctx.reader() as uow:
            member = uow.members.get(self.outlook[row].member_id)
        if member is not None:
            self.choose(member)

    def look_up(self, code: str) -> None:
        """A typed or scanned card number, dynamic QR or mobile number."""
        self.choose(find_by_code(self.ctx, code).member)

    def look_up_swipe(self, track1: str | None, track2: str | None) -> None:
        self.choose(find_by_swipe(self.ctx, track1, track2).member)
