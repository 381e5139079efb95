"""The status bar tells the till (and the back office under the same bar) when its clock is far
from head office's, and when the link to head office needs someone to act. A copy of the demo
store enrolled with a real head-office process; the till's clock is injected."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.bootstrap import Till, open_till
from desktop.screens.main_window import MainWindow
from domain.clock import FixedClock
from sync import credentials
from sync.client import SyncClient
from sync.enroll import enroll
from sync.http import SyncError
from tests.gui.conftest import Cashier, DemoStore, KeyClock
from tests.gui.test_office_shell import office_login
from tests.gui.test_till_gaps import show
from tests.sync.fixtures import make_server  # noqa: F401 - a fixture, found by name
from tests.sync.harness import Server


@pytest.fixture
def server(make_server: Callable[..., Server]) -> Server:  # noqa: F811 - the fixture above
    return make_server("sqlite", stores=("S001",))


def _enrolled(demo_store: DemoStore, tmp_path: Path, server: Server,
              clock: FixedClock) -> Till:
    path = tmp_path / "enrolled.sqlite3"
    shutil.copy(demo_store.path, path)
    shutil.copy(demo_store.path.with_name(demo_store.path.name + ".key"),
                path.with_name(path.name + ".key"))
    till = open_till(path, {}, clock=clock, ui_lang="en")
    enroll(till.app.store, server.url, server.code_for("S001"), clock)
    return till


@pytest.fixture
def synced(demo_store: DemoStore, tmp_path: Path, server: Server,
           request: pytest.FixtureRequest) -> Iterator[tuple[Till, SyncClient]]:
    """The till `request.param` ahead of head office, after one sync round."""
    clock = FixedClock(datetime.now(UTC) + request.param)
    till = _enrolled(demo_store, tmp_path, server, clock)
    client = SyncClient(till.app.store, credentials.load(
        credentials.path_for(till.app.store.path)), clock)
    try:
        client.sync_round()
        yield till, client
    finally:
        client.close()
        till.close()


def _window(qtbot: QtBot, till: Till, client: SyncClient, key_clock: KeyClock) -> MainWindow:
    return show(qtbot, MainWindow(till.env, None, idle_lock_s=0, wedge_clock=key_clock,
                                  sync_status=client.status))


@pytest.mark.parametrize("synced", [timedelta(hours=2)], indirect=True)
def test_two_hours_ahead_is_shown_at_the_till_and_in_the_back_office(
        synced: tuple[Till, SyncClient], qtbot: QtBot, key_clock: KeyClock) -> None:
    till, client = synced
    window = _window(qtbot, till, client, key_clock)
    try:
        clock = window.status.findChild(QLabel, "status_clock")
        assert clock.isVisible()
        assert clock.text() == ("⚠ This till's clock is 2 h 0 min ahead of head office: check "
                                "its date and time")
        keys = Cashier(qtbot, window, key_clock)
        office_login(keys, "2001", "2468")  # a manager lands in the back office
        assert window.office is not None and window.office.isVisible()
        assert clock.isVisible() and "2 h 0 min ahead" in clock.text()
    finally:
        window.shutdown()


@pytest.mark.parametrize("synced", [timedelta(minutes=3)], indirect=True)
def test_three_minutes_ahead_is_within_the_limit_and_not_shown(
        synced: tuple[Till, SyncClient], qtbot: QtBot, key_clock: KeyClock) -> None:
    till, client = synced
    window = _window(qtbot, till, client, key_clock)
    try:
        assert not window.status.findChild(QLabel, "status_clock").isVisible()
        assert window.status.findChild(QLabel, "status_sync").text() == (
            "Head office: online · unsynced 0")
    finally:
        window.shutdown()


@pytest.mark.parametrize("synced", [timedelta(0)], indirect=True)
def test_a_till_that_must_enrol_again_is_told_so_in_the_status_bar(
        synced: tuple[Till, SyncClient], qtbot: QtBot, key_clock: KeyClock) -> None:
    till, client = synced
    path = credentials.path_for(till.app.store.path)
    old = json.loads(path.read_text(encoding="utf-8"))
    old.pop("server_keys")  # credentials written before head office signed its answers
    path.write_text(json.dumps(old), encoding="utf-8")
    stale = SyncClient(till.app.store, credentials.load(path), client.clock)
    try:
        with pytest.raises(SyncError):
            stale.sync_round()
        window = _window(qtbot, till, stale, key_clock)
        link = window.status.findChild(QLabel, "status_link")
        assert link.isVisible() and link.text().startswith(
            "This till must be enrolled with head office again")
        window.shutdown()
    finally:
        stale.close()
