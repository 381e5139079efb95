"""Column types that keep SQLite honest: aware UTC times, ISO dates, exact Decimals, JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# Fixed width with microseconds and an explicit offset, so text order is time order.
_UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


def utc_text(value: datetime) -> str:
    """The stored form of an aware datetime; naive ones are refused, never guessed."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: store aware UTC times only")
    return value.astimezone(UTC).strftime(_UTC_FORMAT)


def parse_utc(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no offset")
    return parsed.astimezone(UTC)


def dump_json(value: Any) -> str:
    """Compact JSON with CJK kept readable; keys sorted so equal values store equal text."""
    return _ENCODER.encode(value)


def _jsonable(value: Any) -> Any:
    """Explanations may carry rates, dates or enums: keep them as text rather than fail a sale."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON: {value!r}")


# One encoder for every call (json.dumps builds a new one each time): the same text, and an
# import encodes hundreds of thousands of events.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                            default=_jsonable)


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
