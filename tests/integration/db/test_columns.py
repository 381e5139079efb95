"""db/columns.py lists every table's columns exactly as the schema (db/rows_*.py) declares
them: the mappers read and write those lists, so a column added to a row class and not to the
list (`python -m db.build_columns`) would never be written."""

from __future__ import annotations

from db.build_columns import render, schema_columns
from db.columns import COLUMNS
from db.rows import BalanceRow, Base, MemberRow
from db.rows_base import columns_of


def test_the_lists_are_the_schemas_columns() -> None:
    assert schema_columns() == COLUMNS
    assert set(COLUMNS) == set(Base.metadata.tables)


def test_columns_a_trigger_fills_are_left_out() -> None:
    assert COLUMNS["members"] == columns_of(MemberRow)
    table = Base.metadata.tables["member_balances"]
    assert COLUMNS["member_balances"] == columns_of(BalanceRow)
    assert "seal" in table.columns and "seal" not in COLUMNS["member_balances"]  # db/seals.py


def test_the_file_is_what_the_script_writes() -> None:
    from pathlib import Path

    import db.columns

    assert Path(db.columns.__file__).read_text(encoding="utf-8") == render(schema_columns())
