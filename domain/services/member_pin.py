"""A member's payment PIN for stored value: set or changed at the front desk, checked at the
till, and wallet payment locked for the rest of the business day after five wrong tries.

The PIN is kept only as a scrypt hash (domain/pins.py) and never logged. Its hash goes to head
office in a `member.patched` event (`fields.pin_hash`, `fields.pin_set_at`, HLC-stamped), and
head office passes the later PIN on to every store that serves the member (sync/apply.py writes
their `member_pins` row, keeping their own wrong tries), so the member's PIN works offline all
over the chain; the PIN itself never leaves the till. A member who never chose a PIN pays with
the last six digits of the registered mobile, as before (the usual first PIN of a Chinese
stored-value card), and wrong tries of that PIN count towards the lock the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain import pins
from domain.errors import DomainError, NotFound
from domain.events import MemberPatched
from domain.ports import UnitOfWork
from domain.records import Member, MemberPin, MemberStatus
from domain.services.context import ServiceContext, audit, emit, to_wire
from domain.services.guard import guard
from domain.services.proofs import PinProof

MAX_TRIES = 5  # wrong PINs in one business day before wallet payment locks until tomorrow


def set_pin(ctx: ServiceContext, member_id: str, pin: str, staff_id: str) -> MemberPin:
    """Give the member a PIN of their own (or change it); a new PIN also lifts today's lock.

    Raises:
        ValidationError: pin.bad_format, pin.too_simple (field "pin").
        NotFound: member.unknown. DomainError: member.frozen, member.closed.
    """
    pins.check_new_pin(pin)
    hashed = ctx.hash_pin(pin)
    with guard(ctx, "member_pin.set_pin", staff_id), ctx.uow() as uow:
        member = uow.members.get(member_id)
        if member is None:
            raise NotFound("member.unknown", member_id=member_id)
        if member.status is not MemberStatus.ACTIVE:
            raise DomainError(f"member.{member.status.value}", member_id=member_id)
        had = uow.member_pins.get(member_id)
        saved = MemberPin(member_id, hashed, set_at=ctx.now(), set_by=staff_id)
        uow.member_pins.save(saved)
        audit(ctx, uow, "member_pin_changed" if had and had.pin_hash else "member_pin_set",
              staff_id, target=member_id)
        _send(ctx, uow, saved)
        uow.commit()
    return saved


def _send(ctx: ServiceContext, uow: UnitOfWork, saved: MemberPin) -> None:
    """`member.patched` with the hash and when it was set, stamped like a profile edit so that
    head office keeps the later of two PINs set at two stores (docs/sync-events.md)."""
    fields = {"pin_hash": saved.pin_hash, "pin_set_at": to_wire(saved.set_at)}
    emit(ctx, uow, MemberPatched(saved.member_id, fields,
                                 str(uow.hlc.next_stamp(saved.member_id, ctx.now()))))


def has_own_pin(ctx: ServiceContext, member_id: str) -> bool:
    with ctx.reader() as uow:
        found = uow.member_pins.get(member_id)
    return found is not None and found.pin_hash is not None


def check_not_locked(ctx: ServiceContext, member_id: str) -> None:
    """Refuse stored value for a member whose PIN was mistyped too often today.

    Raises:
        DomainError: wallet.pin_locked.
    """
    with ctx.reader() as uow:
        found = uow.member_pins.get(member_id)
    if found is not None and _locked(ctx, found):
        raise DomainError("wallet.pin_locked", tries=MAX_TRIES)


def check_pin(ctx: ServiceContext, member: Member, pin: str,
              staff_id: str | None = None) -> bool:
    """True for the right PIN (today's wrong tries forgotten); a wrong one is counted and
    audited. The member is read again from the store: the mobile that stands in for a PIN of
    their own is the one on record, not one on the record handed in.

    Raises:
        DomainError: wallet.pin_locked when the lock is already on or this try turns it on.
        NotFound: member.unknown.
    """
    with ctx.uow() as uow:
        stored = uow.members.get(member.id)
        if stored is None:
            raise NotFound("member.unknown", member_id=member.id)
        found = uow.member_pins.get(member.id) or MemberPin(member.id, None)
        if _locked(ctx, found):
            raise DomainError("wallet.pin_locked", tries=MAX_TRIES)
        if found.pin_hash is not None:
            right = ctx.verify_pin(pin, found.pin_hash)
        else:
            right = mobile_pin(stored, pin)
        tries = _record(ctx, uow, found, right)
        if not right:
            audit(ctx, uow, "member_pin_wrong", staff_id, target=member.id, tries=tries)
        uow.commit()
    if not right and tries >= MAX_TRIES:
        raise DomainError("wallet.pin_locked", tries=MAX_TRIES)
    return right


def prove(ctx: ServiceContext, member_id: str, pin: str, staff_id: str, *, sale_id: str,
          amount_fen: int) -> PinProof:
    """The member types the PIN for a wallet payment of at most `amount_fen` in sale
    `sale_id`: checked here (tries counted, the day's lock), and a proof minted that
    `checkout.complete` accepts once, for that member, sale and amount, for a few minutes.

    Raises:
        DomainError: wallet.pin_wrong (with the tries left), wallet.pin_locked;
            the access refusals of domain/services/guard.py.
    """
    with guard(ctx, "member_pin.prove", staff_id):
        if not check_pin(ctx, _member(ctx, member_id),
                         pin, staff_id):
            raise DomainError("wallet.pin_wrong", left=tries_left(ctx, member_id))
    proof = PinProof(token=ctx.random_bytes(16).hex(), member_id=member_id, sale_id=sale_id,
                     amount_fen=amount_fen, issued_at=ctx.now())
    ctx.proofs.mint(proof, ctx.now())
    return proof


def _member(ctx: ServiceContext, member_id: str) -> Member:
    with ctx.reader() as uow:
        member = uow.members.get(member_id)
    if member is None:
        raise NotFound("member.unknown", member_id=member_id)
    return member


def tries_left(ctx: ServiceContext, member_id: str) -> int:
    """Wrong PINs the member may still type today before wallet payment locks."""
    with ctx.reader() as uow:
        found = uow.member_pins.get(member_id)
    if found is None or found.failed_on != ctx.today():
        return MAX_TRIES
    return max(MAX_TRIES - found.failures, 0)


def mobile_pin(member: Member, pin: str) -> bool:
    """The PIN of a member without one of their own: the mobile's last six digits."""
    digits = "".join(ch for ch in member.mobile if ch.isdigit())
    return len(pin) == 6 and pin.isdigit() and digits[-6:] == pin


def _locked(ctx: ServiceContext, found: MemberPin) -> bool:
    return found.failed_on == ctx.today() and found.failures >= MAX_TRIES


def _record(ctx: ServiceContext, uow: UnitOfWork, found: MemberPin, right: bool) -> int:
    """Today's wrong tries after this one (a right PIN forgets them; a new day starts at 0)."""
    today = ctx.today()
    if right:
        if found.failures:
            uow.member_pins.save(replace(found, failures=0, failed_on=None))
        return 0
    before = found.failures if found.failed_on == today else 0
    uow.member_pins.save(replace(found, failures=before + 1, failed_on=today))
    return before + 1


@dataclass(frozen=True, slots=True)
class PinState:
    """What the front desk may tell a member about their payment PIN (never the PIN)."""

    own: bool  # a PIN of their own; False: the mobile's last six digits stand in
    set_at: datetime | None
    wrong_today: int  # wrong tries counted today
    locked: bool  # stored value locked until tomorrow (a new PIN lifts it)


def pin_state(ctx: ServiceContext, member_id: str) -> PinState:
    """The member's PIN as the desk shows it: their own or the mobile's, today's wrong tries."""
    with ctx.reader() as uow:
        found = uow.member_pins.get(member_id) or MemberPin(member_id, None)
    wrong = found.failures if found.failed_on == ctx.today() else 0
    own = found.pin_hash is not None
    return PinState(own, found.set_at if own else None, wrong, _locked(ctx, found))
