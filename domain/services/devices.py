"""Saving the till's device settings (the Devices page): administrators only, audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.errors import DomainError, ValidationError
from domain.ports import DeviceSettingsStore
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard

Settings = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class SavedDevices:
    location: str  # the file the till reads them from
    changed: tuple[str, ...]  # the roles added, changed or removed


def save_devices(ctx: ServiceContext, store: DeviceSettingsStore, settings: Settings,
                 staff_id: str) -> SavedDevices:
    """Replace the till's device settings with `settings`, as an administrator.

    The file is written before the audit entry because a file cannot join the database's
    transaction: an entry then never claims a change that did not happen. What the entry
    records is which roles changed and their addresses, never a card or a PIN.

    Raises:
        ValidationError: ``devices.invalid`` (field: the first mistake's `role.key`, problems:
            each mistake) — nothing is written.
        DomainError: the store's own refusal (``device.file_invalid``, an unwritable
            folder as ``devices.save_failed``); the access refusals of guard.py.
    """
    with guard(ctx, "devices.save_devices", staff_id):
        problems = store.problems(settings)
        if problems:
            raise ValidationError("devices.invalid", field=problems[0].split(":", 1)[0],
                                  problems=problems)
        before = _saved_before(store)
        _write(store, settings)
        changed = changed_roles(before, settings)
        with ctx.uow() as uow:
            audit(ctx, uow, "devices_saved", staff_id, target=store.location,
                  changed=list(changed), urls=_urls(settings))
            uow.commit()
    return SavedDevices(store.location, changed)


def changed_roles(before: Settings, after: Settings) -> tuple[str, ...]:
    roles = sorted(set(before) | set(after))
    return tuple(r for r in roles if dict(before.get(r, {})) != dict(after.get(r, {})))


def _saved_before(store: DeviceSettingsStore) -> Settings:
    """What was saved; a file the till refuses is what the new settings replace (its roles
    count as changed), not a reason to refuse fixing it."""
    try:
        return store.current()
    except DomainError:
        return {}


def _write(store: DeviceSettingsStore, settings: Settings) -> None:
    try:
        store.save(settings)
    except OSError as err:  # a read-only or full disk: said as a code, not a traceback
        raise DomainError("devices.save_failed", location=store.location,
                          reason=err.strerror or type(err).__name__) from None


def _urls(settings: Settings) -> dict[str, str]:
    return {role: str(table["url"]) for role, table in settings.items() if "url" in table}
