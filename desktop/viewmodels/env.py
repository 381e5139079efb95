"""What every till view-model shares: the services context and a few till-wide helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain import dynamicqr
from domain.ports import DeviceSettingsStore
from domain.records import Member
from domain.services import member_pin
from domain.services.context import ServiceContext


def mobile_pin_check(member: Member, pin: str) -> bool:
    """The payment PIN of a member who never chose one: the registered mobile's last six
    digits (the usual first PIN of a Chinese stored-value card; docs/till.md)."""
    return member_pin.mobile_pin(member, pin)


@dataclass
class TillEnv:
    """Wired once by the composition root and handed to every view-model of one till."""

    ctx: ServiceContext
    store_name: str
    receipt_lang: str = "zh"
    # Store settings `receipt.shift_slip` / `receipt.z_at_close`: print the 交班单 when a shift
    # closes and the Z when the day closes (both on unless a store turns them off).
    print_shift_slip: bool = True
    print_z_at_close: bool = True
    # The devices file the till was started with (the Devices page saves to it); None for a
    # till started without one (the demo, the benches): nothing to save to.
    devices_store: DeviceSettingsStore | None = None
    seen_qr: dynamicqr.SeenNonces = field(init=False)

    def __post_init__(self) -> None:
        # One dynamic QR payload admits one use at this till (DOMAIN §4: no screenshots).
        self.seen_qr = dynamicqr.SeenNonces(self.ctx.clock, self.ctx.pack.cards.dynamic_qr_ttl_s)
