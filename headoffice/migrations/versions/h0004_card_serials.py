"""Card numbers unique across the chain: a brand per merchant, serial blocks per terminal,
pre-printed stock per store, and the store that first reported each card.

Revision ID: h0004
Revises: h0003
Create Date: 2025-05-21

Each merchant already here is given a brand: the one most of its members' cards carry when no
merchant took it before (oldest merchant first), else the lowest brand no merchant has and no
card carries. Cards issued before this keep their numbers; blocks are allotted above them, and
`kaika-headoffice check` reports numbers that were issued to two members in the past.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import UtcTime

revision = "h0004"
down_revision: str | None = "h0003"
branch_labels: str | None = None
depends_on: str | None = None

_BRANDS = [f"{n:02d}" for n in range(10, 100)] + [f"{n:02d}" for n in range(1, 10)]


def upgrade() -> None:
    with op.batch_alter_table("merchants") as batch:
        batch.add_column(sa.Column("brand", sa.String(length=2), nullable=True))
    _give_brands(op.get_bind())
    with op.batch_alter_table("merchants") as batch:
        batch.alter_column("brand", existing_type=sa.String(length=2), nullable=False)
        batch.create_unique_constraint(op.f("uq_merchants_brand"), ["brand"])
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("store_id", sa.String(length=36), nullable=True))
    op.create_table(
        "card_prefixes",
        sa.Column("prefix", sa.String(length=7), nullable=False),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_card_prefixes")),
    )
    op.create_table(
        "card_blocks",
        sa.Column("prefix", sa.String(length=7), nullable=False),
        sa.Column("first_serial", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("allotted_at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "first_serial", name=op.f("pk_card_blocks")),
    )
    op.create_index(op.f("ix_card_blocks_terminal_id"), "card_blocks", ["terminal_id"])
    op.create_table(
        "card_stock",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("prefix", sa.String(length=7), nullable=False),
        sa.Column("first_serial", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("registered_at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_stock")),
    )
    op.create_index(op.f("ix_card_stock_prefix_first_serial"), "card_stock",
                    ["prefix", "first_serial"])


def downgrade() -> None:
    op.drop_index(op.f("ix_card_stock_prefix_first_serial"), table_name="card_stock")
    op.drop_table("card_stock")
    op.drop_index(op.f("ix_card_blocks_terminal_id"), table_name="card_blocks")
    op.drop_table("card_blocks")
    op.drop_table("card_prefixes")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("store_id")
    with op.batch_alter_table("merchants") as batch:
        batch.drop_constraint(op.f("uq_merchants_brand"), type_="unique")
        batch.drop_column("brand")


def _give_brands(conn: sa.Connection) -> None:
    merchants = conn.execute(sa.text(
        "SELECT id FROM merchants ORDER BY created_at, id")).scalars().all()
    carried = set(conn.execute(sa.text(
        "SELECT DISTINCT substr(number, 1, 2) FROM cards")).scalars())
    taken: set[str] = set()
    for merchant_id in merchants:
        brand = _brand_of(conn, merchant_id, taken) or next(
            b for b in _BRANDS if b not in taken and b not in carried)
        taken.add(brand)
        conn.execute(sa.text("UPDATE merchants SET brand = :b WHERE id = :m"),
                     {"b": brand, "m": merchant_id})


def _brand_of(conn: sa.Connection, merchant_id: str, taken: set[str]) -> str | None:
    """The brand most of the merchant's cards carry, if no older merchant took it."""
    rows = conn.execute(sa.text(
        "SELECT substr(c.number, 1, 2) AS brand, COUNT(*) AS n FROM cards c "
        "JOIN members m ON m.id = c.member_id WHERE m.merchant_id = :m "
        "GROUP BY substr(c.number, 1, 2) ORDER BY n DESC, brand"), {"m": merchant_id})
    return next((r.brand for r in rows if r.brand not in taken), None)
