"""`./dev.sh` installs every system library Qt's xcb plugin loads (issue 12, item 2): the
plugin's own `ldd` list, mapped to Debian package names, is in dev.sh and the README."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
X_LIBRARY = re.compile(r"^(lib(?:xcb|X11|xkbcommon)[\w-]*)\.so\.(\d+)$")


def dev_sh_packages() -> set[str]:
    text = (ROOT / "dev.sh").read_text(encoding="utf-8")
    found = re.search(r"SYSTEM_PACKAGES=\(([^)]*)\)", text)
    assert found is not None
    return set(found.group(1).split())


def debian_package(soname: str) -> str | None:
    """Debian's name for the package holding an X library: libxcb-icccm.so.4 → libxcb-icccm4,
    libxkbcommon-x11.so.0 → libxkbcommon-x11-0 (a name ending in a digit takes a hyphen)."""
    match = X_LIBRARY.match(soname)
    if match is None:
        return None
    name, version = match.group(1).lower(), match.group(2)
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def xcb_plugin_libraries() -> set[str]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    needed: set[str] = set()
    for part in (qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")):
        if not part.exists():
            continue
        listing = subprocess.run(["ldd", str(part)], capture_output=True, text=True, check=False)
        needed.update(line.split()[0] for line in listing.stdout.splitlines() if line.strip())
    return needed


def test_the_soname_rule_gives_debians_package_names() -> None:
    assert debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert debian_package("libX11-xcb.so.1") == "libx11-xcb1"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert debian_package("libc.so.6") is None


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd lists what the plugin loads")
def test_dev_sh_installs_every_x_library_the_xcb_plugin_loads() -> None:
    wanted = {debian_package(name) for name in xcb_plugin_libraries()} - {None}
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= wanted  # Qt >= 6.5
    missing = wanted - dev_sh_packages()
    assert not missing, f"dev.sh does not install {sorted(p or '' for p in missing)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(package in readme for package in wanted if package)
