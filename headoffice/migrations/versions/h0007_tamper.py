"""Tamper evidence: every audit chain head a terminal sends with a push is kept.

`chain_heads` holds (terminal, seq) -> the link and the outbox counter sent with it; a later
push that shows the chain shorter, another link at a kept seq, or the counter behind opens a
case (headoffice/chainheads.py). A reinstalled terminal starts a new chain: re-enrolment
forgets its heads.

Revision ID: h0007
Revises: h0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import UtcTime

revision = "h0007"
down_revision: str | None = "h0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "chain_heads",
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("outbox_seq", sa.BigInteger(), nullable=False),
        sa.Column("at", UtcTime(), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "seq", name=op.f("pk_chain_heads")),
    )


def downgrade() -> None:
    op.drop_table("chain_heads")
