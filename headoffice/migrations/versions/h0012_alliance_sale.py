"""Alliance entries keep the sale amount they were reckoned on (a commission's sale), so a
merchant's activity report (issue 15, rule 5) can show what its members bought at partners.

Revision ID: h0012
Revises: h0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "h0012"
down_revision: str | None = "h0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Entries recorded before this keep 0: their sale amount was not kept.
    op.add_column("alliance_entries", sa.Column("sale_fen", sa.BigInteger(),
                                                server_default="0", nullable=False))


def downgrade() -> None:
    op.drop_column("alliance_entries", "sale_fen")
