"""The declarative base of every store-database row, with stable constraint names."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import ForeignKey, MetaData, Table
from sqlalchemy.orm import DeclarativeBase

# Named constraints let Alembic's batch mode (table copy on SQLite) find and keep them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Rows are storage shapes only; db/mapping_*.py turn named rows into records and back."""

    metadata = MetaData(naming_convention=NAMING)


MEMBERS_ID = "members.id"
# Column info keys: a reference kept without a foreign key, and whether a member merge
# (db/repos_merge.py) moves it; a merge moves every foreign key to members.id too.
REFERS_TO = "refers_to"
FOLLOWS = "follows_merge"


# Column info of a value the database writes itself (a trigger's seal): no mapper writes it.
BY_TRIGGER: dict[str, Any] = {"by_trigger": True}


def columns_of(row_class: type[Base]) -> tuple[str, ...]:
    """The columns a mapper reads and writes, in the schema's order: every column of the
    table but those a trigger fills. The schema is the one place that names them."""
    return tuple(c.name for c in table_of(row_class).columns if not c.info.get("by_trigger"))


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
    """The Core table of a row class (its columns are what the mappers read and write)."""
    return cast(Table, row_class.__table__)
