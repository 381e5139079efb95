"""Indexes that make the day close proportional to the day, not to the members.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

Expiry reads lots that still hold points past their last day: a partial index holds only
unspent lots, so a lot the close (or a spend) empties leaves it and the close never walks
years of spent ones. Tier reviews read members of a reviewed tier whose tier date has come
round: (tier, tier_since, id) is that range, in the order the close pages through it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_points_lots_unspent_expiry", "points_lots", ["expires_on", "member_id"],
                    sqlite_where=sa.text("remaining > 0 AND expires_on IS NOT NULL"))
    op.create_index(op.f("ix_members_tier_tier_since_id"), "members",
                    ["tier", "tier_since", "id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_members_tier_tier_since_id"), table_name="members")
    op.drop_index("ix_points_lots_unspent_expiry", table_name="points_lots")
