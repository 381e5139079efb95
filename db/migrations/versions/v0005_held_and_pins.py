"""Sales on hold kept in the store database, and members' own payment PINs.

Revision ID: 0005
Revises: 0004
Create Date: 2025-05-07

Held sales used to live in the till's memory and were lost when the program closed; a
customer's basket on hold must survive a restart. A member's payment PIN is a scrypt hash in
a table of its own (with the day's wrong tries), so it is never loaded with the profile.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "held_sales",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("held_at", sa.String(length=32), nullable=False),
        sa.Column("held_by", sa.String(length=36), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("cart", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_sales")),
    )
    op.create_index(op.f("ix_held_sales_held_at"), "held_sales", ["held_at"])
    op.create_table(
        "member_pins",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=True),
        sa.Column("set_at", sa.String(length=32), nullable=True),
        sa.Column("set_by", sa.String(length=36), nullable=True),
        sa.Column("failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("failed_on", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"],
                                name=op.f("fk_member_pins_member_id_members"),
                                initially="DEFERRED", deferrable=True),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_pins")),
    )


def downgrade() -> None:
    op.drop_table("member_pins")
    op.drop_index(op.f("ix_held_sales_held_at"), table_name="held_sales")
    op.drop_table("held_sales")
