"""A rule pack as a manager reads it (HTML): tiers, points, stored value, coupons, pricing."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import assert_never

from PySide6.QtCore import QCoreApplication

from desktop import i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from domain.catalog import ProductClass
from domain.records import CouponKind, CouponTemplate
from domain.rulepack import (
    BirthdayScope,
    Combine,
    PointsExpiry,
    Rounding,
    RulePack,
    TierRule,
)

# The name pyside6-lupdate looks for: translate("context", "literal") is collected.
translate = QCoreApplication.translate

CONTEXT = "pack"
STYLE = (
    "<style>table { border-collapse: collapse; margin-bottom: 8px; }"
    " th { background: #e4e9f0; text-align: left; padding: 3px 8px; }"
    " td { padding: 3px 8px; border-bottom: 1px solid #e4e9f0; }"
    " h3 { margin: 10px 0 4px 0; color: #2f6fdb; }</style>"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _table(headers: list[str], rows: list[list[str]], *, nowrap: bool = False) -> str:
    """Cells are plain text; a newline in one breaks the line there (and only there when
    `nowrap`, so amounts like ￥2,500.00 never split)."""
    td = "<td style='white-space: nowrap'>" if nowrap else "<td>"
    th = "<th style='white-space: nowrap'>" if nowrap else "<th>"
    head = "".join(f"{th}{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"{td}{escape(c).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}"


def _lines(pairs: list[tuple[str, str]]) -> str:
    return _table(
        [translate("pack", "Rule"), translate("pack", "Value")], [[k, v] for k, v in pairs]
    )


def pack_html(pack: RulePack) -> str:
    """The whole pack, section by section, in the current language."""
    head = f"<h2>{escape(pack.title)} <small>({escape(pack.name)})</small></h2>"
    return (
        STYLE
        + head
        + "".join(
            [
                _tiers(pack),
                _points(pack),
                _wallet(pack),
                _coupons(pack),
                _pricing(pack),
                _cards(pack),
            ]
        )
    )


def _times(value: Decimal) -> str:
    return f"×{value.normalize():f}"


def _entry(tier: TierRule) -> str:
    parts: list[str] = []
    if tier.entry_on_signup:
        parts.append(translate("pack", "at sign-up"))
    if tier.entry_any_purchase:
        parts.append(translate("pack", "any purchase"))
    if tier.entry_single_fen is not None:
        parts.append(
            translate("pack", "one sale ≥ {amount}").format(
                amount=i18n.money(tier.entry_single_fen)
            )
        )
    if tier.entry_window_fen is not None:
        parts.append(
            translate("pack", "≥ {amount} in {months} months").format(
                amount=i18n.money(tier.entry_window_fen), months=tier.entry_window_months
            )
        )
    return ("\n" + translate("pack", "or") + " ").join(parts) or "—"


def _retention(tier: TierRule) -> str:
    if tier.retain_spend_fen is None:
        return translate("pack", "never lost")
    text = translate("pack", "{amount} a year").format(amount=i18n.money(tier.retain_spend_fen))
    if tier.retain_days:
        text += "\n" + translate("pack", "on {days} different days").format(days=tier.retain_days)
    return text


def _tiers(pack: RulePack) -> str:
    headers = [
        translate("pack", "Tier"),
        translate("pack", "Entry"),
        translate("pack", "Keeps it with"),
        translate("pack", "Discount"),
        translate("pack", "Birthday"),
        translate("pack", "Points"),
        translate("pack", "Free spins a day"),
    ]
    rows = [
        [
            t.name,
            _entry(t),
            _retention(t),
            i18n.rate_text(t.discount_rate) if t.discount_rate else "—",
            i18n.rate_text(t.birthday_rate) if t.birthday_rate else "—",
            _times(t.points_multiplier),
            str(t.free_spins_per_day),
        ]
        for t in pack.tiers
    ]
    # Columns every tier leaves at the default say nothing: keep the table narrow.
    keep = [
        i
        for i in range(len(headers))
        if i < 5 or len({r[i] for r in rows}) > 1 or rows[0][i] not in ("×1", "0")
    ]
    return _section(
        translate("pack", "Tiers"),
        _table([headers[i] for i in keep], [[r[i] for i in keep] for r in rows], nowrap=True),
    )


CLASS_NAMES: dict[ProductClass, str] = {
    ProductClass.REGULAR: QT_TRANSLATE_NOOP("pack", "Regular price"),
    ProductClass.SPECIAL: QT_TRANSLATE_NOOP("pack", "Special price"),
    ProductClass.NEW: QT_TRANSLATE_NOOP("pack", "New arrival"),
    ProductClass.GROUP_BUY: QT_TRANSLATE_NOOP("pack", "Group-buy"),
    ProductClass.NO_DISCOUNT: QT_TRANSLATE_NOOP("pack", "No discount"),
    ProductClass.NO_POINTS: QT_TRANSLATE_NOOP("pack", "No points"),
}


def _class_name(kind: ProductClass) -> str:
    return _tr(CLASS_NAMES[kind])


def _points(pack: RulePack) -> str:
    p = pack.points
    rates = ", ".join(f"{_class_name(c)} {r.normalize():f}" for c, r in p.class_rates.items())
    ladder = (
        ", ".join(f"≥ {i18n.money(s.min_eligible_fen)} {_times(s.multiplier)}" for s in p.ladder)
        or "—"
    )
    occasions = ", ".join(f"{o.code} {_times(o.multiplier)}" for o in p.occasions) or "—"
    vouchers = (
        ", ".join(f"{i18n.number(v.points)} → {i18n.money(v.amount_fen)}" for v in p.vouchers)
        or "—"
    )
    scope = _scope_text(p.birthday_scope)
    pairs = [
        (translate("pack", "Points per yuan"), rates),
        (translate("pack", "Basket ladder"), ladder),
        (translate("pack", "Birthday"), f"{_times(p.birthday_multiplier)} {scope}"),
        (translate("pack", "Double-points days"), occasions),
        (
            translate("pack", "Multipliers together"),
            _combine_text(p.combine),
        ),
        (
            translate("pack", "Bonus points"),
            translate(
                "pack",
                "referral {referral}, sharing {share}, review {review}, event check-in {checkin}",
            ).format(
                referral=p.referral_bonus,
                share=p.share_bonus,
                review=p.review_bonus,
                checkin=p.checkin_bonus,
            ),
        ),
        (
            translate("pack", "Points as cash"),
            translate("pack", "{points} points = {amount}").format(
                points=i18n.number(p.cash_points_step), amount=i18n.money(p.cash_fen_per_step)
            ),
        ),
        (translate("pack", "Vouchers for points"), vouchers),
        (
            translate("pack", "Gifts cost"),
            translate("pack", "{rate} points per yuan of cost").format(
                rate=p.gift_points_per_yuan_cost
            ),
        ),
        (translate("pack", "Points expire"), _expiry_text(p.expiry)),
        (
            translate("pack", "Expiry warning"),
            translate("pack", "{days} days ahead").format(days=p.warn_days),
        ),
    ]
    return _section(translate("pack", "Points"), _lines(pairs))


def _wallet(pack: RulePack) -> str:
    w = pack.wallet
    bonus = (
        ", ".join(
            f"{i18n.money(b.min_topup_fen)} → +{i18n.money(b.bonus_fen)}" for b in w.bonus_tiers
        )
        or "—"
    )
    deposits = (
        ", ".join(
            translate("pack", "{amount}: {rate} for {days} days").format(
                amount=i18n.money(d.min_deposit_fen), rate=i18n.rate_text(d.rate), days=d.days
            )
            for d in w.deposit_discounts
        )
        or "—"
    )
    pairs = [
        (translate("pack", "Top-up bonus"), bonus),
        (translate("pack", "Deposit discounts"), deposits),
        (translate("pack", "Member PIN above"), i18n.money(w.pin_above_fen)),
        (translate("pack", "Smallest top-up"), i18n.money(w.min_topup_fen)),
        (translate("pack", "Top-ups confirmed above"), i18n.money(w.confirm_above_fen)),
    ]
    return _section(translate("pack", "Stored value"), _lines(pairs))


def _coupon_value(t: CouponTemplate) -> str:
    match t.kind:
        case CouponKind.CASH:
            return i18n.money(t.amount_fen)
        case CouponKind.PERCENT:
            return i18n.rate_text(t.rate) if t.rate is not None else "—"
        case CouponKind.GIFT:
            return translate("pack", "gift {sku}").format(sku=t.gift_sku or "")
        case _:
            assert_never(t.kind)


# Each option of the pack in words; a new option is a missing branch mypy names.


def _scope_text(scope: BirthdayScope) -> str:
    match scope:
        case BirthdayScope.DAY:
            return translate("pack", "on the day")
        case BirthdayScope.MONTH:
            return translate("pack", "all month")
        case _:
            assert_never(scope)


def _combine_text(combine: Combine) -> str:
    match combine:
        case Combine.MAX:
            return translate("pack", "highest only")
        case Combine.MULTIPLY:
            return translate("pack", "multiplied")
        case _:
            assert_never(combine)


def _expiry_text(expiry: PointsExpiry) -> str:
    match expiry:
        case PointsExpiry.YEAR_PLUS_ONE:
            return translate("pack", "31 December of the next year")
        case PointsExpiry.YEAR_END:
            return translate("pack", "31 December of the same year")
        case PointsExpiry.NEVER:
            return translate("pack", "never")
        case _:
            assert_never(expiry)


def _rounding_text(rounding: Rounding) -> str:
    match rounding:
        case Rounding.NONE:
            return translate("pack", "none")
        case Rounding.JIAO:
            return translate("pack", "down to the jiao")
        case Rounding.YUAN:
            return translate("pack", "down to the yuan")
        case _:
            assert_never(rounding)


def _validity(t: CouponTemplate) -> str:
    if t.valid_days is not None:
        return translate("pack", "{days} days from issue").format(days=t.valid_days)
    if t.valid_months is not None:
        return translate("pack", "to the same day {months} month(s) on").format(
            months=t.valid_months)
    if t.valid_from and t.valid_to:
        return f"{i18n.date_text(t.valid_from)} – {i18n.date_text(t.valid_to)}"
    return "—"


def _coupons(pack: RulePack) -> str:
    c = pack.coupons
    rows = [
        [
            t.code,
            t.name,
            _coupon_value(t),
            i18n.money(t.min_spend_fen),
            _validity(t),
            translate("pack", "yes") if t.stackable else translate("pack", "no"),
        ]
        for t in c.templates
    ]
    triggers = [
        (translate("pack", "On sign-up"), c.signup_template or "—"),
        (translate("pack", "At event check-in"), c.checkin_template or "—"),
        (
            translate("pack", "Spend and get"),
            ", ".join(f"≥ {i18n.money(s.min_paid_fen)} → {s.template}" for s in c.spend_and_get)
            or "—",
        ),
    ]
    return _section(
        translate("pack", "Coupons"),
        _table(
            [
                translate("pack", "Code"),
                translate("pack", "Name"),
                translate("pack", "Value"),
                translate("pack", "Minimum spend"),
                translate("pack", "Valid"),
                translate("pack", "Stacks"),
            ],
            rows,
        )
        + _lines(triggers),
    )


def _pricing(pack: RulePack) -> str:
    p = pack.pricing
    stores = (
        ", ".join(
            f"{d.code}: {i18n.rate_text(d.rate)} ≥ {i18n.money(d.min_spend_fen)}"
            for d in p.store_discounts
        )
        or "—"
    )
    pairs = [
        (
            translate("pack", "Member discount on"),
            ", ".join(_class_name(c) for c in p.member_discount_classes),
        ),
        (
            translate("pack", "Needs the card"),
            ", ".join(_class_name(c) for c in p.card_required_classes) or "—",
        ),
        (
            translate("pack", "Discount on campaign prices"),
            translate("pack", "yes")
            if p.campaign_stacks_member_discount
            else translate("pack", "no"),
        ),
        (translate("pack", "Store-wide discounts"), stores),
        (translate("pack", "Rounding"), _rounding_text(p.rounding)),
        (translate("pack", "Cashier's own discount up to"), f"{p.cashier_max_discount_pct}%"),
    ]
    return _section(translate("pack", "Pricing"), _lines(pairs))


def _cards(pack: RulePack) -> str:
    c = pack.cards
    pairs = [
        (translate("pack", "Card numbers start"), f"{c.brand}{c.level}"),
        (
            translate("pack", "Stripe valid for"),
            translate("pack", "{years} years").format(years=c.valid_years),
        ),
        (
            translate("pack", "Phone QR valid for"),
            translate("pack", "{seconds} seconds").format(seconds=c.dynamic_qr_ttl_s),
        ),
        (
            translate("pack", "Card alert after"),
            translate("pack", "{count} sales in a day").format(count=c.staff_card_daily_alert),
        ),
    ]
    return _section(translate("pack", "Cards"), _lines(pairs))
