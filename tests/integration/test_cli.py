"""The `kaika` command line: init, verify finding tampering, and clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main


def test_init_demo_then_verify_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.sqlite3"
    assert main(["init", "--db", str(db), "--demo"]) == 0
    assert "member cards" in capsys.readouterr().out
    assert main(["init", "--db", str(db), "--demo"]) == 0  # a second run changes nothing
    assert main(["verify", "--db", str(db)]) == 0
    assert "OK" in capsys.readouterr().out
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM members").fetchone()[0] == 3


def test_verify_finds_a_tampered_balance(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.sqlite3"
    assert main(["init", "--db", str(db), "--demo"]) == 0
    with sqlite3.connect(db) as raw:
        # Kaika's sealing trigger calls a function an editor lacks: it must be dropped first.
        raw.execute("DROP TRIGGER member_balances_seal_update")
        raw.execute("UPDATE member_balances SET wallet_principal_fen = wallet_principal_fen + 1 "
                    "WHERE wallet_principal_fen > 0")
    capsys.readouterr()
    assert main(["verify", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "balance.wallet_principal_mismatch" in out and "balance.unsealed" in out
    assert "2 problem" in out


def test_verify_of_a_missing_database_says_so(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--db", str(tmp_path / "nope.sqlite3")]) == 2
    assert "There is no store database" in capsys.readouterr().err


def test_simulate_refuses_a_file_that_is_not_json(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"steps": [\n  {"do": }\n]}', encoding="utf-8")
    assert main(["simulate", str(bad)]) == 2
    assert f"{bad}:2:" in capsys.readouterr().err


def test_default_database_follows_kaika_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("KAIKA_DB", str(target))
    assert main(["init"]) == 0
    assert target.exists()
    assert str(target) in capsys.readouterr().out


def test_simulate_against_a_store_database_leaves_outbox_events(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    assert main(["init", "--db", str(db)]) == 0
    scenario = Path(__file__).resolve().parents[1] / "scenarios" / "ex1_silver_cash.json"
    assert main(["simulate", str(scenario), "--db", str(db)]) == 0
    assert main(["simulate", str(scenario), "--db", str(db)]) == 0  # a second run adds to it
    capsys.readouterr()
    with sqlite3.connect(db) as raw:
        types = [r[0] for r in raw.execute("SELECT type FROM outbox ORDER BY seq")]
        receipts = [r[0] for r in raw.execute("SELECT receipt_no FROM sales ORDER BY at")]
    assert types.count("sale.completed") == 2
    assert "points.entry" in types
    assert receipts[-2:] == ["S001-T01-000001", "S001-T01-000002"]
    assert main(["verify", "--db", str(db)]) == 0
