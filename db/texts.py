"""The stored text of times and JSON (standard library only, so plain sqlite3 readers that
must start fast share it with the ORM's column types in db/types.py)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

# Fixed width with microseconds and an explicit offset, so text order is time order.
_UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


def utc_text(value: datetime) -> str:
    """The stored form of an aware datetime; naive ones are refused, never guessed."""
    global _last_utc
    last = _last_utc  # one tuple, swapped whole: another thread sees an old pair or a new one
    if last[0] is value:  # an import batch stamps every row with the one `now`
        return last[1]
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: store aware UTC times only")
    text = value.astimezone(UTC).strftime(_UTC_FORMAT)
    _last_utc = (value, text)
    return text


# The last time written and its text (datetimes are immutable, so the same object always has
# the same text): formatting is most of what storing a time costs.
_last_utc: tuple[datetime | None, str] = (None, "")


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


# One encoder for every call: json.dumps with options builds a new one each time, a third of
# the cost of a small event (the day close encodes one per member whose points lapse).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                            default=_jsonable)
