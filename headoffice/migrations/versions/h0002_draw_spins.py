"""Lucky-draw spins reported by the tills (`draw.spun`).

Revision ID: h0002
Revises: h0001
Create Date: 2025-05-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import Json, UtcTime

revision = "h0002"
down_revision: str | None = "h0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "draw_spins",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("draw_code", sa.String(length=40), nullable=False),
        sa.Column("prize_code", sa.String(length=40), server_default="", nullable=False),
        sa.Column("at", UtcTime(), nullable=False),
        sa.Column("body", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draw_spins")),
    )
    op.create_index(op.f("ix_draw_spins_member_id"), "draw_spins", ["member_id"])


def downgrade() -> None:
    op.drop_table("draw_spins")
