"""The benchmark generator makes a sound store at a tiny scale, the same one for the same seed."""

from __future__ import annotations

import importlib
import re
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from types import SimpleNamespace

import pytest

from db.pinyin import pinyin_initials
from db.store import StoreDb
from db.types import parse_utc
from db.verify import verify
from desktop.bootstrap import open_app
from domain.cards import parse_card_number
from domain.clock import BusinessDay
from domain.services.members import find_by_card

ROOT = Path(__file__).resolve().parents[2]
MEMBERS, SKUS, LEDGER, SEED = 500, 200, 2000, 3


@pytest.fixture(scope="module")
def bench() -> Iterator[SimpleNamespace]:
    """bench/ sits beside the installed packages, not in them: import it from the checkout."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield SimpleNamespace(generate=importlib.import_module("bench.generate"),
                              run=importlib.import_module("bench.run"))


@pytest.fixture(scope="module")
def store_path(bench: SimpleNamespace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "store.sqlite3"
    bench.generate.generate(path, bench.generate.Scale(MEMBERS, SKUS, LEDGER, SEED))
    return path


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_store_passes_verify_with_the_counts_asked_for(
        bench: SimpleNamespace, store_path: Path) -> None:
    counts = bench.generate.counts(store_path)
    assert (counts["members"], counts["cards"], counts["member_balances"]) == (500, 500, 500)
    assert counts["products"] == 200
    assert counts["points_ledger"] + counts["wallet_ledger"] == 2000
    assert counts["wallet_ledger"] > 0 and counts["points_lots"] > 0
    with StoreDb.open(store_path, create=False) as store:
        assert verify(store) == []


def test_a_generated_card_finds_its_member_and_the_balances_of_its_ledgers(
        store_path: Path) -> None:
    [(number, member_id, points, principal, bonus)] = _rows(store_path, """
        SELECT c.number, c.member_id,
               (SELECT COALESCE(SUM(points), 0) FROM points_ledger p WHERE p.member_id = m.id),
               (SELECT COALESCE(SUM(principal_fen), 0) FROM wallet_ledger w
                 WHERE w.member_id = m.id),
               (SELECT COALESCE(SUM(bonus_fen), 0) FROM wallet_ledger w WHERE w.member_id = m.id)
        FROM cards c JOIN members m ON m.id = c.member_id
        WHERE m.id IN (SELECT member_id FROM wallet_ledger) ORDER BY c.number LIMIT 1""")
    app = open_app(store_path)
    try:
        view = find_by_card(app.ctx, str(number))
    finally:
        app.close()
    assert view.member.id == member_id
    assert (view.balances.points, view.balances.wallet_principal_fen,
            view.balances.wallet_bonus_fen) == (points, principal, bonus)
    assert principal > 0  # the member was picked for having topped up


def test_members_have_chinese_names_unique_mobiles_and_luhn_cards(store_path: Path) -> None:
    members = _rows(store_path, "SELECT name, mobile FROM members")
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", str(name)) for name, _ in members)
    mobiles = [str(mobile) for _, mobile in members]
    assert all(re.fullmatch(r"1[3-9][0-9]{9}", m) for m in mobiles)
    assert len(set(mobiles)) == len(mobiles)
    numbers = [str(n) for (n,) in _rows(store_path, "SELECT number FROM cards")]
    assert [parse_card_number(n).number for n in numbers] == numbers  # 13 digits, Luhn


def test_pinyin_initials_are_what_the_catalogue_computes(store_path: Path) -> None:
    products = _rows(store_path, "SELECT name, pinyin_initials FROM products")
    assert [initials for _, initials in products] == [
        pinyin_initials(str(name)) for name, _ in products]


def test_ledger_dates_follow_the_store_calendar_and_lots_the_pack_expiry(
        store_path: Path) -> None:
    [(tz, day_close)] = _rows(store_path, "SELECT tz, day_close FROM store_settings")
    calendar = BusinessDay(str(tz), time.fromisoformat(str(day_close)))
    for at, business_date in _rows(store_path, "SELECT at, business_date FROM points_ledger"):
        assert calendar.date_of(parse_utc(str(at))).isoformat() == business_date
    for earned_on, expires_on in _rows(store_path,
                                       "SELECT earned_on, expires_on FROM points_lots"):
        assert expires_on == f"{date.fromisoformat(str(earned_on)).year + 1}-12-31"


def test_the_same_seed_makes_the_same_store(bench: SimpleNamespace, store_path: Path,
                                            tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite3"
    bench.generate.generate(again, bench.generate.Scale(MEMBERS, SKUS, LEDGER, SEED))
    # Staff ids are made fresh by Kaika (as in any new store), so ledgers are compared
    # without the cashier's id; seals without themselves (each store has its own key).
    for sql in ("SELECT * FROM members ORDER BY id", "SELECT * FROM cards ORDER BY number",
                "SELECT * FROM products ORDER BY sku",
                "SELECT id, member_id, earned_on, expires_on, points, remaining, source, sale_id "
                "FROM points_lots ORDER BY id",
                "SELECT member_id, points, wallet_principal_fen, wallet_bonus_fen "
                "FROM member_balances ORDER BY member_id",
                "SELECT id, member_id, kind, points, at, reason FROM points_ledger ORDER BY id",
                "SELECT id, member_id, kind, principal_fen, bonus_fen, at FROM wallet_ledger "
                "ORDER BY id"):
        assert _rows(again, sql) == _rows(store_path, sql), sql


def test_a_short_run_of_the_timings_leaves_the_store_sound(
        bench: SimpleNamespace, store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "run.sqlite3"
    shutil.copy(store_path, copy)
    # The key beside the database seals the card secret: a copy needs it to open.
    shutil.copy(store_path.with_name(store_path.name + ".key"), copy.with_name("run.sqlite3.key"))
    report = bench.run.run(copy, n=3, warmup=1, seed=5, check=True)
    assert report["verify"] == []
    # five till rows, then the four kinds of member search (bench/search.py)
    assert [r["kaika"]["n"] for r in report["results"]] == [3] * 9
    assert [r["raw"]["n"] for r in report["results"]] == [3] * 9
    # Both sides rang up a sale per round, warm-up included, each with its own receipt.
    [(sales, receipts)] = _rows(copy, "SELECT COUNT(*), COUNT(DISTINCT receipt_no) FROM sales")
    assert sales == receipts == 2 * (3 + 1)


def test_generated_members_are_found_as_the_desk_finds_them(store_path: Path) -> None:
    """The generator writes each member's search terms, as SqlMemberRepo.add does."""
    [(count,)] = _rows(store_path, "SELECT COUNT(DISTINCT member_id) FROM member_search_terms")
    assert count == MEMBERS
    name, mobile, member_id = _rows(store_path, "SELECT name, mobile, id FROM members")[7]
    with StoreDb.open(store_path, create=False) as store, store.reader() as uow:
        for typed in (mobile[-4:], name[1:], pinyin_initials(str(name))):
            assert member_id in {m.id for m in uow.members.search(str(typed), 500)}, typed
