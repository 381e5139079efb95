"""Tamper evidence: sealed ledger, balance and lot rows; the audit chain keyed with the store key.

Revision ID: 0008
Revises: 0009
Create Date: 2026-12-07

Points and wallet ledger rows, balances and points lots get a `seal` column, filled by triggers
through `kaika_seal` (db/seals.py), a function only Kaika's connections have: a row written
with a SQLite editor has no valid seal. `chain_marks` keeps the sealed head of the audit chain
(and the head head office last acknowledged). An existing store is keyed here, in the same
transaction: every row sealed, the audit chain relinked with HMACs and an `audit_keyed` entry
added saying how many entries were keyed and whether the old SHA-256 chain still held. Without
the store key (its file missing) nothing is sealed and `kaika verify` says so.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import context, op

from db.audit import key_chain

revision = "0008"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

# Frozen copy of db.seals.SEALED as of this revision: the triggers must not change with it.
_SEALED: dict[str, tuple[str, ...]] = {
    "points_ledger": ("id", "member_id", "kind", "points", "at", "business_date", "reason",
                      "sale_id", "staff_id", "last_day"),
    "wallet_ledger": ("id", "member_id", "kind", "principal_fen", "bonus_fen", "at",
                      "business_date", "sale_id", "staff_id", "reference", "tender_kind"),
    "member_balances": ("member_id", "points", "wallet_principal_fen", "wallet_bonus_fen"),
    "points_lots": ("id", "member_id", "earned_on", "expires_on", "points", "remaining",
                    "source", "sale_id"),
}


def _seal(table: str, prefix: str = "") -> str:
    return f"kaika_seal('{table}', {', '.join(prefix + c for c in _SEALED[table])})"


# Text SQLite's JSON and Python's could write differently, if any: every ASCII character
# (the escaped ones among them), line and paragraph separators, a BOM, CJK, an emoji.
_PROBES = ("".join(map(chr, range(128))), "\u2028\u2029\ufeff中文\U0001f600", "")


def _json_agrees(conn: sa.Connection) -> bool:
    """Whether this SQLite's json_array writes a row as the sealer's encoder does."""
    for text in _PROBES:
        values = ["t", text, 0, -(2**63), 2**63 - 1, None]
        made = conn.execute(sa.text("SELECT json_array(:a, :b, :c, :d, :e, :f)"),
                            dict(zip("abcdef", values, strict=True))).scalar()
        if made != json.dumps(values, ensure_ascii=False, separators=(",", ":")):
            return False
    return True


def _bulk_seal(table: str, fast: bool) -> str:
    """The seal of every existing row, as `kaika_seal` makes it. Rows of integers, text and
    NULLs only (all of them, unless someone stored a float or a blob) are encoded by SQLite
    and only the HMAC is made in Python: a third of the time per row over millions of rows."""
    if not fast:
        return _seal(table)
    columns = _SEALED[table]
    plain = " AND ".join(f"typeof({c}) IN ('integer', 'text', 'null')" for c in columns)
    return (f"CASE WHEN {plain} THEN kaika_seal_json(json_array('{table}', "
            f"{', '.join(columns)})) ELSE {_seal(table)} END")


def _triggers(table: str) -> list[str]:
    """After an insert, and after any change to a sealed column, the row's seal is remade."""
    body = f"UPDATE {table} SET seal = {_seal(table, 'NEW.')} WHERE rowid = NEW.rowid;"
    columns = ", ".join(_SEALED[table])
    return [
        f"CREATE TRIGGER {table}_seal_insert AFTER INSERT ON {table} BEGIN {body} END",
        f"CREATE TRIGGER {table}_seal_update AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {body} END",
    ]


def upgrade() -> None:
    for table in _SEALED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("seal", sa.String(length=32), nullable=True))
    op.create_table(
        "chain_marks",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("seal", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_chain_marks")),
    )
    for table in _SEALED:
        for statement in _triggers(table):
            op.execute(statement)
    _key_existing_rows()


def _key_existing_rows() -> None:
    """Seal what is there and key the chain, if there is anything and a key to do it with."""
    conn = op.get_bind()
    tables = (*_SEALED, "audit_log")
    if not any(conn.execute(sa.text(f"SELECT 1 FROM {t} LIMIT 1")).first() for t in tables):
        return
    sealer = context.config.attributes.get("sealer")
    if sealer is None or sealer.key() is None:
        return  # no key: rows stay unsealed, and `kaika verify` names the missing key
    fast = _json_agrees(conn)
    if fast:
        conn.connection.driver_connection.create_function(  # type: ignore[union-attr]
            "kaika_seal_json", 1, sealer.seal_json, deterministic=True)
    for table in _SEALED:
        conn.execute(sa.text(f"UPDATE {table} SET seal = {_bulk_seal(table, fast)}"))
    if conn.execute(sa.text("SELECT 1 FROM audit_log LIMIT 1")).first():
        key_chain(conn, sealer, datetime.now(UTC))


def downgrade() -> None:
    for table in _SEALED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_seal_insert")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_seal_update")
    op.drop_table("chain_marks")
    for table in reversed(tuple(_SEALED)):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("seal")
