"""One frozen payload per event type: what a till tells head office, and its JSON (`wire`).

A payload's class fixes its event type (`TYPE`) and the member it concerns (`member_id`, the
envelope's partition key), so `emit` takes nothing but the payload. `wire()` is the JSON that
goes out, exactly as tills have always sent it (docs/sync-events.md; a golden test holds each
one to the old form), and head office reads it with the model `sync/payloads.PAYLOADS` names for
the same type. Records that travel whole (a sale, a member, a card ...) are carried as they are;
the small events name their fields here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from domain.event_types import EventType
from domain.luckydraw import Spin
from domain.records import (
    AuditEntry,
    Card,
    Coupon,
    CouponState,
    Member,
    PointsEntry,
    Sale,
    Shift,
    TierChange,
    WalletEntry,
)
from domain.wire import to_wire

# Never leaves the till: the ID number stays in its encrypted column.
MEMBER_PRIVATE = "id_number"


@dataclass(frozen=True, slots=True)
class PointsEntryPosted:
    TYPE: ClassVar[EventType] = EventType.POINTS_ENTRY
    entry: PointsEntry

    @property
    def member_id(self) -> str | None:
        return self.entry.member_id

    def wire(self) -> dict[str, Any]:
        """`to_wire(entry)` written out: the generic walk costs ~100 µs an entry, and a
        year-end close sends one per member whose points lapse (a test holds the two equal)."""
        e = self.entry
        return {"id": e.id, "member_id": e.member_id, "kind": e.kind, "points": e.points,
                "at": e.at.isoformat(), "business_date": e.business_date.isoformat(),
                "reason": e.reason, "sale_id": e.sale_id, "staff_id": e.staff_id,
                "last_day": None if e.last_day is None else e.last_day.isoformat()}


@dataclass(frozen=True, slots=True)
class WalletEntryPosted:
    TYPE: ClassVar[EventType] = EventType.WALLET_ENTRY
    entry: WalletEntry

    @property
    def member_id(self) -> str | None:
        return self.entry.member_id

    def wire(self) -> dict[str, Any]:
        return _record(self.entry)


@dataclass(frozen=True, slots=True)
class SaleCompleted:
    TYPE: ClassVar[EventType] = EventType.SALE_COMPLETED
    sale: Sale

    @property
    def member_id(self) -> str | None:
        return self.sale.member_id

    def wire(self) -> dict[str, Any]:
        return _record(self.sale)


@dataclass(frozen=True, slots=True)
class ReturnCompleted:
    """A return is a sale of kind `return` (negative amounts, `original_sale_id`)."""

    TYPE: ClassVar[EventType] = EventType.RETURN_COMPLETED
    sale: Sale

    @property
    def member_id(self) -> str | None:
        return self.sale.member_id

    def wire(self) -> dict[str, Any]:
        return _record(self.sale)


@dataclass(frozen=True, slots=True)
class MemberCreated:
    TYPE: ClassVar[EventType] = EventType.MEMBER_CREATED
    member: Member

    @property
    def member_id(self) -> str | None:
        return self.member.id

    def wire(self) -> dict[str, Any]:
        return {k: v for k, v in _record(self.member).items() if k != MEMBER_PRIVATE}


@dataclass(frozen=True, slots=True)
class MemberPatched:
    """The profile fields an edit changed, in their wire forms, with the edit's HLC stamp
    (None: head office dates the edit by the event's `occurred_at`)."""

    TYPE: ClassVar[EventType] = EventType.MEMBER_PATCHED
    member_id: str
    fields: Mapping[str, Any]
    hlc: str | None = None

    def wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"member_id": self.member_id, "fields": dict(self.fields)}
        if self.hlc is not None:
            out["hlc"] = self.hlc
        return out


@dataclass(frozen=True, slots=True)
class CardIssued:
    TYPE: ClassVar[EventType] = EventType.CARD_ISSUED
    card: Card

    @property
    def member_id(self) -> str | None:
        return self.card.member_id

    def wire(self) -> dict[str, Any]:
        return _record(self.card)


@dataclass(frozen=True, slots=True)
class CardChanged:
    """A card's new state (lost, closed, replaced by another number)."""

    TYPE: ClassVar[EventType] = EventType.CARD_CHANGED
    card: Card

    @property
    def member_id(self) -> str | None:
        return self.card.member_id

    def wire(self) -> dict[str, Any]:
        return _record(self.card)


@dataclass(frozen=True, slots=True)
class CouponIssued:
    TYPE: ClassVar[EventType] = EventType.COUPON_ISSUED
    coupon: Coupon

    @property
    def member_id(self) -> str | None:
        return self.coupon.member_id

    def wire(self) -> dict[str, Any]:
        return _record(self.coupon)


@dataclass(frozen=True, slots=True)
class CouponRedeemed:
    TYPE: ClassVar[EventType] = EventType.COUPON_REDEEMED
    code: str
    member_id: str | None
    sale_id: str
    at: datetime

    def wire(self) -> dict[str, Any]:
        return {"code": self.code, "member_id": self.member_id, "sale_id": self.sale_id,
                "at": self.at.isoformat()}


@dataclass(frozen=True, slots=True)
class CouponRestored:
    """A full return gives its sale's coupons back, in the state they return to."""

    TYPE: ClassVar[EventType] = EventType.COUPON_RESTORED
    code: str
    member_id: str | None
    state: CouponState

    def wire(self) -> dict[str, Any]:
        return {"code": self.code, "member_id": self.member_id, "state": self.state.value}


@dataclass(frozen=True, slots=True)
class CouponExpired:
    TYPE: ClassVar[EventType] = EventType.COUPON_EXPIRED
    code: str
    member_id: str | None

    def wire(self) -> dict[str, Any]:
        return {"code": self.code, "member_id": self.member_id}


@dataclass(frozen=True, slots=True)
class CouponVoided:
    """A void withdraws the spend-and-get coupon its sale won."""

    TYPE: ClassVar[EventType] = EventType.COUPON_VOIDED
    code: str
    member_id: str | None

    def wire(self) -> dict[str, Any]:
        return {"code": self.code, "member_id": self.member_id,
                "state": CouponState.VOID.value}


@dataclass(frozen=True, slots=True)
class TierChanged:
    """A tier change; `tier_since` is the anniversary the till dated the tier from, sent by
    reviews, upgrades and voids (absent on a sign-up or import: the change's own date)."""

    TYPE: ClassVar[EventType] = EventType.TIER_CHANGED
    change: TierChange
    tier_since: date | None = None

    @property
    def member_id(self) -> str | None:
        return self.change.member_id

    def wire(self) -> dict[str, Any]:
        out = _record(self.change)
        if self.tier_since is not None:
            out["tier_since"] = self.tier_since.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class ShiftClosed:
    TYPE: ClassVar[EventType] = EventType.SHIFT_CLOSED
    shift: Shift

    @property
    def member_id(self) -> str | None:
        return None

    def wire(self) -> dict[str, Any]:
        return _record(self.shift)


@dataclass(frozen=True, slots=True)
class DrawSpun:
    TYPE: ClassVar[EventType] = EventType.DRAW_SPUN
    spin: Spin

    @property
    def member_id(self) -> str | None:
        return self.spin.member_id

    def wire(self) -> dict[str, Any]:
        return _record(self.spin)


@dataclass(frozen=True, slots=True)
class AuditRecorded:
    TYPE: ClassVar[EventType] = EventType.AUDIT_ENTRY
    entry: AuditEntry

    @property
    def member_id(self) -> str | None:
        return None

    def wire(self) -> dict[str, Any]:
        return _record(self.entry)


@dataclass(frozen=True, slots=True)
class AllianceCouponUse:
    """An issuer's coupon a partner's sale took: what came off the sale (at most its face
    amount; the issuer funds it)."""

    code: str
    amount_fen: int


@dataclass(frozen=True, slots=True)
class AllianceTrade:
    """A sale (or return) at this partner's till to an alliance member of another merchant:
    what head office needs to book the issuer's points and the settlement entries. Figures
    are signed (a return's are negative); the entry ids are the issuer's ledger entries, born
    here so that a repeated event books them once. The issuer's member is named in the payload
    only, never as the event's member: they are not this merchant's member."""

    TYPE: ClassVar[EventType] = EventType.ALLIANCE_TRADE
    sale_id: str  # this till's sale or return
    original_sale_id: str | None
    issuer: str  # merchant code
    card_number: str
    issuer_member_id: str
    agreement_id: str
    at: datetime
    business_date: date
    sale_fen: int
    points_earned: int
    points_spent: int
    earn_entry_id: str
    spend_entry_id: str
    coupons: tuple[AllianceCouponUse, ...] = ()

    @property
    def member_id(self) -> str | None:
        return None

    def wire(self) -> dict[str, Any]:
        return _record(self)


EventPayload = (AllianceTrade | PointsEntryPosted | WalletEntryPosted | SaleCompleted
                | ReturnCompleted
                | MemberCreated | MemberPatched | CardIssued | CardChanged | CouponIssued
                | CouponRedeemed | CouponRestored | CouponExpired | CouponVoided | TierChanged
                | ShiftClosed | DrawSpun | AuditRecorded)

# Event type -> its payload class; the contract test holds it equal to EventType, to
# `EventPayload` and to the wire models of sync/payloads.py.
PAYLOAD_CLASSES: dict[EventType, type[EventPayload]] = {
    cls.TYPE: cls for cls in (
        PointsEntryPosted, WalletEntryPosted, SaleCompleted, ReturnCompleted, MemberCreated,
        MemberPatched, CardIssued, CardChanged, CouponIssued, CouponRedeemed, CouponRestored,
        CouponExpired, CouponVoided, TierChanged, ShiftClosed, DrawSpun, AuditRecorded,
        AllianceTrade)}


def _record(value: object) -> dict[str, Any]:
    wired: dict[str, Any] = to_wire(value)
    return wired
