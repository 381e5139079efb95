"""Who acts in tests that drive the services: every use case names an active staff member of a
role it allows (domain/services/access.py), so tests take real accounts, not made-up ids."""

from __future__ import annotations

from domain.records import Role
from domain.services.context import ServiceContext
from domain.services.staff import add_staff

ADMIN = ("0009", "测试管理员", "9024")
MADE = {Role.CASHIER: ("0011", "测试收银", "1357"), Role.MANAGER: ("0012", "测试店长", "2468"),
        Role.FRONT_DESK: ("0013", "测试前台", "3579")}


def staff_id(ctx: ServiceContext, role: Role = Role.FRONT_DESK) -> str:
    """An active account of `role`: the store's own (the demo's) when it has one, else one
    made for the test by an administrator (itself the store's first account if need be)."""
    with ctx.reader() as uow:
        everyone = [s for s in uow.staff.all() if s.active]
    found = next((s for s in everyone if s.role is role), None)
    if found is not None:
        return found.id
    admin = next((s for s in everyone if s.role is Role.ADMIN), None)
    if admin is None:
        admin = add_staff(ctx, ADMIN[0], ADMIN[1], Role.ADMIN, ADMIN[2])
    if role is Role.ADMIN:
        return admin.id
    number, name, pin = MADE[role]
    return add_staff(ctx, number, name, role, pin, by=admin.id).id


def desk(ctx: ServiceContext) -> str:
    return staff_id(ctx, Role.FRONT_DESK)


def cashier(ctx: ServiceContext) -> str:
    return staff_id(ctx, Role.CASHIER)


def manager(ctx: ServiceContext) -> str:
    return staff_id(ctx, Role.MANAGER)
