"""`POST /v1/sync/push`: a terminal's batch applied in one transaction, event by event.

Each event is answered `applied`, `duplicate` (its event id, or the record it carries, is
already here) or `quarantined` with a code (it cannot be applied: wrong store, bad payload,
unknown type). Quarantined events are acknowledged too, so one bad event never blocks a till's
queue; they stay in the event log for support, a member's PIN hash masked. A batch must
continue the terminal's seqs without a gap (`409 sync.seq_gap` otherwise), so what head office
has applied from a till is always a prefix of its outbox: the till can then show head office's
balance plus its own entries after `acked_through_seq` without counting anything twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import DomainError
from domain.event_types import EventType
from domain.text import bad_char
from headoffice import alliance_ingest, facts, ledgers, members, tenancy_rules, unstorable
from headoffice.batch import Batch, Item, Terminal, of_type
from headoffice.cases import open_case
from headoffice.packs import PackBook
from headoffice.sql import bulk_insert, existing, for_update, retrying
from headoffice.tables import events, terminals
from headoffice.unstorable import kept_payload
from sync.payloads import (
    AllianceTradeV1,
    AuditV1,
    CardV1,
    CouponIssuedV1,
    CouponRedeemedV1,
    CouponStateV1,
    MemberCreatedV1,
    MemberPatchedV1,
    Payload,
    PayloadProblem,
    PointsEntryV1,
    SaleV1,
    ShiftV1,
    SpinV1,
    TierChangedV1,
    WalletEntryV1,
    parse_payload,
)
from sync.schema import Event, EventResult, PushRequest

MAX_ID = 36  # ids are UUIDs; the member column holds no more
E = EventType
MEMBER_EVENTS = (E.MEMBER_CREATED, E.MEMBER_PATCHED)
COUPON_STATES = (E.COUPON_RESTORED, E.COUPON_EXPIRED, E.COUPON_VOIDED)
COUPON_EVENTS = (E.COUPON_ISSUED, E.COUPON_REDEEMED, *COUPON_STATES)
SALE_EVENTS = (E.SALE_COMPLETED, E.RETURN_COMPLETED)
CARD_EVENTS = (E.CARD_ISSUED, E.CARD_CHANGED)
OWN_EVENTS = (E.SHIFT_CLOSED, E.AUDIT_ENTRY)  # the till's own shifts and audit trail
# Every type _merge applies: the contract test holds it equal to EventType and the wire models.
# Coupon events too: the issuer's coupons a partner honours travel with the roster.
_ROSTER_TYPES = frozenset((*MEMBER_EVENTS, *CARD_EVENTS, E.TIER_CHANGED, *COUPON_EVENTS))
APPLIED = frozenset((E.ALLIANCE_TRADE, *MEMBER_EVENTS, *SALE_EVENTS, E.POINTS_ENTRY, E.WALLET_ENTRY,
                     *COUPON_EVENTS, *CARD_EVENTS, E.TIER_CHANGED, E.DRAW_SPUN, *OWN_EVENTS))


def check_batch(req: PushRequest, terminal: Terminal) -> list[Event]:
    """The batch's events in seq order; a batch that contradicts itself is refused whole."""
    if req.terminal_id != terminal.id:
        raise DomainError("sync.terminal_mismatch", terminal_id=req.terminal_id)
    found = sorted(req.events, key=lambda e: e.seq)
    if len({e.seq for e in found}) != len(found) or len({e.event_id for e in found}) != len(
            found):
        raise DomainError("sync.batch_repeats")
    return found


def push(engine: Engine, terminal: Terminal, batch: list[Event], now: datetime,
         packs: PackBook) -> tuple[int, list[EventResult]]:
    """Apply a batch; returns (acked_through_seq, per-event results).

    If the database refuses the batch for what an event holds (a value too long for its
    column, a character it cannot store), the batch is applied again event by event, and
    the event it still refuses is quarantined with a case (`unstorable.py`): the others are
    applied and the till's queue moves on.
    """
    try:
        return retrying(engine, lambda conn: _push(conn, terminal, batch, now, packs))
    except Exception as err:
        if not unstorable.refused_for_content(err):
            raise
    return retrying(engine, lambda conn: _one_by_one(conn, terminal, batch, now, packs))


def _one_by_one(conn: Connection, terminal: Terminal, batch: list[Event], now: datetime,
                packs: PackBook) -> tuple[int, list[EventResult]]:
    top, results = 0, []
    for e in batch:
        try:
            with conn.begin_nested():
                top, done = _push(conn, terminal, [e], now, packs)
        except Exception as err:
            if not unstorable.refused_for_content(err):
                raise
            with conn.begin_nested():
                top, done = _push_unstorable(conn, terminal, e, now, packs, err)
        results += done
    return top, results


def _push_unstorable(conn: Connection, terminal: Terminal, e: Event, now: datetime,
                     packs: PackBook, err: BaseException) -> tuple[int, list[EventResult]]:
    """The event the database refused alone: logged quarantined, a case for support."""
    b = _batch(conn, terminal, now, packs)
    acked = conn.scalar(sa.select(terminals.c.acked_through_seq).where(
        terminals.c.id == terminal.id)) or 0
    unstorable.quarantine(b, e, err)
    top = max(acked, e.seq)
    _touch_terminal(b, top)
    return top, [EventResult(event_id=e.event_id, seq=e.seq, status="quarantined",
                             code=unstorable.CODE)]


def _push(conn: Connection, terminal: Terminal, batch: list[Event], now: datetime,
          packs: PackBook) -> tuple[int, list[EventResult]]:
    acked = conn.scalar(for_update(conn, sa.select(terminals.c.acked_through_seq).where(
        terminals.c.id == terminal.id)))
    assert acked is not None
    new = [e.seq for e in batch if e.seq > acked]
    if new and new != list(range(acked + 1, acked + 1 + len(new))):
        raise DomainError("sync.seq_gap", expected_from_seq=acked + 1, got=new[0])
    b = _batch(conn, terminal, now, packs)
    valid, bad = _classify(b, batch)
    known = existing(conn, events, ["event_id"], [(e.event_id,) for e in batch])
    fresh = [e for e in batch if (e.event_id,) not in known]
    bulk_insert(conn, events, [_event_row(b, e, bad) for e in fresh])
    inserted = {e.event_id for e in fresh}
    items = [valid[e.event_id] for e in batch if e.event_id in inserted and e.event_id in valid]
    reused = [e.seq for e in batch if e.event_id in inserted and e.seq <= acked]
    if reused:
        open_case(b, "terminal.seq_reused", None, 0, {"terminal_id": terminal.id,
                                                     "seqs": reused})
    _merge(b, items)
    _record_outcomes(b, {e.event_id: e for e in fresh})
    top = max([acked, *new])
    _touch_terminal(b, top)
    b.feed.flush(conn, now)
    return top, [_result(e, inserted, bad, b) for e in batch]


def _batch(conn: Connection, terminal: Terminal, now: datetime, packs: PackBook) -> Batch:
    tz, day_close = packs.calendar(conn, terminal.store_id)
    return Batch(conn=conn, terminal=terminal, now=now,
                 pack=packs.for_merchant(conn, terminal.merchant_id), tz=tz, day_close=day_close,
                 packs=packs)


def _classify(b: Batch, batch: list[Event]) -> tuple[dict[str, Item[Payload]], dict[str, str]]:
    valid: dict[str, Item[Payload]] = {}
    bad: dict[str, str] = {}
    for e in batch:
        if e.terminal_id != b.terminal.id:
            bad[e.event_id] = "event.wrong_terminal"
        elif e.store_id != b.terminal.store_id or e.merchant_id != b.terminal.merchant_id:
            bad[e.event_id] = "event.wrong_store"
        elif not _storable_id(e.member_id):
            bad[e.event_id] = "event.payload_invalid"
            b.detail[e.event_id] = {"field": "member_id", "problem": "not_an_id"}
        else:
            try:
                valid[e.event_id] = Item(e, parse_payload(e.type, e.v, e.payload))
            except PayloadProblem as problem:
                bad[e.event_id] = problem.code
                b.detail[e.event_id] = problem.params
    return valid, bad


def _storable_id(member_id: str | None) -> bool:
    return member_id is None or (len(member_id) <= MAX_ID and bad_char(member_id) is None)


def _event_row(b: Batch, e: Event, bad: dict[str, str]) -> dict[str, Any]:
    code = bad.get(e.event_id)
    return {"event_id": e.event_id, "terminal_id": b.terminal.id, "seq": e.seq, "type": e.type,
            "v": e.v, "occurred_at": e.occurred_at, "received_at": b.now,
            "store_id": b.terminal.store_id,
            "member_id": e.member_id if _storable_id(e.member_id) else None,
            "status": "quarantined" if code else "applied", "code": code,
            "payload": kept_payload(e) if code else None,
            "detail": b.detail.get(e.event_id)}


def _member_refs(item: Item[Payload]) -> set[str]:
    refs = {item.event.member_id} if item.event.member_id else set()
    member_id = getattr(item.payload, "member_id", None)
    if isinstance(member_id, str):
        refs.add(member_id)
    return refs


def _merge(b: Batch, items: list[Item[Payload]]) -> None:
    """Events naming another merchant's objects out (tenancy_rules), members first (others
    may name them), then each kind of record in seq order, each handler given its events'
    payloads as their wire model (`of_type`)."""
    kept, merchant_of = _admitted(b, items)
    refs = {m for item in kept for m in _member_refs(item)}
    created = {i.payload.id for i in kept if isinstance(i.payload, MemberCreatedV1)}
    b.prefetch_followers({b.canonical(m) or m for m in refs | created})
    members.ensure(b, refs - set(merchant_of) - created)
    born = members.apply_events(b, [*of_type(kept, MemberCreatedV1, E.MEMBER_CREATED),
                                    *of_type(kept, MemberPatchedV1, E.MEMBER_PATCHED)])
    members.follow(b, {b.canonical(m) or m for m in refs | created}, born)
    facts.apply_sales(b, of_type(kept, SaleV1, *SALE_EVENTS))
    ledgers.apply(b, of_type(kept, PointsEntryV1, E.POINTS_ENTRY),
                  of_type(kept, WalletEntryV1, E.WALLET_ENTRY))
    facts.apply_coupons(b, [*of_type(kept, CouponIssuedV1, E.COUPON_ISSUED),
                            *of_type(kept, CouponRedeemedV1, E.COUPON_REDEEMED),
                            *of_type(kept, CouponStateV1, *COUPON_STATES)])
    facts.apply_cards(b, of_type(kept, CardV1, *CARD_EVENTS))
    members.apply_tiers(b, of_type(kept, TierChangedV1, E.TIER_CHANGED))
    facts.apply_spins(b, of_type(kept, SpinV1, E.DRAW_SPUN))
    facts.apply_shifts_and_audit(b, of_type(kept, ShiftV1, E.SHIFT_CLOSED),
                                 of_type(kept, AuditV1, E.AUDIT_ENTRY))
    alliance_ingest.apply(b, of_type(kept, AllianceTradeV1, E.ALLIANCE_TRADE))
    alliance_ingest.follow(b, _roster_refs(kept))


def _roster_refs(items: list[Item[Payload]]) -> set[str]:
    """Members whose profile, tier or card a batch changed: their alliance roster entries
    may change with them (consent, name, tier, a card blocked or replaced)."""
    return {m for i in items if i.event.type in _ROSTER_TYPES for m in _member_refs(i)}


def _admitted(b: Batch, items: list[Item[Payload]]) -> tuple[list[Item[Payload]],
                                                             dict[str, str]]:
    """The events that name nothing of another merchant (the others are quarantined), and
    the merchant of every member named (the batch's aliases filled in)."""
    created = {i.payload.id for i in items if isinstance(i.payload, MemberCreatedV1)}
    merchant_of = members.load(b, {m for i in items for m in _member_refs(i)} | created)
    refused = tenancy_rules.refusals(b, items)
    for event_id, why in refused.items():
        b.mark(event_id, "quarantined", why.code)
    tenancy_rules.open_cases(b, items, refused)
    return [i for i in items if i.event_id not in refused], merchant_of


def _record_outcomes(b: Batch, fresh: dict[str, Event]) -> None:
    """Outcomes other than a plain `applied`; a quarantined event keeps its payload (made
    only for those: redacting every event's payload was a sixth of a push's time)."""
    if not b.outcome:
        return
    b.conn.execute(
        events.update().where(events.c.event_id == sa.bindparam("e"))
        .values(status=sa.bindparam("s"), code=sa.bindparam("c"), payload=sa.bindparam("p")),
        [{"e": e, "s": s, "c": c,
          "p": kept_payload(fresh[e]) if s == "quarantined" and e in fresh else None}
         for e, (s, c) in b.outcome.items()])


def _touch_terminal(b: Batch, acked: int) -> None:
    values: dict[str, Any] = {"acked_through_seq": acked, "last_seen_at": b.now}
    if b.clock_ahead_ms:
        # A stamp from the future: the till's clock was wrong when it made it (perhaps offline,
        # hours before this request). Flagged; the skew itself is what authentication measured.
        values["clock_flagged_at"] = b.now
    b.conn.execute(terminals.update().where(terminals.c.id == b.terminal.id).values(**values))


def _result(e: Event, inserted: set[str], bad: dict[str, str], b: Batch) -> EventResult:
    if e.event_id not in inserted:
        return EventResult(event_id=e.event_id, seq=e.seq, status="duplicate",
                           code="event.known")
    if e.event_id in bad:
        return EventResult(event_id=e.event_id, seq=e.seq, status="quarantined",
                           code=bad[e.event_id])
    status, code = b.outcome.get(e.event_id, ("applied", None))
    return EventResult(event_id=e.event_id, seq=e.seq, status=status, code=code)


def merge_born_here(conn: Connection, terminal: Terminal, items: list[Item[Payload]],
                    now: datetime, packs: PackBook) -> dict[str, tuple[str, str | None]]:
    """Records head office itself makes (the member page's sign-ups) merged by the very path a
    till's events take, so they are stored, checked and published to the tills alike; the
    outcomes other than a plain `applied`, by event id."""
    b = _batch(conn, terminal, now, packs)
    _merge(b, items)
    b.feed.flush(conn, now)
    return {event_id: (status, code) for event_id, (status, code) in b.outcome.items()}
