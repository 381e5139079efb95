"""Events at the front desk without Qt: the invitation list by rule, CSV export, check-in."""

from __future__ import annotations

from pathlib import Path

from desktop.viewmodels import desk_slips
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.member_finder import DeskMember
from domain import spreadsheet
from domain.analysis import MemberFacts
from domain.errors import DomainError
from domain.records import Staff
from domain.services import campaigns
from domain.services.campaigns import CheckIn, InvitationRule
from hardware.receipt import Receipt

DEFAULT_MIN_POINTS = 3000  # seed 000's 会员尊享会: members with at least 3,000 points
CSV_HEADER = ("name", "mobile", "card", "tier", "points", "birth_month", "marketing_consent")


class EventsDesk:
    """One event (by name) at a time; every refusal is a DomainError."""

    def __init__(self, env: TillEnv, staff: Staff) -> None:
        self.env, self.staff = env, staff
        self.member = DeskMember(env)
        self.event = ""

    def tiers(self) -> list[str]:
        return [tier.name for tier in self.env.ctx.pack.tiers]

    def invitations(self, rule: InvitationRule) -> list[MemberFacts]:
        return campaigns.invitation_list(self.env.ctx, rule)

    def export_csv(self, rows: list[MemberFacts], path: Path) -> int:
        """The list for the staff who phone the members, UTF-8 with BOM so Excel reads it."""
        try:
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                writer = spreadsheet.writer(out)  # a member named `=cmd|…` runs nothing
                writer.writerow(CSV_HEADER)
                for m in rows:
                    writer.writerow((m.name, m.mobile, m.card_number or "", m.tier, m.points,
                                     m.birth_month or "", "yes" if m.consent_marketing else "no"))
        except OSError as err:
            raise DomainError("event.export_failed", path=str(path),
                              reason=err.strerror or type(err).__name__) from None
        return len(rows)

    def check_in(self) -> tuple[CheckIn, Receipt]:
        """The member found at the door checks in once; the welcome coupon comes with it."""
        view = self.member.require()
        done = campaigns.check_in(self.env.ctx, view.member.id, self.event, self.staff.id)
        self.member.refresh()
        slip = desk_slips.checkin_slip(self.member.slip_head(self.staff), done.event, done.coupon,
                                       done.bonus_points)
        return done, slip

    def checked_in(self) -> int:
        return len(campaigns.checked_in_today(self.env.ctx, self.event))
