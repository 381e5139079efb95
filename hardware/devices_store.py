"""The devices file written by the Devices page: checked first, replaced atomically, the
previous one kept beside it as `<name>.bak`, and read back exactly as the till reads it."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hardware.addresses import parse_address
from hardware.devices_file import SCHEMA, problems_of, read_devices
from hardware.errors import DeviceError

DEVICES_ENV = "KAIKA_DEVICES"
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
Settings = Mapping[str, Mapping[str, Any]]


def default_devices_path() -> Path:
    """Where the till finds its devices file: $KAIKA_DEVICES, else devices.toml in the
    user's config folder (`kaika run --devices PATH` names another)."""
    if os.environ.get(DEVICES_ENV):
        return Path(os.environ[DEVICES_ENV])
    import platformdirs

    return Path(platformdirs.user_config_dir("Kaika", "Kaika")) / "devices.toml"


class DevicesFile:
    """The devices file as the domain's `DeviceSettingsStore` (domain/ports.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def location(self) -> str:
        return str(self.path)

    def current(self) -> dict[str, dict[str, Any]]:
        """The settings in the file now ({} when there is no file yet)."""
        if not self.path.exists():
            return {}
        return {role: dict(table) for role, table in read_devices(self.path).items()}

    def problems(self, settings: Settings) -> list[str]:
        """Every mistake as `role.key: code`, the file's checks plus each URL parsed."""
        found = problems_of(settings)
        for role, table in settings.items():
            url = table.get("url") if isinstance(table, Mapping) else None
            if isinstance(url, str) and role in SCHEMA:
                try:
                    parse_address(url)
                except DeviceError as err:
                    found.append(f"{role}.url: {err.code.split('.', 1)[1]}")
        return found

    def save(self, settings: Settings) -> None:
        """Write the file; device.file_invalid (each problem named) leaves the old one as is."""
        problems = self.problems(settings)
        if problems:
            raise DeviceError("device.file_invalid", file=str(self.path), problems=problems)
        write_devices(self.path, settings)


def write_devices(path: Path, settings: Settings) -> None:
    """Replace `path` atomically with `settings` (TOML, or JSON for a .json file).

    The new text is written to a temporary file beside it and read back with the till's own
    reader before it takes the file's place, so a file the till would refuse is never left;
    the file it replaces is kept as `<name>.bak` for going back by hand.
    """
    text = (json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
            if path.suffix == ".json" else dumps_toml(settings))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".devices-", suffix=path.suffix,
                                         dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if read_devices(temp) != _plain(settings):
            raise DeviceError("device.file_invalid", file=str(path), problems=["$: round_trip"])
        if path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def dumps_toml(settings: Settings) -> str:
    """The settings as TOML: one table per role, keys in the order given."""
    blocks = []
    for role, table in settings.items():
        lines = [f"[{_key(role)}]"]
        lines += [f"{_key(key)} = {_toml_value(value)}" for key, value in table.items()]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DeviceError("device.setting_invalid", setting="number", value=str(value))
        return repr(value)
    if isinstance(value, str):
        # JSON's string escapes are TOML basic-string escapes as well.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise DeviceError("device.setting_invalid", setting="value", value=type(value).__name__)


def _plain(settings: Settings) -> dict[str, Any]:
    """The settings as the reader gives them back (tuples as lists), to compare."""
    plain: dict[str, Any] = json.loads(json.dumps(settings))
    return plain
