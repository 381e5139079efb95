"""Per-member buying figures kept by triggers: the Analysis page without grouping every sale.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

The Analysis page grouped 1.4M sales and their lines on every open (53 s at a million
members). `member_figures` holds one row per member who ever bought: the last sale's business
date, the sales ever, and the orders, money (net of returns) and distinct categories inside
the analysis window
that `member_figures_window` names. Triggers on sales and sale lines recompute the figures of
the member a write touches, whoever writes; the day close (or the first open of a new business
date) moves the window and recomputes only the members with a sale on a day entering or
leaving it. This step fills the table in one grouped INSERT for the window ending on the day
after the last closed one (or today); a different window is moved to on first use.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# The backfill and triggers are db/member_figures.py's, shared with the window moves and the
# verify check so all four compute the same figures. Changing that SQL later needs its own
# revision that drops and recreates the triggers (and changes this one to keep its copy).
from db import member_figures

revision = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None

# The default analysis window (AnalysisRules.window_days = 365) ending on the next open day.
_WINDOW = """
    INSERT INTO member_figures_window (id, since, until)
    SELECT 1, date(u, '-364 days'), u FROM (
        SELECT COALESCE((SELECT date(MAX(business_date), '+1 day') FROM closed_days),
                        date('now', 'localtime')) AS u)"""


def upgrade() -> None:
    op.create_table(
        "member_figures_window",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("since", sa.String(length=10), nullable=False),
        sa.Column("until", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_figures_window")),
        sa.CheckConstraint("id = 1", name=op.f("ck_member_figures_window_one_row")),
    )
    op.create_table(
        "member_figures",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("last_purchase", sa.String(length=10), nullable=True),
        sa.Column("orders_ever", sa.Integer(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("revenue_fen", sa.Integer(), nullable=False),
        sa.Column("categories", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_figures")),
    )
    op.execute(_WINDOW)
    op.execute(member_figures.BACKFILL)
    # The dormant list: longest idle first, and how many, without reading every row.
    op.create_index(op.f("ix_member_figures_last_purchase_member_id"), "member_figures",
                    ["last_purchase", "member_id"])
    # The summary's groupings read these covering indexes, not the table, and sort nothing.
    op.create_index(op.f("ix_member_figures_last_purchase_orders_categories_member_id"),
                    "member_figures", ["last_purchase", "orders", "categories", "member_id"])
    op.create_index("ix_member_figures_buyers_revenue", "member_figures",
                    ["revenue_fen", "orders", "member_id"], sqlite_where=sa.text("orders > 0"))
    for statement in member_figures.TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in member_figures.TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS member_figures_{name}")
    op.drop_index("ix_member_figures_buyers_revenue", table_name="member_figures")
    op.drop_index(op.f("ix_member_figures_last_purchase_orders_categories_member_id"),
                  table_name="member_figures")
    op.drop_index(op.f("ix_member_figures_last_purchase_member_id"),
                  table_name="member_figures")
    op.drop_table("member_figures")
    op.drop_table("member_figures_window")
