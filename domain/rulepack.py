"""A rule pack as typed data: every number of the rules lives in a TOML pack, none in code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.catalog import ProductClass
from domain.records import CouponTemplate


class Rounding(StrEnum):
    """抹零: how a sale's total is rounded down (`[pricing] rounding`)."""

    NONE = "none"
    JIAO = "jiao"
    YUAN = "yuan"


class BirthdayScope(StrEnum):
    """When the birthday benefit applies (`[points] birthday_scope`)."""

    DAY = "day"
    MONTH = "month"


class Combine(StrEnum):
    """How the ladder, birthday and occasion multipliers combine (`[points] combine`)."""

    MAX = "max"
    MULTIPLY = "multiply"


class PointsExpiry(StrEnum):
    """The last valid day of earned points (`[points] expiry`)."""

    YEAR_PLUS_ONE = "year_plus_one"  # 31 December of the next year
    YEAR_END = "year_end"  # 31 December of the same year
    NEVER = "never"


class RefundTo(StrEnum):
    """Where a member's return without a receipt is refunded (`[returns]`)."""

    CASH = "cash"
    WALLET = "wallet"


@dataclass(frozen=True, slots=True)
class TierRule:
    """One tier (DOMAIN §5). Tiers are listed lowest first; `rank` is the list index."""

    name: str
    rank: int
    # Entry: any of the following that is set and met lifts a member to this tier.
    entry_on_signup: bool = False  # the tier a new member starts in
    entry_any_purchase: bool = False  # reached by any purchase (普通会员, 铁牌)
    entry_single_fen: int | None = None  # one sale's qualifying amount >= this
    entry_window_fen: int | None = None  # qualifying spend in the rolling window >= this
    entry_window_months: int = 12
    # Retention, checked at the anniversary: spend >= R and distinct order days >= D.
    # None means the tier is a floor: it is never lost (注册会员).
    retain_spend_fen: int | None = None
    retain_days: int = 0
    # Benefits.
    discount_rate: Decimal | None = None  # 0.85 for 8.5折 on regular-price goods
    birthday_rate: Decimal | None = None  # birthday discount on regular-price goods
    points_multiplier: Decimal = Decimal(1)
    free_spins_per_day: int = 0


@dataclass(frozen=True, slots=True)
class Occasion:
    """A double-points day or another points campaign (DOMAIN §7, §10)."""

    code: str
    multiplier: Decimal
    starts: date | None = None
    ends: date | None = None
    weekdays: tuple[int, ...] = ()  # ISO weekdays 1=Mon..7=Sun; empty = every day
    months: tuple[int, ...] = ()  # empty = every month
    tiers: tuple[str, ...] = ()  # empty = every tier
    month_days: tuple[int, ...] = ()  # days of the month (a monthly member day); empty = all


@dataclass(frozen=True, slots=True)
class StoreDiscount:
    """A store-wide campaign discount above a spend (9折 above ¥200, DOMAIN §10)."""

    code: str
    rate: Decimal
    min_spend_fen: int
    starts: date | None = None
    ends: date | None = None
    weekdays: tuple[int, ...] = ()
    stack_member_discount: bool = False  # 折上折: member discount applies on top
    month_days: tuple[int, ...] = ()  # days of the month (a monthly member day); empty = all
    members_only: bool = False  # a member day's discount: only with a member card


@dataclass(frozen=True, slots=True)
class PricingRules:
    """DOMAIN §6: which classes take member discounts, rounding, manual discount limit."""

    # Each class differs from regular by its one named exception (DOMAIN §6): no-points
    # goods still take the member discount.
    member_discount_classes: tuple[ProductClass, ...] = (ProductClass.REGULAR, ProductClass.NEW,
                                                          ProductClass.NO_POINTS)
    card_required_classes: tuple[ProductClass, ...] = (ProductClass.NEW,)
    coupon_classes: tuple[ProductClass, ...] = (ProductClass.REGULAR, ProductClass.NEW,
                                                 ProductClass.SPECIAL, ProductClass.NO_POINTS)
    campaign_stacks_member_discount: bool = False  # 折上折 on catalogue campaign prices
    rounding: Rounding = Rounding.NONE  # 抹零, always down
    cashier_max_discount_pct: int = 10  # beyond this a manager authorises
    store_discounts: tuple[StoreDiscount, ...] = ()


@dataclass(frozen=True, slots=True)
class LadderStep:
    min_eligible_fen: int
    multiplier: Decimal


@dataclass(frozen=True, slots=True)
class Voucher:
    """Points exchanged for a cash voucher (seed 003: 2000 → ¥50)."""

    points: int
    amount_fen: int
    valid_days: int = 30


@dataclass(frozen=True, slots=True)
class PointsRules:
    """DOMAIN §7: earning, occasions, bonuses, spending, expiry."""

    class_rates: dict[ProductClass, Decimal] = field(default_factory=dict)  # points per yuan
    ladder: tuple[LadderStep, ...] = ()  # ascending min_eligible_fen
    birthday_multiplier: Decimal = Decimal(2)
    birthday_scope: BirthdayScope = BirthdayScope.DAY
    combine: Combine = Combine.MAX  # how ladder and occasion multipliers combine
    occasions: tuple[Occasion, ...] = ()
    referral_bonus: int = 20
    share_bonus: int = 10
    review_bonus: int = 10
    checkin_bonus: int = 0
    cash_points_step: int = 100  # points as cash are spent in steps of this many points
    cash_fen_per_step: int = 1000  # ... each step worth this much (100 points = ¥10)
    vouchers: tuple[Voucher, ...] = ()
    gift_points_per_yuan_cost: int = 30  # a gift's points price = its cost × this
    expiry: PointsExpiry = PointsExpiry.YEAR_PLUS_ONE
    warn_days: int = 60  # receipts and the member screen warn of points expiring this soon


@dataclass(frozen=True, slots=True)
class BonusTier:
    min_topup_fen: int
    bonus_fen: int


@dataclass(frozen=True, slots=True)
class DepositDiscount:
    """One deposit of at least `min_deposit_fen` unlocks `rate` on regular goods for `days`."""

    min_deposit_fen: int
    rate: Decimal
    days: int = 365


@dataclass(frozen=True, slots=True)
class WalletRules:
    """DOMAIN §8: top-up bonus tiers, deposit discounts, PIN threshold."""

    bonus_tiers: tuple[BonusTier, ...] = ()  # ascending; the highest met applies
    deposit_discounts: tuple[DepositDiscount, ...] = ()
    pin_above_fen: int = 50000
    min_topup_fen: int = 100
    # A top-up above this is booked only once the desk has read the amount back (in words)
    # and the customer agreed: ¥10,000 typed for ¥1,000 is ¥10,000 + ¥1,200 bonus at once.
    confirm_above_fen: int = 500000


@dataclass(frozen=True, slots=True)
class SpendAndGet:
    """满 ¥488 送 ¥100: a sale paying at least `min_paid_fen` issues `template`."""

    min_paid_fen: int
    template: str


@dataclass(frozen=True, slots=True)
class CouponRules:
    """DOMAIN §9: templates and the triggers that issue them."""

    templates: tuple[CouponTemplate, ...] = ()
    signup_template: str | None = None
    checkin_template: str | None = None
    spend_and_get: tuple[SpendAndGet, ...] = ()  # ascending; only the highest met issues

    def template(self, code: str) -> CouponTemplate | None:
        return next((t for t in self.templates if t.code == code), None)


@dataclass(frozen=True, slots=True)
class CardRules:
    """DOMAIN §4: card numbering, validity, dynamic QR, staff-card alerts."""

    brand: str = "13"  # BB
    level: str = "0"  # L
    valid_years: int = 5  # track-2 expiry YYMM from issue
    dynamic_qr_ttl_s: int = 120
    staff_card_daily_alert: int = 5


@dataclass(frozen=True, slots=True)
class OfflineRules:
    """DOMAIN §12: what a till may let members spend while it cannot reach head office.

    Points are counted in points, wallet money in fen (principal and bonus together). Head
    office grants these limits to each terminal (allowance renewal); the worst overdraft of a
    member is `member_day_*` x the tills the member visits while they are all offline.
    """

    per_sale_points: int = 3000  # one sale may spend at most this many points offline ...
    per_sale_wallet_fen: int = 50000  # ... and this much stored value (¥500)
    member_day_points: int = 5000  # one member, one business date, at one till
    member_day_wallet_fen: int = 100000  # ¥1,000
    terminal_points: int = 50000  # a till's spending not yet acknowledged by head office
    terminal_wallet_fen: int = 1000000  # ¥10,000
    max_offline_hours: int = 24  # an allowance is valid this long after head office granted it
    online_grace_s: int = 60  # a till that reached head office this recently counts as online
    # Day close deletes outbox events head office acknowledged longer ago than this.
    outbox_retention_days: int = 30
    # A till whose clock is further than this from head office's is warned and flagged: its
    # sales' business dates come from its own clock.
    clock_warn_s: int = 300


@dataclass(frozen=True, slots=True)
class ReturnRules:
    """DOMAIN §6: a return without a receipt refunds at most the lowest price paid for the
    product in a window, to cash or (for a member) to stored value."""

    no_receipt_window_days: int = 90
    no_receipt_refund_to: RefundTo = RefundTo.CASH  # a walk-in is always refunded in cash


@dataclass(frozen=True, slots=True)
class RulePack:
    """Everything a store's rules say, loaded from resources/rulepacks/<name>.toml."""

    name: str
    title: str
    tiers: tuple[TierRule, ...]
    pricing: PricingRules
    points: PointsRules
    wallet: WalletRules
    coupons: CouponRules
    cards: CardRules = field(default_factory=CardRules)
    source: str = ""  # the file it was read from
    offline: OfflineRules = field(default_factory=OfflineRules)
    returns: ReturnRules = field(default_factory=ReturnRules)

    def tier(self, name: str) -> TierRule:
        """The tier called `name`; KeyError for a name the pack does not have."""
        for tier in self.tiers:
            if tier.name == name:
                return tier
        raise KeyError(name)

    @property
    def signup_tier(self) -> TierRule:
        """The tier a new member starts in: the one marked entry_on_signup, else the lowest."""
        return next((t for t in self.tiers if t.entry_on_signup), self.tiers[0])
