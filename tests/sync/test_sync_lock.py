"""One sync round at a time per store: while another process runs one (the till's loop, or a
`kaika sync` service beside it), a round sends nothing, says who is syncing, and is not
counted as a failure of the link; once that process is gone the next round sends it all."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from headoffice.tables import events
from sync.http import SyncError
from sync.loop import SyncLoop
from tests.sync.harness import BIN, Server, Till

# Takes the store's sync lock, says so, and holds it until killed (a round in progress).
HOLD = """
import sys, time
from pathlib import Path
from db.lock import SYNC_SUFFIX, StoreLock
lock = StoreLock.take(Path(sys.argv[1]), SYNC_SUFFIX, "sync.in_use")
print("locked", flush=True)
time.sleep(600)
"""


@contextmanager
def syncing_elsewhere(db: Path) -> Iterator[subprocess.Popen[str]]:
    holder = subprocess.Popen([str(BIN / "python"), "-c", HOLD, str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        os.kill(holder.pid, signal.SIGKILL)  # as a crash would: the OS drops the lock
        holder.wait(timeout=30)


def _sync_once(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "kaika"), "sync", "--once", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)


def _events_at_head_office(server: Server) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())


@pytest.fixture
def till(make_server: Callable[..., Server], make_till: Callable[..., Till]) -> Iterator[Till]:
    server = make_server("sqlite", stores=("S001",))
    till = make_till()
    till.enroll(server, "S001")
    till.server = server  # type: ignore[attr-defined]
    member = till.register("王芳", "13900139000")
    till.sale(member, ("COAT", 1))
    yield till


def test_kaika_sync_waits_its_turn_and_names_who_is_syncing(till: Till) -> None:
    server: Server = till.server  # type: ignore[attr-defined]
    before = _events_at_head_office(server)
    with till.app.store.reader() as uow:
        queued = len(uow.outbox.pending(1000))

    with syncing_elsewhere(till.path) as holder:
        refused = _sync_once(till.path)
        assert refused.returncode == 1
        assert "another Kaika process is syncing this store" in refused.stderr
        assert f"process {holder.pid}" in refused.stderr
        assert _events_at_head_office(server) == before  # nothing was sent meanwhile
        with till.app.store.reader() as uow:
            assert len(uow.outbox.pending(1000)) == queued

    done = _sync_once(till.path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pushed"] == {"applied": queued}
    assert _events_at_head_office(server) == before + queued


def test_the_tills_loop_skips_a_busy_round_without_backing_off(till: Till) -> None:
    assert till.client is not None
    loop = SyncLoop(till.client, interval_s=15.0)
    with syncing_elsewhere(till.path):
        with pytest.raises(SyncError) as busy:
            till.sync()
        assert busy.value.code == "sync.in_use" and busy.value.retryable
        assert loop.run_once() == 15.0  # the next round at the usual time, not a back-off
        assert loop.failures == 0 and loop.last_error is None
    assert till.sync().unsynced == 0  # the lock is free again: the round runs whole
