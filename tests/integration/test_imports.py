"""Importing members from an old system into a real store database, and exporting segments."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from db.engine import BULK_CACHE_KIB, DEFAULT_AUTOCHECKPOINT, DEFAULT_CACHE
from db.repos_driver import driver
from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from desktop.sheets import read_table
from domain import importing
from domain.errors import DomainError
from domain.import_jobs import MemberBatch
from domain.services import imports
from domain.services.members import find_by_mobile, register
from tests.staffing import desk, manager

GOOD_ID = "11010519491231002X"
FILE = (
    "姓名,手机,身份证号,积分,储值余额,赠送余额,卡号\n"
    f"陈一,13500135000,{GOOD_ID},1200,500.00,25,1304401000125\n"  # row 2: good
    "钱二,1350013500,,100,,,\n"                                    # row 3: bad mobile
    f"孙三,13500135001,{GOOD_ID[:-1]}5,100,,,\n"                   # row 4: bad ID check char
    "李四,13900139000,,100,,,\n"                                   # row 5: mobile in database
    "周五,13500135002,,1.5,,,\n"                                   # row 6: malformed points
    "吴六,13500135003,,80,,,\n"                                    # row 7: same mobile as 8
    "郑七,13500135003,,90,,,\n"                                    # row 8
    "王八,13500135004,,,88.8,,\n"                                  # row 9: good
)


def member_count(app: App) -> int:
    with sqlite3.connect(app.store.path) as raw:
        return int(raw.execute("SELECT count(*) FROM members").fetchone()[0])


@pytest.fixture
def table(app: App) -> importing.Table:
    load_demo(app.ctx)  # 李四 13900139000 is already a member
    return importing.parse_csv(FILE.encode("utf-8"))


def test_a_dry_run_lists_every_bad_row_and_imports_nothing(app: App,
                                                           table: importing.Table) -> None:
    before = member_count(app)
    checked = imports.dry_run(app.ctx, table, {})
    assert [(e.row, e.column, e.code) for e in checked.errors] == [
        (3, "手机", "form.mobile_invalid"),
        (4, "身份证号", "form.id_number_checksum"),
        (5, "手机", "import.mobile_exists"),
        (6, "积分", "import.points_invalid"),
        (7, "手机", "import.mobile_duplicate_in_file"),
        (8, "手机", "import.mobile_duplicate_in_file")]
    assert [r.row for r in checked.rows] == [2, 9]
    assert member_count(app) == before


def test_the_import_takes_the_good_rows_with_their_balances(app: App,
                                                           table: importing.Table) -> None:
    done = imports.import_members(app.ctx, table, {}, manager(app.ctx))
    assert (len(done.member_ids), done.points, done.wallet_fen, done.wallet_bonus_fen) == (
        2, 1200, 50000 + 8880, 2500)
    chen = find_by_mobile(app.ctx, "13500135000")
    assert (chen.balances.points, chen.balances.wallet_principal_fen,
            chen.balances.wallet_bonus_fen) == (1200, 50000, 2500)
    assert chen.card is not None and chen.card.number == "1304401000125"
    assert chen.member.id_number == GOOD_ID and chen.member.birth_month == 12
    assert chen.expiring == ()  # opening points last to the end of next year
    with app.store.reader() as uow:
        (lot,) = uow.points.lots(chen.member.id)
    assert (lot.expires_on, lot.source) == (date(2026, 12, 31), "import")
    assert verify(app.store) == []
    again = imports.dry_run(app.ctx, table, {})  # a second run finds them all taken
    assert {e.code for e in again.errors if e.row in (2, 9)} == {"import.mobile_exists",
                                                                 "import.card_exists"}


def failing_batch(monkeypatch: pytest.MonkeyPatch, at_call: int) -> None:
    """The `at_call`-th batch fails while it writes (the disk is full, say)."""
    calls: list[int] = []
    original = imports.build_part

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == at_call:
            raise DomainError("store.write_failed")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(imports, "build_part", failing)


def test_a_failed_batch_leaves_nothing_of_itself(app: App, table: importing.Table,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = member_count(app)
    failing_batch(monkeypatch, 1)
    with pytest.raises(DomainError):
        imports.import_members(app.ctx, table, {}, manager(app.ctx))
    assert member_count(app) == before
    assert verify(app.store) == []


def test_the_same_file_again_continues_after_the_last_committed_batch(
        app: App, table: importing.Table, monkeypatch: pytest.MonkeyPatch) -> None:
    before = member_count(app)
    with monkeypatch.context() as patch:
        failing_batch(patch, 2)  # row 2 is committed on its own, row 9 is not
        with pytest.raises(DomainError):
            imports.import_members(app.ctx, table, {}, manager(app.ctx), batch_rows=1)
    assert member_count(app) == before + 1
    assert verify(app.store) == []
    done = imports.import_members(app.ctx, table, {}, manager(app.ctx), batch_rows=1)
    assert (done.earlier, len(done.member_ids), done.wallet_fen) == (1, 1, 8880)
    assert member_count(app) == before + 2
    assert find_by_mobile(app.ctx, "13500135004").balances.wallet_principal_fen == 8880
    assert verify(app.store) == []
    again = imports.import_members(app.ctx, table, {}, manager(app.ctx))  # finished: all taken
    assert (again.earlier, again.member_ids) == (0, ())
    assert member_count(app) == before + 2


def test_an_xlsx_sheet_reads_like_the_csv(tmp_path: Path, app: App) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["会员姓名", "手机号码", "生日", "积分"])
    sheet.append(["冯九", 13500135009, date(1990, 3, 8), 300.0])
    book.save(tmp_path / "old.xlsx")
    table = read_table(tmp_path / "old.xlsx")
    assert table.rows == (("冯九", "13500135009", "1990-03-08", "300"),)
    done = imports.import_members(app.ctx, table, {}, manager(app.ctx))
    assert len(done.member_ids) == 1 and done.points == 300


def test_export_a_segment_for_messaging(app: App) -> None:
    load_demo(app.ctx)  # 张三 consented to marketing; none of the three bought anything
    text, count = imports.export_segment(app.ctx, "never", manager(app.ctx))
    assert count == 1
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == ",".join(imports.EXPORT_HEADER)
    assert lines[1].startswith("张三,13800138000,13") and lines[1].endswith(",03-08,1")
    everyone, count_all = imports.export_segment(app.ctx, "never", manager(app.ctx),
                                                  consented_only=False)
    assert count_all == 3 and len(everyone.splitlines()) == 4


class SignUpBetweenBatches:
    """A progress that, after the first batch, has the desk sign up row 9's mobile."""

    def __init__(self, app: App) -> None:
        self.app = app

    def step(self, done: int, total: int | None, label: str = "") -> None:
        if done == 1:
            register(self.app.ctx, {"name": "前台", "mobile": "13500135004",
                                    "privacy_accepted": True}, desk(self.app.ctx))

    def cancelled(self) -> bool:
        return False


def test_a_member_signed_up_at_the_desk_meanwhile_is_not_made_twice(
        app: App, table: importing.Table) -> None:
    done = imports.import_members(app.ctx, table, {}, manager(app.ctx), batch_rows=1,
                                  progress=SignUpBetweenBatches(app))
    assert len(done.member_ids) == 1 and done.wallet_fen == 50000  # row 9 was left out
    assert (9, "import.mobile_exists") in {(e.row, e.code) for e in done.checked.errors}
    assert find_by_mobile(app.ctx, "13500135004").member.name == "前台"
    assert verify(app.store) == []


def test_without_leave_bad_rows_out_a_row_taken_meanwhile_stops_the_import(
        app: App) -> None:
    load_demo(app.ctx)
    good = importing.parse_csv("姓名,手机\n陈一,13500135000\n王八,13500135004\n".encode())
    with pytest.raises(imports.BadRows) as bad:
        imports.import_members(app.ctx, good, {}, manager(app.ctx), batch_rows=1,
                               leave_bad_rows_out=False, progress=SignUpBetweenBatches(app))
    assert bad.value.checked.bad_rows == (3,)
    assert find_by_mobile(app.ctx, "13500135000").member.name == "陈一"  # batch 1 stays
    again = imports.import_members(app.ctx, good, {}, manager(app.ctx),
                                   leave_bad_rows_out=True)
    assert (again.earlier, again.member_ids) == (1, ())  # continues; row 3 is taken



def _autocheckpoint(raw: sqlite3.Connection) -> int:
    return int(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def _cache(raw: sqlite3.Connection) -> tuple[int, int]:
    return (raw.execute("PRAGMA cache_size").fetchone()[0],
            raw.execute("PRAGMA mmap_size").fetchone()[0])


def test_a_batch_writes_with_a_big_cache_and_gives_the_pool_back_the_small_one(
        app: App) -> None:
    """An import batch spills no dirty pages through SQLite's 2 MB default cache and does not
    copy the log back at its commit (the import does, between batches); the till's next
    transaction on the same pooled connection has both as they were."""
    with app.store.uow() as uow:
        batch_connection = driver(uow.session)
        assert _cache(batch_connection) == (DEFAULT_CACHE, 0)
        uow.imports.add_members(MemberBatch())
        assert _cache(batch_connection)[0] == -BULK_CACHE_KIB
        assert _cache(batch_connection)[1] > 0  # mapped (as far as SQLite was built to)
        assert _autocheckpoint(batch_connection) == 0
        uow.commit()
    with app.store.uow() as uow:
        assert driver(uow.session) is batch_connection
        assert _cache(batch_connection) == (DEFAULT_CACHE, 0)
        assert _autocheckpoint(batch_connection) == DEFAULT_AUTOCHECKPOINT
