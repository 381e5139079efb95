"""Points given back by a return go back to the lots they were taken from (issue 11 item 2).

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-07

A refund used to give spent points back as a new lot with a fresh expiry, so points earned in
2024 (dead after 31 Dec 2025) refunded in January 2026 lived another two years. A sale's
points payment now records what it took from each lot (`points_draws`), a refund gives the
points back to those lots with their own expiry (an expired lot expires them again that day),
and the refund's ledger entry carries the lots' last valid day (`points_ledger.last_day`) so
head office files them under the same day. Sales paid with points before this migration have
no draws: their refunds carry the last day points earned on the sale's date would have.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("points_ledger") as batch_op:
        batch_op.add_column(sa.Column("last_day", sa.String(length=10), nullable=True))
    op.create_table(
        "points_draws",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("lot_id", sa.String(length=36), nullable=False),
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", "lot_id", name=op.f("pk_points_draws")),
    )
    op.create_index(op.f("ix_points_draws_sale_id"), "points_draws", ["sale_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_points_draws_sale_id"), table_name="points_draws")
    op.drop_table("points_draws")
    with op.batch_alter_table("points_ledger") as batch_op:
        batch_op.drop_column("last_day")
