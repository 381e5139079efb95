"""A record as JSON-ready data (`to_wire`): what the outbox, held sales and reports store."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

# Exact types returned as they are (a StrEnum is a str but travels by value, below).
_SCALARS = frozenset({str, int, float, bool, type(None)})
# How each type travels, decided at its first value: an import turns hundreds of thousands
# of records, and asking isinstance/is_dataclass of every date and enum anew was a sixth of it.
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def to_wire(value: Any) -> Any:
    """A record as JSON-ready data: enums by value, times ISO-8601, dates ISO."""
    kind = type(value)
    if kind in _SCALARS:
        return value  # most values
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS.setdefault(kind, _converter(value))
    return convert(value)


def _converter(value: Any) -> Callable[[Any], Any]:
    """How values of `value`'s type travel (every test here is on the type, not the value)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _record_converter(tuple(f.name for f in dataclasses.fields(value)))
    if isinstance(value, enum.Enum):
        return _enum_value
    if isinstance(value, (datetime, date, time)):
        return _iso
    if isinstance(value, (list, tuple)):
        return _sequence
    if isinstance(value, dict):
        return _mapping
    if isinstance(value, bytes):
        return _hex
    if hasattr(value, "as_tuple"):  # Decimal rates travel as exact strings
        return str
    return _itself


def _record_converter(names: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    def convert(value: Any) -> dict[str, Any]:
        wired = {}
        for name in names:
            field_value = getattr(value, name)
            wired[name] = (field_value if type(field_value) in _SCALARS
                           else to_wire(field_value))
        return wired
    return convert


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def _iso(value: datetime | date | time) -> str:
    return value.isoformat()


def _sequence(value: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [to_wire(v) for v in value]


def _mapping(value: dict[Any, Any]) -> dict[str, Any]:
    return {str(k): to_wire(v) for k, v in value.items()}


def _hex(value: bytes) -> str:
    return value.hex()


def _itself(value: Any) -> Any:
    return value
