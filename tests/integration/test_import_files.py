"""`kaika import members` reads what old systems export, or refuses the file with a code and
exit 2 before the store is touched; never a traceback (issue 11)."""

from __future__ import annotations

import io
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop.cli import main
from desktop.sheets import read_table
from domain.errors import DomainError

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT = "姓名,手机,积分\n张三,13800138000,100\n"


def refused(path: Path) -> str:
    with pytest.raises(DomainError) as caught:
        read_table(path)
    return caught.value.code


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "gbk",
                                      "gb18030"])
def test_text_in_the_encodings_shops_save(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(TEXT.encode(encoding))
    table = read_table(path)
    assert table.header == ("姓名", "手机", "积分")
    assert table.rows == (("张三", "13800138000", "100"),)


def test_latin1_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes("name,mobile\nJosé Müller,13800138000\n".encode("latin-1"))
    assert refused(path) == "import.not_text"


@pytest.mark.parametrize("raw", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
                                 b"name,mobile\n" + b"\x00" * 64, bytes(range(1, 32)) * 20])
def test_binary_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(raw)
    assert refused(path) == "import.not_text"


@pytest.mark.parametrize("size", [2_001, 5 * 1024 * 1024])
def test_huge_field_is_refused_naming_row_and_column(tmp_path: Path, size: int) -> None:
    path = tmp_path / "members.csv"
    path.write_text(f"姓名,手机,备注\n张三,13800138000,{'x' * size}\n", encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        read_table(path)
    assert caught.value.code == "import.field_too_long"
    assert caught.value.params["row"] == 2
    if size < 100_000:
        assert caught.value.params["column"] == "备注"


def test_corrupt_xlsx_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["姓名", "手机"])
    good = io.BytesIO()
    book.save(good)
    broken = tmp_path / "members.xlsx"
    broken.write_bytes(good.getvalue()[:200] + b"\x00" * 300)
    assert refused(broken) == "import.xlsx_unreadable"
    not_a_workbook = tmp_path / "other.xlsx"
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert refused(not_a_workbook) == "import.xlsx_unreadable"


def test_old_xls_is_read(tmp_path: Path) -> None:
    table = read_table(DATA / "members_old.xls")
    assert table.header == ("姓名", "手机", "积分", "储值余额", "入会日期")
    # A mobile typed as a number, a date cell: as the old system's user saw them.
    assert table.rows[0] == ("周六", "13512345678", "1200", "350.5", "2019-05-04")


def test_broken_xls_says_save_as_xlsx_or_csv(tmp_path: Path) -> None:
    path = tmp_path / "members.xls"
    path.write_bytes((DATA / "members_old.xls").read_bytes()[:1500])
    with pytest.raises(DomainError) as caught:
        read_table(path)
    assert caught.value.code == "import.xls_unreadable"
    assert caught.value.params["hint"] == "save it as .xlsx or CSV"


def test_cli_refuses_a_bad_file_with_exit_2_and_touches_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    assert main(["init", "--db", str(db)]) == 0
    before = db.read_bytes()
    path = tmp_path / "members.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)  # a JPEG
    assert main(["import", "members", str(path), "--db", str(db), "--staff", "1"]) == 2
    assert "import.not_text" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_cli_imports_an_old_xls(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.sqlite3"
    assert main(["init", "--db", str(db), "--demo"]) == 0
    monkeypatch.setenv("KAIKA_PIN", "2468")
    shutil.copy(DATA / "members_old.xls", tmp_path / "old.xls")
    assert main(["import", "members", str(tmp_path / "old.xls"), "--db", str(db),
                 "--staff", "2001"]) == 0
    with sqlite3.connect(db) as raw:
        names = {r[0] for r in raw.execute("SELECT name FROM members")}  # 1,200 points, ￥350.50
    assert {"周六", "吴七"} <= names


workbook_bytes: list[bytes] = []


def _xlsx() -> bytes:
    if not workbook_bytes:
        book = Workbook()
        book.active.append(["姓名", "手机", "积分"])
        book.active.append(["张三", "13800138000", 100])
        out = io.BytesIO()
        book.save(out)
        workbook_bytes.append(out.getvalue())
    return workbook_bytes[0]


@st.composite
def mutated_file(draw: st.DrawFn) -> bytes:
    base = draw(st.sampled_from(["csv", "xlsx", "xls", "random"]))
    if base == "random":
        return draw(st.binary(max_size=400))
    data = bytearray({"csv": TEXT.encode("gbk"), "xlsx": _xlsx(),
                      "xls": (DATA / "members_old.xls").read_bytes()}[base])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        if not data:
            break
    return bytes(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated_file())
def test_mutated_files_are_read_or_refused_with_a_code(
        raw: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "members.dat"
    path.write_bytes(raw)
    try:
        table = read_table(path)
    except DomainError as err:
        assert err.code.startswith(("import.", "input."))
    else:
        assert all(isinstance(cell, str) for row in table.rows for cell in row)
