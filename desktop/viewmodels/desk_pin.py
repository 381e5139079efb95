"""The member's stored-value payment PIN at the front desk without Qt: its state, and a new one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.viewmodels.env import TillEnv
from domain import pins
from domain.errors import ValidationError
from domain.forms import mask_name
from domain.records import Staff
from domain.services import member_pin
from domain.services.members import member_view

PIN_DIGITS = pins.PIN_LENGTHS.stop - 1  # the longest PIN the field takes; the rule is pins'


@dataclass(frozen=True, slots=True)
class PinFacts:
    """What the page shows about one member's payment PIN (the PIN itself never)."""

    member_id: str
    name: str  # masked: 张*
    own: bool
    set_on: date | None
    wrong_today: int
    locked: bool
    max_tries: int = member_pin.MAX_TRIES


class DeskPin:
    """Read and set a member's payment PIN; every refusal is a DomainError naming the field."""

    def __init__(self, env: TillEnv, staff: Staff) -> None:
        self.env, self.staff = env, staff

    def facts(self, member_id: str) -> PinFacts:
        ctx = self.env.ctx
        view = member_view(ctx, member_id)
        state = member_pin.pin_state(ctx, member_id)
        set_on = ctx.calendar.calendar_date(state.set_at) if state.set_at else None
        return PinFacts(member_id, mask_name(view.member.name), state.own, set_on,
                        state.wrong_today, state.locked)

    def check_first(self, pin: str) -> None:
        """The first typing, checked at once so the member does not retype a PIN refused anyway.

        Raises:
            ValidationError: pin.bad_format or pin.too_simple (field "pin"): the rule
            `member_pin.set_pin` enforces for every caller (4–6 digits, DOMAIN §8).
        """
        pins.check_new_pin(pin)

    def set_pin(self, member_id: str, pin: str, again: str) -> PinFacts:
        """Save the PIN typed twice alike; nothing is saved on any refusal.

        Raises:
            ValidationError: pin.bad_format, pin.too_simple (field "pin"), pin.mismatch
                (field "pin_again"). DomainError: member.frozen, member.closed.
        """
        self.check_first(pin)
        if again != pin:
            raise ValidationError("pin.mismatch", field="pin_again")
        member_pin.set_pin(self.env.ctx, member_id, pin, self.staff.id)
        return self.facts(member_id)
