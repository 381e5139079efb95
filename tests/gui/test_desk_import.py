"""The manager's import and export page: a dry run that names every bad row, then the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget

from desktop.bootstrap import App
from desktop.screens.desk.importer import ImportPage
from desktop.screens.main_window import MainWindow
from domain.errors import DomainError
from domain.services.members import find_by_mobile
from tests.gui.conftest import Cashier, tasks_done

HEADER = "姓名,手机,身份证,生日,积分,储值余额,赠送余额"
GOOD = [
    "赵一,13811112222,11010519491231002X,1949-12-31,500,100.00,10.00",
    "吴六,13811115555,,,1200,0,0",
]
BAD = [
    "钱二,1381111,,,100,0,0",  # row 4: a mobile two digits short
    "孙三,13811113333,110105194912310021,,0,0,0",  # row 5: wrong ID check character
    "郑七,13811116666,,,0,0,0",  # rows 6 and 7: the same mobile twice in the file
    "王八,13811116666,,,0,0,0",
    "冯九,13800138000,,,0,0,0",  # row 8: 张三 of the demo store has this mobile
    "陈十,13811117777,,,10,-5.00,0",  # row 9: a negative balance
]


def write_csv(folder: Path, lines: list[str]) -> Path:
    path = folder / "old_system.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def open_import(keys: Cashier, number: str = "2001", pin: str = "2468") -> ImportPage:
    keys.window.login.number.setFocus()
    keys.type(number)
    keys.type(pin)
    keys.no_dialog()
    office = keys.window.office
    assert office is not None and keys.window.stack.currentWidget() is office
    page = office.open("desk_import")
    assert isinstance(page, ImportPage)
    return page


def problems(table: QTableWidget) -> list[tuple[int, str, str]]:
    return [(int(table.item(r, 0).text()), table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())]


def test_dry_run_lists_every_bad_row_then_imports_only_the_good_ones(
        window: MainWindow, cashier_keys: Cashier, store: App, tmp_path: Path) -> None:
    page = open_import(cashier_keys)
    page.choose_file(write_csv(tmp_path, GOOD + BAD))
    tasks_done(cashier_keys.qtbot, window)  # read on the task runner
    assert page.combos["mobile"].currentData() == "手机"  # recognised from the header
    assert page.combos["wallet_bonus"].currentData() == "赠送余额"
    preview = cashier_keys.child("import_preview", page)
    assert preview.item(0, 0).text() == "2" and preview.item(0, 1).text() == "赵一"

    cashier_keys.child("import_dry_run", page).click()

    tasks_done(cashier_keys.qtbot, window)
    table = cashier_keys.child("import_problems", page)
    assert problems(table) == [
        (4, "手机", "Mobile"), (5, "身份证", "ID number"), (6, "手机", "Mobile"),
        (7, "手机", "Mobile"), (8, "手机", "Mobile"), (9, "储值余额", "Stored value (principal)")]
    reasons = [table.item(r, 3).text() for r in range(table.rowCount())]
    assert "row 7" in reasons[2] and "row 6" in reasons[3]
    assert "already in the store" in reasons[4] and "“-5.00”" in reasons[5]
    run = cashier_keys.child("import_run", page)
    assert not run.isEnabled()  # bad rows: the manager must choose to leave them out
    assert "2 rows are good and 6 rows are bad" in cashier_keys.child(
        "import_message", page).text()

    cashier_keys.child("import_skip_bad", page).setChecked(True)
    assert run.isEnabled()
    run.click()
    tasks_done(cashier_keys.qtbot, window)  # imported on the task runner
    zhao = find_by_mobile(store.ctx, "13811112222")
    assert zhao.balances.points == 500
    assert (zhao.balances.wallet_principal_fen, zhao.balances.wallet_bonus_fen) == (10000, 1000)
    assert find_by_mobile(store.ctx, "13811115555").balances.points == 1200
    with pytest.raises(DomainError):
        find_by_mobile(store.ctx, "13811117777")  # a bad row wrote nothing
    assert "Imported 2 members with 1,700 points" in cashier_keys.child(
        "import_message", page).text()
    assert not run.isEnabled()  # the same file is not offered twice without a new dry run


def test_a_changed_mapping_needs_a_new_dry_run(
        window: MainWindow, cashier_keys: Cashier, tmp_path: Path) -> None:
    page = open_import(cashier_keys)
    page.choose_file(write_csv(tmp_path, GOOD))
    tasks_done(cashier_keys.qtbot, window)  # read on the task runner
    cashier_keys.child("import_dry_run", page).click()
    tasks_done(cashier_keys.qtbot, window)
    run = cashier_keys.child("import_run", page)
    assert run.isEnabled() and cashier_keys.child("import_problems", page).rowCount() == 0
    page.combos["points"].setCurrentIndex(0)  # "(not in the file)"
    assert not run.isEnabled()


def test_an_xlsx_export_imports_with_its_numbers_as_typed(
        window: MainWindow, cashier_keys: Cashier, store: App, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["会员姓名", "手机号码", "可用积分", "储值本金"])
    sheet.append(["褚十一", 13822223333, 880, 66.5])  # Excel keeps numbers, not text
    path = tmp_path / "old.xlsx"
    book.save(path)
    page = open_import(cashier_keys)
    page.choose_file(path)
    tasks_done(cashier_keys.qtbot, window)  # read on the task runner
    cashier_keys.child("import_dry_run", page).click()
    tasks_done(cashier_keys.qtbot, window)
    cashier_keys.child("import_run", page).click()
    tasks_done(cashier_keys.qtbot, window)
    chu = find_by_mobile(store.ctx, "13822223333")
    assert chu.member.name == "褚十一"
    assert (chu.balances.points, chu.balances.wallet_principal_fen) == (880, 6650)


def test_an_unreadable_file_is_refused_by_name(
        window: MainWindow, cashier_keys: Cashier, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a spreadsheet")
    page = open_import(cashier_keys)
    page.choose_file(path)
    tasks_done(cashier_keys.qtbot, window)  # read on the task runner
    message = cashier_keys.child("import_message", page).text()
    assert message.startswith("The XLSX file is damaged and cannot be read")
    assert not cashier_keys.child("import_dry_run", page).isEnabled()


def test_a_segment_is_exported_with_consent_only(
        window: MainWindow, cashier_keys: Cashier, tmp_path: Path) -> None:
    page = open_import(cashier_keys)
    page.segment.setCurrentIndex(page.segment.findData("never"))
    assert page.export_segment(tmp_path / "never.csv")
    tasks_done(cashier_keys.qtbot, window)  # written on the task runner
    text = (tmp_path / "never.csv").read_text(encoding="utf-8-sig")
    assert cashier_keys.child("import_message", page).text().startswith("1 members written")
    assert "13800138000" in text  # 张三 agreed to marketing; 李四, 王五 did not
    assert "13900139000" not in text


def test_the_front_desk_does_not_see_the_import(
        window: MainWindow, cashier_keys: Cashier) -> None:
    with pytest.raises(DomainError) as refused:
        open_import(cashier_keys, "3001", "3579")
    assert refused.value.code == "staff.not_allowed"
