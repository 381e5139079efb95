"""Rows of what an alliance partner's till holds: agreements it honours and the roster of the
issuers' cards whose members consented (docs/alliance.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.rows_base import MEMBERS_ID, Base, refers_to
from db.types import JsonText


class AllianceTermsRow(Base):
    """An agreement under which this merchant honours an issuer's cards: the feed item
    `alliance_agreement` as head office sent it (read with domain.alliance.partner_terms)."""

    __tablename__ = "alliance_terms"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    issuer_brand: Mapped[str] = mapped_column(String(2), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JsonText())


class AllianceCardRow(Base):
    """One card of an issuer's consenting member: the number, whose it is, the name masked
    and the tier — nothing else of the member ever reaches a partner (no mobile, ID, history).
    `issuer_member_id` is the issuer's member, not a member of this store."""

    __tablename__ = "alliance_roster"

    card_number: Mapped[str] = mapped_column(String(19), primary_key=True)
    issuer: Mapped[str] = mapped_column(String(16))
    # Declared, never moved: it names the issuer's member, of whom this store has no row, so
    # a member merge here leaves it alone (head office republishes the roster after its own).
    issuer_member_id: Mapped[str] = mapped_column(String(36),
                                                  info=refers_to(MEMBERS_ID, follows=False))
    name_masked: Mapped[str] = mapped_column(String(40))
    tier: Mapped[str] = mapped_column(String(40))


class AllianceCouponRow(Base):
    """An issuer's coupon this till may take from its card's holder (the feed item
    `alliance_coupon`): its terms, and the sale that used it here (None: not used here)."""

    __tablename__ = "alliance_coupons"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    card_number: Mapped[str] = mapped_column(String(19), index=True)
    issuer: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(40))
    amount_fen: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[str] = mapped_column(String(10))
    valid_to: Mapped[str] = mapped_column(String(10))
    used_sale_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
