"""What every till view-model shares: the services context and a few till-wide helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from domain import dynamicqr
from domain.records import Member
from domain.services.context import ServiceContext

PinCheck = Callable[[Member, str], bool]


def mobile_pin_check(member: Member, pin: str) -> bool:
    """The member's payment PIN: the last six digits of the registered mobile.

    Documented choice (docs/till.md): the member record keeps no PIN of its own yet, and a
    stored-value card's first PIN being the mobile's last six digits is what Chinese members
    are used to. A PIN kept on the member replaces this check through `TillEnv.check_pin`.
    """
    digits = "".join(ch for ch in member.mobile if ch.isdigit())
    return len(pin) == 6 and pin.isdigit() and digits[-6:] == pin


@dataclass
class TillEnv:
    """Wired once by the composition root and handed to every view-model of one till."""

    ctx: ServiceContext
    store_name: str
    check_pin: PinCheck = mobile_pin_check
    receipt_lang: str = "zh"
    seen_qr: dynamicqr.SeenNonces = field(init=False)

    def __post_init__(self) -> None:
        # One dynamic QR payload admits one use at this till (DOMAIN §4: no screenshots).
        self.seen_qr = dynamicqr.SeenNonces(self.ctx.clock, self.ctx.pack.cards.dynamic_qr_ttl_s)
