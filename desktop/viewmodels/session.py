"""Who is at the till: log-in, the cashier's shift, the idle lock, manager approval, held sales."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.viewmodels.env import TillEnv
from domain.errors import DomainError
from domain.records import Shift, Staff
from domain.services import shifts, staff
from domain.services.cart import Cart
from domain.services.staff import MANAGER_ROLES


@dataclass(frozen=True, slots=True)
class ShiftSummary:
    """What closing a shift tells the cashier: the drawer should hold `expected_fen`."""

    shift: Shift
    expected_fen: int
    counted_fen: int

    @property
    def over_short_fen(self) -> int:
        return self.counted_fen - self.expected_fen


class TillSession:
    """The staff member logged in at this till, their open shift, and the sales on hold.

    Held sales belong to the till, not to the cashier: they survive a log-out so the next
    cashier can recall them (the customer is still at the counter).
    """

    def __init__(self, env: TillEnv) -> None:
        self.env = env
        self.staff: Staff | None = None
        self.shift: Shift | None = None
        self.locked = False
        self.held: list[Cart] = []

    @property
    def is_manager(self) -> bool:
        return self.staff is not None and self.staff.role in MANAGER_ROLES

    def login(self, number: str, pin: str) -> Staff:
        """Check the PIN; the cashier's open shift (if any) is picked up again."""
        who = staff.login(self.env.ctx, number, pin)
        self.staff, self.locked = who, False
        self.shift = shifts.current_shift(self.env.ctx, who.id)
        return who

    @property
    def needs_shift(self) -> bool:
        return self.staff is not None and self.shift is None

    def open_shift(self, float_fen: int) -> Shift:
        self.shift = shifts.open_shift(self.env.ctx, self._who().id, float_fen)
        return self.shift

    def close_shift(self, counted_fen: int) -> ShiftSummary:
        closed = shifts.close_shift(self.env.ctx, self._who().id, counted_fen)
        self.shift = None
        return ShiftSummary(closed, closed.expected_fen or 0, closed.counted_fen or 0)

    def logout(self) -> None:
        self.staff, self.shift, self.locked = None, None, False

    def lock(self) -> None:
        if self.staff is not None:
            self.locked = True

    def unlock(self, number: str, pin: str) -> Staff:
        """The cashier who locked the till, or a manager, opens it again; the sale stays."""
        who = staff.login(self.env.ctx, number, pin)
        if self.staff is not None and who.id != self.staff.id and who.role not in MANAGER_ROLES:
            raise DomainError("till.locked", number=who.number)
        self.locked = False
        return who

    def authorize(self, number: str, pin: str) -> Staff:
        """A manager's own number and PIN for an override (audited by the use case)."""
        return staff.authorize_manager(self.env.ctx, number, pin)

    def hold(self, cart: Cart) -> None:
        if not cart.lines:
            raise DomainError("sale.empty")
        self.held.append(cart)

    def recall(self, index: int) -> Cart:
        """Take a held sale back; it is now rung up by whoever is logged in."""
        if not 0 <= index < len(self.held):
            raise DomainError("sale.nothing_held")
        cart = self.held.pop(index)
        who = self._who()
        return replace(cart, cashier_id=who.id, shift_id=self.shift.id if self.shift else None)

    def _who(self) -> Staff:
        if self.staff is None:
            raise DomainError("staff.bad_login")
        return self.staff
