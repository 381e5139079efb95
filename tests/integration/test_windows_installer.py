"""The Windows installer script builds with makensis and keeps the store's data on uninstall.

The Windows bundle is built on Windows (installer/windows/build.ps1, .github/workflows/
windows.yml); here makensis (Debian's nsis package, installed by ./dev.sh test) builds the
installer over a stand-in bundle with the same layout, and its verbose listing of what each
part does is checked: every file goes in, shortcuts go to the all-users Start menu, and the
uninstaller never deletes the program-data folder that holds the store database.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installer" / "windows" / "kaika.nsi"

pytestmark = pytest.mark.skipif(shutil.which("makensis") is None,
                                reason="makensis missing: ./dev.sh test installs nsis")


def _stand_in_bundle(folder: Path) -> tuple[Path, Path]:
    bundle, camera = folder / "kaika", folder / "kaika-camera"
    (bundle / "_internal" / "resources" / "i18n").mkdir(parents=True)
    (bundle / "kaika.exe").write_bytes(b"MZ console")
    (bundle / "kaika-till.exe").write_bytes(b"MZ windowed")
    (bundle / "_internal" / "resources" / "i18n" / "kaika_zh_CN.qm").write_bytes(b"qm")
    (camera / "cv2").mkdir(parents=True)
    (camera / "cv2" / "__init__.py").write_text("# OpenCV\n", encoding="utf-8")
    return bundle, camera


def _makensis(tmp_path: Path, *defines: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path / "kaika-0.1.0-setup.exe"
    done = subprocess.run(["makensis", "-V4", "-WX", "-INPUTCHARSET", "UTF8",
                           f"-DOUTFILE={out}", *defines, str(NSI)],
                          capture_output=True, text=True, timeout=120)
    return done, out


@pytest.mark.slow
def test_installer_builds_over_a_bundle_and_uninstall_keeps_store_data(tmp_path: Path) -> None:
    bundle, camera = _stand_in_bundle(tmp_path)
    done, out = _makensis(tmp_path, f"-DBUNDLE_DIR={bundle}", f"-DCAMERA_DIR={camera}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"  # a Windows program
    install, _, uninstall = done.stdout.partition('Section: "Uninstall"')
    for name in ("kaika.exe", "kaika-till.exe", "kaika_zh_CN.qm", "__init__.py"):
        assert f'File: "{name}"' in install
    assert "SetShellVarContext: all" in install  # per machine, not the installing admin's
    shortcuts = [line for line in install.splitlines() if line.startswith("CreateShortcut:")]
    assert shortcuts and all(line.startswith('CreateShortcut: "$SMPROGRAMS\\开卡收银\\')
                             for line in shortcuts)
    assert any('->"$INSTDIR\\kaika-till.exe"' in line for line in shortcuts)
    # every command and the till find the store database in the machine's program-data folder
    assert "Environment\\KAIKA_DB=$APPDATA\\Kaika\\store.sqlite3" in install
    assert "WriteUninstaller" in install
    removed = [line for line in uninstall.splitlines() if line.startswith(("RMDir", "Delete:"))]
    assert any("$INSTDIR\\_internal" in line for line in removed)
    assert not any("$APPDATA" in line for line in removed)


@pytest.mark.slow
def test_installer_without_a_camera_part_and_without_a_bundle(tmp_path: Path) -> None:
    bundle, _ = _stand_in_bundle(tmp_path)
    done, out = _makensis(tmp_path, f"-DBUNDLE_DIR={bundle}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Camera scanning" not in done.stdout and out.exists()
    out.unlink()
    done, out = _makensis(tmp_path)
    assert done.returncode != 0 and not out.exists()
    assert "BUNDLE_DIR is not defined" in done.stdout + done.stderr
