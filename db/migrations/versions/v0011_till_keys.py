"""A one-person store lets its cashiers sign members up at the till.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

`store_settings.cashier_signup` (off by default): when a manager switches it on, the access
table admits the cashier role to `members.register` as well as the front desk (issue 12).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("store_settings") as batch_op:
        batch_op.add_column(sa.Column("cashier_signup", sa.Boolean(),
                                      server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("store_settings") as batch_op:
        batch_op.drop_column("cashier_signup")
