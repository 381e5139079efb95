"""Posting points and wallet movements: ledger entry, lots, projection and outbox together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import points as rules
from domain.errors import DomainError
from domain.events import PointsEntryPosted, WalletEntryPosted
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import PointsEntry, PointsLot, Sale, WalletEntry
from domain.services.context import ServiceContext, emit, emit_many


@dataclass(frozen=True, slots=True)
class Posting:
    """Who and why, shared by every ledger movement of one use case."""

    member_id: str
    kind: str
    staff_id: str | None = None
    sale_id: str | None = None
    reason: str = ""


def credit_points(ctx: ServiceContext, uow: UnitOfWork, post: Posting, points: int,
                  source: str = "earn") -> PointsEntry | None:
    """Add points as a new lot expiring per the pack; a negative balance is repaid first."""
    if points == 0:
        return None
    if points < 0:
        raise ValueError("credit_points takes a positive amount; use debit_points")
    today = ctx.local_date()
    balance = uow.members.balances(post.member_id).points
    lot_points = rules.lot_points_after_debt(balance, points)
    if lot_points > 0:
        lot = PointsLot(id=new_id_str(), member_id=post.member_id, earned_on=today,
                        expires_on=rules.expires_on(today, ctx.pack), points=lot_points,
                        remaining=lot_points, source=source, sale_id=post.sale_id)
        uow.points.save_lots(post.member_id, [lot])
    return _entry(ctx, uow, post, points)


def debit_points(ctx: ServiceContext, uow: UnitOfWork, post: Posting, points: int) -> PointsEntry:
    """Spend points from the soonest-expiring lots; refused if the lots do not hold them. A
    sale's payment records what it took from each lot, for a refund to give back there."""
    if points <= 0:
        raise ValueError("debit_points takes a positive amount")
    lots = uow.points.lots(post.member_id)
    plan = rules.spend_plan(lots, points)
    _apply_plan(uow, post.member_id, lots, plan)
    entry = _entry(ctx, uow, post, -points)
    if post.sale_id and plan:
        uow.points.add_draws([(entry.id, lot_id, post.sale_id, n) for lot_id, n in plan])
    return entry


def restore_points(ctx: ServiceContext, uow: UnitOfWork, post: Posting, points: int,
                   original: Sale) -> list[PointsEntry]:
    """Give back points `original` spent, to the lots it took them from with their own expiry
    (DOMAIN §7): one entry per last valid day, soonest first, a negative balance repaid first.
    A lot already past its last day stays expired: its points expire again at once, today.
    Points no draw of this till accounts for (a sale from before draws were kept) come back
    as a lot expiring as points earned on the sale's own date would."""
    lots = uow.points.lots(post.member_id)
    gives, rest = rules.restore_plan(lots, uow.points.draws(original.id), points)
    by_id = {lot.id: lot for lot in lots}
    groups: dict[date | None, list[tuple[PointsLot, int]]] = {}
    for lot_id, n in gives:
        groups.setdefault(by_id[lot_id].expires_on, []).append((by_id[lot_id], n))
    if rest:
        earned_on = ctx.calendar.calendar_date(original.at)
        lot = PointsLot(id=new_id_str(), member_id=post.member_id, earned_on=earned_on,
                        expires_on=rules.expires_on(earned_on, ctx.pack), points=rest,
                        remaining=0, source="refund", sale_id=original.id)
        groups.setdefault(lot.expires_on, []).append((lot, rest))
    entries = [_restore(ctx, uow, post, original.id, day, given)
               for day, given in sorted(groups.items(), key=lambda g: g[0] or date.max)]
    if any(day is not None and day < ctx.local_date() for day in groups):
        expire_points(ctx, uow, post.member_id, ctx.local_date())
    return entries


def _restore(ctx: ServiceContext, uow: UnitOfWork, post: Posting, sale_id: str,
             day: date | None, given: list[tuple[PointsLot, int]]) -> PointsEntry:
    """One refund entry for the lots of one last valid day; what repays a negative balance
    goes to no lot (as with points earned)."""
    total = sum(n for _, n in given)
    into_lots = rules.lot_points_after_debt(uow.members.balances(post.member_id).points, total)
    skip = total - into_lots
    for lot, n in given:
        repaid = min(skip, n)
        skip -= repaid
        lot.remaining += n - repaid
    uow.points.save_lots(post.member_id, [lot for lot, _ in given])
    entry = _entry(ctx, uow, post, total, last_day=day)
    uow.points.add_draws([(entry.id, lot.id, sale_id, -n) for lot, n in given])
    return entry


def take_back_points(ctx: ServiceContext, uow: UnitOfWork, post: Posting,
                     points: int) -> PointsEntry | None:
    """Take points back after a return; what was already spent makes the balance negative.

    For a sale the sale's own lot goes first, so the entries say which last valid day each
    part came from (`last_day`, one entry per day in the order taken; the shortfall last,
    without a day): head office then takes the same points from its buckets. Returns the last
    entry."""
    if points <= 0:
        return None
    lots = uow.points.lots(post.member_id)
    plan, shortfall = rules.takeback_plan(lots, points, post.sale_id)
    _apply_plan(uow, post.member_id, lots, plan)
    if not post.sale_id:
        return _entry(ctx, uow, post, -points)
    by_id = {lot.id: lot for lot in lots}
    parts: list[tuple[date | None, int]] = []
    for lot_id, n in plan:
        day = by_id[lot_id].expires_on
        if parts and parts[-1][0] == day:
            parts[-1] = (day, parts[-1][1] + n)
        else:
            parts.append((day, n))
    if shortfall:
        parts.append((None, shortfall))
    entries = [_entry(ctx, uow, post, -n, last_day=day) for day, n in parts]
    return entries[-1]


def expire_points(ctx: ServiceContext, uow: UnitOfWork, member_id: str, on: date) -> int:
    """Expire every lot of the member past its last valid day; returns the points expired."""
    lots = uow.points.lots(member_id)
    plan = rules.expiry_plan(lots, on)
    total = sum(taken for _, taken in plan)
    if total:
        _apply_plan(uow, member_id, lots, plan)
        _entry(ctx, uow, Posting(member_id, "expire", reason=f"expired before {on}"), -total)
    return total


def expire_lapsed(ctx: ServiceContext, uow: UnitOfWork, on: date,
                  members: int) -> dict[str, int]:
    """Expire every lapsed lot (last valid day before `on`) of about `members` members, in
    bulk: the lots emptied in one statement, one entry and one event per member as
    `expire_points` writes them. Returns points expired per member; empty when none is left.
    A member already expired holds no lapsed lot, so running it again expires nothing."""
    expired: dict[str, int] = {}
    lots = uow.points.lapsing_lots(on, members)
    for _lot_id, member_id, remaining in lots:
        expired[member_id] = expired.get(member_id, 0) + remaining
    if not lots:
        return expired
    uow.points.empty_lots([lot_id for lot_id, _, _ in lots])
    at, business_date, reason = ctx.now(), ctx.today(), f"expired before {on}"
    entries = [PointsEntry(id=new_id_str(), member_id=member_id, kind="expire", points=-n,
                           at=at, business_date=business_date, reason=reason)
               for member_id, n in expired.items()]
    uow.points.add_entries(entries)
    emit_many(ctx, uow, [PointsEntryPosted(e) for e in entries])
    return expired


def _apply_plan(uow: UnitOfWork, member_id: str, lots: list[PointsLot],
                plan: list[tuple[str, int]]) -> None:
    by_id = {lot.id: lot for lot in lots}
    changed = []
    for lot_id, taken in plan:
        lot = by_id[lot_id]
        if taken > lot.remaining:
            raise DomainError("points.lot_overdrawn", lot_id=lot_id)
        lot.remaining -= taken
        changed.append(lot)
    if changed:
        uow.points.save_lots(member_id, changed)


def _entry(ctx: ServiceContext, uow: UnitOfWork, post: Posting, points: int, *,
           last_day: date | None = None) -> PointsEntry:
    entry = PointsEntry(id=new_id_str(), member_id=post.member_id, kind=post.kind,
                        points=points, at=ctx.now(), business_date=ctx.today(),
                        reason=post.reason, sale_id=post.sale_id, staff_id=post.staff_id,
                        last_day=last_day)
    uow.points.add_entry(entry)
    emit(ctx, uow, PointsEntryPosted(entry))
    return entry


def post_wallet(ctx: ServiceContext, uow: UnitOfWork, post: Posting, principal_fen: int,
                bonus_fen: int, tender_kind: str = "", reference: str = "") -> WalletEntry:
    """Append a signed wallet movement; the projection never goes below zero at this till."""
    bal = uow.members.balances(post.member_id)
    if bal.wallet_principal_fen + principal_fen < 0 or bal.wallet_bonus_fen + bonus_fen < 0:
        raise DomainError("wallet.insufficient",
                          balance_fen=bal.wallet_principal_fen + bal.wallet_bonus_fen,
                          amount_fen=-(principal_fen + bonus_fen))
    entry = WalletEntry(id=new_id_str(), member_id=post.member_id, kind=post.kind,
                        principal_fen=principal_fen, bonus_fen=bonus_fen, at=ctx.now(),
                        business_date=ctx.today(), sale_id=post.sale_id,
                        staff_id=post.staff_id, reference=reference, tender_kind=tender_kind)
    uow.wallet.add_entry(entry)
    emit(ctx, uow, WalletEntryPosted(entry))
    return entry
