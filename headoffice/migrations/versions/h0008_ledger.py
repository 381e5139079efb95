"""Refunded points keep their own expiry: a points entry may name its last valid day.

A till gives points a return refunds back to the lots they were spent from (issue 11 item 2);
the refund's ledger entry carries those lots' last valid day, and head office files the points
in the bucket of that day instead of a fresh one. The column keeps the day with the entry.

Revision ID: h0008
Revises: h0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0008"
down_revision: str | None = "h0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("points_ledger", sa.Column("last_day", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("points_ledger", "last_day")
