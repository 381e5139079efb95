"""The wheel a store installs carries its data files, starts read-only; the desktop entry works."""

from __future__ import annotations

import configparser
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PYTHON": sys.executable, "OUT": str(out)}
    done = subprocess.run(["bash", str(ROOT / "installer" / "build.sh")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return next(out.glob("kaika-*.whl"))


@pytest.mark.slow
def test_wheel_carries_rulepacks_migrations_and_translations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in ("fashion", "ladder10", "retail"):
        assert f"resources/rulepacks/{pack}.toml" in names
    assert any(n.startswith("db/migrations/versions/v0001") for n in names)
    assert "db/migrations/env.py" in names
    # compiled, not left to the till: an install folder may be read-only
    assert {"resources/i18n/kaika_zh_CN.qm", "resources/i18n/kaika_en.qm"} <= names
    assert "resources/styles/till.qss" in names and "resources/scenarios/coupons.json" in names
    assert not any(n.startswith("tests/") for n in names)
    meta = zipfile.ZipFile(wheel).read("kaika-0.1.0.dist-info/METADATA").decode()
    requires = [line.split(":", 1)[1].strip() for line in meta.splitlines()
                if line.startswith("Requires-Dist:")]
    assert any(r.startswith("tzdata") for r in requires)  # Windows has no zone database
    assert any(r.startswith("pywin32") and 'sys_platform == "win32"' in r for r in requires)


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in [folder, *folder.rglob("*")]}


@pytest.mark.slow
def test_wheel_installed_read_only_starts_with_data_elsewhere(wheel: Path,
                                                              tmp_path: Path) -> None:
    site, data = tmp_path / "site", tmp_path / "data"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--target", str(site), str(wheel)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    for path in [site, *site.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = _files(site)
    data.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_DATA_HOME": str(data),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KAIKA_DB", None)
    kaika = [sys.executable, "-c", "import sys; from desktop.cli import main; sys.exit(main())"]
    try:
        where = subprocess.run([sys.executable, "-c", "import desktop; print(desktop.__file__)"],
                               env=env, cwd=data, capture_output=True, text=True, timeout=60)
        assert where.stdout.strip().startswith(str(site))  # the wheel's copy, not the checkout
        helped = subprocess.run([*kaika, "--help"], env=env, cwd=data, capture_output=True,
                                text=True, timeout=120)
        assert helped.returncode == 0 and "demo" in helped.stdout, helped.stderr
        demo = subprocess.run([*kaika, "demo"], env=env, cwd=data, capture_output=True,
                              text=True, encoding="utf-8", timeout=300)
        assert demo.returncode == 0, demo.stderr
        assert "打印 成功" in demo.stdout
        assert (data / "Kaika" / "demo-store.sqlite3").exists()
        assert _files(site) == before  # nothing compiled or written into the install
    finally:
        for path in [site, *site.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_desktop_entry_runs_the_till_in_both_languages() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(ROOT / "installer" / "kaika.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "kaika"
    assert section["Name[zh_CN]"] == "开卡收银"
