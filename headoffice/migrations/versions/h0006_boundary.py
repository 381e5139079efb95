"""Who owns what at the boundary: a coupon's merchant, and an enrolment code for one terminal.

A coupon may have no member (a voucher sold over the counter), so its merchant cannot be read
through the member as a card's can: `coupons.merchant_id` is filled from the member, else from
the first store whose feed announced the coupon (every coupon change feeds the pushing store).
A re-enrolment code names the terminal it may re-key (`enrol_codes.for_terminal_id`); a code
without one only enrols a new terminal. A quarantined event keeps why (`events.detail`: the
JSON path and problem of a bad payload, the database's refusal of an unstorable one). Sales
get an index on their id alone, by which a return or a ledger entry names them.

Revision ID: h0006
Revises: h0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import Json

revision = "h0006"
down_revision: str | None = "h0004"
branch_labels: str | None = None
depends_on: str | None = None

_BACKFILL_FROM_MEMBER = """
UPDATE coupons SET merchant_id = (
    SELECT members.merchant_id FROM members WHERE members.id = coupons.member_id)
WHERE merchant_id IS NULL AND member_id IS NOT NULL
"""
_BACKFILL_FROM_FEED = """
UPDATE coupons SET merchant_id = (
    SELECT stores.merchant_id FROM store_feed JOIN stores ON stores.id = store_feed.store_id
    WHERE store_feed.entity = 'coupon' AND store_feed.entity_id = coupons.code
    ORDER BY store_feed.created_at, store_feed.seq LIMIT 1)
WHERE merchant_id IS NULL
"""


def upgrade() -> None:
    with op.batch_alter_table("coupons") as batch:
        batch.add_column(sa.Column("merchant_id", sa.String(length=36), nullable=True))
    op.execute(_BACKFILL_FROM_MEMBER)
    op.execute(_BACKFILL_FROM_FEED)
    with op.batch_alter_table("enrol_codes") as batch:
        batch.add_column(sa.Column("for_terminal_id", sa.String(length=36), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("detail", Json, nullable=True))
    # Head office finds a sale by id alone to check whose it is (a return's original sale).
    op.create_index("ix_sales_id", "sales", ["id"])


def downgrade() -> None:
    op.drop_index("ix_sales_id", table_name="sales")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("detail")
    with op.batch_alter_table("enrol_codes") as batch:
        batch.drop_column("for_terminal_id")
    with op.batch_alter_table("coupons") as batch:
        batch.drop_column("merchant_id")
