"""Member cards: 13-digit numbers, track-2 stripes, bank-card refusal and the card life cycle."""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from domain.errors import DomainError, ValidationError
from domain.records import Card, CardState, Member
from domain.rulepack import CardRules

NUMBER_LENGTH = 13
MAX_SERIAL = 99_999
_BANK_PAN_LENGTHS = range(15, 20)
_USABLE = (CardState.ISSUED, CardState.ACTIVE)
_YYMM = re.compile(r"[0-9]{2}(0[1-9]|1[0-2])")
_TRACK2 = re.compile(r";?([0-9]{1,19})(?:=([0-9]*))?\??")
# A reader set up without start/end sentinels sends a track's bare body: `<PAN>=<data>` for
# track 2, `<format code><PAN>^<name>^<data>` for track 1 (ISO/IEC 7813).
_BARE_TRACK2 = re.compile(r"[0-9]{12,19}=[0-9]*")
_BARE_TRACK1 = re.compile(r"[A-Za-z][0-9]{12,19}\^[^^]*\^.*")


@dataclass(frozen=True, slots=True)
class CardNumber:
    """The fields of `BB L RRRR SSSSS C` (DOMAIN §4)."""

    number: str
    brand: str
    level: str
    region: str
    serial: int


@dataclass(frozen=True, slots=True)
class Swipe:
    """One of our cards read from its stripe, verification code checked."""

    card_number: str
    expiry_yymm: str


def luhn_check_digit(digits: str) -> str:
    """The Luhn digit to append to `digits` (ISO/IEC 7812-1)."""
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("Luhn needs ASCII digits")
    total = 0
    # The digit next to the check digit is doubled, then every second one leftwards.
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str(-total % 10)


def luhn_valid(number: str) -> bool:
    """True when the last digit is the Luhn check digit of the others."""
    if len(number) < 2 or not number.isascii() or not number.isdigit():
        return False
    return luhn_check_digit(number[:-1]) == number[-1]


def make_card_number(brand: str, level: str, region: str, serial: int) -> str:
    """Compose `BB L RRRR SSSSS C`; ValidationError card.bad_field names the bad part."""
    for name, value, size in (("brand", brand, 2), ("level", level, 1), ("region", region, 4)):
        if len(value) != size or not value.isascii() or not value.isdigit():
            raise ValidationError("card.bad_field", field=name, length=size)
    if not 0 <= serial <= MAX_SERIAL:
        raise ValidationError("card.bad_field", field="serial", max=MAX_SERIAL)
    body = f"{brand}{level}{region}{serial:05d}"
    return body + luhn_check_digit(body)


def next_card_number(brand: str, level: str, region: str, max_serial: int) -> str:
    """The number after the highest serial in use (CardRepo.max_serial) for this prefix."""
    if max_serial >= MAX_SERIAL:
        raise DomainError("card.serials_exhausted", prefix=f"{brand}{level}{region}")
    return make_card_number(brand, level, region, max_serial + 1)


def parse_card_number(text: str) -> CardNumber:
    """Split a typed or scanned card number; spaces are ignored (cards print it grouped)."""
    number = "".join(text.split())
    if len(number) != NUMBER_LENGTH:
        raise ValidationError("card.bad_number", field="card_number", reason="length")
    if not number.isascii() or not number.isdigit():
        raise ValidationError("card.bad_number", field="card_number", reason="digits")
    if not luhn_valid(number):
        raise ValidationError("card.bad_number", field="card_number", reason="check")
    return CardNumber(number=number, brand=number[:2], level=number[2],
                      region=number[3:7], serial=int(number[7:12]))


def verification_code(number: str, expiry_yymm: str, secret: bytes) -> str:
    """Three digits binding a stripe to the store's secret (a printed number alone lacks it)."""
    if not secret:
        raise DomainError("card.secret_missing")
    digest = hmac.new(secret, f"{number}={expiry_yymm}".encode("ascii"), hashlib.sha256)
    # 32 bits reduced mod 1000: the bias (< 1e-6) does not help a forger.
    return f"{int.from_bytes(digest.digest()[:4], 'big') % 1000:03d}"


def track2_data(number: str, expiry_yymm: str, secret: bytes) -> str:
    """What the encoder writes on track 2: `;<13 digits>=<YYMM><VVV>?`."""
    parsed = parse_card_number(number)
    if not _YYMM.fullmatch(expiry_yymm):
        raise ValidationError("card.bad_expiry", field="expiry")
    return f";{parsed.number}={expiry_yymm}{verification_code(parsed.number, expiry_yymm, secret)}?"


def card_expiry(issued_on: date, rules: CardRules) -> str:
    """YYMM `valid_years` after the month of issue; the card works to that month's end."""
    return f"{(issued_on.year + rules.valid_years) % 100:02d}{issued_on.month:02d}"


def is_expired(expiry_yymm: str, today: date) -> bool:
    """A YYMM expiry is good through the last day of that month, like a bank card."""
    year, month = 2000 + int(expiry_yymm[:2]), int(expiry_yymm[2:])
    last_day = date(year, month, calendar.monthrange(year, month)[1])
    return today > last_day


def is_bank_card(track1: str | None, track2: str | None, brands: Sequence[str]) -> bool:
    """Track 1 format code B, or a 15–19 digit Luhn-valid PAN that is not one of ours."""
    if _track1_is_bank(track1):
        return True
    match = _TRACK2.fullmatch((track2 or "").strip())
    return match is not None and _is_bank_pan(match.group(1), brands)


def bare_swipe(text: str) -> tuple[str | None, str | None] | None:
    """(track1, track2) when `text` is one track sent without sentinels, else None.

    Such a reader makes a swipe look like a scan; the caller then treats it as a swipe, so a
    bank card is refused by `classify_swipe` (or `is_bank_card`) instead of being looked up.
    """
    body = text.strip()
    if _BARE_TRACK2.fullmatch(body):
        return None, body
    if _BARE_TRACK1.fullmatch(body):
        return body, None
    return None


def classify_swipe(track1: str | None, track2: str | None, secret: bytes,
                   brands: Sequence[str], today: date | None = None) -> Swipe:
    """Our card from a swipe, with or without sentinels, or a refusal.

    Args:
        track1, track2: what the reader gave; sentinels `%`/`;` and `?` are optional.
        brands: the two-digit brands this store honours (its own and alliance partners').
        today: the local date; when given an expired stripe is refused with card.expired.

    Raises:
        DomainError: card.bank_card (never with parameters: the data must not be kept),
            card.not_ours, card.unreadable ("swipe again"), card.forged, card.expired.
    """
    if _track1_is_bank(track1):
        raise DomainError("card.bank_card")
    match = _TRACK2.fullmatch((track2 or "").strip())
    if match is None:
        raise DomainError("card.unreadable")
    pan, extra = match.group(1), match.group(2) or ""
    if _is_bank_pan(pan, brands):
        raise DomainError("card.bank_card")
    if len(pan) != NUMBER_LENGTH or not luhn_valid(pan):
        raise DomainError("card.unreadable")
    if pan[:2] not in brands:
        raise DomainError("card.not_ours")
    return _check_our_stripe(pan, extra, secret, today)


def track2_number(track2: str | None) -> str | None:
    """The card number on a stripe's track 2 (sentinels optional), unchecked; None if none."""
    match = _TRACK2.fullmatch((track2 or "").strip())
    return match.group(1) if match else None


def _check_our_stripe(number: str, extra: str, secret: bytes, today: date | None) -> Swipe:
    expiry, code = extra[:4], extra[4:]
    # A stripe written from the printed number alone has no (or a wrong) code: forged.
    if len(extra) != 7 or not _YYMM.fullmatch(expiry):
        raise DomainError("card.forged", card_number=number)
    if not hmac.compare_digest(code, verification_code(number, expiry, secret)):
        raise DomainError("card.forged", card_number=number)
    if today is not None and is_expired(expiry, today):
        raise DomainError("card.expired", card_number=number, expiry=expiry)
    return Swipe(card_number=number, expiry_yymm=expiry)


def _track1_is_bank(track1: str | None) -> bool:
    text = (track1 or "").strip()
    return text.removeprefix("%")[:1] in ("B", "b")


def _is_bank_pan(pan: str, brands: Sequence[str]) -> bool:
    ours = len(pan) == NUMBER_LENGTH and pan[:2] in brands
    return len(pan) in _BANK_PAN_LENGTHS and luhn_valid(pan) and not ours


def is_usable(card: Card) -> bool:
    """Not lost, replaced or closed: it may still identify its member."""
    return card.state in _USABLE


def current_card(cards: Sequence[Card]) -> Card | None:
    """A member's card in use: the last issued one still usable."""
    usable = [c for c in cards if is_usable(c)]
    return usable[-1] if usable else None


def check_usable(card: Card | None, number: str) -> Card:
    """The card when it may identify its member at the till; otherwise why not."""
    if card is None:
        raise DomainError("card.unknown", card_number=number)
    if card.state is CardState.LOST:
        raise DomainError("card.lost", card_number=card.number)
    if card.state is CardState.REPLACED:
        raise DomainError("card.replaced", card_number=card.number, replaced_by=card.replaced_by)
    if card.state is CardState.CLOSED:
        raise DomainError("card.closed", card_number=card.number)
    return card


def activate(card: Card) -> Card:
    """An issued card becomes active at its first use; other states are left alone."""
    return replace(card, state=CardState.ACTIVE) if card.state is CardState.ISSUED else card


def report_lost(card: Card) -> Card:
    """Blocks the card at once (DOMAIN §4); only an issued or active card can be lost."""
    check_usable(card, card.number)
    return replace(card, state=CardState.LOST)


def close_card(card: Card) -> Card:
    """Closes a card that is not already replaced or closed (a lost card may be closed)."""
    if card.state in (CardState.REPLACED, CardState.CLOSED):
        check_usable(card, card.number)
    return replace(card, state=CardState.CLOSED)


def replace_card(old: Card, new_number: str, at: datetime,
                 expiry: str | None = None) -> tuple[Card, Card]:
    """(old marked replaced, new active card for the same member).

    The replacement keeps the old card's kind and staff flag; its stripe expiry is `expiry`
    when given, else the old card's (the replacement continues the same validity).
    """
    if old.state in (CardState.REPLACED, CardState.CLOSED):
        check_usable(old, old.number)
    number = parse_card_number(new_number).number
    if number == old.number:
        raise ValidationError("card.same_number", field="card_number")
    new = Card(number=number, member_id=old.member_id, state=CardState.ACTIVE,
               expiry=expiry or old.expiry, kind=old.kind, is_staff=old.is_staff,
               issued_at=at)
    return replace(old, state=CardState.REPLACED, replaced_by=number), new


def check_staff_use(card: Card, member: Member, cashier_id: str) -> None:
    """A staff member's own card is refused at a till where they are logged in (seed 000)."""
    if card.is_staff and member.staff_id is not None and member.staff_id == cashier_id:
        raise DomainError("card.staff_own_till", card_number=card.number)


def staff_alert_due(card: Card, uses_today: int, rules: CardRules) -> bool:
    """True when a staff card is used more than the daily limit (a manager alert)."""
    return card.is_staff and uses_today > rules.staff_card_daily_alert
