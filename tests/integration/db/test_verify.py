"""kaika verify: passes on a clean store and names each kind of damage it finds."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from db.rows import MemberAliasRow
from db.store import StoreDb
from db.verify import Problem, verify
from db.verify_members import member_pass
from domain.progress import NO_PROGRESS
from domain.records import (
    AuditEntry,
    Card,
    CardState,
    Member,
    PointsEntry,
    PointsLot,
    WalletEntry,
)

from .conftest import T0

AddMember = Callable[..., Member]


@pytest.fixture
def busy_store(store: StoreDb, add_member: AddMember) -> tuple[StoreDb, Member]:
    """A member with points (and matching lots), wallet money, audit rows and outbox events."""
    member = add_member()
    with store.uow() as uow:
        for n, points in enumerate((500, 800, -600)):
            uow.points.add_entry(PointsEntry(id=f"p{n}", member_id=member.id, kind="earn",
                                             points=points, at=T0, business_date=T0.date()))
        uow.points.save_lots(member.id, [
            PointsLot(id="L1", member_id=member.id, earned_on=date(2024, 3, 1),
                      expires_on=date(2025, 12, 31), points=500, remaining=0),
            PointsLot(id="L2", member_id=member.id, earned_on=date(2025, 6, 1),
                      expires_on=date(2026, 12, 31), points=800, remaining=700)])
        uow.wallet.add_entry(WalletEntry(id="w1", member_id=member.id, kind="topup",
                                         principal_fen=100000, bonus_fen=5000, at=T0,
                                         business_date=T0.date()))
        for n in range(3):
            uow.audit.append(AuditEntry(id=f"a{n}", at=T0, action="adjust", staff_id="m1",
                                        details={"n": n}))
            uow.outbox.append("audit.entry", {"id": f"a{n}"}, member_id=None,
                              occurred_at_iso=T0.isoformat())
        uow.commit()
    return store, member


def _sql(store: StoreDb, statement: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_a_clean_store_passes(busy_store: tuple[StoreDb, Member]) -> None:
    assert verify(busy_store[0]) == []


def test_an_empty_store_passes(bare_store: StoreDb) -> None:
    assert verify(bare_store) == []


def test_finds_a_balance_tampered_with_by_raw_sql(busy_store: tuple[StoreDb, Member]) -> None:
    store, member = busy_store
    _sql(store, "UPDATE member_balances SET points = points + 1000, "
                "wallet_bonus_fen = 0 WHERE member_id = :m", m=member.id)
    assert verify(store) == [
        Problem("balance.points_mismatch", {"member_id": member.id, "projected": 1700,
                                            "ledger": 700}),
        Problem("balance.wallet_bonus_mismatch", {"member_id": member.id, "projected": 0,
                                                  "ledger": 5000}),
    ]


def test_finds_a_ledger_row_changed_behind_the_projection(
        busy_store: tuple[StoreDb, Member]) -> None:
    store, member = busy_store
    _sql(store, "UPDATE wallet_ledger SET principal_fen = 1 WHERE id = 'w1'")
    assert verify(store) == [Problem("balance.wallet_principal_mismatch", {
        "member_id": member.id, "projected": 100000, "ledger": 1})]


def test_finds_an_altered_audit_row_and_names_it(busy_store: tuple[StoreDb, Member]) -> None:
    store, _ = busy_store
    _sql(store, "UPDATE audit_log SET details = :d WHERE id = 'a1'", d='{"n":42}')
    assert verify(store) == [Problem("audit.chain_broken", {"seq": 2, "entry_id": "a1",
                                                            "reason": "hash"})]


def test_finds_a_deleted_audit_row(busy_store: tuple[StoreDb, Member]) -> None:
    store, _ = busy_store
    _sql(store, "DELETE FROM audit_log WHERE id = 'a1'")
    assert verify(store) == [Problem("audit.chain_broken", {"seq": 3, "entry_id": "a2",
                                                            "reason": "prev_hash"})]


def test_finds_lots_that_do_not_add_up(busy_store: tuple[StoreDb, Member]) -> None:
    store, member = busy_store
    _sql(store, "UPDATE points_lots SET remaining = 650 WHERE id = 'L2'")
    assert verify(store) == [Problem("lots.remaining_mismatch", {
        "member_id": member.id, "lots_remaining": 650, "expected": 700})]


def test_finds_a_lot_out_of_range(busy_store: tuple[StoreDb, Member]) -> None:
    store, member = busy_store
    with store.engine.begin() as conn:
        # The CHECK constraint stops the application; a hand edit can switch it off.
        conn.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
        conn.execute(text("UPDATE points_lots SET remaining = -100 WHERE id = 'L1'"))
        conn.execute(text("UPDATE points_lots SET remaining = 800 WHERE id = 'L2'"))
        conn.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
    assert verify(store) == [
        Problem("db.integrity", {"message": "CHECK constraint failed in points_lots"}),
        Problem("lots.out_of_range", {"lot_id": "L1", "member_id": member.id, "points": 500,
                                      "remaining": -100}),
    ]


def test_a_negative_balance_expects_no_lots(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    with store.uow() as uow:
        uow.points.add_entry(PointsEntry(id="p1", member_id=member.id, kind="takeback",
                                         points=-340, at=T0, business_date=T0.date()))
        uow.commit()
    assert verify(store) == []
    _sql(store, "INSERT INTO points_lots (id, member_id, earned_on, points, remaining) "
                "VALUES ('L9', :m, '2025-03-08', 5, 5)", m=member.id)
    assert verify(store) == [Problem("lots.remaining_mismatch", {
        "member_id": member.id, "lots_remaining": 5, "expected": 0})]


def test_finds_a_hole_in_the_outbox(busy_store: tuple[StoreDb, Member]) -> None:
    store, _ = busy_store
    _sql(store, "DELETE FROM outbox WHERE seq = 2")
    terminal = "0190a1b2-0000-7000-8000-000000000003"
    assert verify(store) == [Problem("outbox.seq_gap", {"terminal_id": terminal,
                                                        "first_missing": 2})]


def test_finds_a_missing_projection_and_a_dangling_card(
        busy_store: tuple[StoreDb, Member]) -> None:
    store, member = busy_store
    raw = sqlite3.connect(store.path)  # a hand edit: the stdlib leaves foreign keys off
    with raw:
        raw.execute("INSERT INTO cards (number, member_id, state, expiry) "
                    "VALUES ('1231010000017', 'ghost', 'active', '2712')")
        raw.execute("DELETE FROM member_balances WHERE member_id = ?", (member.id,))
    raw.close()
    assert verify(store) == [
        Problem("db.foreign_key", {"table": "cards", "rowid": 1, "parent": "members"}),
        Problem("balance.missing", {"member_id": member.id}),
    ]


def test_finds_a_lost_key_file(busy_store: tuple[StoreDb, Member], tmp_path: Path) -> None:
    store, _ = busy_store  # its member has an ID number, encrypted with store.db.key
    with StoreDb.open(store.path, key_path=tmp_path / "lost.key") as other:
        assert verify(other) == [Problem("store.key_missing",
                                         {"path": str(tmp_path / "lost.key")})]


def test_finds_a_card_that_moved_to_another_member(
        busy_store: tuple[StoreDb, Member], add_member: AddMember) -> None:
    """A pull used to hand a card to whoever head office heard from last: the audit trail
    still says whose it was made for."""
    store, member = busy_store
    other, twin = add_member(), add_member()
    with store.uow() as uow:
        for number, owner in (("1231010000017", member.id), ("1231010000025", twin.id)):
            uow.cards.add(Card(number=number, member_id=owner, state=CardState.ACTIVE,
                               expiry="2712", issued_at=T0))
            uow.audit.append(AuditEntry(id=f"c{number}", at=T0, action="card_issued",
                                        staff_id=None, target=number,
                                        details={"member_id": owner}))
        uow.session.add(MemberAliasRow(alias_id=twin.id, canonical_id=other.id))
        uow.commit()
    _sql(store, "UPDATE cards SET member_id = :m", m=other.id)  # twin's card: merged, fine
    assert verify(store) == [Problem("card.duplicate_number", {
        "number": "1231010000017", "member_id": other.id, "other_member_id": member.id,
        "source": "audit"})]


def test_reports_progress_and_the_thorough_check_passes_too(
        busy_store: tuple[StoreDb, Member], add_member: AddMember) -> None:
    store, _ = busy_store
    add_member()
    seen: list[tuple[int, int | None, str]] = []

    class Recorder:
        def step(self, done: int, total: int | None, label: str = "") -> None:
            seen.append((done, total, label))

        def cancelled(self) -> bool:
            return False

    assert verify(store, Recorder()) == []
    assert seen == [(0, None, "verify: integrity"), (0, None, "verify: foreign keys"),
                    (2, 2, "verify: members"), (0, None, "verify: analysis figures"),
                    (0, None, "verify: audit trail")]
    assert verify(store, thorough=True) == []


def test_names_unsealed_rows_in_id_order_however_the_walk_meets_them(
        busy_store: tuple[StoreDb, Member], add_member: AddMember) -> None:
    """Ledger rows are walked in member order, reported in id order, the first ones only."""
    store, member = busy_store
    other = add_member()
    with store.uow() as uow:
        uow.points.add_entry(PointsEntry(id="p00", member_id=other.id, kind="adjust",
                                         points=-5, at=T0, business_date=T0.date()))
        uow.commit()
    _sql(store, "UPDATE points_ledger SET seal = 'forged'")  # not a sealed column: no trigger
    found = [(p.params["id"], p.params["member_id"]) for p in verify(store)]
    assert found == [("p0", member.id), ("p00", other.id), ("p1", member.id),
                     ("p2", member.id)]
    with store.engine.connect() as conn, conn.begin():
        few = member_pass(conn, store.sealer, 1, NO_PROGRESS)
    assert few.unsealed["points_ledger"] == [("p0", member.id), ("p00", other.id)]


def _edit_keeping_seals(store: StoreDb, *statements: str) -> None:
    """An editor without the store key: the sealing triggers dropped (it lacks their
    function), sealed columns changed, each row's old seal left as it was."""
    raw = sqlite3.connect(store.path)
    with raw:
        for table in ("points_ledger", "wallet_ledger", "member_balances", "points_lots"):
            raw.execute(f"DROP TRIGGER {table}_seal_update")
        for statement in statements:
            raw.execute(statement)
    raw.close()


def test_rows_edited_under_their_old_seals_are_caught_in_every_sealed_table(
        busy_store: tuple[StoreDb, Member]) -> None:
    """The bulk seal check (one HMAC per row from the key's pads, over the bytes SQLite's
    json_array writes): a reason in Chinese, a wallet reference, a lot's expiry and a balance
    moved together with its ledger row, each under the seal of what it was (the points
    rollup's own trigger still follows the ledger)."""
    store, member = busy_store
    _edit_keeping_seals(
        store, "UPDATE points_ledger SET reason = '店长补录' WHERE id = 'p1'",
        "UPDATE wallet_ledger SET reference = '转入' WHERE id = 'w1'",
        "UPDATE points_lots SET expires_on = '2099-12-31' WHERE id = 'L2'",
        "UPDATE points_ledger SET points = 1800 WHERE id = 'p0'",
        "UPDATE member_balances SET points = points + 1300")
    assert verify(store) == [
        Problem("lots.remaining_mismatch", {"member_id": member.id, "lots_remaining": 700,
                                            "expected": 2000}),
        Problem("ledger.unsealed", {"table": "points_ledger", "id": "p0",
                                    "member_id": member.id}),
        Problem("ledger.unsealed", {"table": "points_ledger", "id": "p1",
                                    "member_id": member.id}),
        Problem("ledger.unsealed", {"table": "wallet_ledger", "id": "w1",
                                    "member_id": member.id}),
        Problem("balance.unsealed", {"table": "member_balances", "member_id": member.id}),
        Problem("lots.unsealed", {"table": "points_lots", "lot_id": "L2",
                                  "member_id": member.id}),
    ]


def test_a_sealed_row_whose_sqlite_text_differs_from_pythons_json_passes(
        busy_store: tuple[StoreDb, Member]) -> None:
    """A REAL the till sealed through Python's JSON (1e+300) reads back from json_array as
    1.0e+300: the bulk check's mismatch is checked again the slow way, and only a row that
    fails that too is named."""
    store, member = busy_store
    with store.engine.begin() as conn:  # Kaika's own connection: the trigger seals it
        conn.execute(text("UPDATE points_lots SET points = 1e300 WHERE id = 'L2'"))
    assert verify(store) == []
    _edit_keeping_seals(store, "UPDATE points_lots SET points = 2e300 WHERE id = 'L2'")
    assert verify(store) == [Problem("lots.unsealed", {
        "table": "points_lots", "lot_id": "L2", "member_id": member.id})]
