"""Event payloads, version 1, one model per event type (the JSON form of domain records).

Head office validates each event's payload with the model of its type; one that does not fit
is quarantined with `event.payload_invalid` instead of blocking the terminal's queue, and so is
one with a control character in any key or string (`domain/text.py`; line breaks pass), named
by its JSON path. Fields a newer till adds are ignored (extra="ignore"), so tills can be
upgraded before head office. Card numbers in free text (references, reasons, notes) are masked
before anything is kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from domain import card_data
from domain.event_types import EventType
from domain.text import bad_path, refused_in
from sync.schema import StampText

# Member fields merged last-writer-wins at head office (tier has its own events).
PROFILE_FIELDS = (
    "name", "mobile", "joined_on", "status", "gender", "birth_year", "birth_month",
    "birth_day", "occupation", "income_band", "address", "email", "referrer_id", "source",
    "consent_marketing", "consent_marketing_at", "consent_alliance", "consent_alliance_at",
    "privacy_accepted_at", "tags", "notes",
    "home_store", "staff_id", "created_at", "deposit_rate", "deposit_until",
)
# The member's payment PIN (its scrypt hash, never the PIN), merged like a profile field but
# kept apart from the profile at head office: a secret that only tills are sent.
PIN_HASH = "pin_hash"
PIN_SET_AT = "pin_set_at"
PIN_FIELDS = (PIN_HASH, PIN_SET_AT)
REDACTED = "***"
# Keys of free text (a tender's slip reference, a reason, notes, an address, an event's name)
# where a card number may have been typed; masked wherever they appear in a payload.
CARD_FREE_TEXT = frozenset({"reference", "reason", "notes", "address", "occupation",
                            "income_band", "event", "tags"})
_AWARE: TypeAdapter[AwareDatetime] = TypeAdapter(AwareDatetime)


class Payload(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PointsEntryV1(Payload):
    id: str
    member_id: str
    kind: str
    points: int
    at: AwareDatetime
    business_date: date
    reason: str = ""
    sale_id: str | None = None
    staff_id: str | None = None
    # Points given back to their own lots: filed under these lots' last valid day.
    last_day: date | None = None


class WalletEntryV1(Payload):
    id: str
    member_id: str
    kind: str
    principal_fen: int
    bonus_fen: int
    at: AwareDatetime
    business_date: date
    sale_id: str | None = None
    staff_id: str | None = None
    reference: str = ""
    tender_kind: str = ""


class SaleV1(Payload):
    """Kept whole at head office (`body`); these fields are also columns for reports."""

    model_config = ConfigDict(extra="allow")

    id: str
    receipt_no: str
    kind: Literal["sale", "return"]
    at: AwareDatetime
    business_date: date
    store_code: str
    terminal_code: str
    cashier_id: str
    total_fen: int
    member_id: str | None = None
    original_sale_id: str | None = None
    points_earned: int = 0
    qualifying_fen: int = 0
    lines: list[dict[str, Any]] = Field(default_factory=list)
    tenders: list[dict[str, Any]] = Field(default_factory=list)
    coupons_redeemed: list[str] = Field(default_factory=list)


class MemberCreatedV1(Payload):
    """A `Member` without its ID number (which never leaves the till)."""

    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    mobile: str
    tier: str = ""
    tier_since: date | None = None


class MemberPatchedV1(Payload):
    member_id: str
    fields: dict[str, Any]
    hlc: StampText | None = None  # absent: head office stamps the edit with occurred_at

    @field_validator("fields")
    @classmethod
    def _pin_fits(cls, fields: dict[str, Any]) -> dict[str, Any]:
        """A PIN hash is a short string and its time an aware ISO time (head office stores
        both in columns of their own; a bad one is quarantined, not half-applied)."""
        if PIN_HASH in fields:
            value = fields[PIN_HASH]
            if not isinstance(value, str) or not 0 < len(value) <= 200:
                raise ValueError("pin_hash must be a non-empty string of at most 200 characters")
        if fields.get(PIN_SET_AT) is not None:  # kept in its ISO form, whatever was sent
            return {**fields, PIN_SET_AT: _AWARE.validate_python(fields[PIN_SET_AT]).isoformat()}
        return fields


class CardV1(Payload):
    number: str
    member_id: str
    state: str
    expiry: str
    kind: str = "stripe"
    is_staff: bool = False
    replaced_by: str | None = None
    issued_at: AwareDatetime | None = None


class CouponIssuedV1(Payload):
    model_config = ConfigDict(extra="allow")

    code: str
    template_code: str
    member_id: str | None = None
    kind: str
    amount_fen: int = 0
    valid_from: date
    valid_to: date
    state: str = "issued"


class CouponRedeemedV1(Payload):
    code: str
    member_id: str | None = None
    sale_id: str
    at: AwareDatetime


class CouponStateV1(Payload):
    """`coupon.restored` (a full return gives the coupon back), `coupon.expired`, and
    `coupon.voided` (a void withdraws a coupon its sale won)."""

    code: str
    member_id: str | None = None
    state: str | None = None


class TierChangedV1(Payload):
    """A tier change with the anniversary the till dated the tier from (`tier_since`): a void
    setting a tier back keeps its old anniversary, a review moves it a year on. Absent (a till
    from before it was sent, a sign-up): the business date of `at`."""

    id: str
    member_id: str
    at: AwareDatetime
    from_tier: str
    to_tier: str
    reason: str
    tier_since: date | None = None


class ShiftV1(Payload):
    model_config = ConfigDict(extra="allow")

    id: str
    cashier_id: str


class SpinV1(Payload):
    """`draw.spun`: a lucky-draw spin with what the random source said and what was won."""

    model_config = ConfigDict(extra="allow")

    id: str
    draw_code: str
    member_id: str
    at: AwareDatetime
    prize_code: str = ""


class AuditV1(Payload):
    model_config = ConfigDict(extra="allow")

    id: str
    at: AwareDatetime
    action: str


class AllianceCouponUseV1(Payload):
    """An issuer's coupon the partner's sale took: what came off the sale."""

    code: str = Field(min_length=1, max_length=40)
    amount_fen: int


class AllianceTradeV1(Payload):
    """A partner's sale or return to an issuer's member (domain.events.AllianceTrade)."""

    sale_id: str = Field(max_length=36)
    original_sale_id: str | None = Field(default=None, max_length=36)
    issuer: str = Field(min_length=1, max_length=16)
    card_number: str = Field(min_length=1, max_length=19)
    issuer_member_id: str = Field(max_length=36)
    agreement_id: str = Field(max_length=36)
    at: AwareDatetime
    business_date: date
    sale_fen: int
    points_earned: int
    points_spent: int
    earn_entry_id: str = Field(max_length=36)
    spend_entry_id: str = Field(max_length=36)
    coupons: list[AllianceCouponUseV1] = Field(default_factory=list, max_length=20)


PAYLOADS: dict[str, type[Payload]] = {
    EventType.POINTS_ENTRY: PointsEntryV1,
    EventType.WALLET_ENTRY: WalletEntryV1,
    EventType.SALE_COMPLETED: SaleV1,
    EventType.RETURN_COMPLETED: SaleV1,
    EventType.MEMBER_CREATED: MemberCreatedV1,
    EventType.MEMBER_PATCHED: MemberPatchedV1,
    EventType.CARD_ISSUED: CardV1,
    EventType.CARD_CHANGED: CardV1,
    EventType.COUPON_ISSUED: CouponIssuedV1,
    EventType.COUPON_REDEEMED: CouponRedeemedV1,
    EventType.COUPON_RESTORED: CouponStateV1,
    EventType.COUPON_EXPIRED: CouponStateV1,
    EventType.COUPON_VOIDED: CouponStateV1,
    EventType.TIER_CHANGED: TierChangedV1,
    EventType.SHIFT_CLOSED: ShiftV1,
    EventType.DRAW_SPUN: SpinV1,
    EventType.AUDIT_ENTRY: AuditV1,
    EventType.ALLIANCE_TRADE: AllianceTradeV1,
}
NEWEST_VERSION = 1


class PayloadProblem(Exception):
    """Why an event cannot be applied; `code` becomes its quarantine code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_payload(event_type: str, version: int, payload: dict[str, Any]) -> Payload:
    """The typed payload of an event, or PayloadProblem with the quarantine code; card
    numbers in its free text are masked first (`without_card_numbers`)."""
    model = PAYLOADS.get(event_type)
    if model is None:
        raise PayloadProblem("event.type_unknown", type=event_type)
    if version > NEWEST_VERSION:
        raise PayloadProblem("event.version_unsupported", type=event_type, v=version)
    keys: list[str] = []
    texts: list[str] = []
    free: list[str] = []
    _gather(payload, keys, texts, free, False)  # one walk serves both checks below
    if refused_in(keys, texts):  # PostgreSQL refuses U+0000: caught here, not by the database
        raise PayloadProblem("event.payload_invalid", field=bad_path(payload),
                             problem="control_character")
    # Masking rebuilds the whole payload: only worth it when a free text holds a card number
    # (masking leaves every other string as it is), which almost none do.
    holds_card = any(len(t) >= _SHORTEST_PAN and card_data.find(t) for t in free)
    masked = without_card_numbers(payload) if holds_card else payload
    try:
        return model.model_validate(masked)
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise PayloadProblem("event.payload_invalid", field=field, problem=first["type"]) from None


_SHORTEST_PAN = card_data.PAN_LENGTHS.start


def _gather(node: Any, keys: list[str], texts: list[str], free: list[str],
            free_text: bool) -> None:
    """`domain.text.gather`, and the strings of free-text fields (`CARD_FREE_TEXT`, at any
    depth below one) also into `free`: what `without_card_numbers` would mask.

    Runs over every value of every event head office receives, so a value's exact type is
    compared first (a payload read from JSON holds only these); anything else, a subclass
    of str say, takes the general path below.
    """
    if isinstance(node, dict):
        keys.extend(map(str, node))
        for key, value in node.items():
            kind = type(value)
            if kind is str:
                texts.append(value)
                if free_text or key in CARD_FREE_TEXT:
                    free.append(value)
            elif not (kind is int or kind is bool or kind is float or value is None):
                _gather(value, keys, texts, free, free_text or key in CARD_FREE_TEXT)
    elif isinstance(node, list):
        for value in node:
            kind = type(value)
            if kind is str:
                texts.append(value)
                if free_text:
                    free.append(value)
            elif not (kind is int or kind is bool or kind is float or value is None):
                _gather(value, keys, texts, free, free_text)
    elif isinstance(node, str):
        texts.append(node)
        if free_text:
            free.append(node)


def without_card_numbers(value: Any, free_text: bool = False) -> Any:
    """`value` with every bank-card number in its free text masked to its last four digits.

    Tills refuse card numbers in references, reasons and notes (domain/card_data.py), but an
    older or tampered till may still send one: head office keeps none of it either way.
    Other fields (card numbers of our own members, ids, codes) are left as they are.
    """
    if isinstance(value, str):
        return card_data.mask(value) if free_text else value
    if isinstance(value, dict):
        return {k: without_card_numbers(v, free_text or k in CARD_FREE_TEXT)
                for k, v in value.items()}
    if isinstance(value, list):
        return [without_card_numbers(v, free_text) for v in value]
    return value


def redacted(event_type: str, payload: Any) -> Any:
    """An event's payload as head office may keep it for support: a PIN hash masked, card
    numbers in free text masked."""
    payload = without_card_numbers(payload)
    if event_type != EventType.MEMBER_PATCHED or not isinstance(payload, dict):
        return payload
    fields = payload.get("fields")
    if not isinstance(fields, dict) or PIN_HASH not in fields:
        return payload
    return {**payload, "fields": {**fields, PIN_HASH: REDACTED}}
