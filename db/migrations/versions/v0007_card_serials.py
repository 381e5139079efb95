"""Card numbers unique across the chain: head office's brand, serial blocks, pre-printed stock.

Revision ID: 0007
Revises: 0006
Create Date: 2025-05-21

Tills used to take the next serial from their own cards, so two tills issued the same number.
An enrolled till now issues only from blocks head office allots it (`card_blocks`), with the
brand head office gave its merchant (`store_settings.card_brand`); pre-printed stock registered
to the store arrives by pull (`card_stock`); a pulled card this till holds for another member
is kept here and noted in `card_conflicts`, where `kaika verify` reports it. An enrolled till
upgraded in place has no block yet: it refuses to issue (`card.no_serials`) until its next
sync brings one. A standalone store is unaffected.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("store_settings") as batch_op:
        batch_op.add_column(sa.Column("card_brand", sa.String(length=2), server_default="",
                                      nullable=False))
    op.create_table(
        "card_blocks",
        sa.Column("prefix", sa.String(length=7), nullable=False),
        sa.Column("first_serial", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.Column("allotted_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "first_serial", name=op.f("pk_card_blocks")),
    )
    op.create_table(
        "card_stock",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("prefix", sa.String(length=7), nullable=False),
        sa.Column("first_serial", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_stock")),
    )
    op.create_index(op.f("ix_card_stock_prefix_first_serial"), "card_stock",
                    ["prefix", "first_serial"])
    op.create_table(
        "card_conflicts",
        sa.Column("number", sa.String(length=19), nullable=False),
        sa.Column("other_member_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("seen_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("number", "other_member_id", name=op.f("pk_card_conflicts")),
    )


def downgrade() -> None:
    op.drop_table("card_conflicts")
    op.drop_index(op.f("ix_card_stock_prefix_first_serial"), table_name="card_stock")
    op.drop_table("card_stock")
    op.drop_table("card_blocks")
    with op.batch_alter_table("store_settings") as batch_op:
        batch_op.drop_column("card_brand")
