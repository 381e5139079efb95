"""The tiers page without Qt: coming anniversaries, members per tier, one member's history."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.records import Member, TierChange
from domain.services import tier_outlook
from domain.services.context import ServiceContext
from domain.services.members import find_by_code, find_by_swipe
from domain.services.tier_outlook import Outlook

DEFAULT_DAYS = 30  # a month ahead: time to call a member who is about to drop


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
        wanted = self.days if days is None else days
        self.outlook = tier_outlook.upcoming(self.ctx, wanted)
        self.days = wanted
        self.counts = tier_outlook.tier_counts(self.ctx)

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
