"""Value conversions between records and plain sqlite3 rows, the ones db/types.py does for
SQLAlchemy: ISO dates, UTC times as fixed-width text, exact decimals, sorted JSON, 0/1."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from db.types import dump_json, parse_utc, utc_text

__all__ = ["day", "day_of", "decimal_of", "dump_json", "iso", "json_of", "parse_utc",
           "rate_text", "time_of", "utc", "utc_text", "wall_clock"]


def iso(value: date | None) -> str | None:
    """A date as YYYY-MM-DD; a datetime is refused, never cut short (db.types.IsoDate)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        raise ValueError(f"{value!r} is a datetime, not a date")
    return value.isoformat()


def rate_text(rate: Decimal | None) -> str | None:
    """A rate as its exact decimal text; anything but a Decimal is refused (DecimalText)."""
    if rate is None:
        return None
    if not isinstance(rate, Decimal):
        raise TypeError(f"rates are Decimal, got {type(rate).__name__}")
    return str(rate)


def utc(at: datetime | None) -> str | None:
    return None if at is None else utc_text(at)


def day(text: str) -> date:
    return date.fromisoformat(text)


def day_of(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def time_of(text: str | None) -> datetime | None:
    return None if text is None else parse_utc(text)


def decimal_of(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def json_of(text: str) -> Any:
    return json.loads(text)


def wall_clock(value: time) -> str:
    """A time of day as HH:MM:SS (db.types.ClockTime)."""
    return value.isoformat(timespec="seconds")
