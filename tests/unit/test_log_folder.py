"""The till's log goes to $KAIKA_LOG_DIR when set, which the test suite always sets: tests
never write into the user's real log folder (issue 12, item 22)."""

from __future__ import annotations

import logging
from pathlib import Path

from platformdirs import user_log_dir

from desktop.logs import LOG_DIR_ENV, log_folder, setup_logging


def test_the_suite_logs_into_its_own_folder(suite_log_folder: Path) -> None:
    import os

    assert os.environ[LOG_DIR_ENV] == str(suite_log_folder)
    assert not str(suite_log_folder).startswith(user_log_dir("Kaika", "Kaika"))


def test_setup_logging_writes_where_the_environment_says(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "here"))
    before = list(logging.getLogger().handlers)
    try:
        path = setup_logging()
        logging.getLogger("desktop").warning("a line for support")
        assert path == tmp_path / "here" / "kaika.log" == log_folder() / "kaika.log"
        assert "a line for support" in path.read_text(encoding="utf-8")
    finally:
        for handler in logging.getLogger().handlers:
            if handler not in before:
                handler.close()
                logging.getLogger().removeHandler(handler)


def test_a_refused_run_sets_up_no_log_at_all(tmp_path: Path, monkeypatch) -> None:
    from desktop.cli import main

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    before = list(logging.getLogger().handlers)
    assert main(["run", "--db", str(tmp_path / "none.sqlite3")]) == 2
    assert logging.getLogger().handlers == before
