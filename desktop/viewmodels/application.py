"""The application form's logic (DOMAIN §3): what is wrong with each field as it is typed,
a mobile that already belongs to a member, and saving through the members service."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.viewmodels.env import TillEnv
from domain import forms
from domain.errors import DomainError
from domain.forms import FormErrors, mask_mobile, mask_name
from domain.records import Member
from domain.services import holders, members
from domain.services.members import Registration

# In the order of the form; the screen builds one row for each.
FIELDS = ("name", "mobile", "gender", "birthday", "id_number", "email", "referrer",
          "occupation", "income_band", "address", "source", "tags", "notes",
          "consent_marketing", "consent_alliance", "privacy_accepted")
REQUIRED = frozenset({"name", "mobile", "privacy_accepted"})
GENDERS = ("", "male", "female")
# Stored as written here (language-neutral, monthly yuan); the screen shows them translated.
INCOME_BANDS = ("", "<3000", "3000-5000", "5000-10000", "10000-20000", ">20000")


@dataclass(frozen=True, slots=True)
class KnownMember:
    """A member who already has the mobile being typed, as the front desk may see them."""

    member_id: str
    name: str  # masked
    mobile: str  # masked
    tier: str
    status: str
    points: int
    wallet_fen: int
    card_number: str | None


class ApplicationModel:
    """Qt-free: the screen hands it the typed values (strings and ticks) as a dict."""

    def __init__(self, env: TillEnv) -> None:
        self.env = env
        self.ctx = env.ctx

    def field_errors(self, raw: Mapping[str, object]) -> dict[str, DomainError]:
        """The first problem of each field (all fields checked at once, nothing changed)."""
        try:
            forms.validate_member_form(raw, self.ctx.local_date())
        except FormErrors as errors:
            return errors_of(errors)
        return {}

    def known_member(self, mobile_text: str) -> KnownMember | None:
        """The member whose mobile this is, of any status; None while it is not a mobile."""
        found = holders.holder_by_mobile(self.ctx, mobile_text)
        if found is None:
            return None
        member, balances, card = found.member, found.balances, found.current
        return KnownMember(member.id, mask_name(member.name), mask_mobile(member.mobile),
                           member.tier, member.status.value, balances.points,
                           balances.wallet_principal_fen + balances.wallet_bonus_fen,
                           card.number if card else None)

    def save(self, raw: Mapping[str, object], staff_id: str) -> Registration:
        """Create the member (sign-up coupon and referral bonus are the service's).

        Raises FormErrors naming every bad field, or NotFound for an unknown referrer.
        """
        return members.register(self.ctx, dict(raw), staff_id)

    def signup_gift(self) -> str | None:
        """The name of the coupon a new member gets, to tell the customer before signing."""
        code = self.ctx.pack.coupons.signup_template
        template = self.ctx.pack.coupons.template(code) if code else None
        return template.name if template is not None else None

    def referrer_name(self, member: Member) -> str | None:
        """Who referred this member (masked), for the printed form."""
        if member.referrer_id is None:
            return None
        with self.ctx.reader() as uow:
            found = uow.members.get(member.referrer_id)
        return mask_name(found.name) if found is not None else None


def errors_of(error: DomainError) -> dict[str, DomainError]:
    """A refused save as field -> error; an error about no particular field goes under ""."""
    if isinstance(error, FormErrors):
        found: dict[str, DomainError] = {}
        for item in error.errors:
            found.setdefault(str(item.params.get("field")), item)
        return found
    return {str(error.params.get("field", "")): error}
