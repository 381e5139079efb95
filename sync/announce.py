"""Telling head office what a till knew before it enrolled.

Members, ledger entries, cards and coupons written without an outbox event (a store database
used on its own before enrolment, members imported from an old system, a scenario's seeded
members) are announced once, as ordinary events with their original ids: head office inserts
what it does not have and answers `duplicate` for what it does, so announcing twice is harmless.
A member's payment PIN chosen before PINs travelled (a `member_pins` hash no `member.patched`
event carries) goes as the edit `member_pin.set_pin` sends, stamped when it was set: head office
keeps the later PIN by HLC, so an old PIN announced now never beats one chosen since elsewhere.
"""

from __future__ import annotations

from datetime import datetime

from db.uow import SqlUnitOfWork
from domain.event_types import EventType
from domain.events import (
    CardIssued,
    CouponIssued,
    EventPayload,
    MemberCreated,
    MemberPatched,
    PointsEntryPosted,
    WalletEntryPosted,
)
from domain.wire import to_wire
from sync.payloads import PIN_HASH, PIN_SET_AT

_ANNOUNCED: dict[str, str] = {
    EventType.MEMBER_CREATED: "$.id",
    EventType.POINTS_ENTRY: "$.id",
    EventType.WALLET_ENTRY: "$.id",
    EventType.CARD_ISSUED: "$.number",
    EventType.CARD_CHANGED: "$.number",
    EventType.COUPON_ISSUED: "$.code",
}


def announce_unsent(uow: SqlUnitOfWork, now: datetime) -> int:
    """Queue events for everything head office cannot have heard of; returns how many."""
    sent = _sent_keys(uow)
    at = now.isoformat()
    count = 0
    for member_id in uow.held_ids.members():
        count += _member(uow, member_id, sent, at)
    for number in uow.held_ids.cards():
        card = uow.cards.get(number)
        if card is not None and ("card", number) not in sent:
            count += _emit(uow, CardIssued(card), at)
    for code in uow.held_ids.coupons():
        coupon = uow.coupons.get(code)
        if coupon is not None and ("coupon", code) not in sent:
            count += _emit(uow, CouponIssued(coupon), at)
    return count


def _sent_keys(uow: SqlUnitOfWork) -> set[tuple[str, str]]:
    sent = uow.sync_outbox.sent_keys(_ANNOUNCED)
    sent.update(("pin", f"{member}:{hashed}") for member, hashed in uow.sync_outbox.sent_pins())
    return sent


def _member(uow: SqlUnitOfWork, member_id: str, sent: set[tuple[str, str]], at: str) -> int:
    member = uow.members.get(member_id)
    assert member is not None
    count = 0
    if ("member", member_id) not in sent:
        count += _emit(uow, MemberCreated(member), at)
    for entry in uow.points.entries(member_id):
        if entry.kind != "sync" and ("points", entry.id) not in sent:
            count += _emit(uow, PointsEntryPosted(entry), at)
    for wentry in uow.wallet.entries(member_id):
        if wentry.kind != "sync" and ("wallet", wentry.id) not in sent:
            count += _emit(uow, WalletEntryPosted(wentry), at)
    return count + _pin(uow, member_id, sent, at)


def _pin(uow: SqlUnitOfWork, member_id: str, sent: set[tuple[str, str]], at: str) -> int:
    """The member's own PIN when no queued event carries its hash (the mobile's digits, which
    stand in for a member without one, are nobody's secret to send)."""
    held = uow.member_pins.get(member_id)
    if held is None or held.pin_hash is None or ("pin", f"{member_id}:{held.pin_hash}") in sent:
        return 0
    if held.set_at is None:  # head office then dates the PIN by this announcement
        return _emit(uow, MemberPatched(member_id, {PIN_HASH: held.pin_hash}), at)
    # Stamped at the time it was set (after this member's earlier edits): not "now".
    return _emit(uow, MemberPatched(
        member_id, {PIN_HASH: held.pin_hash, PIN_SET_AT: to_wire(held.set_at)},
        str(uow.hlc.next_stamp(member_id, held.set_at))), at)


def _emit(uow: SqlUnitOfWork, payload: EventPayload, at: str) -> int:
    """Queue the payload's event dated `at` (the announcement), not the record's time."""
    uow.outbox.append(payload.TYPE, payload.wire(), member_id=payload.member_id,
                      occurred_at_iso=at)
    return 1
