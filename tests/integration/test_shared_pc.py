"""A till PC shared by several OS accounts: `kaika init --machine` puts the store in the
machine's data folder, after which every account's `kaika` finds it there."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.store_path import (
    MACHINE_DIR_ENV,
    MACHINE_ENV,
    SHARED_MARKER,
    default_db_path,
    machine_wide,
    user_data_folder,
)
from desktop.cli import main


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ProgramData" / "Kaika"
    monkeypatch.setenv(MACHINE_DIR_ENV, str(folder))
    return folder


def test_an_accounts_own_folder_until_the_pc_is_set_up_as_shared(machine: Path) -> None:
    assert not machine_wide()
    assert default_db_path() == user_data_folder() / "store.sqlite3"


def test_init_machine_makes_the_shared_folder_every_account_then_uses(
        machine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--machine"]) == 0
    assert (machine / SHARED_MARKER).is_file() and (machine / "store.sqlite3").is_file()
    assert machine_wide() and default_db_path() == machine / "store.sqlite3"
    assert main(["verify"]) == 0  # no --db: the shared store is the default now
    assert f"{machine / 'store.sqlite3'}: OK" in capsys.readouterr().out


def test_the_environment_decides_over_the_marker(machine: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    machine.mkdir(parents=True)
    (machine / SHARED_MARKER).write_text("shared")
    monkeypatch.setenv(MACHINE_ENV, "0")
    assert default_db_path() == user_data_folder() / "store.sqlite3"
    monkeypatch.setenv(MACHINE_ENV, "1")
    (machine / SHARED_MARKER).unlink()
    assert default_db_path() == machine / "store.sqlite3"


def test_a_machine_folder_that_cannot_be_made_is_explained(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv(MACHINE_DIR_ENV, str(blocker / "Kaika"))
    assert main(["init", "--machine"]) == 2
    said = capsys.readouterr().err
    assert "cannot set up" in said and "Shared PC data folder" in said
