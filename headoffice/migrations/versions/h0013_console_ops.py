"""The console's work pages (issue 16): rule-pack and catalogue drafts waiting to be published
from an effective day, and bulk coupon issues kept once per form.

Revision ID: h0013
Revises: h0012
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import UtcTime

revision = "h0013"
down_revision: str | None = "h0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "pack_drafts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("doc", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcTime(), nullable=False),
        sa.Column("published_at", UtcTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pack_drafts")),
    )
    op.create_index("ix_pack_drafts_status_effective_on", "pack_drafts",
                    ["status", "effective_on"])
    op.create_table(
        "coupon_batches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("template_code", sa.String(length=40), nullable=False),
        sa.Column("segment", sa.String(length=500), nullable=False),
        sa.Column("issued", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon_batches")),
    )


def downgrade() -> None:
    op.drop_table("coupon_batches")
    op.drop_index("ix_pack_drafts_status_effective_on", table_name="pack_drafts")
    op.drop_table("pack_drafts")
