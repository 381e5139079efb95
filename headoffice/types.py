"""Column types that read the same on PostgreSQL and on the embedded SQLite head office."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from db.types import parse_utc, utc_text

# JSONB on PostgreSQL (indexable, compact); JSON text on SQLite.
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


class UtcTime(TypeDecorator[datetime]):
    """An aware UTC time: `timestamptz` on PostgreSQL, fixed-width ISO text on SQLite (so text
    order is time order). Naive datetimes are refused, never guessed."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(32))
        return dialect.type_descriptor(sa.DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return utc_text(value)
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store aware UTC times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            return parse_utc(value)
        assert isinstance(value, datetime)
        return value.astimezone(UTC)
