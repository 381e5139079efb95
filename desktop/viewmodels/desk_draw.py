"""The lucky draw at the front desk, without Qt: the wheel's segments, the offer, a spin."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.viewmodels import desk_slips
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.member_finder import DeskMember
from domain import luckydraw
from domain.errors import DomainError
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import Staff
from domain.services import draws
from domain.services.draws import SpinOffer, SpinResult
from domain.services.proofs import Approval
from hardware.receipt import Receipt


@dataclass(frozen=True, slots=True)
class Segment:
    """One slice of the wheel as drawn: a prize still in stock, or "thanks"."""

    code: str  # "" for the share of prizes that ran out (no prize row)
    name: str
    thanks: bool
    weight: int = 1  # the slice's share of the wheel, as its share of the odds


@dataclass(frozen=True, slots=True)
class SpinShown:
    result: SpinResult
    wheel: tuple[Segment, ...]  # the slices to draw while it spins
    stop_at: int  # index of the segment the wheel must stop on
    slip: Receipt | None  # printed when something was won


class DrawDesk:
    """Spins for the member at the desk; the service draws the outcome before any animation."""

    def __init__(self, env: TillEnv, staff: Staff) -> None:
        self.env, self.staff = env, staff
        self.member = DeskMember(env)
        self.draw_code: str | None = None

    def draws(self) -> list[Draw]:
        """The draws running today; the first is chosen unless one already is."""
        running = draws.draws_open(self.env.ctx)
        if self.draw_code not in {d.code for d in running}:
            self.draw_code = running[0].code if running else None
        return running

    def prizes(self) -> list[Prize]:
        return draws.draw_prizes(self.env.ctx, self.draw_code) if self.draw_code else []

    def segments(self) -> list[Segment]:
        """The wheel in play: an out-of-stock prize is not on it (its share went to thanks)."""
        return [_segment(prize, weight) for prize, weight in luckydraw.wheel(self.prizes())]

    def offer(self) -> SpinOffer | None:
        view = self.member.view
        if view is None or self.draw_code is None:
            return None
        return draws.offer(self.env.ctx, view.member.id, self.draw_code)

    def spin(self) -> SpinShown:
        view = self.member.require()
        if self.draw_code is None:
            raise DomainError("draw.none_running")
        wheel = self.segments()
        result = draws.spin(self.env.ctx, view.member.id, self.draw_code, self.staff.id)
        self.member.refresh()
        try:
            stop = stop_index(wheel, result.spin.prize_code)
        except DomainError:  # stock was allotted meanwhile: show the wheel the spin used
            wheel = self.segments()
            stop = stop_index(wheel, result.spin.prize_code)
        return SpinShown(result, tuple(wheel), stop, self._slip(result))

    def allot(self, prize_code: str, quantity: int, approval: Approval | None) -> Prize:
        """More stock from head office's allotment (a manager records it, or approves it:
        None when the manager is logged in)."""
        if self.draw_code is None:
            raise DomainError("draw.none_running")
        return draws.allot_stock(self.env.ctx, self.draw_code, prize_code, quantity,
                                 self.staff.id, approval)

    def _slip(self, result: SpinResult) -> Receipt | None:
        if result.prize is None:
            return None
        head = self.member.slip_head(self.staff, result.spin.at)
        return desk_slips.prize_slip(head, result.prize.name, result.spin.points_won,
                                     result.coupon)


def stop_index(wheel: list[Segment], prize_code: str) -> int:
    """Where the wheel stops for a recorded outcome: the prize's slice, else a thanks slice."""
    for index, segment in enumerate(wheel):
        if prize_code and segment.code == prize_code:
            return index
    for index, segment in enumerate(wheel):
        if segment.thanks:
            return index
    raise DomainError("draw.wheel_mismatch", prize=prize_code)


def _segment(prize: Prize | None, weight: int) -> Segment:
    if prize is None:
        return Segment("", "", True, weight)
    return Segment(prize.code, prize.name, prize.kind is PrizeKind.THANKS, weight)
