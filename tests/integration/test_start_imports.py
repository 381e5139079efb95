"""Starting `kaika` loads only what the command needs: each command is run in a fresh Python
process, which then lists the heavy packages it imported (no timing: sys.modules only)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.engine import make_engine
from db.migrate import at_head, head, script_head, upgrade
from db.store import StoreDb
from desktop.cli import COMMANDS, _parser

HEAVY = ("PySide6", "escpos", "cv2", "numpy", "PIL", "serial", "httpx", "pydantic",
         "sqlalchemy", "alembic", "openpyxl", "xlrd", "pypinyin", "cryptography", "fastapi")

# Runs `kaika ARGS` in this process, then prints which of HEAVY it imported and the exit code.
PROBE = """
import contextlib, io, json, sys
from desktop.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[2:])
    except SystemExit as exit:
        code = exit.code
heavy = set(json.loads(sys.argv[1]))
print(json.dumps([code, sorted({name.split(".")[0] for name in sys.modules} & heavy)]))
"""


# `kaika ARGS` with the heavy packages noted as the sync client opens its first connection to
# head office (sync/link.py), then again at the end: [exit code, connections, at the first,
# at the end].
SYNC_PROBE = """
import contextlib, io, json, sys
from sync import link
from desktop.cli import main
heavy = set(json.loads(sys.argv[1]))
seen = []
new = link.Link._new
def noted(self):
    seen.append(sorted({name.split(".")[0] for name in sys.modules} & heavy))
    return new(self)
link.Link._new = noted
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[2:])
    except SystemExit as exit:
        code = exit.code
end = sorted({name.split(".")[0] for name in sys.modules} & heavy)
print(json.dumps([code, len(seen), seen[0] if seen else None, end]))
"""


# The till to its log-in screen (desktop/launch.py, as bench/startup.py times it), then the
# packages it loaded.
TILL = """
import json, sys
from pathlib import Path
from desktop.launch import start_to_login
start_to_login(Path(sys.argv[1]))()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _loaded(*args: str) -> tuple[object, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(HEAVY), *args],
                          capture_output=True, text=True, check=True, timeout=120)
    code, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    return code, set(loaded)


@pytest.mark.parametrize("args", [["--help"], ["verify", "--help"], ["report", "--help"],
                                  ["report"], ["sync", "--help"], ["run", "--help"],
                                  ["import", "--help"], ["init", "--help"]])
def test_help_loads_nothing_heavy(args: list[str]) -> None:
    code, loaded = _loaded(*args)
    assert code in (0, 2)  # --help exits 0; `kaika report` without a report is a usage error
    assert loaded == set()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("start") / "store.sqlite3"
    code, _ = _loaded("init", "--db", str(path))
    assert code == 0
    return path


def test_verify_needs_no_qt_no_drivers_no_alembic(store: Path) -> None:
    code, loaded = _loaded("verify", "--db", str(store))
    assert code == 0
    assert loaded <= {"sqlalchemy", "cryptography"}


def test_sync_once_reaches_head_office_before_the_orm_and_pydantic(store: Path) -> None:
    """Up to its first connection `kaika sync --once` reads the store with plain sqlite3 and
    signs with cryptography: no SQLAlchemy, pydantic, httpx, Qt or drivers (and a round that
    cannot connect notes its error without them too)."""
    creds = store.with_name(store.name + ".sync.json")
    creds.write_text(json.dumps({"server": "http://127.0.0.1:9", "terminal_id": "T-start",
                                 "private_key": _private_key(),
                                 "server_keys": [_public_key()]}), encoding="utf-8")
    creds.chmod(0o600)
    with StoreDb.open(store, create=False) as opened, opened.uow() as uow:
        seq = uow.outbox.append("member.created", {"id": "m1"}, member_id="m1",
                                occurred_at_iso="2026-01-02T03:04:05+00:00")  # to send
        uow.sync_state.start("T-start", "http://127.0.0.1:9")
        uow.commit()
    try:
        done = subprocess.run([sys.executable, "-c", SYNC_PROBE, json.dumps(HEAVY), "sync",
                               "--once", "--db", str(store)],
                              capture_output=True, text=True, check=True, timeout=120)
    finally:
        creds.unlink()
    code, connections, at_first, at_end = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 1  # nothing listens on port 9: the round fails after trying to connect
    assert connections == 1
    assert at_first == at_end == ["cryptography"]
    with StoreDb.open(store, create=False) as opened, opened.reader() as uow:
        state = uow.sync_state.get()
        assert seq in [e.seq for e in uow.outbox.pending(10)]  # not sent, still queued
    assert state is not None and state.last_error == "sync.unreachable"


def test_the_till_starts_without_drivers_alembic_or_the_sync_client(store: Path) -> None:
    """Pillow, OpenCV and numpy load with the first receipt or camera frame, not at start."""
    done = subprocess.run([sys.executable, "-c", TILL, str(store)], capture_output=True,
                          text=True, check=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1])) & set(HEAVY)
    assert loaded == {"PySide6", "sqlalchemy", "cryptography", "serial"}


# What the log-in screen does not need (docs/performance.md, "till cold start"): SQLAlchemy's
# declarative classes of the schema (the mappers read db/columns.py), the back office and the
# shift dialogs (loaded when first opened) and, on a till not enrolled, the sync client.
NOT_AT_LOGIN = ("db.rows", "db.rows_members", "db.rows_sales", "db.rows_store", "db.rows_sync",
                "db.rows_till", "db.rows_draws", "desktop.screens.office",
                "desktop.screens.office_pages", "desktop.screens.shift", "desktop.shift_slip",
                "desktop.screens.manage", "desktop.screens.desk", "sync.loop", "sync.client",
                "sync.signing", "alembic")

TILL_MODULES = """
import json, sys
from pathlib import Path
from desktop.launch import start_to_login
start_to_login(Path(sys.argv[1]))()
print(json.dumps(sorted(sys.modules)))
"""


def test_the_log_in_screen_loads_neither_the_schema_classes_nor_the_back_office(
        store: Path) -> None:
    done = subprocess.run([sys.executable, "-c", TILL_MODULES, str(store)], capture_output=True,
                          text=True, check=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert {"desktop.screens.login", "desktop.screens.sale_screen", "db.columns"} <= loaded
    assert not {name for name in loaded
                if any(name == unneeded or name.startswith(unneeded + ".")
                       for unneeded in NOT_AT_LOGIN)}


def _private_key() -> str:
    from sync.signing import KeyPair

    return KeyPair.generate().private_text()


def _public_key() -> str:
    from sync.signing import KeyPair

    return KeyPair.generate().public_text()


def test_the_command_table_says_what_each_module_registers() -> None:
    for module, _, helps in COMMANDS:
        parser = _parser(next(iter(helps)))
        actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        registered = {c.dest: c.help for c in actions[0]._choices_actions}
        for name, text in helps.items():
            assert registered[name] == text, (module, name)
    listed = [name for _, _, helps in COMMANDS for name in helps]
    assert len(listed) == len(set(listed))


def test_the_head_read_from_the_version_files_is_alembics(tmp_path: Path) -> None:
    assert script_head() == head()
    engine = make_engine(tmp_path / "h.sqlite3")
    try:
        assert not at_head(engine)  # a new file has no alembic_version yet
        upgrade(engine, "0011")
        assert not at_head(engine)
        upgrade(engine)
        assert at_head(engine)
    finally:
        engine.dispose()
