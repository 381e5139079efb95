"""Compile resources/i18n/*.ts into .qm with pyside6-lrelease (run by ./dev.sh)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("kaika: pyside6-lrelease not found; is PySide6-Essentials installed?")
    return found


def main() -> int:
    sources = sorted(I18N.glob("*.ts"))
    for ts in sources:
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
