"""The member page (issue 16): one-time log-in codes sent to members' mobiles and members'
sessions.

Revision ID: h0014
Revises: h0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import UtcTime

revision = "h0014"
down_revision: str | None = "h0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "member_codes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("mobile", sa.String(length=20), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcTime(), nullable=False),
        sa.Column("expires_at", UtcTime(), nullable=False),
        sa.Column("used_at", UtcTime(), nullable=True),
        sa.Column("wrong", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_codes")),
    )
    op.create_index("ix_member_codes_mobile_at", "member_codes",
                    ["merchant_id", "mobile", "created_at"])
    op.create_index("ix_member_codes_client_at", "member_codes", ["client", "created_at"])
    op.create_table(
        "member_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcTime(), nullable=False),
        sa.Column("expires_at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_member_sessions")),
    )
    op.create_index(op.f("ix_member_sessions_member_id"), "member_sessions", ["member_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_member_sessions_member_id"), table_name="member_sessions")
    op.drop_table("member_sessions")
    op.drop_index("ix_member_codes_client_at", table_name="member_codes")
    op.drop_index("ix_member_codes_mobile_at", table_name="member_codes")
    op.drop_table("member_codes")
