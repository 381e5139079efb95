"""The staff page's logic without Qt widgets: accounts, role changes, permissions, card alerts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop import feedback_office, i18n
from desktop.screens.office import DESK_ROLES, MANAGER_ROLES
from desktop.viewmodels.env import TillEnv
from domain.records import Role, Staff
from domain.services import access
from domain.services import staff as staff_services
from domain.services.card_alerts import CardAlert, card_alerts

# The name pyside6-lupdate looks for: translate("context", "literal") is collected.
translate = QCoreApplication.translate

CONTEXT = "staff"
ROLES = (Role.CASHIER, Role.FRONT_DESK, Role.MANAGER, Role.ADMIN)


def role_name(role: Role) -> str:
    return feedback_office.role_name(role.value)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True, slots=True)
class Permission:
    """One thing staff may do, and the roles whose checks in the code let them."""

    what: str
    roles: frozenset[Role]


def _managers_of(roles: Iterable[Role]) -> frozenset[Role]:
    wanted = set(roles)
    return frozenset(r for r, given in staff_services.GRANTABLE.items() if wanted <= given)


def code_permissions(cashier_signup: bool = False) -> list[Permission]:
    """What the services and the window check, read from the same constants they use.

    Desk roles log in to the back office (main window homes); everyone else lands at the
    till, and managers reach it from the office too (its Till button).
    """
    till = (frozenset(ROLES) - DESK_ROLES) | MANAGER_ROLES
    return [
        Permission(translate("staff", "Ring sales and returns at the till"),
                   frozenset(till) & access.gate("checkout.complete").roles),
        Permission(translate("staff", "Log in to the back office"), frozenset(DESK_ROLES)),
        Permission(translate("staff", "Sign members up"), _signup_roles(cashier_signup)),
        Permission(
            translate("staff", "Approve overrides with their own PIN"),
            frozenset(staff_services.MANAGER_ROLES),
        ),
        Permission(translate("staff", "Adjust a member's points"),
                   access.gate("rewards.adjust_points").roles),
        Permission(translate("staff", "Switch the store's rule pack"),
                   access.gate("rules.switch_pack").roles),
        Permission(translate("staff", "Set up the till's devices"),
                   access.gate("devices.save_devices").roles),
        Permission(
            translate("staff", "Add, reset, switch off cashier and front-desk accounts"),
            _managers_of({Role.CASHIER, Role.FRONT_DESK}),
        ),
        Permission(
            translate("staff", "Add, reset, switch off managers and administrators"),
            _managers_of({Role.MANAGER, Role.ADMIN}),
        ),
    ]


def _signup_roles(cashier_signup: bool) -> frozenset[Role]:
    gate = access.gate("members.register")
    return gate.roles | (gate.setting_roles if cashier_signup else frozenset())


class StaffAdminModel:
    """The accounts as rows, and each change made as the logged-in staff member."""

    def __init__(self, env: TillEnv, actor: Staff) -> None:
        self.env, self.actor = env, actor
        self.staff: list[Staff] = []

    def load(self) -> list[list[str]]:
        self.staff = staff_services.list_staff(self.env.ctx)
        return [self.row(s) for s in self.staff]

    def row(self, staff: Staff) -> list[str]:
        state = translate("staff", "Active") if staff.active else translate("staff", "Switched off")
        card = (
            translate("staff", "{card} (staff card)").format(card=staff.card_number)
            if staff.card_number
            else ""
        )
        return [staff.number, staff.name, role_name(staff.role), state, card]

    def grantable(self) -> list[Role]:
        """The roles the logged-in staff member may give (the role list of the forms)."""
        return [r for r in ROLES if staff_services.may_manage(self.actor, r)]

    def add(self, number: str, name: str, role: Role, pin: str) -> Staff:
        return staff_services.create_staff(self.env.ctx, self.actor, number, name, role, pin)

    def reset_pin(self, staff: Staff, pin: str) -> None:
        staff_services.reset_staff_pin(self.env.ctx, self.actor, staff.id, pin)

    def change_role(self, staff: Staff, role: Role) -> Staff:
        return staff_services.change_role(self.env.ctx, self.actor, staff.id, role)

    def toggle_active(self, staff: Staff) -> Staff:
        return staff_services.set_active(self.env.ctx, self.actor, staff.id, not staff.active)

    def link_card(self, staff: Staff, card_number: str) -> Staff:
        return staff_services.link_staff_card(self.env.ctx, self.actor, staff.id, card_number)

    def permission_rows(self, pages: Iterable[tuple[str, frozenset[Role]]]) -> list[list[str]]:
        """One row per permission and per back-office page: ✓ under each role allowed."""
        found = [
            *code_permissions(self.cashier_signup()),
            *(
                Permission(translate("staff", "Open the page “{page}”").format(page=title), roles)
                for title, roles in pages
            ),
        ]
        return [[p.what, *("✓" if r in p.roles else "—" for r in ROLES)] for p in found]

    def cashier_signup(self) -> bool:
        """Whether cashiers may sign members up at the till (a one-person store)."""
        with self.env.ctx.reader() as uow:
            return uow.settings.get().cashier_signup

    def set_cashier_signup(self, on: bool) -> bool:
        return staff_services.set_cashier_signup(self.env.ctx, self.actor, on)

    def alert_limit(self) -> int:
        return self.env.ctx.pack.cards.staff_card_daily_alert

    def alerts(self) -> list[CardAlert]:
        return card_alerts(self.env.ctx)

    def alert_rows(self, alerts: list[CardAlert]) -> list[list[str]]:
        return [
            [
                i18n.date_text(a.business_date),
                a.card_number or "—",
                a.member_name,
                i18n.number(a.uses),
                translate("staff", "Staff card") if a.staff_card else "",
            ]
            for a in alerts
        ]
