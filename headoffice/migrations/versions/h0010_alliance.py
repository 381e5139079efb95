"""Alliance cards (issue 15): alliances of merchants, agreements, trade entries, settled periods
and statements (headoffice/alliance_tables.py, headoffice/alliance.py).

Revision ID: h0010
Revises: h0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import Json, UtcTime

revision = "h0010"
down_revision: str | None = "h0009"
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.String(length=36)


def upgrade() -> None:
    op.create_table(
        "alliances",
        sa.Column("id", _ID, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", UtcTime(), nullable=False),
        sa.Column("version", sa.BigInteger(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliances")),
        sa.UniqueConstraint("code", name=op.f("uq_alliances_code")),
    )
    op.create_table(
        "alliance_merchants",
        sa.Column("alliance_id", _ID, nullable=False),
        sa.Column("merchant_id", _ID, nullable=False),
        sa.Column("joined_at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("alliance_id", "merchant_id", name=op.f("pk_alliance_merchants")),
    )
    _agreements()
    _entries()
    op.create_table(
        "alliance_periods",
        sa.Column("alliance_id", _ID, nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("closed_at", UtcTime(), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("alliance_id", "period", name=op.f("pk_alliance_periods")),
    )
    op.create_table(
        "alliance_statements",
        sa.Column("alliance_id", _ID, nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("merchant_id", _ID, nullable=False),
        sa.Column("receivable_fen", sa.BigInteger(), nullable=False),
        sa.Column("payable_fen", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("lines", Json, nullable=False),
        sa.Column("made_at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("alliance_id", "period", "merchant_id",
                                name=op.f("pk_alliance_statements")),
    )


def _agreements() -> None:
    op.create_table(
        "alliance_agreements",
        sa.Column("id", _ID, nullable=False),
        sa.Column("alliance_id", _ID, nullable=False),
        sa.Column("issuer_id", _ID, nullable=False),
        sa.Column("partner_id", _ID, nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("terms", Json, nullable=False),
        sa.Column("created_at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_agreements")),
    )
    op.create_index(op.f("ix_alliance_agreements_alliance_id_issuer_id_partner_id"),
                    "alliance_agreements", ["alliance_id", "issuer_id", "partner_id"])


def _entries() -> None:
    op.create_table(
        "alliance_entries",
        sa.Column("id", _ID, nullable=False),
        sa.Column("alliance_id", _ID, nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("issuer_id", _ID, nullable=False),
        sa.Column("partner_id", _ID, nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("agreement_id", _ID, nullable=True),
        sa.Column("recorded_at", UtcTime(), nullable=False),
        sa.Column("note", sa.String(length=200), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_entries")),
        sa.UniqueConstraint("alliance_id", "kind", "source",
                            name=op.f("uq_alliance_entries_alliance_id_kind_source")),
    )
    op.create_index(op.f("ix_alliance_entries_alliance_id_period"), "alliance_entries",
                    ["alliance_id", "period"])


def downgrade() -> None:
    for table in ("alliance_statements", "alliance_periods", "alliance_entries",
                  "alliance_agreements", "alliance_merchants", "alliances"):
        op.drop_table(table)
