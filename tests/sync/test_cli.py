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
from headoffice.tables import events, member_balances, members
from tests.sync.harness import BIN, Server, Till

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


def test_sync_once_pushes_each_event_exactly_once_and_pulls(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    """`kaika sync --once` reads its first batch with plain sqlite3 (db/store_peek.py) and
    opens the ORM only once head office answered: the events still arrive once each, are
    acknowledged, and a second run has nothing to send."""
    server = make_server("sqlite", stores=("S001",))
    till = make_till()
    till.enroll(server, "S001")
    member = till.register("王芳", "13900139000")
    till.sale(member, ("COAT", 1), ("SOCKS", 2))
    with till.app.store.reader() as uow:
        queued = [e.seq for e in uow.outbox.pending(1000)]
        terminal = uow.settings.get().terminal_id
    assert queued

    first = json.loads(_run("sync", "--once", "--db", str(till.path)))
    again = json.loads(_run("sync", "--once", "--db", str(till.path)))

    assert first["pushed"] == {"applied": len(queued)} and first["unsynced"] == 0
    assert again["pushed"] == {} and again["unsynced"] == 0
    with till.app.store.reader() as uow:
        assert uow.outbox.pending(1000) == []
        state = uow.sync_state.get()
    assert state is not None and state.last_error == "" and state.cursor
    with server.engine.connect() as conn:
        seqs = conn.execute(sa.select(events.c.seq).where(
            events.c.terminal_id == terminal)).scalars().all()
    assert sorted(seqs) == sorted(set(seqs)) and set(queued) <= set(seqs)
    assert till.problems() == []
