"""Offline allowances (DOMAIN §12): how much a till lets members spend while offline.

Points and stored value are balances kept at head office; a till that cannot reach it only
knows the figure it last pulled, and another store may be spending the same balance. So
while offline a till spends within limits head office granted it (the pack's `[offline]`
table): per sale, per member per business date, for the till's whole unacknowledged
spending, and only until the grant lapses. A member head office found overdrawn may not
spend offline at all. Points and stored value spent outside a sale (gifts, vouchers,
lucky-draw spins, a wallet closed for cash) go through the same `guard` as a sale's. A till
never enrolled with head office has no one to disagree with: its own balances are the truth
and none of this applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol, runtime_checkable

from domain.errors import DomainError
from domain.rulepack import OfflineRules


@dataclass(frozen=True, slots=True)
class Spend:
    """Points and stored value (principal and bonus together, fen) a sale takes."""

    points: int = 0
    wallet_fen: int = 0

    @property
    def is_zero(self) -> bool:
        return self.points <= 0 and self.wallet_fen <= 0

    def __add__(self, other: Spend) -> Spend:
        return Spend(self.points + other.points, self.wallet_fen + other.wallet_fen)


@dataclass(frozen=True, slots=True)
class Grant:
    """Limits head office granted this till, valid until `valid_until` (till clock)."""

    limits: OfflineRules
    valid_until: datetime


@dataclass(frozen=True, slots=True)
class OfflineState:
    """What the till knows when a member asks to spend."""

    enrolled: bool  # False: no head office, the till's balances are authoritative
    last_contact: datetime | None = None  # last answer from head office (till clock)
    revoked: bool = False  # head office refused this terminal's credentials
    grant: Grant | None = None
    member_blocked: bool = False  # head office found this member overdrawn
    member_day: Spend = field(default_factory=Spend)  # offline spending today, this member
    terminal: Spend = field(default_factory=Spend)  # spending head office has not acknowledged


@runtime_checkable
class OfflineGate(Protocol):
    """The till's side of the allowances, reading and writing in the sale's transaction."""

    def state(self, member_id: str, day: date, now: datetime) -> OfflineState: ...

    def record(self, member_id: str, day: date, spend: Spend, now: datetime,
               offline: bool) -> None: ...


def is_online(state: OfflineState, now: datetime, rules: OfflineRules) -> bool:
    """Head office answered within the grace period (a sync round runs every few seconds)."""
    grace = state.grant.limits.online_grace_s if state.grant else rules.online_grace_s
    return state.last_contact is not None and now - state.last_contact <= timedelta(
        seconds=grace)


def check(spend: Spend, state: OfflineState, now: datetime) -> None:
    """Refuse an offline spend beyond the allowance; DomainError names the limit."""
    if state.revoked:
        raise DomainError("offline.terminal_revoked")
    if state.grant is None:
        raise DomainError("offline.no_allowance")
    if now > state.grant.valid_until:
        raise DomainError("offline.allowance_expired",
                          valid_until=state.grant.valid_until.isoformat())
    if state.member_blocked:
        raise DomainError("offline.member_blocked")
    limits = state.grant.limits
    _within("sale", "points", spend.points, 0, limits.per_sale_points)
    _within("sale", "wallet_fen", spend.wallet_fen, 0, limits.per_sale_wallet_fen)
    _within("member_day", "points", spend.points, state.member_day.points,
            limits.member_day_points)
    _within("member_day", "wallet_fen", spend.wallet_fen, state.member_day.wallet_fen,
            limits.member_day_wallet_fen)
    _within("terminal", "points", spend.points, state.terminal.points, limits.terminal_points)
    _within("terminal", "wallet_fen", spend.wallet_fen, state.terminal.wallet_fen,
            limits.terminal_wallet_fen)


def _within(scope: str, unit: str, asked: int, used: int, limit: int) -> None:
    if asked > 0 and used + asked > limit:
        raise DomainError("offline.limit_exceeded", scope=scope, unit=unit, limit=limit,
                          used=used, asked=asked)


def guard(gate: OfflineGate, member_id: str, spend: Spend, day: date, now: datetime,
          rules: OfflineRules) -> None:
    """Check and record a member's spend against the till's allowance, in the spend's own
    transaction: a sale's points and stored value, and at the desk a gift or a voucher bought
    with points, a lucky-draw spin's cost, a wallet closed for cash. Each counts as one "sale"
    for the per-sale limit.

    `gate` is the spend's unit of work's offline gate; a till that never enrolled with head
    office is not limited.
    """
    if spend.is_zero:
        return
    state = gate.state(member_id, day, now)
    if not state.enrolled:
        return
    offline = not is_online(state, now, rules)
    if offline:
        check(spend, state, now)
    gate.record(member_id, day, spend, now, offline)


def worst_overdraft(limits: OfflineRules, tills: int) -> Spend:
    """The most one member can overdraw while `tills` tills are offline for one business day:
    each lets them spend its per-member daily allowance (research/sync.md §3.5)."""
    return Spend(limits.member_day_points * tills, limits.member_day_wallet_fen * tills)
