"""Rows of the till's own working state: sales on hold, members' payment PINs, closed days."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.rows_base import MEMBERS_ID, Base, deferred_fk, refers_to
from db.types import IsoDate, JsonText, UtcDateTime


class HeldSaleRow(Base):
    """A cart on hold; local to this till (head office never sees a sale before it is paid)."""

    __tablename__ = "held_sales"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    held_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    held_by: Mapped[str] = mapped_column(String(36))
    total_fen: Mapped[int]
    items: Mapped[int]
    # The cart keeps a copy of the member's id: a merge moves both.
    member_id: Mapped[str | None] = mapped_column(
        String(36), info=refers_to(MEMBERS_ID, json_copy=("cart", "$.member_id")))
    cart: Mapped[dict[str, Any]] = mapped_column(JsonText())


class MemberPinRow(Base):
    """A member's payment PIN as a scrypt hash, kept apart from the profile so the hash is
    never loaded with it (nor shown, nor sent in a member.created event), and wrong tries
    are counted without touching the member's row."""

    __tablename__ = "member_pins"

    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"),
                                           primary_key=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    set_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    set_by: Mapped[str | None] = mapped_column(String(36))
    failures: Mapped[int] = mapped_column(server_default=text("0"))
    failed_on: Mapped[date | None] = mapped_column(IsoDate())


class ClosedDayRow(Base):
    """A business date the day close closed at this till, with the Z as it was then: a
    reprint reads these figures, so a record written later cannot change a closed day."""

    __tablename__ = "closed_days"

    business_date: Mapped[date] = mapped_column(IsoDate(), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    staff_id: Mapped[str] = mapped_column(String(36))
    z: Mapped[dict[str, Any]] = mapped_column(JsonText())


class MemberFiguresWindowRow(Base):
    """The one analysis window `member_figures` is kept for (migration 0017)."""

    __tablename__ = "member_figures_window"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    since: Mapped[date] = mapped_column(IsoDate())
    until: Mapped[date] = mapped_column(IsoDate())


class MemberFiguresRow(Base):
    """A member's buying over that window, kept by triggers on sales and sale lines
    (db/member_figures.py): the Analysis page groups these, not every sale. A row only for a
    member with a sale up to the window's end or money inside it."""

    __tablename__ = "member_figures"
    __table_args__ = (
        Index(None, "last_purchase", "member_id"),  # the dormant list, longest idle first
        # Cover the Analysis summary's two groupings (member_id for leaving out the inactive):
        # index scans instead of a copy and two sorts of a million rows (0.2 s against 1.1-2 s).
        Index(None, "last_purchase", "orders", "categories", "member_id"),
        Index("ix_member_figures_buyers_revenue", "revenue_fen", "orders", "member_id",
              sqlite_where=text("orders > 0")),
    )

    # Not moved by a merge: moving the member's sales recomputes both members' rows.
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                           info=refers_to(MEMBERS_ID, follows=False))
    last_purchase: Mapped[date | None] = mapped_column(IsoDate())  # last sale up to `until`
    orders_ever: Mapped[int]  # sales up to `until`
    orders: Mapped[int]  # sales inside the window
    revenue_fen: Mapped[int]  # sales and returns inside the window
    categories: Mapped[int]  # distinct categories sold inside the window


class ImportJobRow(Base):
    """A member file being imported in batches (domain/import_jobs.py): through which sheet
    row it is committed, so the same command after a crash continues there."""

    __tablename__ = "import_jobs"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of file + map
    id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[str] = mapped_column(String(36))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    rows: Mapped[int]
    last_row: Mapped[int]
    imported: Mapped[int]
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
