"""Lucky draws: draws, their prizes with the stock allotted to the store, and recorded spins.

Revision ID: 0004
Revises: 0003
Create Date: 2025-05-06

DOMAIN §10: a store gives prizes only from the stock head office allotted to it, so each
prize row carries `allotted` and `given`, and a CHECK keeps `given` within `allotted`.
Every spin is recorded with the random number drawn.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "draws",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("cost_points", sa.Integer(), nullable=False),
        sa.Column("free_spins_per_day", sa.Integer(), server_default=sa.text("1"),
                  nullable=False),
        sa.Column("starts", sa.String(length=10), nullable=True),
        sa.Column("ends", sa.String(length=10), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_draws")),
    )
    op.create_table(
        "draw_prizes",
        sa.Column("draw_code", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("coupon_template", sa.String(length=40), nullable=True),
        sa.Column("allotted", sa.Integer(), nullable=True),
        sa.Column("given", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint("given >= 0 AND (allotted IS NULL OR given <= allotted)",
                           name=op.f("ck_draw_prizes_given_within_allotted")),
        sa.ForeignKeyConstraint(["draw_code"], ["draws.code"],
                                name=op.f("fk_draw_prizes_draw_code_draws"),
                                initially="DEFERRED", deferrable=True),
        sa.PrimaryKeyConstraint("draw_code", "code", name=op.f("pk_draw_prizes")),
    )
    op.create_table(
        "draw_spins",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("draw_code", sa.String(length=40), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("free", sa.Boolean(), nullable=False),
        sa.Column("cost_points", sa.Integer(), nullable=False),
        sa.Column("roll", sa.Integer(), nullable=False),
        sa.Column("out_of", sa.Integer(), nullable=False),
        sa.Column("prize_code", sa.String(length=40), nullable=False),
        sa.Column("prize_kind", sa.String(length=10), nullable=False),
        sa.Column("points_won", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("coupon_code", sa.String(length=40), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"],
                                name=op.f("fk_draw_spins_member_id_members"),
                                initially="DEFERRED", deferrable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draw_spins")),
    )
    op.create_index(op.f("ix_draw_spins_member_id_draw_code_business_date"), "draw_spins",
                    ["member_id", "draw_code", "business_date"])


def downgrade() -> None:
    op.drop_index(op.f("ix_draw_spins_member_id_draw_code_business_date"),
                  table_name="draw_spins")
    op.drop_table("draw_spins")
    op.drop_table("draw_prizes")
    op.drop_table("draws")
