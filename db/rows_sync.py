"""Rows of the till's sync state: enrolment, cursor, head office's balances, offline spending.

The till's credentials (its private signing key) are never stored here: they live in a 0600
file beside the database (`sync/credentials.py`), so a copied database cannot impersonate it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.rows_base import MEMBERS_ID, Base, refers_to
from db.types import IsoDate, JsonText, UtcDateTime


class SyncStateRow(Base):
    """Exactly one row (id = 1) once the till has enrolled with head office."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    server_url: Mapped[str] = mapped_column(String(200), server_default="")
    terminal_id: Mapped[str] = mapped_column(String(36), server_default="")
    enrolled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cursor: Mapped[str] = mapped_column(String(200), server_default="")
    acked_through_seq: Mapped[int] = mapped_column(server_default=text("0"))
    last_push_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_pull_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_contact_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # till clock
    last_error: Mapped[str] = mapped_column(String(60), server_default="")
    revoked: Mapped[bool] = mapped_column(server_default=text("0"))
    server_offset_ms: Mapped[int] = mapped_column(server_default=text("0"))  # server - till
    hlc: Mapped[str] = mapped_column(String(120), server_default="")
    grant_valid_until: Mapped[datetime | None] = mapped_column(UtcDateTime())  # server clock
    grant_limits: Mapped[dict[str, Any]] = mapped_column(JsonText(), server_default="{}")


class HoBalanceRow(Base):
    """A member's balances as head office last sent them (before this till's own entries)."""

    __tablename__ = "ho_balances"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                           info=refers_to(MEMBERS_ID))
    points: Mapped[int]
    wallet_principal_fen: Mapped[int]
    wallet_bonus_fen: Mapped[int]
    buckets: Mapped[list[Any]] = mapped_column(JsonText(), server_default="[]")
    blocked: Mapped[bool] = mapped_column(server_default=text("0"))  # overdrawn: no offline spend
    version: Mapped[int]
    acked_through_seq: Mapped[int]
    pulled_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SyncVersionRow(Base):
    """The version of each entity last applied from head office (older ones are skipped)."""

    __tablename__ = "sync_versions"

    entity: Mapped[str] = mapped_column(String(30), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]


class MemberAliasRow(Base):
    """A member created here that head office merged into another with the same mobile."""

    __tablename__ = "member_aliases"

    # The merge records these; it moves neither (head office's ids, both).
    alias_id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                          info=refers_to(MEMBERS_ID, follows=False))
    canonical_id: Mapped[str] = mapped_column(String(36), index=True,
                                              info=refers_to(MEMBERS_ID, follows=False))


class HoAllotmentRow(Base):
    """Gift stock head office allotted to this store so far (the stock moves by the change)."""

    __tablename__ = "ho_allotments"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    allotted: Mapped[int]


class OfflineSpendRow(Base):
    """Points and stored value a member spent here: counted against the offline allowances.

    `after_seq` is the outbox seq just before the sale's events; the spend is unacknowledged
    while head office's acked_through_seq has not passed it.
    """

    __tablename__ = "offline_spends"
    __table_args__ = (Index(None, "member_id", "business_date"), Index(None, "after_seq"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(String(36), info=refers_to(MEMBERS_ID))
    business_date: Mapped[date] = mapped_column(IsoDate())
    points: Mapped[int]
    wallet_fen: Mapped[int]
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    after_seq: Mapped[int]
    offline: Mapped[bool]


class CardBlockRow(Base):
    """Card serials head office allotted this till under one prefix (domain/serials.py)."""

    __tablename__ = "card_blocks"

    prefix: Mapped[str] = mapped_column(String(7), primary_key=True)
    first_serial: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_serial: Mapped[int]
    allotted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CardStockRow(Base):
    """Pre-printed card numbers head office registered to this store (pulled: `card_stock`)."""

    __tablename__ = "card_stock"
    __table_args__ = (Index(None, "prefix", "first_serial"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(7))
    first_serial: Mapped[int]
    last_serial: Mapped[int]


class CardConflictRow(Base):
    """Head office sent a card this till holds for another member: the local card was kept
    (a pull never moves a card between members) and `kaika verify` reports the number."""

    __tablename__ = "card_conflicts"

    number: Mapped[str] = mapped_column(String(19), primary_key=True)
    # Head office's holder, by the id head office sent (a merge does not rewrite it).
    other_member_id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                                 info=refers_to(MEMBERS_ID, follows=False))
    member_id: Mapped[str] = mapped_column(String(36),  # who holds it here
                                           info=refers_to(MEMBERS_ID))
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
