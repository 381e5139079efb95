"""Coupons (DOMAIN §9): codes with a check character, issue, redemption, expiry, spend-and-get."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from domain.clock import require_aware
from domain.errors import DomainError, RulePackError, ValidationError
from domain.records import Coupon, CouponKind, CouponState, CouponTemplate
from domain.rulepack import CouponRules
from domain.tiers import add_months

# Crockford base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 11 random characters (55 bits) + 1 check character
_RANDOM_CHARS = CODE_LENGTH - 1
_RANDOM_BYTES = 7  # 56 bits, one dropped
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def _check_char(body: str) -> str:
    """Luhn mod 32: catches every single wrong character and most swapped neighbours."""
    base, total = len(ALPHABET), 0
    for index, char in enumerate(reversed(body)):
        value = ALPHABET.index(char) * (2 if index % 2 == 0 else 1)
        total += value // base + value % base
    return ALPHABET[-total % base]


def new_code(random_bytes: Callable[[int], bytes]) -> str:
    """A fresh 12-character code: ASCII, fits a QR in alphanumeric mode and Code 128."""
    value = int.from_bytes(random_bytes(_RANDOM_BYTES), "big") >> 1
    chars = []
    for _ in range(_RANDOM_CHARS):
        value, digit = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[digit])
    body = "".join(chars)
    return body + _check_char(body)


def normalize_code(text: str) -> str:
    """A typed code as stored: upper case, dashes and spaces dropped, O→0 and I/L→1."""
    return unicodedata.normalize("NFKC", text).strip().upper().translate(_TYPO)


def format_code(code: str) -> str:
    """For printing under the barcode: groups of four, `7K3Q-M9TB-X2PA`."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def valid_code(code: str) -> bool:
    """Right length, right alphabet and a matching check character."""
    text = normalize_code(code)
    if len(text) != CODE_LENGTH or any(ch not in ALPHABET for ch in text):
        return False
    return _check_char(text[:-1]) == text[-1]


def validity(template: CouponTemplate, on: date) -> tuple[date, date]:
    """First and last valid day of a coupon issued `on`.

    N days from issue counts the day of issue (`on` .. `on` + N − 1); N months runs to the
    same day N months on (31 Jan + 1 month → 28/29 Feb, the month's last day); fixed dates are the
    template's; a template with both is valid N days but never past its fixed end.
    """
    start = max(on, template.valid_from) if template.valid_from else on
    ends = [d for d in (template.valid_to,) if d is not None]
    if template.valid_days is not None:
        if template.valid_days < 1:
            raise RulePackError("coupon.template_invalid", template=template.code,
                                key="valid_days")
        ends.append(on + timedelta(days=template.valid_days - 1))
    if template.valid_months is not None:
        ends.append(add_months(on, template.valid_months))
    if not ends:
        raise RulePackError("coupon.template_invalid", template=template.code, key="valid_to")
    end = min(ends)
    if end < start:
        raise DomainError("coupon.template_expired", template=template.code, valid_to=end)
    return start, end


def issue(template: CouponTemplate, code: str, member_id: str | None, at: datetime, on: date,
          reason: str) -> Coupon:
    """A new coupon in state issued, with the template's terms copied onto it."""
    if not valid_code(code):
        raise ValidationError("coupon.bad_code", field="code")
    valid_from, valid_to = validity(template, on)
    return Coupon(
        code=normalize_code(code), template_code=template.code, kind=template.kind,
        amount_fen=template.amount_fen, rate=template.rate,
        min_spend_fen=template.min_spend_fen, stackable=template.stackable,
        valid_from=valid_from, valid_to=valid_to, state=CouponState.ISSUED,
        issued_at=require_aware(at), member_id=member_id, issued_reason=reason,
        classes=template.classes, gift_sku=template.gift_sku)


def check_redeemable(coupon: Coupon | None, code: str, member_id: str | None,
                     on: date) -> Coupon:
    """The coupon if it may be used today by this member; otherwise the reason why not.

    Order: unknown or mistyped code, void, used, expired, not yet valid, other member.
    A coupon issued to nobody in particular is a bearer coupon anyone may use.
    """
    if coupon is None:
        raise DomainError("coupon.unknown" if valid_code(code) else "coupon.bad_code",
                          code=normalize_code(code))
    _check_state(coupon)
    if on > coupon.valid_to:
        raise DomainError("coupon.expired", code=coupon.code, valid_to=coupon.valid_to)
    if on < coupon.valid_from:
        raise DomainError("coupon.not_yet_valid", code=coupon.code,
                          valid_from=coupon.valid_from)
    if coupon.member_id is not None and coupon.member_id != member_id:
        raise DomainError("coupon.other_member", code=coupon.code)
    return coupon


def _check_state(coupon: Coupon) -> None:
    if coupon.state is CouponState.VOID:
        raise DomainError("coupon.void", code=coupon.code)
    if coupon.state is CouponState.REDEEMED:
        raise DomainError("coupon.used", code=coupon.code, sale_id=coupon.redeemed_sale_id)
    if coupon.state is CouponState.EXPIRED:
        raise DomainError("coupon.expired", code=coupon.code, valid_to=coupon.valid_to)


def redeem(coupon: Coupon, sale_id: str, at: datetime) -> Coupon:
    """The coupon used by a sale (a new record; the argument is left as it was)."""
    _check_state(coupon)
    return replace(coupon, state=CouponState.REDEEMED, redeemed_sale_id=sale_id,
                   redeemed_at=require_aware(at))


def unredeem(coupon: Coupon, on: date | None = None) -> Coupon:
    """A full return of the sale gives its coupon back.

    Back in state issued while `on` is within its validity; past it (or when the return
    happens after the last valid day) the coupon comes back expired. Without `on` it comes
    back issued and the day-close sweep (`due_to_expire`) expires it if its time is up.
    """
    if coupon.state is not CouponState.REDEEMED:
        raise DomainError("coupon.not_redeemed", code=coupon.code)
    state = CouponState.EXPIRED if on is not None and on > coupon.valid_to else CouponState.ISSUED
    return replace(coupon, state=state, redeemed_sale_id=None, redeemed_at=None)


def void(coupon: Coupon) -> Coupon:
    """Withdraws an unused coupon (a mistake or a cancelled campaign)."""
    _check_state(coupon)
    return replace(coupon, state=CouponState.VOID)


def expire(coupon: Coupon) -> Coupon:
    """Marks an issued coupon expired (the day-close sweep); other states stay as they are."""
    if coupon.state is not CouponState.ISSUED:
        return coupon
    return replace(coupon, state=CouponState.EXPIRED)


def spend_and_get(paid_fen: int, rules: CouponRules) -> CouponTemplate | None:
    """The template of the highest spend-and-get step the sale's payment meets, if any."""
    met = [step for step in rules.spend_and_get if paid_fen >= step.min_paid_fen]
    if not met:
        return None
    step = max(met, key=lambda s: s.min_paid_fen)
    template = rules.template(step.template)
    if template is None:
        raise RulePackError("coupon.template_unknown", key="coupons.spend_and_get",
                            template=step.template)
    return template


def due_to_expire(coupons: Iterable[Coupon], on: date) -> list[Coupon]:
    """Issued coupons whose last valid day is before `on`, oldest first."""
    due = [c for c in coupons if c.state is CouponState.ISSUED and c.valid_to < on]
    return sorted(due, key=lambda c: (c.valid_to, c.code))


def live(coupons: Iterable[Coupon], today: date) -> list[Coupon]:
    """The coupons a member can still use: issued, not used or void, valid through `today`."""
    return [c for c in coupons if c.state is CouponState.ISSUED and c.valid_to >= today]


def kind_of(text: object) -> CouponKind | None:
    """A coupon kind as written on the wire or in a file; None for one this till does not
    know (a newer head office's), which its caller skips rather than fails on."""
    try:
        return CouponKind(str(text))
    except ValueError:
        return None
