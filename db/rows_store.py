"""Rows about the store itself: settings, terminals, staff, roles, catalogue, shifts, counters."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column

from db.rows_base import Base, deferred_fk
from db.types import ClockTime, DecimalText, IsoDate, JsonText, UtcDateTime


class TerminalRow(Base):
    __tablename__ = "terminals"
    __table_args__ = (UniqueConstraint("store_id", "code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(36))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100), server_default="")
    active: Mapped[bool] = mapped_column(server_default=text("1"))


class StoreSettingsRow(Base):
    """Exactly one row (id = 1): who this till is and how its store runs."""

    __tablename__ = "store_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[str] = mapped_column(String(36))
    store_code: Mapped[str] = mapped_column(String(16))
    store_name: Mapped[str] = mapped_column(String(100))
    terminal_id: Mapped[str] = mapped_column(String(36), deferred_fk("terminals.id"))
    terminal_code: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(String(4))
    rulepack: Mapped[str] = mapped_column(String(40))
    tz: Mapped[str] = mapped_column(String(64))
    day_close: Mapped[time] = mapped_column(ClockTime())
    # A Fernet token (~184 characters; SQLite ignores the declared length), never the clear
    # hex its name still says: db/card_secret.py.
    card_secret_hex: Mapped[str] = mapped_column(String(128), server_default="")
    receipt: Mapped[dict[str, Any]] = mapped_column(JsonText(), server_default="{}")
    card_brand: Mapped[str] = mapped_column(String(2), server_default="")  # head office's BB
    cashier_signup: Mapped[bool] = mapped_column(Boolean, server_default=false())


class RoleRow(Base):
    """The roles staff can hold (seeded by migration 0001 from domain.records.Role)."""

    __tablename__ = "roles"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))


class StaffRow(Base):
    """A staff account; only the PIN's salted hash is kept, never the PIN."""

    __tablename__ = "staff"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), deferred_fk("roles.code"))
    pin_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(server_default=text("1"))
    card_number: Mapped[str | None] = mapped_column(String(19))


class ShiftRow(Base):
    __tablename__ = "shifts"
    __table_args__ = (Index(None, "cashier_id", "closed_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cashier_id: Mapped[str] = mapped_column(String(36))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    business_date: Mapped[date] = mapped_column(IsoDate())
    float_fen: Mapped[int]
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    counted_fen: Mapped[int | None]
    expected_fen: Mapped[int | None]


class ProductRow(Base):
    """A catalogue item; pinyin initials are lower-case for prefix search ("wt" → 外套)."""

    __tablename__ = "products"
    __table_args__ = (
        Index(None, "barcode"),
        Index(None, "pinyin_initials"),  # added by migration 0002
    )

    sku: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    price_fen: Mapped[int]
    product_class: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(60), server_default="")
    barcode: Mapped[str | None] = mapped_column(String(40))
    pinyin_initials: Mapped[str] = mapped_column(String(100), server_default="")
    campaign_price_fen: Mapped[int | None]
    is_weighed: Mapped[bool] = mapped_column(server_default=text("0"))
    active: Mapped[bool] = mapped_column(server_default=text("1"))


class GiftRow(Base):
    __tablename__ = "gifts"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    cost_fen: Mapped[int]
    points_price: Mapped[int]
    stock: Mapped[int]
    active: Mapped[bool] = mapped_column(server_default=text("1"))


class CouponTemplateRow(Base):
    __tablename__ = "coupon_templates"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int] = mapped_column(server_default=text("0"))
    rate: Mapped[Decimal | None] = mapped_column(DecimalText())
    min_spend_fen: Mapped[int] = mapped_column(server_default=text("0"))
    stackable: Mapped[bool] = mapped_column(server_default=text("1"))
    valid_days: Mapped[int | None]
    valid_months: Mapped[int | None]
    valid_from: Mapped[date | None] = mapped_column(IsoDate())
    valid_to: Mapped[date | None] = mapped_column(IsoDate())
    classes: Mapped[list[str]] = mapped_column(JsonText(), server_default="[]")
    channels: Mapped[list[str]] = mapped_column(JsonText(), server_default="[]")
    gift_sku: Mapped[str | None] = mapped_column(String(40))


class CounterRow(Base):
    """A named per-terminal gapless counter (receipt numbers, outbox seq)."""

    __tablename__ = "counters"

    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int]
