"""One Kaika per store database: a second till process is refused with who holds the store,
and a holder killed outright (SIGKILL) leaves nothing that keeps the next one out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.lock import StoreLock, lock_path
from domain.errors import DomainError

BIN = Path(sys.executable).parent
# Takes the store's lock, says so, and holds it until killed (the till would run its window).
HOLD = """
import sys, time
from pathlib import Path
from db.lock import StoreLock
lock = StoreLock.take(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(600)
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store for the module: every test takes and frees its lock."""
    path = tmp_path_factory.mktemp("locked") / "store.sqlite3"
    done = subprocess.run([str(BIN / "kaika"), "init", "--db", str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return path


def _hold(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


@pytest.fixture
def holder(store: Path) -> Iterator[subprocess.Popen[str]]:
    held = _hold(store)
    yield held
    if held.poll() is None:
        held.kill()
    held.wait()


def test_a_second_till_on_the_same_store_is_refused_in_its_language(
        store: Path, holder: subprocess.Popen[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KAIKA_LANG": "zh_CN"}
    done = subprocess.run([str(BIN / "kaika"), "run", "--db", str(store)], capture_output=True,
                          text=True, timeout=120, env=env)

    assert done.returncode == 3
    assert "此门店数据库已在另一个开卡中打开" in done.stderr
    assert f"进程 {holder.pid}" in done.stderr and "[store.in_use]" in done.stderr


def test_a_restore_waits_for_the_till_to_close(store: Path, holder: subprocess.Popen[str],
                                                tmp_path: Path) -> None:
    done = subprocess.run([str(BIN / "kaika"), "restore", str(tmp_path / "any.sqlite3"),
                           "--db", str(store)], capture_output=True, text=True, timeout=120)

    assert done.returncode == 3 and "[store.in_use]" in done.stderr
    assert str(holder.pid) in done.stderr


def test_after_the_holder_is_killed_the_next_start_takes_the_store(
        store: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(DomainError) as refused:
        StoreLock.take(store)
    assert refused.value.code == "store.in_use"
    assert refused.value.params["pid"] == str(holder.pid)

    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock_path(store).exists()  # left behind, as after a crash or a power cut
    successor = _hold(store)
    try:
        assert successor.poll() is None
    finally:
        successor.kill()
        successor.wait()


def test_the_lock_is_free_again_once_released(store: Path) -> None:
    with StoreLock.take(store), pytest.raises(DomainError):
        StoreLock.take(store)  # a second open file in one process is refused too
    StoreLock.take(store).release()


# Holds the sync lock only: a `kaika sync` service in a round while the till is closed.
SYNCING = HOLD.replace("from db.lock import StoreLock", "from db.lock import SYNC_SUFFIX, StoreLock"
                       ).replace("StoreLock.take(Path(sys.argv[1]))",
                                 "StoreLock.take(Path(sys.argv[1]), SYNC_SUFFIX, 'sync.in_use')")


def test_a_restore_never_swaps_the_file_under_a_sync_round(store: Path, tmp_path: Path) -> None:
    syncing = subprocess.Popen([sys.executable, "-c", SYNCING, str(store)],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert syncing.stdout is not None and syncing.stdout.readline().strip() == "locked"
        done = subprocess.run([str(BIN / "kaika"), "restore", str(tmp_path / "any.sqlite3"),
                               "--db", str(store)], capture_output=True, text=True,
                              timeout=120)
    finally:
        syncing.kill()
        syncing.wait()

    assert done.returncode == 3 and "[sync.in_use]" in done.stderr
    assert "being synced with head office by another Kaika process" in done.stderr
    assert f"process {syncing.pid}" in done.stderr
    assert StoreLock.take(store) is not None  # the restore let go of the store's own lock
