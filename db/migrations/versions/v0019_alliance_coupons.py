"""The issuers' coupons an alliance partner's till honours (issue 15 rule 4).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

Head office sends, beside the roster, each live coupon of a roster card's member of a
template the agreement lists (`alliance_coupon` items); the till keeps them here and marks
one used with the sale that took it (a second use at this till is refused at once).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision: str | None = "0018"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "alliance_coupons",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("card_number", sa.String(length=19), nullable=False),
        sa.Column("issuer", sa.String(length=16), nullable=False),
        sa.Column("template", sa.String(length=40), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.String(length=10), nullable=False),
        sa.Column("valid_to", sa.String(length=10), nullable=False),
        sa.Column("used_sale_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_alliance_coupons")),
    )
    op.create_index(op.f("ix_alliance_coupons_card_number"), "alliance_coupons",
                    ["card_number"])


def downgrade() -> None:
    op.drop_index(op.f("ix_alliance_coupons_card_number"), "alliance_coupons")
    op.drop_table("alliance_coupons")
