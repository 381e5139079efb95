"""`kaika support-bundle`: one zip a support person can read, with nothing personal in it.

It holds the log files (the platform's log folder, or $KAIKA_LOG_DIR), the versions of
Python, Kaika, its key packages and the OS, the device settings, which store and terminal
this is and how its sync stands, and `kaika verify`'s answer. Never the store database,
its key file or the till's sync credentials; and every text that goes in is scrubbed of
mobile numbers, ID numbers and card numbers first (a log line or a verify problem may quote
one), so a bundle can be mailed."""

from __future__ import annotations

import json
import platform
import re
import sys
import zipfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from db.store_path import data_folder, machine_wide
from desktop.logs import log_folder
from domain import card_data

PACKAGES = ("kaika", "PySide6-Essentials", "SQLAlchemy", "alembic", "cryptography", "httpx",
            "python-escpos", "pyserial", "opencv-python-headless", "platformdirs", "pydantic",
            "psycopg", "tzdata")
# A mainland mobile (11 digits from 13x to 19x), an 18-character resident ID number (15 for
# the old cards), each standing alone; card numbers go by card_data.mask (Luhn and all).
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_LOG_LIMIT = 20_000_000  # the rotated logs are 6 × 2 MB; anything bigger is not ours


def scrub(text: str) -> str:
    """`text` with mobiles, ID numbers and card numbers replaced by what they are."""
    text = card_data.mask(text)
    text = _ID_NUMBER.sub("[id number]", text)
    return _MOBILE.sub(lambda m: f"[mobile ***{m.group(0)[-4:]}]", text)


def write_bundle(out: Path, db_path: Path, devices: Path | None) -> Path:
    """Write the zip to `out` (replaced if there); returns its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, text in _logs():
            bundle.writestr(f"logs/{name}", scrub(text))
        bundle.writestr("versions.json", _json(versions()))
        bundle.writestr("devices.txt", scrub(_devices(devices)))
        store, verified = _store(db_path)
        bundle.writestr("store.json", scrub(_json(store)))
        bundle.writestr("verify.txt", scrub(verified))
    return out


def versions() -> dict[str, Any]:
    found: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return {"python": sys.version, "executable_frozen": bool(getattr(sys, "frozen", False)),
            "os": platform.platform(), "machine": platform.machine(), "packages": found,
            "data_folder": str(data_folder()), "shared_pc": machine_wide(),
            "log_folder": str(log_folder()), "written_at": datetime.now(UTC).isoformat()}


def _logs() -> list[tuple[str, str]]:
    folder = log_folder()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name.startswith("kaika") and (
                path.stat().st_size <= _LOG_LIMIT):
            found.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    return found


def _devices(path: Path | None) -> str:
    from hardware.cli import load_devices
    from hardware.errors import DeviceError

    try:
        target, _ = load_devices(path)
    except DeviceError as err:
        return f"# the devices file is refused: {err.code} {err.params}\n"
    if not target.exists():
        return f"# no devices file at {target}: no devices configured\n"
    return f"# {target}\n" + target.read_text(encoding="utf-8", errors="replace")


def _store(db_path: Path) -> tuple[dict[str, Any], str]:
    """Who the store and terminal are, how sync stands, and verify's answer; no personal data
    and not the card secret."""
    from db.store import StoreDb
    from db.verify import verify

    if not db_path.exists():
        return {"db": str(db_path), "exists": False}, "no store database\n"
    try:
        store = StoreDb.open(db_path, create=False)
    except Exception as err:  # a broken store is what support must hear of
        return {"db": str(db_path), "open_failed": f"{type(err).__name__}: {err}"}, ""
    try:
        facts = _facts(store)
        problems = verify(store)
    finally:
        store.close()
    lines = [f"{p.code}: " + ", ".join(f"{k}={v}" for k, v in sorted(p.params.items()))
             for p in problems]
    lines.append(f"kaika verify: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return facts, "\n".join(lines) + "\n"


def _facts(store: Any) -> dict[str, Any]:
    from db.migrate import current

    with store.reader() as uow:
        settings = uow.settings.get()
        state = uow.sync_state.get()
        unsynced = uow.sync_outbox.unsynced(settings.terminal_id)
    return {"db": str(store.path), "size_bytes": store.path.stat().st_size,
            "schema": current(store.engine), "store_code": settings.store_code,
            "terminal_code": settings.terminal_code, "rulepack": settings.rulepack,
            "tz": settings.tz, "day_close": settings.day_close.isoformat(),
            "enrolled": state is not None and state.enrolled_at is not None,
            "server": state.server_url if state else "", "unsynced_events": unsynced,
            "last_contact_at": str(state.last_contact_at) if state else None,
            "last_error": state.last_error if state else ""}


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
