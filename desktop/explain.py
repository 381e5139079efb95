"""Why a price or a points figure is what it is: pricing and points reasons as short sentences.

The engine explains itself with codes and parameters (`{"code": "discount.tier", "params":
{"rate": "0.85", "tier": "银卡", ...}}`); the till shows them beside each line and under the
total, in the cashier's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import i18n
from desktop.feedback import fill
from desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "explain"

REASONS: dict[str, str] = {
    "discount.tier": QT_TRANSLATE_NOOP("explain", "{tier} {rate}"),
    "discount.birthday": QT_TRANSLATE_NOOP("explain", "Birthday {rate}"),
    "discount.deposit": QT_TRANSLATE_NOOP("explain", "Stored-value deposit {rate}"),
    "discount.alliance": QT_TRANSLATE_NOOP("explain", "Alliance partner {rate}"),
    "points.alliance": QT_TRANSLATE_NOOP("explain", "{issuer} points: {points_per_yuan} a yuan"),
    "discount.campaign_price": QT_TRANSLATE_NOOP("explain", "Campaign price {price}"),
    "discount.store": QT_TRANSLATE_NOOP("explain", "Store campaign {rate}"),
    "discount.manual": QT_TRANSLATE_NOOP("explain", "Cashier discount"),
    "discount.manual_rate": QT_TRANSLATE_NOOP("explain", "Cashier discount {rate}"),
    "discount.ticket": QT_TRANSLATE_NOOP("explain", "Whole-sale discount"),
    "discount.ticket_rate": QT_TRANSLATE_NOOP("explain", "Whole-sale discount {rate}"),
    "coupon.applied": QT_TRANSLATE_NOOP("explain", "Coupon {coupon}"),
    "rounding": QT_TRANSLATE_NOOP("explain", "Rounding"),
    "campaign.replaced_by_member": QT_TRANSLATE_NOOP(
        "explain", "Member price beats the campaign"),
    "coupon.alone_better": QT_TRANSLATE_NOOP(
        "explain", "Coupon {coupon} on its own is cheaper ({with_coupon} against "
                   "{without_coupon}): other discounts left out"),
    "coupon.not_applied": QT_TRANSLATE_NOOP("explain", "Coupon {coupon} not used: {why}"),
    "points.ladder": QT_TRANSLATE_NOOP("explain", "Spend from {min_eligible}: ×{multiplier}"),
    "points.birthday": QT_TRANSLATE_NOOP("explain", "Birthday: ×{multiplier}"),
    "points.occasion": QT_TRANSLATE_NOOP("explain", "{occasion}: ×{multiplier}"),
    "points.tier_multiplier": QT_TRANSLATE_NOOP("explain", "{tier}: ×{multiplier}"),
}

WHY_NOT: dict[str, str] = {
    "other_discounts_better": QT_TRANSLATE_NOOP("explain", "the other discounts save more"),
    "not_combinable": QT_TRANSLATE_NOOP("explain", "it cannot be combined"),
    "another_coupon_better": QT_TRANSLATE_NOOP("explain", "another coupon saves more"),
    "tie_kept_unspent": QT_TRANSLATE_NOOP("explain", "it saves nothing more; kept for later"),
}

# Summed per sale under the total: the line reasons (discount.*) plus these.
SALE_LEVEL = ("coupon.alone_better", "coupon.not_applied")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def reason_text(reason: Mapping[str, Any]) -> str:
    """One reason as a phrase, e.g. 银卡 8.5折 / Birthday 25% off / Coupon 7K3Q-…"""
    code = str(reason.get("code", ""))
    raw = dict(reason.get("params", {}))
    params = _params(raw)
    if code == "coupon.not_applied":
        params["why"] = _tr(WHY_NOT.get(str(raw.get("reason")), "{reason}")).format(
            reason=raw.get("reason", ""))
    if code in ("discount.manual", "discount.ticket") and "rate" in raw:
        code += "_rate"  # the cashier typed a rate (9折): say which
    template = REASONS.get(code)
    return fill(_tr(template), params) if template else code


def line_reasons(reasons: Iterable[Mapping[str, Any]], amounts: bool = True) -> str:
    """A line's discounts, with the amount each took off: "银卡 8.5折 −￥22.50"."""
    parts = []
    for reason in reasons:
        off = reason.get("params", {}).get("off_fen")
        text = reason_text(reason)
        shown = amounts and isinstance(off, int) and off
        parts.append(f"{text} −{i18n.money(off)}" if shown else text)
    return "; ".join(parts)


def sale_notes(applied: Iterable[Mapping[str, Any]]) -> list[str]:
    """Sale-level explanations worth showing under the total (coupons weighed, not used)."""
    return [reason_text(r) for r in applied if r.get("code") in SALE_LEVEL]


def points_reasons(reasons: Iterable[Mapping[str, Any]]) -> str:
    """The multipliers a sale's points got; only the highest counts unless the pack multiplies."""
    shown = [reason_text(r) for r in reasons if r.get("code") != "points.combined"]
    return ", ".join(shown)


def _params(params: Mapping[str, Any]) -> dict[str, str]:
    shown: dict[str, str] = {}
    for key, value in params.items():
        if key == "rate":
            shown[key] = i18n.rate_text(str(value))
        elif key.endswith("_fen") and isinstance(value, int):
            shown[key[:-4]] = i18n.money(value)
        elif key == "coupon":
            shown[key] = _short_code(str(value))
        else:
            shown[key] = str(value)
    return shown


def _short_code(code: str) -> str:
    """Coupon codes are long; the cashier recognises the first and last groups."""
    return f"{code[:4]}…{code[-4:]}" if len(code) > 8 else code
