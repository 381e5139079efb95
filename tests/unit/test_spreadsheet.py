"""Export cells a spreadsheet would run as a formula are quoted; numbers stay numbers."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import spreadsheet

NUMBER = re.compile(r"[+\-]?[￥¥]?[0-9][0-9,]*(\.[0-9]+)?%?")  # what may stay unquoted


@pytest.mark.parametrize("text", [
    "=cmd|' /C calc'!A0", "+SUM(1+1)", "@SUM(1)", "-2+3+cmd|' /C calc'!A0",
    "\t=1+1", "\r=1+1", "=1", "-", "-1+1", "+", "@", "  =HYPERLINK(\"http://x\")",
    "＝SUM(1)", "－2+3", "-12.50abc", "-1,2,3+4", "=-12.50",
])
def test_formula_like_text_gets_a_quote(text: str) -> None:
    expected = text if text == "-" else "'" + text
    assert spreadsheet.safe_cell(text) == expected


@pytest.mark.parametrize("text", [
    "-12.50", "+1,200", "-1,000", "-￥12.50", "-¥1,797.00", "￥599.00", "12%", "-3.5%",
    "13800138000", "+8613800138000", "张三", "", "2025-05-06", "a=b", "S001-T01-000001",
])
def test_numbers_and_plain_text_are_left_as_they_are(text: str) -> None:
    assert spreadsheet.safe_cell(text) == text


def test_numbers_as_numbers_and_none_pass_through() -> None:
    assert [spreadsheet.safe_cell(v) for v in (-1250, 3.5, None, True)] == [-1250, 3.5, None,
                                                                             True]


def test_the_writer_quotes_every_cell_of_every_row() -> None:
    out = io.StringIO()
    writer = spreadsheet.writer(out, lineterminator="\n")
    writer.writerow(["=1+1", -5, "-5"])
    writer.writerows([["@x", "ok"], ["+1", None]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["'=1+1", "-5", "-5"], ["'@x", "ok"], ["+1", ""]]


@given(st.text(min_size=1))
def test_no_written_cell_starts_a_formula_unless_it_is_a_plain_number(text: str) -> None:
    cell = spreadsheet.safe_cell(text)
    if cell[:1] in spreadsheet.TRIGGERS and cell != "-":
        assert NUMBER.fullmatch(cell.strip())
    if cell != text:
        assert cell == "'" + text
