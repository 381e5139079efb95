"""Rows of what happens at the till: sales with lines and tenders, the audit chain, the outbox."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.rows_base import MEMBERS_ID, Base, deferred_fk, refers_to
from db.types import IsoDate, JsonText, UtcDateTime


class SaleRow(Base):
    """A sale or a return (negative amounts); append-only, never updated."""

    __tablename__ = "sales"
    __table_args__ = (
        Index(None, "business_date"),
        Index(None, "member_id", "business_date"),
        Index(None, "shift_id"),
        Index(None, "original_sale_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    business_date: Mapped[date] = mapped_column(IsoDate())
    store_code: Mapped[str] = mapped_column(String(16))
    terminal_code: Mapped[str] = mapped_column(String(16))
    cashier_id: Mapped[str] = mapped_column(String(36))
    total_fen: Mapped[int]
    rounding_fen: Mapped[int] = mapped_column(server_default=text("0"))
    member_id: Mapped[str | None] = mapped_column(String(36), deferred_fk("members.id"))
    shift_id: Mapped[str | None] = mapped_column(String(36))
    # No foreign key: a return may cite a sale rung up at another store.
    original_sale_id: Mapped[str | None] = mapped_column(String(36))
    points_earned: Mapped[int] = mapped_column(server_default=text("0"))
    qualifying_fen: Mapped[int] = mapped_column(server_default=text("0"))
    coupons_redeemed: Mapped[list[str]] = mapped_column(JsonText(), server_default="[]")
    applied: Mapped[list[dict[str, Any]]] = mapped_column(JsonText(), server_default="[]")
    rulepack: Mapped[str] = mapped_column(String(40), server_default="")
    approved_by: Mapped[str | None] = mapped_column(String(36))
    member_tier: Mapped[str] = mapped_column(String(40), server_default="")
    birthday: Mapped[bool] = mapped_column(server_default=text("0"))

    lines: Mapped[list[SaleLineRow]] = relationship(
        order_by="SaleLineRow.line_no", cascade="all, delete-orphan", lazy="selectin")
    tenders: Mapped[list[TenderRow]] = relationship(
        order_by="TenderRow.tender_no", cascade="all, delete-orphan", lazy="selectin")


class SaleLineRow(Base):
    __tablename__ = "sale_lines"

    sale_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("sales.id", ondelete="CASCADE"), primary_key=True)
    line_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sku: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    product_class: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(60), server_default="")
    qty: Mapped[int]
    unit_price_fen: Mapped[int]
    list_fen: Mapped[int]
    discount_fen: Mapped[int]
    coupon_fen: Mapped[int]
    final_fen: Mapped[int]
    points_earned: Mapped[int] = mapped_column(server_default=text("0"))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JsonText(), server_default="[]")
    original_line_no: Mapped[int | None]
    paid_fen: Mapped[int] = mapped_column(server_default=text("0"))


class TenderRow(Base):
    """One payment of a sale, kept in the order it was taken (tender_no)."""

    __tablename__ = "tenders"

    sale_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("sales.id", ondelete="CASCADE"), primary_key=True)
    tender_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int]
    reference: Mapped[str] = mapped_column(String(100), server_default="")
    points: Mapped[int] = mapped_column(server_default=text("0"))
    wallet_principal_fen: Mapped[int] = mapped_column(server_default=text("0"))
    wallet_bonus_fen: Mapped[int] = mapped_column(server_default=text("0"))
    coupon_code: Mapped[str | None] = mapped_column(String(40))
    given_fen: Mapped[int] = mapped_column(server_default=text("0"))
    change_fen: Mapped[int] = mapped_column(server_default=text("0"))


class AuditRow(Base):
    """One audit entry; `hash` = HMAC-SHA256 with the store's MAC key over the canonical JSON
    of the content, `seq` and `prev_hash` (db/audit.py)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    action: Mapped[str] = mapped_column(String(40))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    target: Mapped[str] = mapped_column(String(200), server_default="")
    details: Mapped[dict[str, Any]] = mapped_column(JsonText(), server_default="{}")
    approved_by: Mapped[str | None] = mapped_column(String(36))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class ChainMarkRow(Base):
    """A sealed mark on the audit chain (0008): `audit.head` (the newest entry, moved with
    every append) and `audit.acked` (the head head office last acknowledged)."""

    __tablename__ = "chain_marks"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    seq: Mapped[int]
    mac: Mapped[str] = mapped_column(String(64))
    seal: Mapped[str | None] = mapped_column(String(32))


class OutboxRow(Base):
    """An event for head office; (terminal_id, seq) is gapless because seq is a counter."""

    __tablename__ = "outbox"
    __table_args__ = (Index(None, "terminal_id", "acked", "seq"), Index(None, "member_id"))

    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JsonText())
    # An event keeps the id it was (or will be) sent with; a merge does not rewrite it.
    member_id: Mapped[str | None] = mapped_column(String(36),
                                                  info=refers_to(MEMBERS_ID, follows=False))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    acked: Mapped[bool] = mapped_column(server_default=text("0"))
    acked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # added by migration 0002
