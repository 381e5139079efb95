"""Cells of CSV exports made safe to open in a spreadsheet: no formula runs from our data.

Excel, WPS and LibreOffice take a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return before one) for a formula, so a member named `=cmd|' /C calc'!A0` would run
a command on the manager's PC. As OWASP recommends ("CSV Injection"), such a cell is written
with a `'` in front: the spreadsheet shows the text and runs nothing. The full-width forms a
Chinese input method types (`＝＋－＠`) are treated the same.

A number stays a number: a cell that is only a sign, an optional currency sign, digits (with
thousands commas), an optional decimal part and an optional `%` — `-12.50`, `+1,200`,
`-￥12.50` — cannot call anything, so it is written as it is and a money column of refunds
still adds up. A lone `-` (our placeholder for "none") is not a formula either.
Every export writes through `writer` (or `safe_cell` for one value).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
_NUMBER = re.compile(r"[+\-]?[￥¥]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?%?")
_PLAIN = frozenset({"-"})


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula (leading spaces ignored)."""
    first = text.lstrip(" \n")[:1]
    return first in TRIGGERS and text not in _PLAIN and not _NUMBER.fullmatch(text.strip())


def safe_cell(value: Any) -> Any:
    """`value` as the cell to write: numbers as they are, formula-like text quoted with `'`."""
    if value is None or isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if is_formula(text) else text


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


class _Out(Protocol):
    def write(self, text: str, /) -> Any: ...


class SafeWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""

    def __init__(self, out: _Out, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: _Out, **options: Any) -> SafeWriter:
    """A CSV writer for exports (options as `csv.writer`'s, e.g. lineterminator)."""
    return SafeWriter(out, **options)
