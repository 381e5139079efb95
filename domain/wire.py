"""A record as JSON-ready data (`to_wire`): what the outbox, held sales and reports store."""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, datetime, time
from typing import Any

# Exact types returned as they are (a StrEnum is a str but travels by value, below).
_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per record class, looked up once


def to_wire(value: Any) -> Any:
    """A record as JSON-ready data: enums by value, times ISO-8601, dates ISO."""
    kind = type(value)
    if kind in _SCALARS:
        return value  # most values; an import turns hundreds of thousands of records
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.setdefault(kind, tuple(f.name for f in dataclasses.fields(value)))
    if names is not None:
        wired = {}
        for name in names:
            field_value = getattr(value, name)
            wired[name] = (field_value if type(field_value) in _SCALARS
                           else to_wire(field_value))
        return wired
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_wire(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "as_tuple"):  # Decimal rates travel as exact strings
        return str(value)
    return value
