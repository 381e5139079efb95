"""Who is at the till: log-in, the cashier's shift, the idle lock, manager approval, held sales
(kept in the store database, so they survive closing the program)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.viewmodels.env import TillEnv
from domain.errors import DomainError
from domain.records import HeldSale, Shift, Staff
from domain.services import held as held_sales
from domain.services import shifts, staff
from domain.services.cart import Cart
from domain.services.proofs import Approval
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

    Held sales belong to the till, not to the cashier: they survive a log-out and a restart
    so the next cashier can recall them (the customer is still at the counter).
    """

    def __init__(self, env: TillEnv) -> None:
        self.env = env
        self.staff: Staff | None = None
        self.shift: Shift | None = None
        self.locked = False

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
        who = staff.unlock(self.env.ctx, number, pin,
                           self.staff.id if self.staff is not None else None)
        self.locked = False
        return who

    def approve(self, number: str, pin: str, action: str, subject: str = "") -> Approval:
        """Another manager's own number and PIN approve `action` (a use case of
        domain/services/access.py) for whoever is logged in; the use case accepts it once."""
        return staff.approve(self.env.ctx, number, pin, action, self._who().id, subject)

    @property
    def held(self) -> list[HeldSale]:
        """The sales on hold at this till, oldest first (read from the store database)."""
        return held_sales.waiting(self.env.ctx)

    def hold(self, cart: Cart) -> HeldSale:
        """Put the sale aside (also done for whoever leaves a sale on screen: log-out, exit)."""
        who = self.staff.id if self.staff is not None else cart.cashier_id
        return held_sales.hold(self.env.ctx, cart, who)

    def recall(self, index: int) -> Cart:
        """Take a held sale back (the `index`-th of `held`); whoever is logged in rings it up."""
        waiting = self.held
        if not 0 <= index < len(waiting):
            raise DomainError("sale.nothing_held")
        return self.recall_id(waiting[index].id)

    def recall_id(self, held_id: str) -> Cart:
        return held_sales.recall(self.env.ctx, held_id, self._who().id,
                           self.shift.id if self.shift else None)

    def _who(self) -> Staff:
        if self.staff is None:
            raise DomainError("staff.bad_login")
        return self.staff
