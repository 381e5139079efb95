"""The manager's reports and the member analysis, read from the store database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from domain import analysis, forms
from domain import cards as card_rules
from domain import reports as figures
from domain.errors import NotFound, ValidationError
from domain.points_detail import member_days
from domain.ports import UnitOfWork
from domain.records import PointsEntry, Sale
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard
from domain.services.members import issue_coupon
from domain.services.proofs import Approval
from domain.zfrozen import z_from_data


def daily_points_report(ctx: ServiceContext, business_date: date) -> figures.PointsReport:
    """DOMAIN §11: points outstanding at open, every movement of the day, outstanding at close.

    Opening and closing are both summed from the ledger, so `adds_up()` is a real check that
    every entry of the day was reported under some heading.
    """
    with ctx.reader() as uow:
        entries = uow.reports.points_entries_on(business_date)
        opening = uow.reports.points_total_until(business_date - timedelta(days=1))
        closing = uow.reports.points_total_until(business_date)
        sales = uow.sales.on_date(business_date)
        staff = _staff_names(uow, [e.staff_id for e in entries] + [s.cashier_id for s in sales])
        shown = _shown(uow, {e.member_id for e in entries})
        earners = {m: shown[m] for m in figures.top_earner_ids(entries) if m in shown}
        members = member_days(entries, _openings(uow, shown, business_date), shown,
                              _receipts(uow, entries, sales))
        store = _store_name(uow)
    return figures.points_report(business_date, store, opening, closing, entries, sales,
                                 ctx.pack, staff, earners, members)


def _shown(uow: UnitOfWork, member_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Name and mobile as a report may print them: masked (reports lie on counters)."""
    names = uow.reports.names_and_mobiles(list(member_ids))  # one query per 500 members
    return {m: (forms.mask_name(name), forms.mask_mobile(mobile))
            for m, (name, mobile) in names.items()}


def _openings(uow: UnitOfWork, member_ids: Iterable[str], day: date) -> dict[str, int]:
    """Each member's points before `day`, summed by the database (6,000 members on a busy
    day: one grouped query per 500, not every member's whole ledger mapped)."""
    wanted = list(member_ids)
    found = uow.reports.points_before(wanted, day)
    return {m: found.get(m, 0) for m in wanted}


def _receipts(uow: UnitOfWork, entries: Iterable[PointsEntry],
              sales: Iterable[Sale]) -> dict[str, str]:
    """Receipt numbers of the sales the entries name (a return may name an older sale)."""
    known = {s.id: s.receipt_no for s in sales}
    for sale_id in {e.sale_id for e in entries if e.sale_id and e.sale_id not in known}:
        sale = uow.sales.get(sale_id)
        if sale is not None:
            known[sale_id] = sale.receipt_no
    return known


def z_report(ctx: ServiceContext, business_date: date) -> figures.ZReport:
    """The day-close report: sales by tender, returns, discounts, coupons, wallet, cash. A
    closed day's Z is the one stored at its close, figure for figure."""
    with ctx.reader() as uow:
        closed = uow.days.get(business_date)
        if closed is not None:
            return z_from_data(closed.z)
        return z_figures(ctx, uow, business_date)


def z_figures(ctx: ServiceContext, uow: UnitOfWork, business_date: date) -> figures.ZReport:
    """The Z computed from the records (the day close freezes it in its own transaction)."""
    start = ctx.calendar.start_of(business_date)
    before = uow.days.get(business_date - timedelta(days=1))
    if before is not None:  # coupons issued after yesterday's close belong to this day
        start = min(start, before.closed_at)
    sales = uow.sales.on_date(business_date)
    wallet = uow.reports.wallet_entries_on(business_date)
    issued = uow.reports.coupons_issued_between(
        start, ctx.calendar.start_of(business_date + timedelta(days=1)))
    shifts = uow.reports.shifts_on(business_date)
    staff = _staff_names(uow, [s.cashier_id for s in shifts])
    return figures.z_report(business_date, _store_name(uow), sales, wallet, issued, shifts,
                            staff)


def member_statement(ctx: ServiceContext, member_id: str, since: date,
                     until: date) -> figures.Statement:
    """Purchases, points movements and lots with expiry, wallet and coupons of one member,
    from `since` through `until` (ValidationError lookup.period_reversed otherwise)."""
    if since > until:
        raise ValidationError("lookup.period_reversed", field="since")
    with ctx.reader() as uow:
        member = uow.members.get(member_id)
        if member is None:
            raise NotFound("member.unknown", member_id=member_id)
        card = card_rules.current_card(uow.cards.for_member(member_id))
        return figures.statement(
            member, card.number if card else None, since, until,
            uow.members.balances(member_id), uow.sales.member_sales(member_id, since, until),
            uow.points.entries(member_id), uow.points.lots(member_id),
            uow.wallet.entries(member_id), uow.coupons.for_member(member_id))


def member_facts(ctx: ServiceContext, rules: analysis.AnalysisRules | None = None,
                 today: date | None = None) -> list[analysis.MemberFacts]:
    """Every active member's buying, for the analysis screen and segment exports."""
    rules = rules or analysis.AnalysisRules()
    until = today or ctx.today()
    with ctx.reader() as uow:
        return uow.reports.member_facts(_window_start(until, rules), until)


def analyse(ctx: ServiceContext,
            rules: analysis.AnalysisRules | None = None) -> analysis.Summary:
    """RFMW bands, key/light/never-bought, the 20/80 share and the coming birthdays."""
    return analysis_summary(ctx, rules)


def analysis_summary(ctx: ServiceContext, rules: analysis.AnalysisRules | None = None,
                     today: date | None = None) -> analysis.Summary:
    """The same Summary as analysis.summarize over member_facts, from figures the database
    groups and counts (a million members are never mapped one by one)."""
    rules = rules or analysis.AnalysisRules()
    until = today or ctx.today()
    _keep_window(ctx, rules, until)
    birthdays = analysis.birthday_dates(until, rules.birthday_days)
    with ctx.reader() as uow:
        figures = uow.reports.buying_figures(_window_start(until, rules), until,
                                             rules.top_share, birthdays)
    return analysis.summarize_groups(figures, until, rules)


def birthday_members(ctx: ServiceContext, days: int, rules: analysis.AnalysisRules | None = None,
                     today: date | None = None) -> list[tuple[date, analysis.MemberFacts]]:
    """Members whose birthday falls in the next `days` days, as analysis.birthdays_within."""
    rules = rules or analysis.AnalysisRules()
    until = today or ctx.today()
    with ctx.reader() as uow:
        facts = uow.reports.birthday_facts(_window_start(until, rules), until,
                                           analysis.birthday_dates(until, days))
    return analysis.birthdays_within(facts, until, days)


def dormant_members(ctx: ServiceContext, days: int, limit: int,
                    rules: analysis.AnalysisRules | None = None,
                    today: date | None = None) -> tuple[int, list[analysis.MemberFacts]]:
    """How many members bought before but not in the last `days` days, and the `limit`
    longest idle of them in analysis.dormant's order (a million-member store has too many
    to list)."""
    rules = rules or analysis.AnalysisRules()
    until = today or ctx.today()
    _keep_window(ctx, rules, until)
    with ctx.reader() as uow:
        count, facts = uow.reports.idle_facts(_window_start(until, rules), until,
                                              until - timedelta(days=days), limit)
    return count, analysis.dormant(facts, until, days)


def keep_analysis_window(ctx: ServiceContext) -> None:
    """Moves the kept per-member figures to the default window ending on the current business
    date (the day close calls this for the next day): work proportional to the days moved."""
    _keep_window(ctx, analysis.AnalysisRules(), ctx.today())


def _keep_window(ctx: ServiceContext, rules: analysis.AnalysisRules, until: date) -> None:
    """Only the default window up to the current day is kept: another window or date (a
    what-if, a look back) is grouped from every sale instead of moving the kept one away."""
    if rules.window_days != analysis.AnalysisRules().window_days or until != ctx.today():
        return
    since = _window_start(until, rules)
    with ctx.reader() as uow:
        if uow.reports.figures_window() == (since, until):
            return
    with ctx.uow() as uow:
        uow.reports.move_figures_window(since, until)
        uow.commit()


def _window_start(until: date, rules: analysis.AnalysisRules) -> date:
    return until - timedelta(days=rules.window_days - 1)


def segment_members(ctx: ServiceContext, name: str, days: int | None = None,
                    rules: analysis.AnalysisRules | None = None) -> list[analysis.MemberFacts]:
    return analysis.segment(name, member_facts(ctx, rules), ctx.today(), rules, days)


def coupon_to_segment(ctx: ServiceContext, name: str, template_code: str, staff_id: str,
                      approval: Approval | None = None, days: int | None = None) -> int:
    """锁客 (seed 001): one coupon to each member of a segment at once; by a manager, or with a
    manager's approval for "reports.coupon_to_segment"."""
    with guard(ctx, "reports.coupon_to_segment", staff_id, approval) as grant:
        manager_id = grant.authority
        return _issue_to_segment(ctx, name, template_code, staff_id, manager_id, days)


def _issue_to_segment(ctx: ServiceContext, name: str, template_code: str, staff_id: str,
                      manager_id: str | None, days: int | None) -> int:
    members = segment_members(ctx, name, days)
    with ctx.uow() as uow:
        for facts in members:
            issue_coupon(ctx, uow, template_code, facts.member_id, f"bulk:{name}")
        audit(ctx, uow, "coupons_bulk_issued", staff_id, target=template_code,
              approved_by=manager_id, segment=name, count=len(members))
        uow.commit()
    return len(members)


def _staff_names(uow: UnitOfWork, ids: Iterable[str | None]) -> dict[str, str]:
    names = {}
    for staff_id in {i for i in ids if i}:
        staff = uow.staff.get(staff_id)
        if staff is not None:
            names[staff_id] = f"{staff.number} {staff.name}"
    return names


def _store_name(uow: UnitOfWork) -> str:
    settings = uow.settings.get()
    return f"{settings.store_name} ({settings.store_code})"
