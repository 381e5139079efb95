"""Rows of the lucky draw: draws, their prizes with the stock allotted to the store, spins."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.rows_base import Base, deferred_fk
from db.types import IsoDate, UtcDateTime


class DrawRow(Base):
    """A draw head office runs; its cost and free spins are its own terms."""

    __tablename__ = "draws"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    cost_points: Mapped[int]
    free_spins_per_day: Mapped[int] = mapped_column(server_default=text("1"))
    starts: Mapped[date | None] = mapped_column(IsoDate())
    ends: Mapped[date | None] = mapped_column(IsoDate())
    active: Mapped[bool] = mapped_column(server_default=text("1"))


class PrizeRow(Base):
    """A wheel segment. The CHECK makes giving a prize beyond its allotted stock impossible,
    whatever the code above it does."""

    __tablename__ = "draw_prizes"
    __table_args__ = (
        CheckConstraint("given >= 0 AND (allotted IS NULL OR given <= allotted)",
                        name="given_within_allotted"),
    )

    draw_code: Mapped[str] = mapped_column(String(40), deferred_fk("draws.code"),
                                           primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    weight: Mapped[int]
    points: Mapped[int] = mapped_column(server_default=text("0"))
    coupon_template: Mapped[str | None] = mapped_column(String(40))
    allotted: Mapped[int | None]
    given: Mapped[int] = mapped_column(server_default=text("0"))


class SpinRow(Base):
    """One recorded spin: what it cost, the random number drawn and what it won."""

    __tablename__ = "draw_spins"
    __table_args__ = (Index(None, "member_id", "draw_code", "business_date"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    draw_code: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[str] = mapped_column(String(36), deferred_fk("members.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    business_date: Mapped[date] = mapped_column(IsoDate())
    free: Mapped[bool]
    cost_points: Mapped[int]
    roll: Mapped[int]
    out_of: Mapped[int]
    prize_code: Mapped[str] = mapped_column(String(40))
    prize_kind: Mapped[str] = mapped_column(String(10))
    points_won: Mapped[int] = mapped_column(server_default=text("0"))
    coupon_code: Mapped[str | None] = mapped_column(String(40))
    staff_id: Mapped[str | None] = mapped_column(String(36))
