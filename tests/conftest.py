"""Fixtures shared by the suites: a real store database on disk with a hand-set clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop.bootstrap import App, open_app
from domain.clock import FixedClock
from domain.services.setup import new_settings

START = datetime.fromisoformat("2025-05-06T10:00:00+08:00")


@pytest.fixture(scope="session", autouse=True)
def suite_log_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Whatever a test runs that sets up the till's log writes here, never into the user's
    real log folder (a developer's or a till's own); likewise the default store database
    and every other platform data folder, so a demo store a developer keeps in their real
    data folder neither changes a test's answer nor gets written by one."""
    folder = tmp_path_factory.mktemp("logs")
    data = tmp_path_factory.mktemp("xdg-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIKA_LOG_DIR", str(folder))
        patch.setenv("XDG_DATA_HOME", str(data))
        patch.delenv("KAIKA_DB", raising=False)
        # A shared PC's data folder (/var/lib/kaika) is never looked at, let alone written.
        patch.setenv("KAIKA_MACHINE_DIR", str(tmp_path_factory.mktemp("machine-data")))
        patch.delenv("KAIKA_MACHINE", raising=False)
        patch.delenv("KAIKA_SETTINGS", raising=False)
        yield folder


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def make_app(tmp_path: Path, clock: FixedClock) -> Iterator[Callable[[str], App]]:
    """Open store databases with a given rule pack; all are closed after the test."""
    opened: list[App] = []

    def make(rulepack: str = "fashion") -> App:
        path = tmp_path / f"store-{len(opened)}.sqlite3"
        opened.append(open_app(path, clock=clock, settings=new_settings(rulepack=rulepack)))
        return opened[-1]

    yield make
    for one in opened:
        one.close()


@pytest.fixture
def app(make_app: Callable[[str], App]) -> App:
    """A migrated store database with pack `fashion` in a temporary folder."""
    return make_app("fashion")
