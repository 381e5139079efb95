"""A first open after an update upgrades the store database behind a progress dialog that
names each step (issue 12, item 2): a large store takes minutes, and a till that looks hung
gets switched off mid-upgrade."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from PySide6.QtWidgets import QApplication

from db import migrate
from db.engine import make_engine
from desktop.bootstrap import open_app
from desktop.upgrade_progress import upgrade_with_progress


def _store_at(path: Path, revision: str) -> None:
    """A store as an older Kaika left it: made today, then taken back to `revision`."""
    open_app(path).close()
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), revision)
    finally:
        engine.dispose()


def test_an_old_store_is_upgraded_with_each_step_on_screen(qapp: QApplication,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    _store_at(path, "0005")
    progress = upgrade_with_progress(path)
    assert progress is not None
    labels = progress.seen
    steps = len(progress.steps)  # 0006, 0007 and whatever came after them
    assert steps >= 2 and len(labels) == steps
    assert [step.split(", ")[0] for step in labels[:2]] == ["Running upgrade 0005 -> 0006",
                                                            "Running upgrade 0006 -> 0007"]
    assert progress.dialog.maximum() == steps and progress.dialog.value() == steps
    assert progress.dialog.labelText().startswith(f"Step {steps} of {steps}: ")
    assert "Do not switch the till off" in progress.dialog.labelText()
    assert not progress.dialog.isVisible()
    engine = make_engine(path)
    try:
        assert migrate.current(engine) == migrate.head()
    finally:
        engine.dispose()
    open_app(path).close()  # and it opens as usual afterwards


def test_a_new_or_current_store_opens_without_a_dialog(qapp: QApplication,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    assert upgrade_with_progress(path) is None  # not there yet: created by the usual open
    open_app(path).close()
    assert upgrade_with_progress(path) is None
