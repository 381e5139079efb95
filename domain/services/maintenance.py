"""Time-driven upkeep: points expiry, tier anniversaries, the day close, outbox pruning."""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from domain import coupons as coupon_rules
from domain import tiers
from domain.events import CouponExpired, TierChanged
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.progress import NO_PROGRESS, Progress, check_cancel
from domain.records import CouponState, Member, Sale, SaleKind, TierChange
from domain.reports import ZReport
from domain.services import days, reports
from domain.services.context import ServiceContext, audit, emit
from domain.services.guard import guard
from domain.services.ledger import expire_lapsed, expire_points


@dataclass(frozen=True, slots=True)
class DayClose:
    business_date: date
    points_expired: int
    members_expired: int
    coupons_expired: int
    tier_changes: tuple[TierChange, ...]
    outbox_pruned: int = 0  # acknowledged outbox events deleted (retention in the rule pack)
    z: ZReport | None = None  # the day's Z as frozen by the close (printed with it)
    # Earlier business dates nobody closed (the till was off at closing time, or the close
    # was forgotten): closed first, each with its own Z, so no day's takings go unreported.
    missed_days: tuple[date, ...] = ()


def add_years(day: date, years: int) -> date:
    """Same month and day `years` later; 29 February becomes 28 February in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def latest_due_since(today: date) -> date:
    """The latest tier date whose anniversary has come by `today`: a year back, and on
    28 February of a common year the 29th before it (its anniversary is today)."""
    cutoff = add_years(today, -1)
    if (cutoff.month, cutoff.day) == (2, 28) and calendar.isleap(cutoff.year):
        return cutoff.replace(day=29)
    return cutoff


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def spend_history(ctx: ServiceContext, uow: UnitOfWork, member_id: str,
                  until: date) -> list[tuple[date, int]]:
    """(business date, qualifying fen) of sales and returns inside the longest entry window."""
    months = max((t.entry_window_months for t in ctx.pack.tiers), default=12)
    since = add_months(until, -months)
    sales = uow.sales.member_sales(member_id, since, until)
    return [(s.business_date, s.qualifying_fen) for s in sales]


def change_tier(ctx: ServiceContext, uow: UnitOfWork, member: Member, new_tier: str,
                reason: str, on: date, *, at: datetime | None = None) -> TierChange:
    """Move a member to `new_tier` from `on`, with history, outbox and audit; the history
    entry is timed `at` (default now)."""
    change = TierChange(id=new_id_str(), member_id=member.id, at=at or ctx.now(),
                        from_tier=member.tier, to_tier=new_tier, reason=reason)
    uow.members.save(replace(member, tier=new_tier, tier_since=on))
    uow.tiers.add_change(change)
    # The anniversary travels with the change: a void or a review dates the tier from another
    # day than the change's own, and head office must publish the date this till set.
    emit(ctx, uow, TierChanged(change, tier_since=on))
    return change


def review_tier(ctx: ServiceContext, uow: UnitOfWork, member_id: str,
                today: date) -> list[TierChange]:
    """Run every anniversary review that has come due (several if the till was off a while)."""
    changes: list[TierChange] = []
    member = uow.members.get(member_id)
    while member is not None and ctx.pack.tier(member.tier).retain_spend_fen is not None:
        anniversary = add_years(member.tier_since, 1)
        if anniversary > today:
            break
        history = year_history(uow.sales.member_sales(
            member.id, member.tier_since, anniversary - timedelta(days=1)))
        kept, _figures = tiers.review(member.tier, history, member.tier_since,
                                      anniversary - timedelta(days=1), ctx.pack)
        reason = "retained" if kept.name == member.tier else "downgrade"
        changes.append(change_tier(ctx, uow, member, kept.name, reason, anniversary))
        member = uow.members.get(member_id)
    return changes


def reviewed_tiers(ctx: ServiceContext) -> tuple[str, ...]:
    """The pack's tiers with a retention rule: the only ones an anniversary can change."""
    return tuple(t.name for t in ctx.pack.tiers if t.retain_spend_fen is not None)


def year_history(sales: list[Sale]) -> list[tuple[date, int]]:
    """A tier year's sales and returns, less returns of sales from before the year: a return
    nets its own sale, in that sale's year (a return after a review is counted in the year it
    reviewed: domain/services/takeback.py), never twice."""
    inside = {s.id for s in sales if s.kind is SaleKind.SALE}
    return [(s.business_date, s.qualifying_fen) for s in sales
            if s.kind is SaleKind.SALE or s.original_sale_id is None
            or s.original_sale_id in inside]


def bring_up_to_date(ctx: ServiceContext, uow: UnitOfWork, member_id: str) -> None:
    """Before a member spends or earns: expire lapsed points and run due tier reviews."""
    today = ctx.local_date()
    expire_points(ctx, uow, member_id, today)
    review_tier(ctx, uow, member_id, today)


BATCH_MEMBERS = 2_000  # members per batch: each its own short transaction
MISSED_DAYS_PER_BATCH = 30  # earlier days nobody closed, frozen per transaction (~5 ms each)
# Once batches have held the write lock this long, the close lets go of it for BATCH_PAUSE_S
# before the next: a till waiting for the lock polls it every 100 ms (SQLite's busy handler),
# and without the gap the close would win it back each time and a sale would wait out the
# whole close. A sale waits at most about HOLD_S and one batch.
HOLD_S = 0.5
BATCH_PAUSE_S = 0.11


@dataclass
class _Tally:
    """What this run of the close did, batch by batch."""

    points: int = 0
    members: int = 0
    coupons: int = 0
    changes: list[TierChange] = field(default_factory=list)
    missed: list[date] = field(default_factory=list)  # earlier days closed late
    pause_s: float = 0.0
    holding_since: float = field(default_factory=time.monotonic)

    def breathe(self) -> None:
        """Between two batches: leave the write lock free a moment once batches have held
        it for HOLD_S since the last pause."""
        if self.pause_s > 0 and time.monotonic() - self.holding_since >= HOLD_S:
            time.sleep(self.pause_s)
            self.holding_since = time.monotonic()


def close_day(ctx: ServiceContext, staff_id: str, progress: Progress = NO_PROGRESS, *,
              batch: int = BATCH_MEMBERS, pause_s: float = BATCH_PAUSE_S) -> DayClose:
    """Day close: refused while a shift is open or the day is already closed; expires points
    and coupons, runs tier anniversaries (DOMAIN §5, §7, §9), prunes the outbox of what head
    office acknowledged long ago, and freezes the Z. From then on new sales and shifts
    belong to the next business date.

    Expiry and reviews run in batches of `batch` members, each its own transaction, so the
    till keeps selling meanwhile; each batch only does what is still due, so a close stopped
    between batches (cancelled through `progress`, or killed) leaves the day open and the
    next close carries on. Earlier days nobody closed are closed next, a few to a
    transaction; the Z, the outbox prune and the audit come last, together; the figures
    returned and audited are what this run did."""
    today = ctx.local_date()
    with guard(ctx, "maintenance.close_day", staff_id):
        with ctx.reader() as uow:
            days.check_closable(ctx, uow)
        tally = _Tally(pause_s=pause_s)
        _expiry_batches(ctx, today, progress, batch, tally)
        check_cancel(progress)
        with ctx.uow() as uow:
            tally.coupons = _expire_coupons(ctx, uow, today)
            uow.commit()
        _review_batches(ctx, today, progress, batch, tally)
        _missed_batches(ctx, staff_id, progress, tally)
        result = _finish(ctx, staff_id, tally)
        progress.step(1, 1, "close")
    ctx.day_closed(result.business_date)
    # After the close, its own short transaction: a kill before it only leaves the move to
    # the next Analysis open.
    reports.keep_analysis_window(ctx)
    return result


def _expiry_batches(ctx: ServiceContext, today: date, progress: Progress, batch: int,
                    tally: _Tally) -> None:
    with ctx.reader() as uow:
        total = uow.points.lapsing_members(today)
    progress.step(0, total, "expiry")
    while True:
        check_cancel(progress)
        with ctx.uow() as uow:
            expired = expire_lapsed(ctx, uow, today, batch)
            uow.commit()
        if not expired:
            return
        tally.points += sum(expired.values())
        tally.members += len(expired)
        progress.step(tally.members, max(total, tally.members), "expiry")
        tally.breathe()


def _review_batches(ctx: ServiceContext, today: date, progress: Progress, batch: int,
                    tally: _Tally) -> None:
    """Anniversary reviews, a page of due members at a time; a reviewed member's tier date
    moves past the cut-off, so a page after a restart holds only members not yet reviewed."""
    due_since, tier_names = latest_due_since(today), reviewed_tiers(ctx)
    with ctx.reader() as uow:
        total = sum(uow.members.count_due_for_review(t, due_since) for t in tier_names)
    done = 0
    progress.step(done, total, "tiers")
    for tier in tier_names:
        after: tuple[date, str] | None = None
        while True:
            check_cancel(progress)
            with ctx.uow() as uow:
                due = uow.members.due_for_review(tier, due_since, after, batch)
                for member in due:
                    tally.changes.extend(review_tier(ctx, uow, member.id, today))
                uow.commit()
            if due:
                after, done = (due[-1].tier_since, due[-1].id), done + len(due)
                progress.step(done, max(total, done), "tiers")
                tally.breathe()
            if len(due) < batch:  # the tier's last page
                break


def _missed_batches(ctx: ServiceContext, staff_id: str, progress: Progress,
                    tally: _Tally) -> None:
    """Earlier days nobody closed, closed first with their own Z, MISSED_DAYS_PER_BATCH to a
    transaction: a till off at closing time for years (a generated store: 707 days, 3.5 s)
    would otherwise hold the write lock for all of them. Each is closed for good, so a close
    stopped after some leaves them closed and the next one goes on from there."""
    while True:
        check_cancel(progress)
        with ctx.uow() as uow:
            day = days.check_closable(ctx, uow)
            missed = uow.days.trading_days(uow.days.closed_through(), day)
            for earlier in missed[:MISSED_DAYS_PER_BATCH]:
                days.freeze(ctx, uow, earlier, staff_id)
                audit(ctx, uow, "day_closed", staff_id, target=str(earlier), late=True)
            uow.commit()
        tally.missed += missed[:MISSED_DAYS_PER_BATCH]
        if len(missed) <= MISSED_DAYS_PER_BATCH:
            return
        tally.breathe()


def _finish(ctx: ServiceContext, staff_id: str, tally: _Tally) -> DayClose:
    """The last transaction: the refusals checked again (a shift may have opened while the
    batches ran), the Z frozen, the outbox pruned, the close audited."""
    with ctx.uow() as uow:
        day = days.check_closable(ctx, uow)
        missed = tuple(uow.days.trading_days(uow.days.closed_through(), day))
        for earlier in missed:
            days.freeze(ctx, uow, earlier, staff_id)
            audit(ctx, uow, "day_closed", staff_id, target=str(earlier), late=True)
        z = days.freeze(ctx, uow, day, staff_id)
        result = DayClose(day, tally.points, tally.members, tally.coupons,
                          tuple(tally.changes), prune_outbox(ctx, uow), z,
                          (*tally.missed, *missed))
        audit(ctx, uow, "day_closed", staff_id, target=str(result.business_date),
              points_expired=result.points_expired, coupons_expired=result.coupons_expired,
              tier_changes=len(result.tier_changes), outbox_pruned=result.outbox_pruned,
              sales=z.sales, net_fen=z.net_fen, expected_cash_fen=z.expected_cash_fen,
              counted_cash_fen=z.counted_cash_fen)
        uow.commit()
    return result


def prune_outbox(ctx: ServiceContext, uow: UnitOfWork) -> int:
    """Delete outbox events acknowledged more than the pack's retention ago; returns how many.

    Head office keeps every event it acknowledged, so the till's copy is only history; keeping
    it forever makes a busy till's database grow without bound.
    """
    days = ctx.pack.offline.outbox_retention_days
    return uow.outbox.prune_acked(ctx.now() - timedelta(days=days))


def _expire_coupons(ctx: ServiceContext, uow: UnitOfWork, today: date) -> int:
    due = coupon_rules.due_to_expire(uow.coupons.issued_valid_to_before(today), today)
    for coupon in due:
        uow.coupons.save(replace(coupon, state=CouponState.EXPIRED))
        emit(ctx, uow, CouponExpired(coupon.code, coupon.member_id))
    return len(due)
