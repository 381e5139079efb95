"""Member search terms, filled in for existing members; members indexed by joining date.

Revision ID: 0006
Revises: 0005
Create Date: 2025-05-20

The desk's member search used to read every member for pinyin initials (pypinyin on each
name), a mobile's last digits and part of a name: seconds on a store of a million members.
It now reads a range of `member_search_terms` (db/member_terms.py); this fills it for the
members already here, sorted first so the table is written in key order (about a minute for
a million members). The list shown when nothing is typed (the latest to join) gets an index.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from db.member_terms import TERM_MAX, member_terms

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_FILL = (
    "INSERT INTO member_search_terms (kind, term, member_id) "
    "SELECT substr(t.value, 1, 1), substr(t.value, 2), m.id "
    "FROM members m, json_each(kaika_member_terms(m.name, m.mobile)) t ORDER BY 1, 2, 3")


def upgrade() -> None:
    op.create_table(
        "member_search_terms",
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("term", sa.String(length=24), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("kind", "term", "member_id",
                                name=op.f("pk_member_search_terms")),
        sqlite_with_rowid=False,
    )
    _fill_terms()
    op.create_index(op.f("ix_members_joined_on"), "members", ["joined_on"])


def downgrade() -> None:
    op.drop_index(op.f("ix_members_joined_on"), table_name="members")
    op.drop_table("member_search_terms")


def _terms_json(name: str | None, mobile: str | None) -> str:
    """One member's terms as a JSON list of kind + term ("izs", "n张三", "m0001...")."""
    return json.dumps([kind + term for kind, term in member_terms(name or "", mobile or "")],
                      ensure_ascii=False)


class _Terms:
    """`_terms_json`, faster: a name's terms depend on the name alone (computed once per
    distinct name: a million members have fewer than half as many names), and a mobile's
    one term is the mobile written backwards (member_terms' rule, repeated here)."""

    KEEP = 1 << 18  # names remembered; the most common recur throughout a store

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, name: str | None, mobile: str | None) -> str:
        part = self.names.get(name or "")
        if part is None:
            if len(self.names) >= self.KEEP:
                self.names.clear()
            part = self.names[name or ""] = json.dumps(
                [kind + term for kind, term in member_terms(name or "", "")],
                ensure_ascii=False)[1:-1]
        if not mobile:
            return f"[{part}]"
        own = f"m{mobile[::-1][:TERM_MAX]}"
        own = f'"{own}"' if own.isalnum() and own.isascii() else json.dumps(
            own, ensure_ascii=False)
        return f"[{part},{own}]" if part else f"[{own}]"


def _fill_terms() -> None:
    conn = op.get_bind()
    # The terms are computed in Python (pypinyin) but sorted and written by SQLite, in one
    # statement: a million members never sit in this process's memory at once.
    conn.connection.driver_connection.create_function(  # type: ignore[union-attr]
        "kaika_member_terms", 2, _Terms(), deterministic=True)
    conn.exec_driver_sql(_FILL)
