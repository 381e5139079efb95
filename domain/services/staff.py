"""Staff log-in, a manager's approval by their own PIN, and staff administration."""

from __future__ import annotations

from dataclasses import replace

from domain import pins
from domain.errors import DomainError, ValidationError
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import Role, Staff
from domain.services.access import MANAGERS, approval_actions
from domain.services.context import ServiceContext, audit
from domain.services.guard import Refused, guard
from domain.services.proofs import Approval
from domain.text import check_text

MANAGER_ROLES = MANAGERS


def login(ctx: ServiceContext, number: str, pin: str) -> Staff:
    """Check a staff number and PIN; every attempt is audited, the PIN never is.

    Raises:
        DomainError: ``staff.bad_login`` for an unknown number or a wrong PIN (one code for
            both, so the screen does not reveal which staff numbers exist), ``staff.inactive``.
    """
    with ctx.uow() as uow:
        staff = uow.staff.by_number(number.strip())
        ok = staff is not None and ctx.verify_pin(pin, staff.pin_hash)
        audit(ctx, uow, "login" if ok else "login_failed", staff.id if staff else None,
              target=number.strip())
        uow.commit()
    if staff is None or not ok:
        raise DomainError("staff.bad_login")
    if not staff.active:
        raise DomainError("staff.inactive", number=staff.number)
    return staff


def unlock(ctx: ServiceContext, number: str, pin: str, locked_by: str | None) -> Staff:
    """Open a locked till again: the staff member who locked it (`locked_by`), or a manager,
    by number and PIN (checked and audited as `login`); the sale on it stays.

    Raises:
        DomainError: as `login`, and ``till.locked`` for anyone else.
    """
    who = login(ctx, number, pin)
    if locked_by is not None and who.id != locked_by and who.role not in MANAGER_ROLES:
        raise DomainError("till.locked", number=who.number)
    return who


def approve(ctx: ServiceContext, number: str, pin: str, action: str, requested_by: str,
            subject: str = "") -> Approval:
    """A manager's own number and PIN approve one use case (`action`, e.g. "voids.void_sale")
    that `requested_by` is about to do; `subject` ties it to one receipt, member or set of
    figures. The approval is minted here and accepted once, within a few minutes, by that use
    case for that staff member only (domain/services/guard.py). Given or refused, it is audited.

    Raises:
        DomainError: ``approval.unknown_action``, ``staff.bad_login``, ``staff.inactive``,
            ``staff.not_manager``, ``staff.not_found`` (who asked), ``approval.self``.
    """
    if action not in approval_actions():
        raise DomainError("approval.unknown_action", action=action)
    with ctx.uow() as uow:
        approver = uow.staff.by_number(number.strip())
        ok = approver is not None and ctx.verify_pin(pin, approver.pin_hash)
        asking = uow.staff.get(requested_by) if isinstance(requested_by, str) else None
        refusal = _approval_refusal(approver if ok else None, asking)
        audit(ctx, uow, "approval_refused" if refusal else "approval_given",
              asking.id if asking else None, target=action,
              approved_by=approver.id if approver and ok else None, number=number.strip()[:16],
              **({"code": refusal.code} if refusal else {"subject": subject}))
        uow.commit()
    if refusal is not None:
        raise refusal
    assert approver is not None
    return _mint(ctx, action, approver, requested_by, subject)


def _approval_refusal(approver: Staff | None, asking: Staff | None) -> DomainError | None:
    if approver is None:
        return DomainError("staff.bad_login")
    if not approver.active:
        return DomainError("staff.inactive", number=approver.number)
    if approver.role not in MANAGER_ROLES:
        return DomainError("staff.not_manager", number=approver.number)
    if asking is None or not asking.active:
        return DomainError("staff.not_found", staff_id="")
    if asking.id == approver.id:
        return DomainError("approval.self", number=approver.number)
    return None


def _mint(ctx: ServiceContext, action: str, approver: Staff, requested_by: str,
          subject: str) -> Approval:
    approval = Approval(token=ctx.random_bytes(16).hex(), action=action,
                        approver_id=approver.id, approver_name=approver.name,
                        requested_by=requested_by, issued_at=ctx.now(), subject=subject)
    ctx.proofs.mint(approval, ctx.now())
    return approval


def add_staff(ctx: ServiceContext, number: str, name: str, role: Role, pin: str,
              by: str | None = None, card_number: str | None = None) -> Staff:
    """Create a staff account. PINs are 4–8 digits and stored only as a salted hash.

    `by` is the manager or administrator making it, who must be allowed to give `role`; only
    a store's very first account (a new database, the demo, the scenario runner) is made by
    nobody.

    Raises:
        DomainError: ``staff.actor_required`` (by nobody in a store that has staff),
            ``staff.role_not_allowed``; the access refusals of domain/services/guard.py.
    """
    _check_pin(pin)
    if not number.strip() or not name.strip():
        raise ValidationError("form.required", field="number" if not number.strip() else "name")
    check_text(number.strip(), "number")
    check_text(name.strip(), "name")
    if by is None:
        return _first_account(ctx, number, name, role, pin, card_number)
    with guard(ctx, "staff.add_staff", by) as grant:
        _require(grant.actor, role)
        with ctx.uow() as uow:
            staff = _new_account(ctx, uow, number, name, role, pin, card_number)
            audit(ctx, uow, "staff_added", by, target=staff.number, role=role.value)
            uow.commit()
    return staff


def _first_account(ctx: ServiceContext, number: str, name: str, role: Role, pin: str,
                   card_number: str | None) -> Staff:
    with ctx.uow() as uow:
        if uow.staff.all():
            raise DomainError("staff.actor_required")
        staff = _new_account(ctx, uow, number, name, role, pin, card_number)
        audit(ctx, uow, "staff_added", None, target=staff.number, role=role.value, first=True)
        uow.commit()
    return staff


def _new_account(ctx: ServiceContext, uow: UnitOfWork, number: str, name: str, role: Role,
                 pin: str, card_number: str | None) -> Staff:
    if uow.staff.by_number(number.strip()) is not None:
        raise ValidationError("staff.number_taken", field="number", number=number)
    staff = Staff(id=new_id_str(), number=number.strip(), name=name.strip(), role=role,
                  pin_hash=ctx.hash_pin(pin), card_number=card_number)
    uow.staff.add(staff)
    return staff


def _reset_pin(ctx: ServiceContext, staff_id: str, new_pin: str, by: str) -> None:
    _check_pin(new_pin)
    with ctx.uow() as uow:
        staff = uow.staff.get(staff_id)
        if staff is None:
            raise DomainError("staff.not_found", staff_id=staff_id)
        staff.pin_hash = ctx.hash_pin(new_pin)
        uow.staff.save(staff)
        audit(ctx, uow, "pin_reset", by, target=staff.number)
        uow.commit()


def _check_pin(pin: str) -> None:
    pins.check_new_pin(pin)


# --- staff administration (the manager's "Staff and roles" page) ------------------------------

# Which roles each role may give, take away, reset or switch off: a manager runs the shop floor
# (cashiers, front desk); only an administrator makes or changes managers and administrators.
GRANTABLE: dict[Role, frozenset[Role]] = {
    Role.MANAGER: frozenset({Role.CASHIER, Role.FRONT_DESK}),
    Role.ADMIN: frozenset(Role),
}
MAX_NUMBER_DIGITS = 8


def may_manage(actor: Staff, role: Role) -> bool:
    """Whether `actor` may create, change or switch off an account with `role`."""
    return role in GRANTABLE.get(actor.role, frozenset())


def list_staff(ctx: ServiceContext) -> list[Staff]:
    with ctx.reader() as uow:
        return uow.staff.all()


def create_staff(ctx: ServiceContext, actor: Staff, number: str, name: str, role: Role,
                 pin: str) -> Staff:
    """A new account made by a manager or administrator; the fields are checked in form order.

    Raises:
        ValidationError: ``staff.bad_number`` (field "number"), ``form.required``,
            ``staff.number_taken``, ``pin.bad_format``, ``pin.too_simple``.
        DomainError: ``staff.role_not_allowed`` when the actor may not give that role.
    """
    with guard(ctx, "staff.create_staff", actor.id) as grant:
        _require(grant.actor, role)
    number = number.strip()
    if number and not (number.isascii() and number.isdigit()
                       and len(number) <= MAX_NUMBER_DIGITS):
        raise ValidationError("staff.bad_number", field="number", max=MAX_NUMBER_DIGITS)
    return add_staff(ctx, number, name, role, pin, by=actor.id)


def reset_staff_pin(ctx: ServiceContext, actor: Staff, staff_id: str, new_pin: str) -> None:
    """Anyone may reset their own PIN here; others' only within the roles the actor manages."""
    with guard(ctx, "staff.reset_staff_pin", actor.id) as grant:
        with ctx.reader() as uow:
            target = uow.staff.get(staff_id)
        if target is None:
            raise DomainError("staff.not_found", staff_id=staff_id)
        if target.id != actor.id:
            _require(grant.actor, target.role)
        _reset_pin(ctx, staff_id, new_pin, actor.id)


def change_role(ctx: ServiceContext, actor: Staff, staff_id: str, role: Role) -> Staff:
    """Give an account another role; never one's own (so an administrator always remains:
    only an active administrator may change one, and not themself)."""
    with guard(ctx, "staff.change_role", actor.id), ctx.uow() as uow:
        target = _checked_target(uow, staff_id, actor)
        _require(_fresh(uow, actor), role)
        before, target.role = target.role, role
        uow.staff.save(target)
        audit(ctx, uow, "staff_role_changed", actor.id, target=target.number,
              before=before.value, after=role.value)
        uow.commit()
    return target


def set_cashier_signup(ctx: ServiceContext, actor: Staff, on: bool) -> bool:
    """The role setting of a one-person store: cashiers may (or may no longer) sign members
    up at the till; the access table admits them to members.register while it is on."""
    with guard(ctx, "staff.set_cashier_signup", actor.id), ctx.uow() as uow:
        settings = uow.settings.get()
        if settings.cashier_signup != on:
            uow.settings.save(replace(settings, cashier_signup=on))
            audit(ctx, uow, "cashier_signup_set", actor.id, target="cashier", on=on)
        uow.commit()
    return on


def set_active(ctx: ServiceContext, actor: Staff, staff_id: str, active: bool) -> Staff:
    """Switch an account off (it can no longer log in) or on again; never one's own."""
    with guard(ctx, "staff.set_active", actor.id), ctx.uow() as uow:
        target = _checked_target(uow, staff_id, actor)
        target.active = active
        uow.staff.save(target)
        audit(ctx, uow, "staff_reactivated" if active else "staff_deactivated", actor.id,
              target=target.number)
        uow.commit()
    return target


def link_staff_card(ctx: ServiceContext, actor: Staff, staff_id: str, card_number: str) -> Staff:
    """Flag a member card as this staff member's own (refused at their till, DOMAIN §4)."""
    number = card_number.strip()
    with guard(ctx, "staff.link_staff_card", actor.id), ctx.uow() as uow:
        target = uow.staff.get(staff_id)
        if target is None:
            raise DomainError("staff.not_found", staff_id=staff_id)
        if target.id != actor.id:
            _require(_fresh(uow, actor), target.role)
        card = uow.cards.get(number)
        member = uow.members.get(card.member_id) if card is not None else None
        if card is None or member is None:
            raise ValidationError("card.unknown", field="card_number", card_number=number)
        card.is_staff, member.staff_id, target.card_number = True, target.id, card.number
        uow.cards.save(card)
        uow.members.save(member)
        uow.staff.save(target)
        audit(ctx, uow, "staff_card_linked", actor.id, target=target.number, card=card.number)
        uow.commit()
    return target


def _require(actor: Staff, role: Role) -> None:
    if not may_manage(actor, role):
        raise Refused("staff.role_not_allowed", role=role.value)


def _fresh(uow: UnitOfWork, actor: Staff) -> Staff:
    """The actor as stored now: a role changed or an account switched off since they logged
    in counts at once."""
    fresh = uow.staff.get(actor.id)
    if fresh is None:
        raise DomainError("staff.not_found", staff_id=actor.id)
    if not fresh.active:
        raise DomainError("staff.inactive", number=fresh.number)
    return fresh


def _checked_target(uow: UnitOfWork, staff_id: str, actor: Staff) -> Staff:
    target = uow.staff.get(staff_id)
    if target is None:
        raise DomainError("staff.not_found", staff_id=staff_id)
    if target.id == actor.id:
        raise DomainError("staff.own_account", number=target.number)
    _require(_fresh(uow, actor), target.role)
    return target
