"""Rule packs from TOML: every key checked, every mistake refused with its file and key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from domain.catalog import ProductClass
from domain.errors import RulePackError
from domain.packparse import Table
from domain.records import CouponKind, CouponTemplate
from domain.rulepack import (
    BirthdayScope,
    BonusTier,
    CardRules,
    Combine,
    CouponRules,
    DepositDiscount,
    LadderStep,
    Occasion,
    OfflineRules,
    PointsExpiry,
    PointsRules,
    PricingRules,
    RefundTo,
    ReturnRules,
    Rounding,
    RulePack,
    SpendAndGet,
    StoreDiscount,
    TierRule,
    Voucher,
    WalletRules,
)

PACK_DIR = Path(__file__).resolve().parent.parent / "resources" / "rulepacks"
CLASS_NAMES = tuple(c.value for c in ProductClass)
_LINE = re.compile(r"line (\d+)")


def pack_names() -> list[str]:
    """Names of the packs shipped in resources/rulepacks, sorted."""
    return sorted(p.stem for p in PACK_DIR.glob("*.toml"))


def load_pack(name_or_path: str | Path) -> RulePack:
    """Load a pack by bare name (``"fashion"``) or from a TOML file path.

    Raises:
        RulePackError: "rulepack.not_found" for a missing pack, "rulepack.invalid" (with
            file, key and problem) for a pack with a mistake.
    """
    path = _locate(name_or_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        found = _LINE.search(str(exc))
        raise RulePackError("rulepack.invalid", file=str(path), key="", problem="syntax",
                            line=int(found.group(1)) if found else None,
                            detail=str(exc)) from None
    except UnicodeDecodeError:
        raise RulePackError("rulepack.invalid", file=str(path), key="",
                            problem="not_utf8") from None
    except RecursionError:
        raise RulePackError("rulepack.invalid", file=str(path), key="", problem="syntax",
                            detail="nested too deeply") from None
    except OSError as err:
        raise RulePackError("rulepack.invalid", file=str(path), key="", problem="unreadable",
                            detail=err.strerror) from None
    return parse_pack(data, str(path))


def _locate(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    is_name = isinstance(name_or_path, str) and re.fullmatch(r"[A-Za-z0-9_-]+", text)
    path = PACK_DIR / f"{text}.toml" if is_name else Path(text)
    if not path.is_file():
        raise RulePackError("rulepack.not_found", name=text, known=pack_names())
    return path


def parse_pack(data: dict[str, Any], file: str) -> RulePack:
    """Build a RulePack from parsed TOML; `file` only labels error messages."""
    root = Table(data, file)
    name = root.str("name")
    title = root.str("title")
    tiers = _tiers(root)
    tier_names = {t.name for t in tiers}
    pricing = _pricing(root.table("pricing", required=True))
    points = _points(root.table("points", required=True), tier_names)
    wallet = _wallet(root.table("wallet", required=True))
    coupons = _coupons(root.table("coupons", required=True))
    cards = _cards(root.table("cards", required=True))
    offline = _offline(root.table("offline"))
    returns = _returns(root.table("returns"))
    root.finish()
    return RulePack(name=name, title=title, tiers=tiers, pricing=pricing, points=points,
                    wallet=wallet, coupons=coupons, cards=cards, source=file, offline=offline,
                    returns=returns)


# --- tiers ---------------------------------------------------------------------------


def _tiers(root: Table) -> tuple[TierRule, ...]:
    tables = list(root.tables("tiers", required=True))
    if not tables:
        raise root.fail("tiers", "empty")
    tiers = tuple(_tier(t, rank) for rank, t in enumerate(tables))
    _check_tier_names(root, tiers)
    for attr in ("entry_single_fen", "entry_window_fen"):
        _check_rising(root, tiers, attr, strict=True)
    for attr in ("retain_spend_fen", "retain_days"):
        _check_rising(root, tiers, attr, strict=False)
    return tiers


def _tier(t: Table, rank: int) -> TierRule:
    retain = t.int("retain_spend_fen", minimum=0) if t.has("retain_spend_fen") else None
    tier = TierRule(
        name=t.str("name"),
        rank=rank,
        entry_on_signup=t.bool("entry_on_signup", False),
        entry_any_purchase=t.bool("entry_any_purchase", False),
        entry_single_fen=_opt_int(t, "entry_single_fen", 1),
        entry_window_fen=_opt_int(t, "entry_window_fen", 1),
        entry_window_months=t.int("entry_window_months", 12, minimum=1),
        retain_spend_fen=retain,
        retain_days=t.int("retain_days", 0, minimum=0),
        discount_rate=_opt_rate(t, "discount_rate"),
        birthday_rate=_opt_rate(t, "birthday_rate"),
        points_multiplier=t.decimal("points_multiplier", "1", low="0"),
        free_spins_per_day=t.int("free_spins_per_day", 0, minimum=0),
    )
    if retain is None and tier.retain_days:
        raise t.fail("retain_days", "needs_retain_spend_fen")
    t.finish()
    return tier


def _check_tier_names(root: Table, tiers: Sequence[TierRule]) -> None:
    seen: set[str] = set()
    for tier in tiers:
        if tier.name in seen:
            raise root.fail(f"tiers[{tier.rank}].name", "duplicate", value=tier.name)
        seen.add(tier.name)
    if sum(t.entry_on_signup for t in tiers) > 1:
        raise root.fail("tiers", "several_signup_tiers")


def _check_rising(root: Table, tiers: Sequence[TierRule], attr: str, *, strict: bool) -> None:
    """Higher tiers must ask for more: a figure set on a tier must exceed (or equal) the
    same figure on every lower tier that sets it."""
    last: tuple[int, int] | None = None  # (rank, value)
    for tier in tiers:
        value = getattr(tier, attr)
        if value is None:
            continue
        if last is not None and (value <= last[1] if strict else value < last[1]):
            raise root.fail(f"tiers[{tier.rank}].{attr}", "not_ascending", value=value,
                            previous=last[1])
        last = (tier.rank, value)


# --- pricing ---------------------------------------------------------------------------


def _pricing(t: Table) -> PricingRules:
    rules = PricingRules(
        member_discount_classes=_classes(t, "member_discount_classes"),
        card_required_classes=_classes(t, "card_required_classes"),
        coupon_classes=_classes(t, "coupon_classes"),
        campaign_stacks_member_discount=t.bool("campaign_stacks_member_discount"),
        rounding=t.option("rounding", Rounding),
        cashier_max_discount_pct=_pct(t, "cashier_max_discount_pct"),
        store_discounts=tuple(_store_discount(d) for d in t.tables("store_discounts")),
    )
    t.finish()
    return rules


def _store_discount(t: Table) -> StoreDiscount:
    discount = StoreDiscount(
        code=t.str("code"),
        rate=_rate(t, "rate"),
        min_spend_fen=t.int("min_spend_fen", minimum=0),
        starts=t.date("starts"),
        ends=t.date("ends"),
        weekdays=_weekdays(t),
        stack_member_discount=t.bool("stack_member_discount", False),
        month_days=_int_set(t, "month_days", 1, 31),
        members_only=t.bool("members_only", False),
    )
    _check_dates(t, discount.starts, discount.ends)
    t.finish()
    return discount


# --- points ----------------------------------------------------------------------------


def _points(t: Table, tier_names: set[str]) -> PointsRules:
    rules = PointsRules(
        class_rates=_class_rates(t.table("class_rates", required=True)),
        ladder=_ladder(t),
        birthday_multiplier=t.decimal("birthday_multiplier", low="1"),
        birthday_scope=t.option("birthday_scope", BirthdayScope),
        combine=t.option("combine", Combine),
        occasions=tuple(_occasion(o, tier_names) for o in t.tables("occasions")),
        referral_bonus=t.int("referral_bonus", minimum=0),
        share_bonus=t.int("share_bonus", minimum=0),
        review_bonus=t.int("review_bonus", minimum=0),
        checkin_bonus=t.int("checkin_bonus", minimum=0),
        cash_points_step=t.int("cash_points_step", minimum=1),
        cash_fen_per_step=t.int("cash_fen_per_step", minimum=1),
        vouchers=_vouchers(t),
        gift_points_per_yuan_cost=t.int("gift_points_per_yuan_cost", minimum=1),
        expiry=t.option("expiry", PointsExpiry),
        warn_days=t.int("warn_days", minimum=0),
    )
    t.finish()
    return rules


def _class_rates(t: Table) -> dict[ProductClass, Decimal]:
    rates = {ProductClass(name): t.decimal(name, low="0") for name in CLASS_NAMES}
    t.finish()
    return rates


def _ladder(t: Table) -> tuple[LadderStep, ...]:
    steps: list[LadderStep] = []
    for s in t.tables("ladder"):
        step = LadderStep(min_eligible_fen=s.int("min_eligible_fen", minimum=1),
                          multiplier=s.decimal("multiplier", low="1"))
        if steps and step.min_eligible_fen <= steps[-1].min_eligible_fen:
            raise s.fail("min_eligible_fen", "not_ascending", value=step.min_eligible_fen,
                         previous=steps[-1].min_eligible_fen)
        if steps and step.multiplier < steps[-1].multiplier:
            raise s.fail("multiplier", "not_ascending", value=str(step.multiplier),
                         previous=str(steps[-1].multiplier))
        s.finish()
        steps.append(step)
    return tuple(steps)


def _occasion(t: Table, tier_names: set[str]) -> Occasion:
    occasion = Occasion(
        code=t.str("code"),
        multiplier=t.decimal("multiplier", low="1"),
        starts=t.date("starts"),
        ends=t.date("ends"),
        weekdays=_weekdays(t),
        months=_int_set(t, "months", 1, 12),
        tiers=t.str_list("tiers"),
        month_days=_int_set(t, "month_days", 1, 31),
    )
    unknown = [name for name in occasion.tiers if name not in tier_names]
    if unknown:
        raise t.fail("tiers", "unknown_tier", value=unknown[0])
    _check_dates(t, occasion.starts, occasion.ends)
    t.finish()
    return occasion


def _vouchers(t: Table) -> tuple[Voucher, ...]:
    vouchers: list[Voucher] = []
    for v in t.tables("vouchers"):
        voucher = Voucher(points=v.int("points", minimum=1),
                          amount_fen=v.int("amount_fen", minimum=1),
                          valid_days=v.int("valid_days", 30, minimum=1))
        if vouchers and voucher.points <= vouchers[-1].points:
            raise v.fail("points", "not_ascending", value=voucher.points,
                         previous=vouchers[-1].points)
        v.finish()
        vouchers.append(voucher)
    return tuple(vouchers)


# --- wallet, coupons, cards ---------------------------------------------------------------


def _wallet(t: Table) -> WalletRules:
    bonus = _ascending(t, "bonus_tiers", "min_topup_fen", lambda b: BonusTier(
        min_topup_fen=b.int("min_topup_fen", minimum=1), bonus_fen=b.int("bonus_fen", minimum=0)))
    deposits = _ascending(t, "deposit_discounts", "min_deposit_fen", lambda d: DepositDiscount(
        min_deposit_fen=d.int("min_deposit_fen", minimum=1), rate=_rate(d, "rate"),
        days=d.int("days", minimum=1)))
    rules = WalletRules(bonus_tiers=bonus, deposit_discounts=deposits,
                        pin_above_fen=t.int("pin_above_fen", minimum=0),
                        min_topup_fen=t.int("min_topup_fen", minimum=1),
                        confirm_above_fen=t.int("confirm_above_fen", 500000, minimum=0))
    t.finish()
    return rules


def _ascending(t: Table, name: str, attr: str, build: Callable[[Table], Any]) -> tuple[Any, ...]:
    items: list[Any] = []
    for item_table in t.tables(name):
        item = build(item_table)
        if items and getattr(item, attr) <= getattr(items[-1], attr):
            raise item_table.fail(attr, "not_ascending", value=getattr(item, attr),
                                  previous=getattr(items[-1], attr))
        item_table.finish()
        items.append(item)
    return tuple(items)


def _coupons(t: Table) -> CouponRules:
    templates = tuple(_template(c) for c in t.tables("templates"))
    codes = {c.code for c in templates}
    if len(codes) != len(templates):
        raise t.fail("templates", "duplicate_code")
    signup = _template_ref(t, "signup_template", codes) if t.has("signup_template") else None
    checkin = _template_ref(t, "checkin_template", codes) if t.has("checkin_template") else None
    spend = _ascending(t, "spend_and_get", "min_paid_fen", lambda s: SpendAndGet(
        min_paid_fen=s.int("min_paid_fen", minimum=1),
        template=_template_ref(s, "template", codes)))
    t.finish()
    return CouponRules(templates=templates, signup_template=signup, checkin_template=checkin,
                       spend_and_get=spend)


def _template_ref(t: Table, name: str, codes: set[str]) -> str:
    """A trigger's template code, which must name a template of this pack."""
    code = t.str(name)
    if code not in codes:
        raise t.fail(name, "unknown_template", value=code)
    return code


def _template(t: Table) -> CouponTemplate:
    kind = t.option("kind", CouponKind)
    template = CouponTemplate(
        code=t.str("code"),
        name=t.str("name"),
        kind=kind,
        amount_fen=t.int("amount_fen", minimum=1) if kind is CouponKind.CASH else 0,
        rate=_rate(t, "rate") if kind is CouponKind.PERCENT else None,
        min_spend_fen=t.int("min_spend_fen", 0, minimum=0),
        stackable=t.bool("stackable"),
        valid_days=_opt_int(t, "valid_days", 1),
        valid_months=_opt_int(t, "valid_months", 1),
        valid_from=t.date("valid_from"),
        valid_to=t.date("valid_to"),
        classes=_class_names(t, "classes"),
        channels=t.str_list("channels"),
        gift_sku=t.str("gift_sku") if kind is CouponKind.GIFT else None,
    )
    _check_validity(t, template)
    t.finish()
    return template


def _check_validity(t: Table, template: CouponTemplate) -> None:
    fixed = template.valid_from is not None and template.valid_to is not None
    relative = [k for k in ("valid_days", "valid_months") if getattr(template, k) is not None]
    if not relative and not fixed:
        raise t.fail("valid_days", "missing_validity")
    if relative and (template.valid_from or template.valid_to):
        raise t.fail(relative[0], "both_validities")
    if len(relative) > 1:
        raise t.fail("valid_months", "both_validities")
    _check_dates(t, template.valid_from, template.valid_to, "valid_to")


def _cards(t: Table) -> CardRules:
    brand = t.str("brand")
    level = t.str("level")
    if not re.fullmatch(r"\d\d", brand):
        raise t.fail("brand", "not_two_digits", value=brand)
    if not re.fullmatch(r"\d", level):
        raise t.fail("level", "not_one_digit", value=level)
    rules = CardRules(brand=brand, level=level, valid_years=t.int("valid_years", minimum=1),
                      dynamic_qr_ttl_s=t.int("dynamic_qr_ttl_s", minimum=10),
                      staff_card_daily_alert=t.int("staff_card_daily_alert", minimum=1))
    t.finish()
    return rules


def _offline(t: Table) -> OfflineRules:
    """The optional `[offline]` table; a key left out keeps its default (docs/headoffice.md)."""
    d = OfflineRules()
    names = ("per_sale_points", "per_sale_wallet_fen", "member_day_points",
             "member_day_wallet_fen", "terminal_points", "terminal_wallet_fen")
    values = {name: t.int(name, getattr(d, name), minimum=0) for name in names}
    rules = OfflineRules(**values,
                         max_offline_hours=t.int("max_offline_hours", d.max_offline_hours,
                                                 minimum=0),
                         online_grace_s=t.int("online_grace_s", d.online_grace_s, minimum=1),
                         outbox_retention_days=t.int("outbox_retention_days",
                                                     d.outbox_retention_days, minimum=1),
                         clock_warn_s=t.int("clock_warn_s", d.clock_warn_s, minimum=1))
    t.finish()
    return rules


def _returns(t: Table) -> ReturnRules:
    """The optional `[returns]` table; a key left out keeps its default (docs/rules.md)."""
    d = ReturnRules()
    rules = ReturnRules(
        no_receipt_window_days=t.int("no_receipt_window_days", d.no_receipt_window_days,
                                     minimum=1),
        no_receipt_refund_to=t.option("no_receipt_refund_to", RefundTo,
                                      d.no_receipt_refund_to))
    t.finish()
    return rules


# --- small readers ---------------------------------------------------------------------


def _rate(t: Table, name: str) -> Decimal:
    """A discount rate: what the customer pays, 0 < rate ≤ 1 ("0.85" for 8.5折)."""
    value = t.decimal(name, high="1")
    if value <= 0:
        raise t.fail(name, "out_of_range", value=str(value), low="0 (exclusive)", high="1")
    return value


def _opt_rate(t: Table, name: str) -> Decimal | None:
    return _rate(t, name) if t.has(name) else None


def _opt_int(t: Table, name: str, minimum: int) -> int | None:
    return t.int(name, minimum=minimum) if t.has(name) else None


def _pct(t: Table, name: str) -> int:
    value = t.int(name, minimum=0)
    if value > 100:
        raise t.fail(name, "out_of_range", value=value, low=0, high=100)
    return value


def _classes(t: Table, name: str) -> tuple[ProductClass, ...]:
    if not t.has(name):
        raise t.fail(name, "missing")
    return tuple(ProductClass(n) for n in _class_names(t, name))


def _class_names(t: Table, name: str) -> tuple[str, ...]:
    names = t.str_list(name)
    bad = [n for n in names if n not in CLASS_NAMES]
    if bad:
        raise t.fail(name, "unknown_class", value=bad[0], choices=list(CLASS_NAMES))
    return names


def _weekdays(t: Table) -> tuple[int, ...]:
    return _int_set(t, "weekdays", 1, 7)


def _int_set(t: Table, name: str, low: int, high: int) -> tuple[int, ...]:
    values = t.int_list(name)
    bad = [v for v in values if not low <= v <= high]
    if bad:
        raise t.fail(name, "out_of_range", value=bad[0], low=low, high=high)
    return values


def _check_dates(t: Table, starts: Any, ends: Any, key: str = "ends") -> None:
    if starts is not None and ends is not None and ends < starts:
        raise t.fail(key, "before_start", value=str(ends), start=str(starts))
