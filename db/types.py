"""Column types that keep SQLite honest: aware UTC times, ISO dates, exact Decimals, JSON."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from db.texts import dump_json, parse_utc, utc_text

__all__ = ["ClockTime", "DecimalText", "IsoDate", "JsonText", "UtcDateTime", "dump_json",
           "parse_utc", "utc_text"]


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as ISO-8601 UTC text; it always comes back aware UTC."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc(value)


class IsoDate(TypeDecorator[date]):
    """A calendar or business date stored as YYYY-MM-DD."""

    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: date | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            raise ValueError(f"{value!r} is a datetime, not a date")
        return value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> date | None:
        return None if value is None else date.fromisoformat(value)


class ClockTime(TypeDecorator[time]):
    """A wall-clock time of day (the store's day-close hour) stored as HH:MM:SS."""

    impl = String(8)
    cache_ok = True

    def process_bind_param(self, value: time | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat(timespec="seconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> time | None:
        return None if value is None else time.fromisoformat(value)


class DecimalText(TypeDecorator[Decimal]):
    """A rate stored as its exact decimal text ("0.85"); SQLite has no decimal type."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"rates are Decimal, got {type(value).__name__}")
        return str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class JsonText(TypeDecorator[Any]):
    """JSON stored as text; values that are not plain JSON are refused at write time."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else dump_json(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)
