"""Tamper evidence: a till's database edited behind Kaika's back with sqlite3 is caught by
`kaika verify` — the last audit entries deleted, an entry edited and the chain re-hashed
without the key, points inserted as consistent ledger, balance and lot rows."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import upgrade
from db.store import StoreDb
from db.verify import verify
from desktop.cli import main
from domain.records import AuditEntry
from tests.integration.db.conftest import T0

TRIGGERS = ("points_ledger", "wallet_ledger", "member_balances", "points_lots")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The demo store: three members, their cards, 13 audit entries."""
    path = tmp_path / "demo.sqlite3"
    assert main(["init", "--db", str(path), "--demo"]) == 0
    return path


def _editor(db: Path) -> sqlite3.Connection:
    """A SQLite editor on the file. Kaika's sealing triggers call a function the editor does
    not have, so an attacker drops them first: the rows they write then carry no seal."""
    raw = sqlite3.connect(db)
    for table in TRIGGERS:
        raw.execute(f"DROP TRIGGER IF EXISTS {table}_seal_insert")
        raw.execute(f"DROP TRIGGER IF EXISTS {table}_seal_update")
    return raw


def _verify(db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["verify", "--db", str(db)])
    lines = capsys.readouterr().out.splitlines()
    return code, lines[:-1]  # the last line is the summary


def _sha256_link(content: dict[str, object], prev_hash: str) -> str:
    """The documented unkeyed link (before 0008): all an attacker without the key can make."""
    canonical = json.dumps({**content, "prev_hash": prev_hash}, ensure_ascii=False,
                           sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_deleting_the_last_audit_entries_is_caught(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM audit_log WHERE seq > 10")
    code, problems = _verify(db, capsys)
    assert code == 1
    assert problems == ["audit.chain_truncated: head_seq=13, last_seq=10"]


def test_the_cut_stays_visible_after_the_till_writes_again(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Entries written after the cut link to the head that was cut away, not to what is left."""
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM audit_log WHERE seq > 10")
    with StoreDb.open(db, create=False) as store, store.uow() as uow:
        uow.audit.append(AuditEntry(id="after", at=T0, action="login", staff_id=None))
        uow.commit()
    code, problems = _verify(db, capsys)
    assert code == 1 and problems == [
        "audit.chain_broken: entry_id=after, reason=prev_hash, seq=14"]


def test_an_entry_edited_and_the_chain_rehashed_with_sha256_is_caught(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(db) as raw:
        rows = raw.execute("SELECT seq, id, at, action, staff_id, target, details, approved_by, "
                           "prev_hash FROM audit_log ORDER BY seq").fetchall()
        prev = rows[4][8]
        for seq, entry_id, at, action, staff, target, details, approved, _ in rows[4:]:
            content = {"id": entry_id, "at": at, "action": action, "staff_id": staff,
                       "target": target, "details": json.loads(details),
                       "approved_by": approved}
            if seq == 5:
                content["target"] = "someone else"
            link = _sha256_link(content, prev)
            raw.execute("UPDATE audit_log SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                        (content["target"], prev, link, seq))
            prev = link
        raw.execute("UPDATE chain_marks SET mac = ? WHERE name = 'audit.head'", (prev,))
    code, problems = _verify(db, capsys)
    assert code == 1
    assert problems == [f"audit.chain_rewritten: entry_id={rows[4][1]}, seq=5"]


def test_points_inserted_as_consistent_ledger_balance_and_lot_rows_are_caught(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with _editor(db) as raw:
        member = raw.execute("SELECT id FROM members ORDER BY id LIMIT 1").fetchone()[0]
        raw.execute("INSERT INTO points_ledger (id, member_id, kind, points, at, business_date) "
                    "VALUES ('forged', ?, 'adjust', 100000, "
                    "'2026-12-07T01:00:00.000000+00:00', '2026-12-07')", (member,))
        raw.execute("INSERT INTO points_lots (id, member_id, earned_on, expires_on, points, "
                    "remaining) VALUES ('forged-lot', ?, '2026-12-07', NULL, 100000, 100000)",
                    (member,))
        raw.execute("UPDATE member_balances SET points = points + 100000 WHERE member_id = ?",
                    (member,))
    code, problems = _verify(db, capsys)
    assert code == 1
    # Ledger, balance and lots agree with each other: only the seals tell.
    assert problems == [
        f"ledger.unsealed: id=forged, member_id={member}, table=points_ledger",
        f"balance.unsealed: member_id={member}, table=member_balances",
        f"lots.unsealed: lot_id=forged-lot, member_id={member}, table=points_lots",
    ]


def test_a_chain_from_before_0008_is_keyed_on_upgrade_and_says_whether_it_held(
        tmp_path: Path) -> None:
    for name, tampered in (("sound", False), ("broken", True)):
        path = tmp_path / f"{name}.db"
        engine = make_engine(path)
        upgrade(engine, "0009")
        prev = "0" * 64
        with engine.begin() as conn:
            for n in range(3):
                content: dict[str, object] = {
                    "id": f"a{n}", "at": "2025-03-08T02:00:00.000000+00:00", "action": "login",
                    "staff_id": None, "target": "", "details": {}, "approved_by": None}
                link = _sha256_link(content, prev)
                conn.execute(text(
                    "INSERT INTO audit_log (id, at, action, target, details, prev_hash, hash) "
                    "VALUES (:id, :at, 'login', :target, '{}', :p, :h)"),
                    {**content, "target": "x" if tampered and n == 1 else "", "p": prev,
                     "h": link})
                prev = link
        engine.dispose()
        with StoreDb.open(path, create=False) as store:
            found = verify(store)
            with store.engine.connect() as conn:
                keyed = conn.execute(text("SELECT seq, details FROM audit_log "
                                          "WHERE action = 'audit_keyed'")).one()
        assert keyed[0] == 4
        if tampered:
            assert json.loads(keyed[1]) == {"entries": 3,
                                            "legacy_break": {"seq": 2, "entry_id": "a1"}}
            assert [(p.code, p.params["seq"]) for p in found] == [
                ("audit.broken_before_keyed", 4)]
        else:
            assert found == []
