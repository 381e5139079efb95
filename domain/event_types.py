"""Every event type a till sends head office, in one place: services emit these, the wire
models (sync/payloads.py) and head office's ingest key on them, so a type cannot be misspelt
in one of the three without mypy or the contract test saying so."""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """The outbox's `type` column and the push's `type` field; the value is the wire text."""

    POINTS_ENTRY = "points.entry"
    WALLET_ENTRY = "wallet.entry"
    SALE_COMPLETED = "sale.completed"
    RETURN_COMPLETED = "return.completed"
    MEMBER_CREATED = "member.created"
    MEMBER_PATCHED = "member.patched"
    CARD_ISSUED = "card.issued"
    CARD_CHANGED = "card.changed"
    COUPON_ISSUED = "coupon.issued"
    COUPON_REDEEMED = "coupon.redeemed"
    COUPON_RESTORED = "coupon.restored"
    COUPON_EXPIRED = "coupon.expired"
    COUPON_VOIDED = "coupon.voided"
    TIER_CHANGED = "tier.changed"
    SHIFT_CLOSED = "shift.closed"
    DRAW_SPUN = "draw.spun"
    AUDIT_ENTRY = "audit.entry"
    ALLIANCE_TRADE = "alliance.trade"  # a sale or return to an issuer's member at a partner
