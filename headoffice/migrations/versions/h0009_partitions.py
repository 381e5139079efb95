"""Monthly partitions (issue 14 §4): on PostgreSQL `events`, `sales`, `points_ledger` and
`wallet_ledger` become partitioned by RANGE on their UUIDv7 id, one partition a month from the
oldest id's month to three months ahead plus DEFAULT (headoffice/partitions.py); the rows are
copied over. SQLite (a one-shop head office) is left as it is.

Revision ID: h0009
Revises: h0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import op

from headoffice import partitions

revision = "h0009"
down_revision: str | None = "h0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    if not partitions.sorts_bytewise(conn):
        raise RuntimeError("this database's default collation does not sort UUIDv7 text as "
                           "bytes do; create the head-office database with LC_COLLATE 'C' "
                           "(or C.UTF-8) and migrate again")
    today = datetime.now(UTC).date()
    for table in partitions.PARTITIONED:
        partitions.rebuild(conn, table, today)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    for table in partitions.PARTITIONED:
        partitions.rebuild(conn, table, None)
