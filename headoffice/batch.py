"""The state of one push being applied: its transaction, terminal, clock, feed and outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Generic, Literal, TypeVar, overload
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from domain.event_types import EventType
from domain.rulepack import RulePack
from headoffice.feed import FeedWriter, interested_stores
from headoffice.packs import PackBook
from sync.payloads import PAYLOADS, Payload
from sync.schema import Event

P = TypeVar("P", bound=Payload, covariant=True)
M = TypeVar("M", bound=Payload)
Status = Literal["applied", "duplicate", "quarantined"]


@dataclass(frozen=True, slots=True)
class Terminal:
    """An enrolled till as authentication found it."""

    id: str
    store_id: str
    merchant_id: str
    code: str
    public_key: str
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class Item(Generic[P]):
    """A new, valid event and its payload, parsed with its type's wire model."""

    event: Event
    payload: P

    @property
    def event_id(self) -> str:
        return self.event.event_id


def of_type(items: Sequence[Item[Payload]], model: type[M], *types: EventType) -> list[Item[M]]:
    """The items of these event types, typed by the wire model `sync/payloads.PAYLOADS` parses
    them with (a model that is not theirs is a programming error, refused at once)."""
    wrong = [t for t in types if PAYLOADS[t] is not model]
    if wrong:
        raise TypeError(f"{model.__name__} is not the wire model of {wrong}")
    return [Item(i.event, i.payload) for i in items
            if i.event.type in types and isinstance(i.payload, model)]


@dataclass
class Batch:
    conn: Connection
    terminal: Terminal
    now: datetime
    pack: RulePack
    tz: ZoneInfo
    day_close: time
    feed: FeedWriter = field(default_factory=FeedWriter)
    # Outcomes that differ from "applied": event id -> (status, code).
    outcome: dict[str, tuple[Status, str | None]] = field(default_factory=dict)
    detail: dict[str, dict[str, Any]] = field(default_factory=dict)  # why quarantined
    aliases: dict[str, str] = field(default_factory=dict)  # member id -> canonical id
    clock_ahead_ms: int = 0  # the most a stamp from this till was ahead (clamped)
    packs: PackBook | None = None  # other merchants' packs (an alliance issuer's points)
    _followers: dict[str, set[str]] = field(default_factory=dict)

    def followers(self, member_id: str) -> set[str]:
        """Stores following the member (read once per batch, kept up to date by the batch)."""
        if member_id not in self._followers:
            self.prefetch_followers([member_id])
        return self._followers[member_id]

    def prefetch_followers(self, member_ids: Any) -> None:
        wanted = [m for m in set(member_ids) if m not in self._followers]
        for member_id, stores in interested_stores(self.conn, wanted).items():
            self._followers[member_id] = set(stores)

    @overload
    def canonical(self, member_id: str) -> str: ...
    @overload
    def canonical(self, member_id: str | None) -> str | None: ...

    def canonical(self, member_id: str | None) -> str | None:
        if member_id is None:
            return None
        return self.aliases.get(member_id, member_id)

    def mark(self, event_id: str, status: Status, code: str | None) -> None:
        self.outcome[event_id] = (status, code)

    def local_date(self, at: datetime) -> date:
        """The store's calendar date of an instant (points expiry follows the calendar)."""
        return at.astimezone(self.tz).date()

    def business_date(self, at: datetime) -> date:
        local = at.astimezone(self.tz)
        return (local - timedelta(hours=self.day_close.hour,
                                  minutes=self.day_close.minute)).date()

    @property
    def now_ms(self) -> int:
        return int(self.now.astimezone(UTC).timestamp() * 1000)
