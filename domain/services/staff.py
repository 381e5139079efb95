"""Staff log-in, manager authorisation by PIN, and staff administration."""

from __future__ import annotations

from domain import pins
from domain.errors import DomainError, ValidationError
from domain.ids import new_id_str
from domain.records import Role, Staff
from domain.services.context import ServiceContext, audit

MANAGER_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


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


def authorize_manager(ctx: ServiceContext, number: str, pin: str) -> Staff:
    """A manager approves an override with their own number and PIN."""
    staff = login(ctx, number, pin)
    if staff.role not in MANAGER_ROLES:
        raise DomainError("staff.not_manager", number=staff.number)
    return staff


def add_staff(ctx: ServiceContext, number: str, name: str, role: Role, pin: str,
              by: str | None = None, card_number: str | None = None) -> Staff:
    """Create a staff account. PINs are 4–8 digits and stored only as a salted hash."""
    _check_pin(pin)
    if not number.strip() or not name.strip():
        raise ValidationError("form.required", field="number" if not number.strip() else "name")
    with ctx.uow() as uow:
        if uow.staff.by_number(number.strip()) is not None:
            raise ValidationError("staff.number_taken", field="number", number=number)
        staff = Staff(id=new_id_str(), number=number.strip(), name=name.strip(), role=role,
                      pin_hash=ctx.hash_pin(pin), card_number=card_number)
        uow.staff.add(staff)
        audit(ctx, uow, "staff_added", by, target=staff.number, role=role.value)
        uow.commit()
    return staff


def reset_pin(ctx: ServiceContext, staff_id: str, new_pin: str, by: str) -> None:
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
