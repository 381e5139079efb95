"""Coupon templates valid for N calendar months (the sign-up coupon's "one month").

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-07

DOMAIN §9's sign-up coupon is valid "one month": to the same day of the next month, the
month's last day when it has no such day. A template stores that as `valid_months`, beside
`valid_days` and fixed dates.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("coupon_templates") as batch_op:
        batch_op.add_column(sa.Column("valid_months", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coupon_templates") as batch_op:
        batch_op.drop_column("valid_months")
