"""The devices file (TOML or JSON) checked before any device is built: every problem named.

Each problem is `role.key: code` with what is allowed (`printer.width: not_one_of:58|80`), all
of them at once, as a `DeviceError("device.file_invalid", file, problems)`.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from hardware.errors import DeviceError

Check = Callable[[Any], str | None]  # None when the value is fine, else a problem code
MAX_BYTES = 1024 * 1024


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and len(value) <= 1000 else "not_string"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "not_boolean"


def _whole(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return "not_integer"
        return None if low <= value <= high else f"out_of_range:{low}..{high}"
    return check


def _seconds(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "not_number"
    return None if math.isfinite(value) and 0 < value <= 600 else "out_of_range:0<s<=600"


def _one_of(*choices: Any) -> Check:
    return lambda v: None if v in choices else "not_one_of:" + "|".join(map(str, choices))


def _brands(value: Any) -> str | None:
    items = value.split(",") if isinstance(value, str) else value
    ok = isinstance(items, list) and all(
        isinstance(b, str) and b.strip().isdigit() and len(b.strip()) == 2 for b in items)
    return None if ok else "not_two_digit_brands"


def _layouts(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, Mapping) for v in value)
    return None if ok else "not_table_array"


SCHEMA: dict[str, dict[str, Check]] = {
    "printer": {"url": _text, "width": _one_of(58, 80), "columns": _whole(24, 64),
                "encoding": _one_of("gb18030", "gbk"), "native_qr": _flag,
                "native_barcode": _flag, "chinese_font": _flag, "font_path": _text,
                "timeout": _seconds, "status": _flag},
    "drawer": {"pin": _one_of(2, 5), "on_ms": _whole(2, 510), "off_ms": _whole(2, 510)},
    "scanner": {"url": _text, "max_gap_ms": _whole(1, 1000), "min_length": _whole(1, 100),
                "prefix": _text, "suffix": _text, "weighed": _layouts},
    "card_reader": {"url": _text, "brands": _brands, "lrc": _one_of("auto", "yes", "no"),
                    "max_gap_ms": _whole(1, 1000), "min_length": _whole(1, 100),
                    "prefix": _text, "suffix": _text},
    "encoder": {"url": _text, "swipe_timeout": _seconds, "reply_timeout": _seconds,
                "coercivity": _one_of("hi", "lo")},
    "display": {"url": _text, "protocol": _one_of("cd5220", "epson"),
                "encoding": _one_of("ascii", "gb18030", "gbk"), "columns": _whole(8, 40)},
    "camera": {"url": _text, "weighed": _layouts},
}


def problems_of(data: Any) -> list[str]:
    """Every problem of a decoded devices file as `role.key: code`."""
    if not isinstance(data, Mapping):
        return ["$: not_table"]
    found: list[str] = []
    for role, table in data.items():
        if role not in SCHEMA:
            found.append(f"{role}: unknown_role:{'|'.join(SCHEMA)}")
        elif not isinstance(table, Mapping):
            found.append(f"{role}: not_table")
        else:
            found += _table_problems(role, table)
    return found


def _table_problems(role: str, table: Mapping[str, Any]) -> list[str]:
    known = SCHEMA[role]
    found = []
    for key, value in table.items():
        check = known.get(key)
        problem = f"unknown_key:{'|'.join(known)}" if check is None else check(value)
        if problem:
            found.append(f"{role}.{key}: {problem}")
    if "url" in known and role != "drawer" and "url" not in table:
        found.append(f"{role}.url: missing")
    return found


def read_devices(path: Path) -> dict[str, Any]:
    """The file decoded and checked; DeviceError("device.file_invalid") names each problem."""
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            raise _invalid(path, ["$: too_large"])
        text = raw.decode("utf-8-sig")
        data = (json.loads(text, parse_constant=_no_constant) if path.suffix == ".json"
                else tomllib.loads(text))
    except DeviceError:
        raise
    except OSError as err:
        raise _invalid(path, [f"$: unreadable ({err.strerror})"]) from None
    except UnicodeDecodeError:
        raise _invalid(path, ["$: not_utf8"]) from None
    except (ValueError, RecursionError) as err:  # JSON, TOML, NaN, nesting
        raise _invalid(path, [f"$: syntax ({str(err)[:200]})"]) from None
    found = problems_of(data)
    if found:
        raise _invalid(path, found)
    return dict(data)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _invalid(path: Path, problems: list[str]) -> DeviceError:
    return DeviceError("device.file_invalid", file=str(path), problems=problems)
