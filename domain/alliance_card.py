"""An issuer's card at a partner's till: the roster entry, the agreement in force, the benefit."""

# A partner till recognises an issuer's card by its number on the roster head office sends
# (only consenting members' usable cards; docs/alliance.md): it holds no secret of the issuer,
# so it can recognise a card and never make one.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal

from domain.alliance import BASIS_POINTS, PartnerTerms
from domain.catalog import ProductClass
from domain.errors import DomainError, ValidationError
from domain.records import Coupon, CouponKind, CouponState

# Lines of these classes earn no issuer points at a partner, as at the issuer (DOMAIN §7).
NO_EARN_CLASSES = frozenset({ProductClass.GROUP_BUY, ProductClass.NO_POINTS})


@dataclass(frozen=True, slots=True)
class RosterCard:
    """What a partner's till knows of an issuer's card: nothing that identifies the person."""

    card_number: str
    issuer: str  # the issuer merchant's code
    issuer_member_id: str
    name_masked: str
    tier: str


@dataclass(frozen=True, slots=True)
class AllianceCoupon:
    """An issuer's coupon a partner's till may take from the holder of `card_number`: a
    fixed amount off, valid from/to (inclusive business dates); `used_sale_id` the sale that
    took it at this till (None: not used here)."""

    code: str
    card_number: str
    issuer: str
    template: str
    amount_fen: int
    valid_from: date
    valid_to: date
    used_sale_id: str | None = None


@dataclass(frozen=True, slots=True)
class AllianceMember:
    """A card recognised at this till as an alliance member of its issuer, with the terms of
    the agreement in force on the business date."""

    card: RosterCard
    terms: PartnerTerms

    @property
    def points_spendable(self) -> bool:
        return self.terms.agreement.points_spendable and self.terms.agreement.point_value_fen > 0

    def rates(self) -> dict[ProductClass, Decimal]:
        """The partner discount per product class as a price rate (1000 bp → 0.9)."""
        return {ProductClass(k): Decimal(BASIS_POINTS - bp) / BASIS_POINTS
                for k, bp in self.terms.agreement.discount_bp.items() if bp > 0}


def mask_for_partner(name: str) -> str:
    """The name a partner sees: its first character and a star for each other (张三 → 张*,
    欧阳娜娜 → 欧***); less than the issuer's own screens show, a partner needs only to greet."""
    text = name.strip()
    if not text:
        return ""
    return text[0] + "*" * (len(text) - 1)


def terms_in_force(terms: Sequence[PartnerTerms], issuer: str, day: date) -> PartnerTerms | None:
    """The issuer's agreement with this merchant in force on `day` (head office allows one)."""
    for found in terms:
        if found.agreement.issuer == issuer and found.agreement.in_force(day):
            return found
    return None


def recognise(card: RosterCard | None, number: str, terms: Sequence[PartnerTerms],
              day: date) -> AllianceMember:
    """The roster card as an alliance member, or DomainError: not on the roster (another
    brand, a member who did not consent, a blocked card) or no agreement in force today."""
    if card is None:
        raise DomainError("alliance.card_not_recognised", card_number=number[-4:])
    found = terms_in_force(terms, card.issuer, day)
    if found is None:
        raise DomainError("alliance.no_agreement_today", issuer=card.issuer,
                          day=day.isoformat())
    return AllianceMember(card, found)


def check_coupon(found: AllianceCoupon | None, code: str, member: AllianceMember,
                 day: date) -> Coupon:
    """The issuer's coupon as a fixed amount off this sale (pricing's coupon step), or
    DomainError: not held here, another card's, a template the agreement in force does not
    list, not valid on the business date, or used at this till already."""
    if found is None:
        raise DomainError("alliance.coupon_unknown", code=code)
    if found.card_number != member.card.card_number or found.issuer != member.card.issuer:
        raise DomainError("alliance.coupon_not_this_card", code=code,
                          card_number=member.card.card_number[-4:])
    if found.template not in member.terms.agreement.coupon_templates:
        raise DomainError("alliance.coupon_not_honoured", code=code,
                          issuer=member.terms.issuer_name)
    if not found.valid_from <= day <= found.valid_to:
        raise DomainError("alliance.coupon_not_valid_today", code=code,
                          valid_from=found.valid_from.isoformat(),
                          valid_to=found.valid_to.isoformat())
    if found.used_sale_id is not None:
        raise DomainError("alliance.coupon_used", code=code)
    # Issued at the issuer, whose time this till never learns: the first valid day stands in
    # (pricing reads only the terms).
    return Coupon(code=found.code, template_code=found.template, kind=CouponKind.CASH,
                  amount_fen=found.amount_fen, rate=None, min_spend_fen=0, stackable=True,
                  valid_from=found.valid_from, valid_to=found.valid_to,
                  state=CouponState.ISSUED,
                  issued_at=datetime.combine(found.valid_from, time(), UTC))


def points_earned(member: AllianceMember, paid: Sequence[tuple[ProductClass, int]]) -> int:
    """Issuer points for the money paid per line: whole yuan of the earning lines times the
    agreement's rate, rounded down once for the sale (like the issuer's own points)."""
    earning = sum(fen for klass, fen in paid if klass not in NO_EARN_CLASSES and fen > 0)
    return member.terms.agreement.points_earned(earning)


def points_value_fen(member: AllianceMember, points: int, due_fen: int) -> int:
    """What `points` of the issuer pay here, refused where the agreement lets none pay or
    they would pay more than is due (points never give change)."""
    if points <= 0:
        raise ValidationError("points.amount", field="points", value=points)
    if not member.points_spendable:
        raise DomainError("alliance.points_not_spendable_here", issuer=member.card.issuer)
    value = points * member.terms.agreement.point_value_fen
    if value > due_fen:
        raise DomainError("alliance.points_exceed_due", points=points, due_fen=due_fen)
    return value
