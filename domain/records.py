"""Plain records of what a store keeps: members, cards, sales, ledgers, staff, shifts, audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any

# In a module of its own, which `kaika sync` loads without the ~150 records here.
from domain.outbox_event import OutboxEvent as OutboxEvent


class Role(StrEnum):
    CASHIER = "cashier"
    FRONT_DESK = "front_desk"
    MANAGER = "manager"
    ADMIN = "admin"


class MemberStatus(StrEnum):
    ACTIVE = "active"
    FROZEN = "frozen"
    CLOSED = "closed"


class CardState(StrEnum):
    ISSUED = "issued"
    ACTIVE = "active"
    LOST = "lost"
    REPLACED = "replaced"
    CLOSED = "closed"


class TenderKind(StrEnum):
    CASH = "cash"
    BANK_CARD = "bank_card"
    MOBILE = "mobile"  # WeChat Pay / Alipay taken on an external terminal
    WALLET = "wallet"  # stored value
    POINTS = "points"  # points as cash
    COUPON = "coupon"  # a cash voucher used as tender


class CouponState(StrEnum):
    ISSUED = "issued"
    REDEEMED = "redeemed"
    EXPIRED = "expired"
    VOID = "void"


class CouponKind(StrEnum):
    """What a coupon gives (DOMAIN §9; `[[coupons.templates]] kind` of a rule pack)."""

    CASH = "cash"  # a voucher of `amount_fen`
    PERCENT = "percent"  # the `rate` paid on what it applies to (0.9: 10 % off)
    GIFT = "gift"  # a free `gift_sku`


class SaleKind(StrEnum):
    SALE = "sale"
    RETURN = "return"


@dataclass(slots=True)
class StoreSettings:
    """Who this till is and how its store runs; one row per store database."""

    merchant_id: str
    store_id: str
    store_code: str  # "S012"
    store_name: str
    terminal_id: str
    terminal_code: str  # "T02"
    region_code: str  # first 4 digits of the GB/T 2260 city code: card numbers
    rulepack: str = "fashion"
    tz: str = "Asia/Shanghai"
    day_close: time = time(4, 0)
    card_secret_hex: str = ""  # HMAC key for track-2 verification codes and dynamic QR
    receipt: dict[str, Any] = field(default_factory=dict)  # width, encoding, footer, ...
    # BB of the card numbers head office gave this merchant at enrolment; "" before (a
    # standalone store numbers its cards with the rule pack's brand).
    card_brand: str = ""
    # A one-person store: cashiers may sign members up at the till (members.register).
    cashier_signup: bool = False


@dataclass(slots=True)
class Staff:
    id: str
    number: str  # what the cashier types at login
    name: str
    role: Role
    pin_hash: str
    active: bool = True
    card_number: str | None = None  # a staff member's own member card, flagged


@dataclass(slots=True)
class Member:
    id: str
    name: str
    mobile: str
    joined_on: date
    tier: str
    tier_since: date
    status: MemberStatus = MemberStatus.ACTIVE
    gender: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    id_number: str | None = None  # clear in memory only; the database keeps it encrypted
    occupation: str = ""
    income_band: str = ""
    address: str = ""
    email: str = ""
    referrer_id: str | None = None
    source: str = "store"
    consent_marketing: bool = False
    consent_marketing_at: datetime | None = None
    # Recognised at alliance partners (docs/alliance.md): name masked, tier, nothing else.
    consent_alliance: bool = False
    consent_alliance_at: datetime | None = None
    privacy_accepted_at: datetime | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    home_store: str = ""
    staff_id: str | None = None  # set when the member is one of our staff
    created_at: datetime | None = None
    deposit_rate: Decimal | None = None  # wallet deposit discount in force (DOMAIN §8)
    deposit_until: date | None = None  # its last day


@dataclass(slots=True)
class Balances:
    """The projection read at the till; equals the sums of the ledgers (kaika verify)."""

    member_id: str
    points: int = 0  # negative after a return took back points already spent
    wallet_principal_fen: int = 0
    wallet_bonus_fen: int = 0


@dataclass(slots=True)
class Card:
    number: str
    member_id: str
    state: CardState
    expiry: str  # YYMM, as on track 2
    kind: str = "stripe"  # stripe | qr | barcode
    is_staff: bool = False
    replaced_by: str | None = None
    issued_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PointsEntry:
    """One signed movement of a member's points; the balance is their sum."""

    id: str
    member_id: str
    kind: str  # earn | bonus | spend | expire | takeback | adjust | gift | voucher | draw
    points: int
    at: datetime
    business_date: date
    reason: str = ""
    sale_id: str | None = None
    staff_id: str | None = None
    # A credit that gives back spent points into their own lots carries those lots' last
    # valid day (DOMAIN §7); None: new points, expiring as the pack says from this day.
    last_day: date | None = None


@dataclass(frozen=True, slots=True)
class WalletEntry:
    """One signed movement of stored value, principal and bonus kept apart."""

    id: str
    member_id: str
    kind: str  # topup | payment | refund | close
    principal_fen: int
    bonus_fen: int
    at: datetime
    business_date: date
    sale_id: str | None = None
    staff_id: str | None = None
    reference: str = ""
    tender_kind: str = ""  # how a top-up was paid (cash, bank_card, mobile) or refunded


@dataclass(slots=True)
class SaleLine:
    line_no: int
    sku: str
    name: str
    product_class: str
    category: str
    qty: int
    unit_price_fen: int
    list_fen: int  # unit price x qty (or campaign price)
    discount_fen: int  # member + manual + campaign discounts on the line
    coupon_fen: int  # order-level coupon discount allocated to this line
    final_fen: int  # what the line costs after every discount
    points_earned: int = 0
    reasons: tuple[dict[str, Any], ...] = ()
    original_line_no: int | None = None  # for a return line
    paid_fen: int = 0  # money paid for the line: final less its share of points and wallet bonus


@dataclass(slots=True)
class Tender:
    kind: TenderKind
    amount_fen: int  # signed: negative on a refund
    reference: str = ""
    points: int = 0  # points tender: points spent (negative when given back)
    wallet_principal_fen: int = 0
    wallet_bonus_fen: int = 0
    coupon_code: str | None = None
    given_fen: int = 0  # cash handed over
    change_fen: int = 0


@dataclass(slots=True)
class Sale:
    id: str
    receipt_no: str
    kind: SaleKind
    at: datetime
    business_date: date
    store_code: str
    terminal_code: str
    cashier_id: str
    lines: list[SaleLine]
    tenders: list[Tender]
    total_fen: int  # due after discounts, coupons and rounding (negative for a refund)
    rounding_fen: int = 0
    member_id: str | None = None
    shift_id: str | None = None
    original_sale_id: str | None = None
    points_earned: int = 0  # negative when a return takes points back
    qualifying_fen: int = 0  # tier spend: paid money net of coupons, points, wallet bonus
    coupons_redeemed: tuple[str, ...] = ()
    applied: tuple[dict[str, Any], ...] = ()  # explanations: code + params
    rulepack: str = ""
    approved_by: str | None = None
    member_tier: str = ""  # the tier the sale was priced at (returns recompute points with it)
    birthday: bool = False  # the birthday benefit applied (returns recompute points with it)


@dataclass(slots=True)
class Shift:
    id: str
    cashier_id: str
    opened_at: datetime
    business_date: date
    float_fen: int
    closed_at: datetime | None = None
    counted_fen: int | None = None
    expected_fen: int | None = None


@dataclass(frozen=True, slots=True)
class ClosedDay:
    """A business date the day close has closed, with its Z-report as printed then."""

    business_date: date
    closed_at: datetime
    staff_id: str
    z: dict[str, Any]  # the Z-report's figures in wire form (domain/zfrozen.py)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: str
    at: datetime
    action: str  # login | override | adjust | refund | price_change | card_lost | ...
    staff_id: str | None
    target: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    approved_by: str | None = None


@dataclass(frozen=True, slots=True)
class TierChange:
    id: str
    member_id: str
    at: datetime
    from_tier: str
    to_tier: str
    reason: str  # signup | upgrade | retained | downgrade | manual


@dataclass(slots=True)
class PointsLot:
    """Points earned together, spent soonest-expiring first (DOMAIN §7).

    Invariant kept by the services: the remaining points of a member's lots add up to
    max(balance, 0); a negative balance (points taken back after being spent) has no lots.
    """

    id: str
    member_id: str
    earned_on: date  # local calendar date
    expires_on: date | None  # the last day the points are valid; None = never
    points: int  # as earned
    remaining: int
    source: str = "earn"  # earn | bonus | seed | adjust | refund
    sale_id: str | None = None


@dataclass(frozen=True, slots=True)
class CouponTemplate:
    """What a coupon gives and when it is valid (DOMAIN §9)."""

    code: str
    name: str
    kind: CouponKind
    amount_fen: int = 0  # cash voucher value
    rate: Decimal | None = None  # percent off: the rate paid, 0.9 for 10 % off
    min_spend_fen: int = 0
    stackable: bool = True
    valid_days: int | None = None  # N days from issue ...
    # ... or N calendar months: to the same day N months on (the month's last day when it
    # has no such day)
    valid_months: int | None = None
    valid_from: date | None = None  # ... or fixed dates
    valid_to: date | None = None
    classes: tuple[str, ...] = ()  # product classes it applies to; empty = pack default
    channels: tuple[str, ...] = ()  # store | wechat | ...; empty = all
    gift_sku: str | None = None  # free gift coupons


@dataclass(slots=True)
class Coupon:
    """One issued coupon with its own code, used at most once."""

    code: str
    template_code: str
    kind: CouponKind
    amount_fen: int
    rate: Decimal | None
    min_spend_fen: int
    stackable: bool
    valid_from: date
    valid_to: date  # last valid day, inclusive
    state: CouponState
    issued_at: datetime
    member_id: str | None = None
    # signup | spend_and_get:<sale id> | draw | points | checkin | bulk:<segment> | manual
    issued_reason: str = ""
    classes: tuple[str, ...] = ()
    gift_sku: str | None = None
    redeemed_sale_id: str | None = None
    redeemed_at: datetime | None = None


@dataclass(slots=True)
class Gift:
    """A gift-catalogue item redeemed for points, with stock kept per store (DOMAIN §7)."""

    code: str
    name: str
    cost_fen: int
    points_price: int
    stock: int
    active: bool = True


@dataclass(frozen=True, slots=True)
class HeldSale:
    """A sale put on hold at this till, kept in the store database so it survives a restart.

    `cart` is the cart as plain data (domain/services/held.py writes and reads it); the
    other fields are what the recall list shows without unpacking it.
    """

    id: str  # the cart's id, which becomes the sale's id when it is paid
    held_at: datetime
    held_by: str  # staff id
    total_fen: int
    items: int
    member_id: str | None
    cart: dict[str, Any]


@dataclass(frozen=True, slots=True)
class MemberPin:
    """A member's payment PIN (scrypt hash, never the PIN) and today's wrong tries."""

    member_id: str
    pin_hash: str | None  # None: no PIN of their own (the mobile's last six digits stand in)
    set_at: datetime | None = None
    set_by: str | None = None
    failures: int = 0
    failed_on: date | None = None  # business date of the failures counted


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Which audit entries a manager asks for; None means no limit on that field."""

    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    staff_id: str | None = None
    action: str | None = None


@dataclass(frozen=True, slots=True)
class AuditBreak:
    """The first thing wrong with the audit trail (db/audit.py ChainBreak names the reasons:
    prev_hash, hash, rewritten, truncated, head_lost, rekeyed, broken_before_keyed)."""

    seq: int
    entry_id: str
    reason: str
    head_seq: int | None = None  # truncated: how far the sealed head says the trail reached


@dataclass(frozen=True, slots=True)
class CardHolder:
    """A card with its member and balances, read at once for the till (MemberRepo.by_card).
    `member` and `balances` are None only when the rows are missing; the card's own state is
    not checked here."""

    card: Card
    member: Member | None
    balances: Balances | None


@dataclass(frozen=True, slots=True)
class PanelExtras:
    """What the member panel shows beside the balances (MemberRepo.panel_extras): the lots
    with points expiring soon and the coupons usable today."""

    lots: tuple[PointsLot, ...] = ()
    coupons: tuple[Coupon, ...] = ()
