"""Every code the ledgers, coupons and discounts record as a reason, so reports can name them."""

from __future__ import annotations

# Kinds of points ledger entries (PointsEntry.kind).
POINTS_KINDS = ("earn", "bonus", "spend", "gift", "voucher", "draw", "refund", "expire",
                "adjust", "takeback", "import", "seed")
# Why bonus points were given (PointsEntry.reason of a "bonus" entry, before any ":").
BONUS_REASONS = ("referral", "share", "review", "checkin", "draw", "event")
# Why a coupon was issued (Coupon.issued_reason, before any ":").
COUPON_REASONS = ("signup", "spend_and_get", "draw", "points", "checkin", "bulk", "manual",
                  "seed")
# Kinds of discount on a sale (the Z-report's discounts).
DISCOUNT_KINDS = ("tier", "birthday", "deposit", "campaign_price", "store", "manual")
# A bonus or coupon with no reason recorded is reported as "other".
ALL = tuple(dict.fromkeys((*POINTS_KINDS, *BONUS_REASONS, *COUPON_REASONS, *DISCOUNT_KINDS,
                           "other")))


def head(reason: str) -> str:
    """"checkin:spring-gala" is reported under "checkin"; an empty reason under "other"."""
    return reason.split(":", 1)[0] or "other"
