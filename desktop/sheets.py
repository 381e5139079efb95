"""Reading the member list an old system exported: CSV text, XLSX, or an old Excel `.xls`.

The kind is told by the file's first bytes, not its name (a `.xls` renamed `.xlsx` is still
read). Every failure is a Kaika error with a code — `import.xlsx_unreadable`,
`import.xls_unreadable`, `import.not_text`, ... — never a parser's exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from domain import importing
from domain.errors import ValidationError
from domain.importing import Table
from domain.inputs import read_bytes

ZIP_MAGIC = b"PK\x03\x04"  # XLSX is a zip
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel (BIFF in OLE2)
MAX_ROWS = 200_000


def read_table(path: Path) -> Table:
    """A CSV, XLSX or XLS sheet as text cells; a workbook's first sheet is read."""
    if not path.exists():
        raise ValidationError("import.file_missing", field="file", path=str(path))
    data = read_bytes(path)
    if data.startswith(ZIP_MAGIC):
        return importing.table_of(_xlsx_lines(path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):  # named a workbook, but not a zip at all
        raise ValidationError("import.xlsx_unreadable", field="file", reason="not a zip")
    if data.startswith(OLE_MAGIC):
        return importing.table_of(_xls_lines(data))
    return importing.parse_csv(data)


def _xlsx_lines(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise ValidationError("import.empty", field="file")
            rows = book.worksheets[0].iter_rows(values_only=True)
            return _bounded([_cell(v) for v in row] for row in rows)
        finally:
            book.close()
    except ValidationError:
        raise
    except Exception as err:  # openpyxl raises whatever its zip and XML readers meet
        raise ValidationError("import.xlsx_unreadable", field="file",
                              reason=type(err).__name__) from None


def _xls_lines(data: bytes) -> list[list[str]]:
    """An old `.xls` through xlrd: numbers as typed, dates as YYYY-MM-DD."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheet = book.sheet_by_index(0)
        return _bounded([_xls_cell(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)]
                        for r in range(sheet.nrows))
    except ValidationError:
        raise
    except Exception as err:  # xlrd's own errors, and struct/index errors on broken files
        raise ValidationError("import.xls_unreadable", field="file", reason=type(err).__name__,
                              hint="save it as .xlsx or CSV") from None


def _xls_cell(cell: Any, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return _cell(xlrd.xldate_as_datetime(cell.value, datemode))
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "1" if cell.value else "0"
    return _cell(cell.value)


def _bounded(rows: Iterable[list[str]]) -> list[list[str]]:
    lines: list[list[str]] = []
    for row in rows:
        if len(lines) >= MAX_ROWS:
            raise ValidationError("import.too_many_rows", field="file", max=MAX_ROWS)
        lines.append(row)
    return lines


def _cell(value: object) -> str:
    """Spreadsheet values as an old system's user typed them: 13800138000, not 1.38e10."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
