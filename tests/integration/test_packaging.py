"""The wheel a store installs carries the rule packs, migrations and the desktop entry works."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_carries_rulepacks_and_migrations(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON": sys.executable, "OUT": str(tmp_path)}
    done = subprocess.run(["bash", str(ROOT / "installer" / "build.sh")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("kaika-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in ("fashion", "ladder10", "retail"):
        assert f"resources/rulepacks/{pack}.toml" in names
    assert any(n.startswith("db/migrations/versions/v0001") for n in names)
    assert "db/migrations/env.py" in names
    assert not any(n.startswith("tests/") for n in names)


def test_desktop_entry_runs_the_till_in_both_languages() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(ROOT / "installer" / "kaika.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "kaika"
    assert section["Name[zh_CN]"] == "开卡收银"
