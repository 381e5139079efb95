"""The declarative base of every store-database row, with stable constraint names."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import ForeignKey, MetaData, Table
from sqlalchemy.orm import DeclarativeBase, Session

# Named constraints let Alembic's batch mode (table copy on SQLite) find and keep them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Rows are storage shapes only; db/mapping.py turns them into domain records and back."""

    metadata = MetaData(naming_convention=NAMING)


MEMBERS_ID = "members.id"
# Column info keys: a reference kept without a foreign key, and whether a member merge
# (db/repos_merge.py) moves it; a merge moves every foreign key to members.id too.
REFERS_TO = "refers_to"
FOLLOWS = "follows_merge"


def refers_to(target: str, *, follows: bool = True,
              json_copy: tuple[str, str] | None = None) -> dict[str, Any]:
    """`info` of a column naming a row of `target` without a constraint (the row may precede
    or outlive it here); `json_copy` is (column, JSON path) of a copy kept in a document."""
    info: dict[str, Any] = {REFERS_TO: target, FOLLOWS: follows}
    if json_copy is not None:
        info["json_copy"] = json_copy
    return info


def deferred_fk(target: str) -> ForeignKey:
    """A foreign key checked at COMMIT, so a transaction may insert children first."""
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


def table_of(row_class: type[Base]) -> Table:
    """The Core table of a row class, for plain INSERT/UPDATE statements on hot paths."""
    return cast(Table, row_class.__table__)


def insert_row(session: Session, row: Base) -> None:
    """INSERT a row object's column values now, without adding it to the ORM session.

    Inserts run at once, in call order, so a duplicate key is reported at the call that made
    it and a big transaction does not make every later flush walk thousands of objects.
    """
    table = table_of(type(row))
    values = {column.key: getattr(row, column.key) for column in table.columns}
    session.execute(table.insert(), values)
