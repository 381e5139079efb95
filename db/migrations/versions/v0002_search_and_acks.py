"""Pinyin search index with initials filled in for existing products; outbox acked_at.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01

0001 stored products with whatever initials the catalogue import gave, often none; the till
now finds products by initials, so existing rows get them computed here, then the index.
Head office acknowledgements now record when they arrived (support asks "when did it sync?").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.pinyin import pinyin_initials

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    _fill_pinyin_initials()
    op.create_index(op.f("ix_products_pinyin_initials"), "products", ["pinyin_initials"])
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("acked_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("acked_at")
    op.drop_index(op.f("ix_products_pinyin_initials"), table_name="products")


def _fill_pinyin_initials() -> None:
    products = sa.table("products", sa.column("sku", sa.String),
                        sa.column("name", sa.String), sa.column("pinyin_initials", sa.String))
    conn = op.get_bind()
    empty = conn.execute(sa.select(products.c.sku, products.c.name)
                         .where(products.c.pinyin_initials == "")).all()
    for sku, name in empty:
        conn.execute(products.update().where(products.c.sku == sku)
                     .values(pinyin_initials=pinyin_initials(name)))
