"""Typed reading of a rule-pack TOML table; each mistake names the file, the key and the problem."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from domain.errors import RulePackError

# The reader's methods are named after the types they read (str, int, bool), which hides the
# builtins inside the class body; annotations after those methods use these aliases.
_Str = str
_Int = int
_Bool = bool
E = TypeVar("E", bound=StrEnum)  # a rule-pack option (domain/rulepack.py)


@dataclass(frozen=True, slots=True)
class Table:
    """A TOML table plus where it sits (file and dotted key), for error messages.

    Readers consume keys; `finish()` refuses keys nobody read, so a typo such as
    `dicount = 0.85` is an error rather than a silently ignored rule.
    """

    data: Mapping[str, Any]
    file: str
    path: str = ""
    _seen: set[str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_seen", set())

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, problem: str, **params: Any) -> RulePackError:
        return RulePackError(
            "rulepack.invalid", file=self.file, key=self.key(name), problem=problem, **params
        )

    def has(self, name: str) -> bool:
        return name in self.data

    def _take(self, name: str) -> Any:
        assert self._seen is not None
        self._seen.add(name)
        return self.data[name]

    def _get(self, name: str, default: Any, required: bool) -> Any:
        if name not in self.data:
            if required:
                raise self.fail(name, "missing")
            return default
        return self._take(name)

    def int(self, name: str, default: int | None = None, *, minimum: int | None = None) -> int:
        value = self._get(name, default, default is None)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(name, "not_integer", value=repr(value))
        if minimum is not None and value < minimum:
            raise self.fail(name, "too_small", value=value, minimum=minimum)
        return value

    def decimal(self, name: str, default: str | None = None, *, low: str | None = None,
                high: str | None = None) -> Decimal:
        """A rate written as a TOML string or number ("0.85"); floats are read via str()."""
        value = self._get(name, default, default is None)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise self.fail(name, "not_number", value=repr(value))
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(name, "not_number", value=repr(value)) from None
        if not number.is_finite():  # TOML has nan and inf; a rate of NaN prices nothing
            raise self.fail(name, "not_number", value=repr(value))
        if (low is not None and number < Decimal(low)) or (
            high is not None and number > Decimal(high)
        ):
            raise self.fail(name, "out_of_range", value=str(number), low=low, high=high)
        return number

    def str(self, name: str, default: str | None = None, *,
            choices: tuple[str, ...] | None = None) -> str:
        value = self._get(name, default, default is None)
        if not isinstance(value, str):
            raise self.fail(name, "not_string", value=repr(value))
        if choices is not None and value not in choices:
            raise self.fail(name, "not_one_of", value=value, choices=list(choices))
        return value

    def option(self, name: _Str, kind: type[E], default: E | None = None) -> E:
        """One of an option enum's values (its wire text), as the enum's member."""
        text = self.str(name, None if default is None else default.value,
                        choices=tuple(member.value for member in kind))
        return kind(text)

    def bool(self, name: _Str, default: _Bool | None = None) -> bool:
        value = self._get(name, default, default is None)
        if not isinstance(value, bool):
            raise self.fail(name, "not_boolean", value=repr(value))
        return value

    def date(self, name: _Str, default: date | None = None) -> date | None:
        if name not in self.data:
            return default
        value = self._take(name)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(name, "not_date", value=repr(value))

    def str_list(self, name: _Str, default: tuple[_Str, ...] = ()) -> tuple[_Str, ...]:
        if name not in self.data:
            return default
        value = self._take(name)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "not_string_list", value=repr(value))
        return tuple(value)

    def int_list(self, name: _Str, default: tuple[_Int, ...] = ()) -> tuple[_Int, ...]:
        if name not in self.data:
            return default
        value = self._take(name)
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise self.fail(name, "not_integer_list", value=repr(value))
        return tuple(value)

    def table(self, name: _Str, *, required: _Bool = False) -> Table:
        value = self._get(name, {}, required)
        if not isinstance(value, Mapping):
            raise self.fail(name, "not_table")
        return Table(value, self.file, self.key(name))

    def tables(self, name: _Str, *, required: _Bool = False) -> Iterator[Table]:
        """An array of tables ([[name]]); each item's path carries its index: tiers[2]."""
        value = self._get(name, [], required)
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(name, "not_table_array")
        for i, item in enumerate(value):
            yield Table(item, self.file, f"{self.key(name)}[{i}]")

    def finish(self) -> None:
        """Refuse keys that no reader consumed (typos, rules this version does not know)."""
        assert self._seen is not None
        for name in self.data:
            if name not in self._seen:
                raise self.fail(name, "unknown_key")
