"""Members' payment PINs (scrypt hashes) merged from the tills, passed on to every store.

Revision ID: h0003
Revises: h0002
Create Date: 2025-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import UtcTime

revision = "h0003"
down_revision: str | None = "h0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("pin_hash", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("pin_set_at", UtcTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("pin_set_at")
        batch.drop_column("pin_hash")
