"""Day close closes the day: closed business dates with their frozen Z-report.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-07

`closed_days` holds one row per business date the day close has closed at this till, with the
Z-report's figures as they were at the close. New sales and shifts after a close belong to the
next business date, and a reprint of a closed day's Z reads this row, never the records. A
store upgraded in place has no closed day yet: its next close is its first.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "closed_days",
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("z", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("business_date", name=op.f("pk_closed_days")),
    )


def downgrade() -> None:
    op.drop_table("closed_days")
