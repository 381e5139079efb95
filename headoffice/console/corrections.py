"""Corrections member service makes from a member's record at head office: a points
adjustment and blocking or unblocking a card, each with a reason, audited, and put on the
feed of every store that follows the member (their tills pull it as any head-office change).

The rules are the tills' own (domain/services/rewards.check_adjustment,
cardissue.check_state_change); the balance moves through the same buckets as a till's entries
(headoffice/ledgers.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain import points as points_rules
from domain.card_data import check_text
from domain.errors import NotFound, ValidationError
from domain.ids import new_id_str
from domain.records import CardState
from domain.services.cardissue import check_state_change
from domain.services.rewards import check_adjustment
from headoffice import ledgers, staff
from headoffice.feed import FeedWriter, interested_stores
from headoffice.packs import PackBook
from headoffice.sql import for_update
from headoffice.staff import Session
from headoffice.tables import cards, members, points_ledger, stores

MAX_ADJUST = 1_000_000  # points in one correction: beyond it a typo, not a correction
REASON_MAX = 200  # the ledger's reason column
# What the record page then says.
DONE = ("adjusted", "repeated", "blocked", "unblocked", "profile", "unchanged")


@dataclass(frozen=True, slots=True)
class Adjusted:
    points: int
    balance: int
    repeated: bool  # the same form sent again: nothing moved the second time


def parse_points(text: str) -> int:
    """"+200", "-50" or "80" as an integer within ±MAX_ADJUST (points.adjust_invalid)."""
    raw = text.strip().replace(" ", "")
    digits = raw[1:] if raw[:1] in "+-" else raw
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > 7 \
            or int(digits) > MAX_ADJUST:
        raise ValidationError("points.adjust_invalid", field="points", max=MAX_ADJUST)
    return int(raw)


def adjust_points(engine: Engine, packs: PackBook, member_id: str, points_text: str,
                  reason: str, once: str, session: Session, client: str,
                  now: datetime) -> Adjusted:
    """Credit (a new lot, last valid day per the merchant's pack) or debit (soonest-expiring
    lots first; never below zero) the member's points. `once` is the form's own id and becomes
    the ledger entry's: the same form posted twice adjusts once."""
    points = parse_points(points_text)
    reason = check_adjustment(points, reason)[:REASON_MAX]
    entry_id = _once(once)
    with engine.begin() as conn:
        member = _member(conn, member_id, session.member.merchant_id)
        state = ledgers.lock_balances(conn, [member.id])[member.id]
        if conn.scalar(sa.select(points_ledger.c.id).where(
                points_ledger.c.member_id == member.id, points_ledger.c.id == entry_id)):
            return Adjusted(points, state.points.balance, repeated=True)
        if points < 0 and state.points.balance + points < 0:
            raise ValidationError("points.adjust_below_zero", field="points",
                                  balance=state.points.balance)
        tz, close = packs.calendar(conn, member.store_id)
        local = now.astimezone(tz)
        if points > 0:
            pack = packs.for_merchant(conn, member.merchant_id)
            state.points.credit(points, points_rules.expires_on(local.date(), pack))
        else:
            state.points.debit(-points)
        conn.execute(points_ledger.insert().values(
            member_id=member.id, id=entry_id, store_id=member.store_id, terminal_id=None,
            kind="adjust", points=points, at=now, reason=reason, staff_id=session.member.id,
            business_date=(local - timedelta(hours=close.hour, minutes=close.minute)).date()))
        ledgers.save_balances(conn, now, {member.id: state})
        _publish(conn, now, member, "member_balance", member.id)
        staff.audit(conn, now, client, "points.adjusted", login=session.member.login,
                    staff_id=session.member.id, target=member.id,
                    detail=f"{points:+d}: {reason}")
    return Adjusted(points, state.points.balance, repeated=False)


def set_card_blocked(engine: Engine, member_id: str, number: str, reason: str, *,
                     blocked: bool, session: Session, client: str, now: datetime) -> None:
    """Block a card (reported lost: every till refuses it) or unblock a lost one that was
    found; a replaced or closed card never changes again."""
    reason = _reason(reason)
    with engine.begin() as conn:
        member = _member(conn, member_id, session.member.merchant_id)
        found = conn.execute(for_update(conn, sa.select(cards.c.state, cards.c.member_id)
                                        .where(cards.c.number == number))).first()
        if found is None or _canonical(conn, found.member_id) != member.id:
            raise NotFound("card.unknown", number=number)
        state = CardState(found.state)
        check_state_change(state, number)
        if blocked == (state == CardState.LOST):
            raise ValidationError("card.already_lost" if blocked else "card.not_lost",
                                  field="card", number=number)
        new = CardState.LOST if blocked else CardState.ACTIVE
        conn.execute(cards.update().where(cards.c.number == number).values(
            state=new.value, version=cards.c.version + 1))
        _publish(conn, now, member, "card", number)
        staff.audit(conn, now, client, "card.blocked" if blocked else "card.unblocked",
                    login=session.member.login, staff_id=session.member.id, target=number,
                    detail=f"{member.id}: {reason}")


@dataclass(frozen=True, slots=True)
class _Member:
    id: str
    merchant_id: str
    store_id: str  # where head office books the correction: the home store, else the first


def _member(conn: Connection, member_id: str, merchant_id: str | None) -> _Member:
    stmt = sa.select(members.c.id, members.c.merchant_id, members.c.home_store_id).where(
        members.c.id == member_id, members.c.canonical_id.is_(None))
    if merchant_id is not None:
        stmt = stmt.where(members.c.merchant_id == merchant_id)
    row = conn.execute(stmt).first()
    if row is None:
        raise NotFound("member.unknown", member_id=member_id)
    store_id = row.home_store_id or conn.scalar(
        sa.select(stores.c.id).where(stores.c.merchant_id == row.merchant_id)
        .order_by(stores.c.code).limit(1))
    if store_id is None:
        raise NotFound("store.unknown", code="")
    return _Member(row.id, row.merchant_id, store_id)


def _canonical(conn: Connection, member_id: str) -> str:
    canonical = conn.scalar(sa.select(members.c.canonical_id).where(
        members.c.id == member_id))
    return str(canonical or member_id)


def _publish(conn: Connection, now: datetime, member: _Member, entity: str,
             entity_id: str) -> None:
    """On the feed of every store following the member, and of the store booked."""
    followers = set(interested_stores(conn, [member.id]).get(member.id, []))
    feed = FeedWriter()
    feed.stores(sorted(followers | {member.store_id}), entity, entity_id)
    feed.flush(conn, now)


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError("card.reason_required", field="reason")
    return check_text("reason", reason.strip())[:REASON_MAX]


def _once(once: str) -> str:
    """The form's id (a UUID the page made); anything else is a form not from the page."""
    try:
        return str(uuid.UUID(once))
    except ValueError:
        raise ValidationError("form.stale", field="once") from None


def new_once() -> str:
    """A fresh id for a correction form (UUIDv7 like every id crossing the wire)."""
    return new_id_str()
