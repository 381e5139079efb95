"""Event check-in and coupons issued in bulk to a member segment (DOMAIN §9, §10)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from domain import card_data
from domain.analysis import MemberFacts
from domain.errors import DomainError, NotFound, ValidationError
from domain.records import Coupon
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard
from domain.services.ledger import Posting, credit_points
from domain.services.members import issue_coupon
from domain.services.proofs import Approval


@dataclass(frozen=True, slots=True)
class CheckIn:
    member_id: str
    event: str
    bonus_points: int
    coupon: Coupon | None


def check_in(ctx: ServiceContext, member_id: str, event: str, staff_id: str) -> CheckIn:
    """A member checks in at an event: the pack's check-in bonus and welcome coupon, once.

    The event's name is typed at the desk and kept in the ledger and the audit trail, so a
    card number in it is refused (card.number_in_text, field "event"), and so is none
    (event.name_required).
    """
    event = event_name(event)
    card_data.check_text("event", event)
    with guard(ctx, "campaigns.check_in", staff_id), ctx.uow() as uow:
        if uow.members.get(member_id) is None:
            raise NotFound("member.unknown", member_id=member_id)
        reason = f"checkin:{event}"
        if any(e.reason == reason for e in uow.points.entries(member_id)) or any(
                c.issued_reason == reason for c in uow.coupons.for_member(member_id)):
            raise DomainError("event.already_checked_in", event=event)
        bonus = ctx.pack.points.checkin_bonus
        if bonus:
            credit_points(ctx, uow, Posting(member_id, "bonus", staff_id, reason=reason), bonus,
                          source="bonus")
        template = ctx.pack.coupons.checkin_template
        coupon = issue_coupon(ctx, uow, template, member_id, reason) if template else None
        audit(ctx, uow, "event_checkin", staff_id, target=member_id, event=event)
        uow.commit()
    return CheckIn(member_id, event, bonus, coupon)


def event_name(text: str) -> str:
    """An event's name as typed, trimmed; none is refused (event.name_required): the
    check-in's reason keeps it, and an unnamed check-in would stand for every event."""
    event = text.strip()
    if not event:
        raise ValidationError("event.name_required", field="event")
    return event


def issue_bulk(ctx: ServiceContext, member_ids: Sequence[str], template_code: str,
               staff_id: str, approval: Approval | None = None) -> list[Coupon]:
    """One coupon of a template to each member of a segment (锁客), in one transaction; by a
    manager, or with a manager's approval for "campaigns.issue_bulk"."""
    with guard(ctx, "campaigns.issue_bulk", staff_id, approval) as grant, ctx.uow() as uow:
        manager_id = grant.authority
        missing = [m for m in member_ids if uow.members.get(m) is None]
        if missing:
            raise NotFound("member.unknown", member_id=missing[0], count=len(missing))
        issued = [issue_coupon(ctx, uow, template_code, m, "bulk") for m in member_ids]
        audit(ctx, uow, "coupons_bulk_issued", staff_id, target=template_code,
              approved_by=manager_id, count=len(issued))
        uow.commit()
    return issued


@dataclass(frozen=True, slots=True)
class InvitationRule:
    """Who is invited to an event (会员尊享会): each condition set must hold."""

    min_points: int = 0
    tier: str | None = None
    birth_month: int | None = None  # 1..12
    marketing_consent_only: bool = False


def invited(members: Sequence[MemberFacts], rule: InvitationRule) -> list[MemberFacts]:
    """The members a rule invites, most points first (the list the desk phones down)."""
    if rule.min_points < 0:
        raise ValidationError("event.min_points_invalid", field="min_points",
                              points=rule.min_points)
    if rule.birth_month is not None and not 1 <= rule.birth_month <= 12:
        raise ValidationError("event.month_invalid", field="birth_month",
                              month=rule.birth_month)
    chosen = [m for m in members if m.points >= rule.min_points
              and (rule.tier is None or m.tier == rule.tier)
              and (rule.birth_month is None or m.birth_month == rule.birth_month)
              and (m.consent_marketing or not rule.marketing_consent_only)]
    return sorted(chosen, key=lambda m: (-m.points, m.name, m.member_id))


def invitation_list(ctx: ServiceContext, rule: InvitationRule) -> list[MemberFacts]:
    """Every active member the rule invites, read in one query."""
    today = ctx.local_date()
    with ctx.reader() as uow:
        return invited(uow.reports.member_facts(today, today), rule)


def checked_in_today(ctx: ServiceContext, event: str) -> list[str]:
    """Members checked in at an event on this business date (by what their check-in gave)."""
    reason = f"checkin:{event_name(event)}"
    day = ctx.today()
    start = ctx.calendar.start_of(day)
    with ctx.reader() as uow:
        coupons = uow.reports.coupons_issued_between(start, start + timedelta(days=1))
        points = uow.reports.points_entries_on(day)
    members = {c.member_id for c in coupons if c.issued_reason == reason and c.member_id}
    members |= {e.member_id for e in points if e.reason == reason}
    return sorted(members)
