"""Head office's member merge at the till: every column naming a member follows it, found in
the schema (foreign keys to `members.id`, and the references declared without one)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import MetaData
from sqlalchemy.orm import Session

from db.member_terms import forget_terms, rekey_terms
from db.repos_driver import execute, fetch_all, fetch_one
from db.rows_base import FOLLOWS, MEMBERS_ID, REFERS_TO

# Rows of which a member has one (the member id is the whole key): when both members are
# here, the alias's row cannot simply move; each is merged its own way (see `_fold_one_per`).
ONE_PER_MEMBER = ("member_balances", "ho_balances", "member_pins")


@dataclass(frozen=True, slots=True)
class MemberColumn:
    """A column holding a member's id; `json_copy` is (column, path) of a copy in a document."""

    table: str
    column: str
    json_copy: tuple[str, str] | None = None


@lru_cache(maxsize=4)  # read the schema once, at the first merge
def member_columns(metadata: MetaData | None = None) -> tuple[MemberColumn, ...]:
    """Every column a merge moves: foreign keys to members.id, and columns whose `info`
    declares the reference (kept without a constraint: the row may outlive the member here).
    `metadata`: the store's schema (db/rows.py), loaded only now: a unit of work is made for
    every sale and the till opens without building the declarative classes."""
    if metadata is None:
        from db.rows import Base

        metadata = Base.metadata
    found: list[MemberColumn] = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            fk = any(f.target_fullname == MEMBERS_ID for f in column.foreign_keys)
            declared = column.info.get(REFERS_TO) == MEMBERS_ID
            if (fk or declared) and column.info.get(FOLLOWS, True):
                found.append(MemberColumn(table.name, column.name, column.info.get("json_copy")))
    return tuple(found)


_ALIAS_OF = "SELECT canonical_id FROM member_aliases WHERE alias_id = ?"
_ALIASES = "SELECT alias_id FROM member_aliases WHERE canonical_id = ? ORDER BY alias_id"
_ADD_ALIAS = "INSERT INTO member_aliases (alias_id, canonical_id) VALUES (?, ?)"
_IS_HERE = "SELECT 1 FROM members WHERE id = ?"
_PINS = "SELECT member_id, pin_hash, set_at FROM member_pins WHERE member_id IN (?, ?)"


class SqlMemberMerge:
    """Member aliases head office sent, and the merge of the rows each one names."""

    def __init__(self, session: Session, metadata: MetaData | None = None) -> None:
        self._s = session
        self._metadata = metadata

    @property
    def _columns(self) -> tuple[MemberColumn, ...]:
        return member_columns(self._metadata)

    def canonical(self, member_id: str) -> str:
        """The id head office knows the member by (the id itself when it is no alias)."""
        row = fetch_one(self._s, _ALIAS_OF, (member_id,))
        return str(row[0]) if row else member_id

    def aliases(self, canonical_id: str) -> list[str]:
        return [str(r[0]) for r in fetch_all(self._s, _ALIASES, (canonical_id,))]

    def merge(self, alias: str, canonical: str) -> bool:
        """Record the alias and move its rows; False if it was recorded before."""
        if fetch_one(self._s, _ALIAS_OF, (alias,)) is not None:
            return False
        execute(self._s, _ADD_ALIAS, (alias, canonical))
        if not self._here(alias):
            return True
        if self._here(canonical):
            self._fold(alias, canonical)
        else:
            self._rename(alias, canonical)
        return True

    def _here(self, member_id: str) -> bool:
        return fetch_one(self._s, _IS_HERE, (member_id,)) is not None

    def _rename(self, alias: str, canonical: str) -> None:
        """Only the alias is here: it takes the canonical id, its rows along."""
        for column in self._columns:
            self._move(column, alias, canonical)
        rekey_terms(self._s, alias, canonical)  # the search index follows (db/member_terms)
        execute(self._s, "UPDATE members SET id = ? WHERE id = ?", (canonical, alias))

    def _fold(self, alias: str, canonical: str) -> None:
        """Both are here: the alias's rows move to the canonical member, its balance is added."""
        self._fold_one_per(alias, canonical)
        for column in self._columns:
            if column.table not in ONE_PER_MEMBER:
                self._move(column, alias, canonical)
        forget_terms(self._s, alias)
        execute(self._s, "DELETE FROM members WHERE id = ?", (alias,))

    def _move(self, column: MemberColumn, alias: str, canonical: str) -> None:
        sets = f"{column.column} = :c"
        if column.json_copy is not None:
            document, path = column.json_copy
            sets += f", {document} = json_set({document}, '{path}', :c)"
        execute(self._s, f"UPDATE {column.table} SET {sets} WHERE {column.column} = :a",
                {"c": canonical, "a": alias})

    def _fold_one_per(self, alias: str, canonical: str) -> None:
        """Balances add up; head office's snapshot of the alias goes (the canonical member's
        comes with the next pull); of two PINs the later one stays and moves."""
        execute(self._s, _ADD_BALANCES, {"a": alias, "c": canonical})
        for table in ("member_balances", "ho_balances"):
            execute(self._s, f"DELETE FROM {table} WHERE member_id = ?", (alias,))
        pins = {r[0]: (r[1] is not None, r[2] or "") for r in
                fetch_all(self._s, _PINS, (alias, canonical))}
        if alias in pins and canonical in pins:
            loser = canonical if pins[alias] > pins[canonical] else alias
            execute(self._s, "DELETE FROM member_pins WHERE member_id = ?", (loser,))
        execute(self._s, "UPDATE member_pins SET member_id = ? WHERE member_id = ?",
                (canonical, alias))


_ADD_BALANCES = """
    UPDATE member_balances SET
        points = points + (SELECT points FROM member_balances WHERE member_id = :a),
        wallet_principal_fen = wallet_principal_fen
            + (SELECT wallet_principal_fen FROM member_balances WHERE member_id = :a),
        wallet_bonus_fen = wallet_bonus_fen
            + (SELECT wallet_bonus_fen FROM member_balances WHERE member_id = :a)
    WHERE member_id = :c AND EXISTS (SELECT 1 FROM member_balances WHERE member_id = :a)
"""
