"""The card page's logic (DOMAIN §4): find the holder, issue, encode and verify a stripe, link a
pre-printed card, report lost, replace, close; and the QR/barcode card slip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desktop.viewmodels.env import TillEnv
from domain import cards as card_rules
from domain.forms import mask_mobile, mask_name
from domain.records import Card
from domain.services import cardissue, cardserials, holders, members
from domain.services.cardissue import IssuedCard
from domain.services.cardserials import Serials
from hardware.layout import Align
from hardware.msr605 import Coercivity, Msr605, check_written
from hardware.receipt import Receipt
from hardware.tracks import Tracks

SLIP: dict[str, dict[str, str]] = {
    "zh": {"title": "会员卡", "member": "会员", "card": "卡号", "expiry": "有效期至",
           "hint": "结账时出示此码即可累积积分"},
    "en": {"title": "Member card", "member": "Member", "card": "Card", "expiry": "Valid to",
           "hint": "Show this code at the till to earn points"},
}


@dataclass(frozen=True, slots=True)
class CardRow:
    number: str
    kind: str  # stripe | qr | preprinted
    state: str  # issued | active | lost | replaced | closed
    expiry: str  # YYMM
    issued_at: datetime | None  # local time
    replaced_by: str | None

    usable: bool = True  # not lost, replaced or closed (domain/cards.py is_usable)
    current: bool = False  # the member's card in use (holders.CardHolder.current)


@dataclass(frozen=True, slots=True)
class Holder:
    """A member as the card page shows them: masked, balances, every card ever issued."""

    member_id: str
    name: str
    mobile: str
    tier: str
    status: str
    points: int
    wallet_fen: int
    coupons: int
    cards: tuple[CardRow, ...]

    @property
    def current(self) -> CardRow | None:
        return next((c for c in self.cards if c.current), None)


class CardsModel:
    """Every change goes through domain.services.cardissue (one audited transaction each)."""

    def __init__(self, env: TillEnv, staff_id: str) -> None:
        self.env, self.ctx, self.staff_id = env, env.ctx, staff_id

    # --- finding -------------------------------------------------------------------------

    def find(self, text: str) -> Holder:
        """A typed or scanned card number, member QR or mobile; lost cards are refused."""
        return self.holder(members.find_by_code(self.ctx, text).member.id)

    def find_swipe(self, tracks: Tracks) -> Holder:
        return self.holder(members.find_by_swipe(self.ctx, tracks.track1, tracks.track2)
                           .member.id)

    def holder(self, member_id: str) -> Holder:
        """Every card the member was ever given, lost and replaced ones too."""
        found = holders.card_holder(self.ctx, member_id)
        member, balances = found.member, found.balances
        return Holder(member.id, mask_name(member.name), mask_mobile(member.mobile),
                      member.tier, member.status.value, balances.points,
                      balances.wallet_principal_fen + balances.wallet_bonus_fen,
                      found.live_coupons,
                      tuple(self._row(c, c == found.current) for c in found.cards))

    def _row(self, card: Card, current: bool) -> CardRow:
        issued = self.ctx.calendar.local(card.issued_at) if card.issued_at else None
        return CardRow(card.number, card.kind, card.state.value, card.expiry, issued,
                       card.replaced_by, card_rules.is_usable(card), current)

    def serials(self) -> Serials:
        """The number the next issued card will get and how many this till has left (nothing
        is allocated by looking)."""
        return cardserials.card_serials(self.ctx)

    # --- changes -------------------------------------------------------------------------

    def issue(self, member_id: str, kind: str) -> IssuedCard:
        return cardissue.issue_card(self.ctx, member_id, self.staff_id, kind=kind)

    def link_number(self, member_id: str, text: str) -> Card:
        number = card_rules.parse_card_number("".join(text.split())).number
        return cardissue.link_card(self.ctx, member_id, number, self.staff_id)

    def link_swipe(self, member_id: str, tracks: Tracks) -> Card:
        """A pre-printed card's stripe: ours, genuine, not a bank card, not yet linked."""
        return cardissue.link_swiped(self.ctx, member_id, tracks.track1, tracks.track2,
                                     self.staff_id)

    def report_lost(self, number: str) -> Card:
        return cardissue.report_lost(self.ctx, number, self.staff_id)

    def close(self, number: str) -> Card:
        return cardissue.close_card(self.ctx, number, self.staff_id)

    def replace(self, number: str) -> IssuedCard:
        return cardissue.replace_card(self.ctx, number, self.staff_id)

    def stripe_of(self, number: str) -> str:
        """Track 2 of an issued card, to encode it again after a failed attempt."""
        return holders.track2_of(self.ctx, number)

    def slip(self, holder: Holder, number: str, expiry: str) -> Receipt:
        """A card slip for the receipt printer: Code 128 and QR of the number (both ASCII)."""
        t = SLIP.get(self.env.receipt_lang, SLIP["zh"])
        receipt = Receipt().text(self.env.store_name, Align.CENTER, width=2, height=2)
        receipt.text(t["title"], Align.CENTER, bold=True).rule()
        receipt.columns(t["member"], holder.name).columns(t["card"], number)
        receipt.columns(t["expiry"], f"20{expiry[:2]}-{expiry[2:]}").rule()
        receipt.barcode(number).qr(number).text(t["hint"], Align.CENTER)
        return receipt.feed(2).cut()


def encode_and_verify(encoder: Msr605, track2: str, coercivity: Coercivity,
                      step: Callable[[str], None]) -> Tracks:
    """Write track 2 (one swipe), read it back (a second swipe), compare; DeviceError if not.

    Runs on a worker thread: it waits for the clerk to swipe. `step` says which swipe is
    awaited ("write", then "verify"). The port is closed afterwards, freeing the COM port.
    """
    wanted = Tracks(track2=track2.strip(";?"))  # the encoder adds the sentinels itself
    try:
        encoder.test_communication()
        encoder.set_coercivity(coercivity)
        step("write")
        encoder.write(wanted)
        step("verify")
        back = encoder.read()
        check_written(wanted, back)
        return back
    finally:
        encoder.close()
