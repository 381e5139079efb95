"""`kaika enroll`, `kaika sync --once` and `--status` as a store's IT staff would run them, on a
till database filled by `kaika simulate --db` (members seeded from an old system included)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from db.store import StoreDb
from db.verify import verify
from headoffice.tables import member_balances, members
from tests.sync.harness import BIN, Server

SCENARIO = Path(__file__).parents[1] / "scenarios" / "issue_example.json"


def _run(*args: str) -> str:
    done = subprocess.run([str(BIN / "kaika"), *args], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_enrol_and_sync_a_till_from_the_command_line(
        make_server: Callable[..., Server], tmp_path: Path) -> None:
    server = make_server("sqlite", stores=("S001",))
    db = tmp_path / "till.sqlite3"
    _run("simulate", str(SCENARIO), "--db", str(db))
    code = subprocess.run([str(BIN / "kaika-headoffice"), "enroll", "--store", "S001", "--db",
                           server.db_url], capture_output=True, text=True, check=True).stdout
    enrolled = _run("enroll", "--db", str(db), "--server", server.url, "--code", code.strip())
    assert "enrolled as S001-T01" in enrolled
    once = json.loads(_run("sync", "--once", "--db", str(db)))
    status = json.loads(_run("sync", "--status", "--db", str(db)))

    assert once["unsynced"] == 0 and status["enrolled"] and status["unsynced"] == 0
    store = StoreDb.open(db, create=False)
    try:
        with store.reader() as uow:
            local = {m.mobile: uow.members.balances(m.id) for m in (
                uow.members.get(i) for i in uow.session.scalars(
                    sa.text("SELECT id FROM members"))) if m is not None}
        assert verify(store) == []
    finally:
        store.close()
    with server.engine.connect() as conn:
        at_ho = {r.mobile: (r.points, r.wallet_principal_fen, r.wallet_bonus_fen)
                 for r in conn.execute(sa.select(members.c.mobile, member_balances).join(
                     member_balances, member_balances.c.member_id == members.c.id))}
    # The seeded member's opening points reached head office with the rest.
    assert at_ho == {mobile: (b.points, b.wallet_principal_fen, b.wallet_bonus_fen)
                     for mobile, b in local.items()}
    assert len(at_ho) == 2 and at_ho["13800138000"][1] == 500000
