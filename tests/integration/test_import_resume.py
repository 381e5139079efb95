"""A member import killed with SIGKILL between or inside its batches, then run again, ends
exactly like one that was never interrupted (real processes, real store files)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.store import StoreDb
from db.verify import verify
from desktop.bootstrap import open_app
from domain import importing
from domain.cards import luhn_check_digit
from domain.records import Role
from domain.services import imports
from domain.services.setup import new_settings
from tests.staffing import MADE, manager

ROOT = Path(__file__).resolve().parents[2]
ROWS = 23
BATCH = 4
NUMBER, _, PIN = MADE[Role.MANAGER]

# The child imports in batches of BATCH and SIGKILLs itself: after its third batch committed
# (from the progress callback), or inside its fourth batch's transaction, after the members
# were written and before the commit (from the outbox's bulk insert).
CHILD = f"""
import os, signal, sys
from pathlib import Path
from desktop.bootstrap import open_app
from desktop.sheets import read_table
from domain.services import imports
from domain.services.staff import login
import db.outbox

where, db_path, csv_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
app = open_app(db_path)
staff = login(app.ctx, "{NUMBER}", "{PIN}").id

class KillAfterThird:
    def step(self, done, total, label=""):
        if done >= 3 * {BATCH}:
            os.kill(os.getpid(), signal.SIGKILL)
    def cancelled(self):
        return False

calls = []
original = db.outbox.SqlOutbox.append_many
def append_many(self, *args, **kwargs):
    calls.append(1)
    if where == "inside" and len(calls) == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, *args, **kwargs)
db.outbox.SqlOutbox.append_many = append_many

progress = KillAfterThird() if where == "between" else None
kwargs = {{"progress": progress}} if progress else {{}}
imports.import_members(app.ctx, read_table(csv_path), {{}}, staff, batch_rows={BATCH},
                       **kwargs)
print("not killed")
"""


def member_file(path: Path) -> Path:
    lines = ["姓名,手机,积分,储值余额,赠送余额,卡号"]
    for i in range(ROWS):
        card = f"13044010{i:04d}" + luhn_check_digit(f"13044010{i:04d}") if i % 3 else ""
        lines.append(f"会员{i},1350013{i:04d},{100 * i},{i}.50,{i % 2},{card}")
    lines.insert(8, "坏行,12345,1,,,")  # a bad row, left out by --leave-bad-rows-out
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    app = open_app(path, settings=new_settings())
    manager(app.ctx)  # the manager account the CLI logs in as
    app.close()
    return path


def copy_store(path: Path, to: Path) -> Path:
    for file in path.parent.glob(path.name + "*"):
        shutil.copy(file, to / file.name)
    return to / path.name


def cli(db: Path, csv: Path) -> subprocess.CompletedProcess[str]:
    code = ("import sys; from desktop.cli import main; "
            "raise SystemExit(main(sys.argv[1:]))")
    return subprocess.run(
        [sys.executable, "-c", code, "import", "members", str(csv), "--db", str(db),
         "--staff", NUMBER, "--leave-bad-rows-out"],
        cwd=ROOT, env={**os.environ, "KAIKA_PIN": PIN}, capture_output=True, text=True,
        timeout=120, check=False)


def killed_child(db: Path, csv: Path, where: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, where, str(db), str(csv)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def snapshot(db: Path) -> dict[str, object]:
    """What the import made, by mobile (ids and times differ between two imports)."""
    with sqlite3.connect(db) as raw:
        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(raw.execute(sql).fetchall())
        return {
            "members": rows("SELECT m.mobile, m.name, m.tier, b.points, "
                            "b.wallet_principal_fen, b.wallet_bonus_fen FROM members m "
                            "JOIN member_balances b ON b.member_id = m.id"),
            "cards": rows("SELECT c.number, m.mobile FROM cards c JOIN members m "
                          "ON m.id = c.member_id"),
            "lots": rows("SELECT m.mobile, l.points FROM points_lots l JOIN members m "
                         "ON m.id = l.member_id"),
            "ledger": rows("SELECT m.mobile, p.points FROM points_ledger p JOIN members m "
                           "ON m.id = p.member_id"),
            "events": rows("SELECT type, COUNT(*), COUNT(DISTINCT member_id) FROM outbox "
                           "WHERE type != 'audit.entry' GROUP BY type"),
            "per_member": rows("SELECT member_id, type, COUNT(*) FROM outbox "
                               "WHERE member_id IS NOT NULL GROUP BY member_id, type "
                               "HAVING COUNT(*) != 1"),
        }


def verified(db: Path) -> list[object]:
    store = StoreDb.open(db, create=False)
    try:
        return list(verify(store))
    finally:
        store.close()


@pytest.mark.parametrize("where", ["between", "inside"])
def test_a_killed_import_run_again_ends_like_an_uninterrupted_one(
        store: Path, tmp_path: Path, where: str) -> None:
    csv = member_file(tmp_path / "members.csv")
    (tmp_path / "whole").mkdir()
    whole = copy_store(store, tmp_path / "whole")
    killed = killed_child(store, csv, where)
    assert killed.returncode == -9, killed.stderr
    with sqlite3.connect(store) as raw:
        imported = raw.execute("SELECT COUNT(*) FROM members").fetchone()[0]
        job = raw.execute("SELECT last_row, imported, finished_at FROM import_jobs").fetchone()
    assert imported == 3 * BATCH  # three batches committed; the fourth left nothing
    assert job == (14, 3 * BATCH, None)  # header + 12 rows + the bad row 9
    resumed = cli(store, csv)
    assert resumed.returncode == 0, resumed.stderr
    assert "imported 11 member(s)" in resumed.stdout
    assert "had imported 12" in resumed.stdout
    assert "row 9, column 手机: form.mobile_invalid" in resumed.stderr
    assert cli(whole, csv).returncode == 0
    assert snapshot(store) == snapshot(whole)
    assert snapshot(store)["per_member"] == []  # every member's events exactly once
    assert len(snapshot(store)["members"]) == ROWS  # type: ignore[arg-type]
    assert verified(store) == [] and verified(whole) == []


def test_progress_is_reported_after_every_batch(store: Path, tmp_path: Path) -> None:
    csv = member_file(tmp_path / "members.csv")
    seen: list[tuple[int, int | None, str]] = []

    class Recorder:
        def step(self, done: int, total: int | None, label: str = "") -> None:
            seen.append((done, total, label))

        def cancelled(self) -> bool:
            return False

    app = open_app(store)
    try:
        table = importing.parse_csv(csv.read_bytes())
        done = imports.import_members(app.ctx, table, {}, manager(app.ctx), batch_rows=10,
                                      progress=Recorder())
    finally:
        app.close()
    assert len(done.member_ids) == ROWS
    assert seen == [(0, ROWS, "import"), (10, ROWS, "import"), (20, ROWS, "import"),
                    (ROWS, ROWS, "import")]
