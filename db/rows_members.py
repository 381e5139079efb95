"""Rows about members: profile, balances projection, cards, tiers, points, wallet, coupons."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from db.rows_base import BY_TRIGGER, MEMBERS_ID, Base, deferred_fk, refers_to
from db.types import DecimalText, IsoDate, JsonText, UtcDateTime


class MemberRow(Base):
    """A member's profile; the resident ID number is only ever stored as a Fernet token."""

    __tablename__ = "members"
    # joined_on: the desk's list when nothing is typed is the latest to join (migration 0006);
    # tier, tier_since, id: the day close pages through reviews that came due (0013);
    # (status, tier, tier_since): the Tiers page's coming anniversaries (0016);
    # (birth_month, birth_day): the Analysis page's birthdays (0016).
    __table_args__ = (Index(None, "status", "tier_since"), Index(None, "joined_on"),
                      Index(None, "tier", "tier_since", "id"),
                      Index(None, "status", "tier", "tier_since"),
                      Index(None, "birth_month", "birth_day"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    mobile: Mapped[str] = mapped_column(String(20), unique=True)
    joined_on: Mapped[date] = mapped_column(IsoDate())
    tier: Mapped[str] = mapped_column(String(40))
    tier_since: Mapped[date] = mapped_column(IsoDate())
    status: Mapped[str] = mapped_column(String(10))
    gender: Mapped[str] = mapped_column(String(10), server_default="")
    birth_year: Mapped[int | None]
    birth_month: Mapped[int | None]
    birth_day: Mapped[int | None]
    id_number_enc: Mapped[str | None] = mapped_column(Text)
    occupation: Mapped[str] = mapped_column(String(100), server_default="")
    income_band: Mapped[str] = mapped_column(String(40), server_default="")
    address: Mapped[str] = mapped_column(String(300), server_default="")
    email: Mapped[str] = mapped_column(String(200), server_default="")
    # No foreign key: the referrer may be a member of another store, known only to head office.
    referrer_id: Mapped[str | None] = mapped_column(String(36), info=refers_to(MEMBERS_ID))
    source: Mapped[str] = mapped_column(String(20), server_default="store")
    consent_marketing: Mapped[bool] = mapped_column(server_default=text("0"))
    consent_marketing_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    consent_alliance: Mapped[bool] = mapped_column(server_default=text("0"))
    consent_alliance_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    privacy_accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    tags: Mapped[list[str]] = mapped_column(JsonText(), server_default="[]")
    notes: Mapped[str] = mapped_column(Text, server_default="")
    home_store: Mapped[str] = mapped_column(String(16), server_default="")
    staff_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    deposit_rate: Mapped[Decimal | None] = mapped_column(DecimalText())
    deposit_until: Mapped[date | None] = mapped_column(IsoDate())


class MemberSearchTermRow(Base):
    """What the desk finds a member by: pinyin initials, name endings, the mobile backwards
    (db/member_terms.py). The key is the whole row, so a search is one range on it; no
    foreign key, so a stale row costs nothing (every hit is checked against the member)."""

    __tablename__ = "member_search_terms"
    __table_args__ = ({"sqlite_with_rowid": False},)

    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    term: Mapped[str] = mapped_column(String(24), primary_key=True)
    # Rekeyed with the terms themselves (db/member_terms.py), not by a merge's UPDATE.
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                           info=refers_to(MEMBERS_ID, follows=False))


class BalanceRow(Base):
    """The projection read at the till; moved in the same statement batch as each ledger row."""

    __tablename__ = "member_balances"

    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"),
                                           primary_key=True)
    points: Mapped[int] = mapped_column(server_default=text("0"))
    wallet_principal_fen: Mapped[int] = mapped_column(server_default=text("0"))
    wallet_bonus_fen: Mapped[int] = mapped_column(server_default=text("0"))
    seal: Mapped[str | None] = mapped_column(String(32), info=BY_TRIGGER)  # db/seals.py


class CardRow(Base):
    __tablename__ = "cards"

    number: Mapped[str] = mapped_column(String(19), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"), index=True)
    state: Mapped[str] = mapped_column(String(10))
    expiry: Mapped[str] = mapped_column(String(4))
    kind: Mapped[str] = mapped_column(String(10), server_default="stripe")
    is_staff: Mapped[bool] = mapped_column(server_default=text("0"))
    replaced_by: Mapped[str | None] = mapped_column(String(19), deferred_fk("cards.number"))
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class TierChangeRow(Base):
    __tablename__ = "tier_changes"
    __table_args__ = (Index(None, "member_id", "at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    from_tier: Mapped[str] = mapped_column(String(40))
    to_tier: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(20))


class PointsLotRow(Base):
    __tablename__ = "points_lots"
    __table_args__ = (
        CheckConstraint("remaining >= 0 AND remaining <= points", name="remaining_in_range"),
        Index(None, "member_id", "earned_on"),
        Index(None, "expires_on", "member_id"),
        # Only lots still holding points (0013): what the day close expires, nothing spent.
        Index("ix_points_lots_unspent_expiry", "expires_on", "member_id",
              sqlite_where=text("remaining > 0 AND expires_on IS NOT NULL")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"))
    earned_on: Mapped[date] = mapped_column(IsoDate())
    expires_on: Mapped[date | None] = mapped_column(IsoDate())
    points: Mapped[int]
    remaining: Mapped[int]
    source: Mapped[str] = mapped_column(String(20), server_default="earn")
    # Sale ids carry no foreign key: a ledger pulled from head office may cite another store.
    sale_id: Mapped[str | None] = mapped_column(String(36))
    seal: Mapped[str | None] = mapped_column(String(32), info=BY_TRIGGER)


class PointsEntryRow(Base):
    __tablename__ = "points_ledger"
    __table_args__ = (Index(None, "member_id", "at"), Index(None, "business_date"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"))
    kind: Mapped[str] = mapped_column(String(20))
    points: Mapped[int]
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    business_date: Mapped[date] = mapped_column(IsoDate())
    reason: Mapped[str] = mapped_column(String(200), server_default="")
    sale_id: Mapped[str | None] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    last_day: Mapped[date | None] = mapped_column(IsoDate())  # restored lots' last valid day
    seal: Mapped[str | None] = mapped_column(String(32), info=BY_TRIGGER)


class PointsDayRow(Base):
    """The ledger summed per business date and kind, kept by triggers (migration 0016), so a
    report's opening balance is a sum over days, not over every entry."""

    __tablename__ = "points_days"

    business_date: Mapped[date] = mapped_column(IsoDate(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    points: Mapped[int]
    entries: Mapped[int]


class PointsDrawRow(Base):
    """What a sale's points payment took from each lot (positive) and what its refunds gave
    back (negative, the refund's entry), so a refund restores the lots it came from."""

    __tablename__ = "points_draws"
    __table_args__ = (Index(None, "sale_id"),)

    entry_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    lot_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(36))
    points: Mapped[int]


class WalletEntryRow(Base):
    __tablename__ = "wallet_ledger"
    __table_args__ = (Index(None, "member_id", "at"), Index(None, "business_date"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"))
    kind: Mapped[str] = mapped_column(String(20))
    principal_fen: Mapped[int]
    bonus_fen: Mapped[int]
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    business_date: Mapped[date] = mapped_column(IsoDate())
    sale_id: Mapped[str | None] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    reference: Mapped[str] = mapped_column(String(100), server_default="")
    tender_kind: Mapped[str] = mapped_column(String(20), server_default="")
    seal: Mapped[str | None] = mapped_column(String(32), info=BY_TRIGGER)


class CouponRow(Base):
    __tablename__ = "coupons"
    __table_args__ = (Index(None, "state", "valid_to"),)

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    template_code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int]
    rate: Mapped[Decimal | None] = mapped_column(DecimalText())
    min_spend_fen: Mapped[int]
    stackable: Mapped[bool]
    valid_from: Mapped[date] = mapped_column(IsoDate())
    valid_to: Mapped[date] = mapped_column(IsoDate())
    state: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    member_id: Mapped[str | None] = mapped_column(String(36), deferred_fk("members.id"),
                                                  index=True)
    issued_reason: Mapped[str] = mapped_column(String(20), server_default="")
    classes: Mapped[list[str]] = mapped_column(JsonText(), server_default="[]")
    gift_sku: Mapped[str | None] = mapped_column(String(40))
    redeemed_sale_id: Mapped[str | None] = mapped_column(String(36))
    redeemed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
