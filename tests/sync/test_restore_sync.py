"""A till backed up while it sells, restored, verified, and syncing on to a real head office
(PostgreSQL) without a duplicate receipt number or a refused sequence number."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from db.restore import check_backup, put_back
from sync import standing
from tests.sync.harness import BIN, Server, Till

pytestmark = pytest.mark.postgres


def _kaika(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "kaika"), *args], capture_output=True, text=True,
                          timeout=180)


def _sell(till: Till, n: int) -> list[str]:
    return [till.sale(None, ("COAT", 1)).sale.receipt_no for _ in range(n)]


def _at_head_office(server: Server, till: Till) -> tuple[int, list[str], list[str], int]:
    """(events held, receipt numbers, event statuses not applied, acked seq) of the till."""
    terminal = _terminal(till)
    with server.engine.connect() as conn:
        count = conn.scalar(sa.text("SELECT count(*) FROM events WHERE terminal_id = :t"),
                            {"t": terminal})
        receipts = list(conn.scalars(sa.text(
            "SELECT receipt_no FROM sales WHERE terminal_id = :t ORDER BY receipt_no"),
            {"t": terminal}))
        odd = list(conn.scalars(sa.text(
            "SELECT status FROM events WHERE terminal_id = :t AND status NOT IN "
            "('applied', 'duplicate')"), {"t": terminal}))
        acked = conn.scalar(sa.text("SELECT acked_through_seq FROM terminals WHERE id = :t"),
                            {"t": terminal})
    return int(count or 0), receipts, odd, int(acked or 0)


def _terminal(till: Till) -> str:
    with till.app.store.reader() as uow:
        return uow.settings.get().terminal_id


def _seq_cases(server: Server) -> int:
    with server.engine.connect() as conn:
        return int(conn.scalar(sa.text(
            "SELECT count(*) FROM recon_cases WHERE kind = 'terminal.seq_reused'")) or 0)


def test_backup_while_selling_then_restore_and_sync_on(
        make_server: Callable[..., Server], make_till: Callable[..., Till],
        tmp_path: Path) -> None:
    server = make_server("postgres", stores=("S001",))
    till = make_till("A")
    till.enroll(server, "S001")
    _sell(till, 3)
    till.sync()
    # Another thread keeps selling while `kaika backup` copies the store from its own process.
    sold: list[str] = []
    seller = threading.Thread(target=lambda: sold.extend(_sell(till, 40)))
    seller.start()
    done = _kaika("backup", "--db", str(till.path), "--to", str(tmp_path / "bk"))
    seller.join()
    assert done.returncode == 0, done.stderr
    backup = next((tmp_path / "bk").glob("*.sqlite3"))
    assert backup.with_name(backup.name + ".key").exists()
    assert backup.with_name(backup.name + ".sync.json").exists()
    till.sync()
    sold += _sell(till, 5)  # sent to head office, then lost with the disk
    till.sync()
    before, receipts_before, _, acked_before = _at_head_office(server, till)
    till.close()

    restored = _kaika("restore", str(backup), "--db", str(till.path))
    assert restored.returncode == 0, restored.stderr
    assert "head office answered" in restored.stdout

    again = make_till("A2", path=till.path)
    again.connect(server.url)
    assert again.problems() == []
    new = _sell(again, 4)
    assert not set(new) & set(receipts_before)  # no receipt number printed twice
    result = again.sync()
    after, receipts_after, odd, acked_after = _at_head_office(server, again)

    assert result.unsynced == 0 and odd == []
    assert set(result.pushed) <= {"applied", "duplicate"}
    assert after - before == result.pushed["applied"] > 0  # the re-sent ones: duplicates
    assert len(receipts_after) == len(set(receipts_after)) == len(receipts_before) + len(new)
    assert acked_after > acked_before and _seq_cases(server) == 0


def test_a_till_restored_offline_renumbers_what_it_sold_before_asking(
        make_server: Callable[..., Server], make_till: Callable[..., Till],
        tmp_path: Path) -> None:
    """Head office out of reach at the restore: the till sells on, and its first sync asks
    where it stood before it sends, moving the new events past head office's seqs."""
    server = make_server("postgres", stores=("S001",))
    till = make_till("A")
    till.enroll(server, "S001")
    _sell(till, 2)
    till.sync()
    done = _kaika("backup", "--db", str(till.path), "--to", str(tmp_path / "bk"))
    assert done.returncode == 0, done.stderr
    _sell(till, 6)
    till.sync()
    _, receipts_before, _, acked_before = _at_head_office(server, till)
    till.close()
    backup = next((tmp_path / "bk").glob("*.sqlite3"))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    put_back(check_backup(backup, scratch), till.path, till.clock.now())

    again = make_till("A2", path=till.path)
    at = standing.mark_restored(again.app.store)  # as `kaika restore` does, head office away
    assert at < acked_before
    offline = _sell(again, 3)  # numbered from the backup's counters: not yet sent
    again.connect(server.url)
    result = again.sync()
    _, receipts_after, odd, acked_after = _at_head_office(server, again)

    assert not standing.pending(again.app.store)
    assert result.unsynced == 0 and odd == [] and _seq_cases(server) == 0
    assert acked_after == acked_before + len(
        [e for e in result.pushed.elements() if e == "applied"])
    # Printed offline before the till could ask: those numbers were the backup's next ones.
    assert len(receipts_after) == len(receipts_before) + len(offline)
    later = _sell(again, 1)[0]
    assert later > max(receipts_after)
