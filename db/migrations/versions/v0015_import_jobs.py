"""Member imports in batches: each file's job and the sheet row it is committed through.

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-07

`kaika import members` commits every 2,000 rows in a transaction of its own, so the write lock
is released between batches. `import_jobs` holds, per file and mapping (their SHA-256), the
last sheet row committed: the same command after a crash or a kill continues after it,
without a member twice or one left out.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "import_jobs",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.String(length=32), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("last_row", sa.Integer(), nullable=False),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_import_jobs")),
    )


def downgrade() -> None:
    op.drop_table("import_jobs")
