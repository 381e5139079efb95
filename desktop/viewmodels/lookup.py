"""Member look-up and statement at the front desk, without Qt: search, statement, documents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from desktop import report_formats
from desktop.viewmodels.env import TillEnv
from domain.forms import mask_mobile
from domain.money import format_yuan
from domain.records import Member, TierChange
from domain.reports import Statement
from domain.services import lookup, members, profiles
from domain.services import reports as report_services
from hardware.receipt import Receipt
from hardware.tracks import Tracks
from reporting import document
from reporting.document import Doc, Section

DEFAULT_DAYS = 90  # a quarter: what members ask about at the desk
# Statement sections report_formats has no label for (wallet movements and tier history).
EXTRA_LABELS = {
    "zh": {"wallet_moves": "储值明细", "kind": "类型", "tiers": "等级变动", "from": "原等级",
           "to": "新等级", "reason": "原因"},
    "en": {"wallet_moves": "Stored value movements", "kind": "Kind", "tiers": "Tier history",
           "from": "From", "to": "To", "reason": "Reason"},
}


@dataclass(frozen=True, slots=True)
class HitRow:
    """One line of the results: the mobile is masked, as on the till's member panel."""

    member_id: str
    name: str
    mobile: str
    card: str
    tier: str
    status: str
    points: int
    wallet_fen: int


@dataclass(frozen=True, slots=True)
class MemberStatement:
    statement: Statement
    tiers: tuple[TierChange, ...]


class LookupModel:
    """What the look-up page asks of the services; every refusal is a DomainError."""

    def __init__(self, env: TillEnv) -> None:
        self.env = env

    def search(self, text: str) -> list[HitRow]:
        return [_row(hit) for hit in lookup.search(self.env.ctx, text)]

    def hit(self, member_id: str) -> HitRow:
        return _row(lookup.hit(self.env.ctx, member_id))

    def member(self, member_id: str) -> Member:
        return lookup.hit(self.env.ctx, member_id).member

    def update_profile(self, member_id: str, changes: Mapping[str, object],
                       staff_id: str) -> Member:
        """forms.FormErrors names each bad field; nothing is saved then."""
        return profiles.update_member(self.env.ctx, member_id, changes, staff_id)

    def by_code(self, code: str) -> str:
        """A scanned card, dynamic QR or mobile: the member's id."""
        return members.find_by_code(self.env.ctx, code).member.id

    def by_swipe(self, tracks: Tracks) -> str:
        return members.find_by_swipe(self.env.ctx, tracks.track1, tracks.track2).member.id

    def default_period(self) -> tuple[date, date]:
        today = self.env.ctx.local_date()
        return today - timedelta(days=DEFAULT_DAYS - 1), today

    def statement(self, member_id: str, since: date, until: date) -> MemberStatement:
        # The tier history is read apart: report_formats' Statement does not carry it.
        ctx = self.env.ctx
        return MemberStatement(report_services.member_statement(ctx, member_id, since, until),
                               tuple(lookup.tier_history(ctx, member_id)))

    def document(self, found: MemberStatement) -> Doc:
        ctx = self.env.ctx
        return statement_document(found, ctx.calendar.local(ctx.now()), self.env.receipt_lang)

    def receipt(self, found: MemberStatement) -> Receipt:
        return report_formats.as_receipt(self.document(found))

    def pdf(self, found: MemberStatement) -> bytes:
        return document.as_pdf(self.document(found))

    def csv(self, found: MemberStatement) -> str:
        return document.as_csv(self.document(found))


def statement_document(found: MemberStatement, printed: datetime, lang: str) -> Doc:
    """report_formats' statement plus the wallet movements and the tier history."""
    doc = report_formats.statement_doc(found.statement, printed, lang)
    t, extra = report_formats.labels(lang), EXTRA_LABELS.get(lang, EXTRA_LABELS["zh"])
    wallet = Section(extra["wallet_moves"],
                     header=(t["date"], extra["kind"], t["wallet_principal"], t["wallet_bonus"]),
                     table=[(e.business_date.isoformat(), e.kind, format_yuan(e.principal_fen),
                             format_yuan(e.bonus_fen))
                            for e in found.statement.wallet_entries])
    tiers = Section(extra["tiers"], header=(t["date"], extra["from"], extra["to"],
                                            extra["reason"]),
                    table=[(c.at.date().isoformat(), c.from_tier or "-", c.to_tier, c.reason)
                           for c in found.tiers])
    return replace(doc, sections=[*doc.sections, wallet, tiers])


def profile_text(member: Member) -> dict[str, object]:
    """The editable fields as the profile form shows them (birthday as typed: 1990-03-08)."""
    birthday = ""
    if member.birth_month and member.birth_day:
        birthday = f"{member.birth_month:02d}-{member.birth_day:02d}"
        if member.birth_year:
            birthday = f"{member.birth_year}-{birthday}"
    return {"name": member.name, "mobile": member.mobile, "birthday": birthday,
            "email": member.email, "occupation": member.occupation, "address": member.address,
            "notes": member.notes, "gender": member.gender,
            "consent_marketing": member.consent_marketing,
            "consent_alliance": member.consent_alliance}


def _row(hit: lookup.MemberHit) -> HitRow:
    b = hit.balances
    return HitRow(hit.member.id, hit.member.name, mask_mobile(hit.member.mobile),
                  hit.card_number or "", hit.member.tier, hit.member.status.value, b.points,
                  b.wallet_principal_fen + b.wallet_bonus_fen)
