"""Alliance partners at the till: the member's alliance consent, agreements, issuers' roster.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

A member's alliance consent (and when it was given or withdrawn) joins the form's consents;
an alliance partner's till keeps the agreements it honours (`alliance_terms`) and the roster
of the issuers' consenting members' cards (`alliance_roster`), both pulled from head office.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN, not a batch copy: the members table keeps its triggers.
    op.add_column("members", sa.Column("consent_alliance", sa.Boolean(),
                                       server_default=sa.text("0"), nullable=False))
    op.add_column("members", sa.Column("consent_alliance_at", sa.String(length=32),
                                       nullable=True))
    op.create_table(
        "alliance_terms",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("issuer_brand", sa.String(length=2), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alliance_terms")),
    )
    op.create_index(op.f("ix_alliance_terms_issuer_brand"), "alliance_terms",
                    ["issuer_brand"])
    op.create_table(
        "alliance_roster",
        sa.Column("card_number", sa.String(length=19), nullable=False),
        sa.Column("issuer", sa.String(length=16), nullable=False),
        sa.Column("issuer_member_id", sa.String(length=36), nullable=False),
        sa.Column("name_masked", sa.String(length=40), nullable=False),
        sa.Column("tier", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("card_number", name=op.f("pk_alliance_roster")),
    )


def downgrade() -> None:
    op.drop_table("alliance_roster")
    op.drop_index(op.f("ix_alliance_terms_issuer_brand"), "alliance_terms")
    op.drop_table("alliance_terms")
    op.drop_column("members", "consent_alliance_at")
    op.drop_column("members", "consent_alliance")
