"""The composition root: the one place that builds the store database, clock and services."""

from __future__ import annotations

import secrets
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.repos_imports import ImportPreparer
from db.store import StoreDb
from db.store_path import DB_ENV as DB_ENV
from db.store_path import default_db_path as default_db_path
from desktop.viewmodels.env import TillEnv
from desktop.workers import process_workers
from domain import pins
from domain.clock import BusinessDay, Clock, SystemClock
from domain.errors import DomainError
from domain.packload import load_pack
from domain.records import StoreSettings
from domain.rulepack import RulePack
from domain.services.context import ServiceContext
from domain.services.setup import init_store, new_settings

if TYPE_CHECKING:  # the CLI's other commands need no drivers (OpenCV loads slowly)
    from hardware.registry import DeviceRegistry


@dataclass
class App:
    """A store database opened with its services context."""

    store: StoreDb
    ctx: ServiceContext
    settings: StoreSettings

    def close(self) -> None:
        self.store.close()


def open_app(path: Path, clock: Clock | None = None,
             settings: StoreSettings | None = None) -> App:
    """Open (creating and migrating if needed) a store database and wire the services.

    A new database is initialised with `settings` (or fresh defaults) and a random card
    secret; an existing one keeps its own settings.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # The store stamps acknowledgements with the same clock the services read: day close
    # compares the two when it prunes the outbox.
    store = StoreDb.open(path, clock=clock)
    chosen = settings or new_settings()
    if not chosen.card_secret_hex:
        chosen = replace(chosen, card_secret_hex=secrets.token_hex(32))
    ctx = _context(store, chosen, clock or SystemClock())
    stored = init_store(ctx, chosen)
    if stored != chosen:
        ctx = _context(store, stored, ctx.clock)
    return App(store, ctx, stored)


def _context(store: StoreDb, settings: StoreSettings, clock: Clock) -> ServiceContext:
    return ServiceContext(
        uow=store.uow, read_uow=store.reader, clock=clock, pack=load_pack(settings.rulepack),
        calendar=BusinessDay(settings.tz, settings.day_close),
        card_secret=bytes.fromhex(settings.card_secret_hex),
        hash_pin=pins.hash_pin, verify_pin=pins.verify_pin,
        prepare_import=ImportPreparer(store.cipher), copy_back_log=store.copy_back_log,
        workers=process_workers,
        qr_verify=_qr_verifier(Path(store.path)),
        issuer_qr_verify=_issuer_qr_verifier(Path(store.path)))


def _qr_verifier(db_path: Path) -> Callable[[bytes, bytes], bool]:
    """The till's dynamic-QR check; `cryptography` loads at the first QR scanned, not at start."""

    def verify(message: bytes, signature: bytes) -> bool:
        from sync.qrkeys import TillQrKeys

        return TillQrKeys(db_path).verify(message, signature)

    return verify


def _issuer_qr_verifier(db_path: Path) -> Callable[[str, bytes, bytes], bool]:
    """An alliance issuer's dynamic-QR check, loaded as lazily as the till's own."""

    def verify(brand: str, message: bytes, signature: bytes) -> bool:
        from sync.qrkeys import TillQrKeys

        return TillQrKeys(db_path).verify_issuer(brand, message, signature)

    return verify


@dataclass
class Till:
    """A store database, its devices and what the till's screens share."""

    app: App
    devices: DeviceRegistry
    env: TillEnv

    def close(self) -> None:
        self.app.close()


def open_till(path: Path, device_settings: Mapping[str, Mapping[str, Any]] | None = None, *,
              clock: Clock | None = None, settings: StoreSettings | None = None,
              ui_lang: str = "zh_CN", devices_path: Path | None = None) -> Till:
    """Open the store database and build the configured devices for the till.

    Receipts print in the store's language (`receipt.lang` in its settings); a store that
    has not set one gets receipts in the language the till is shown in. `devices_path`: the
    devices file `device_settings` came from, where the Devices page saves.
    """
    from hardware.devices_store import DevicesFile
    from hardware.registry import DeviceRegistry

    app = open_app(path, clock=clock, settings=settings)
    registry = DeviceRegistry(dict(device_settings or {}))
    lang = str(app.settings.receipt.get("lang") or ("en" if ui_lang == "en" else "zh"))
    receipt = app.settings.receipt
    env = TillEnv(app.ctx, app.settings.store_name, receipt_lang=lang,
                  print_shift_slip=bool(receipt.get("shift_slip", True)),
                  print_z_at_close=bool(receipt.get("z_at_close", True)),
                  devices_store=DevicesFile(devices_path) if devices_path else None)
    return Till(app, registry, env)


def store_path(ctx: ServiceContext) -> Path:
    """The file of the store database a context is wired to."""
    from db.uow import SqlUnitOfWork

    with ctx.reader() as uow:
        if not isinstance(uow, SqlUnitOfWork):
            raise DomainError("store.not_initialised")
        return uow.database_path()


def rulepack_folder(ctx: ServiceContext) -> Path:
    """Where a store keeps pack files it switched to (head office's packs land here too)."""
    return store_path(ctx).parent / "rulepacks"


@contextmanager
def scratch_copy(ctx: ServiceContext, pack: RulePack, clock: Clock) -> Iterator[ServiceContext]:
    """A throw-away copy of the store database with another rule pack (trying a pack).

    SQLite's online backup copies a consistent snapshot while the till keeps working; the
    copy (without the store's staff accounts) and its key live in a temporary folder that is
    removed on exit.
    """
    from db.crypto import default_key_path
    from db.uow import SqlUnitOfWork

    source = store_path(ctx)
    with tempfile.TemporaryDirectory(prefix="kaika-trial-") as folder:
        path = Path(folder) / "trial.sqlite3"
        with ctx.reader() as uow, closing(sqlite3.connect(path)) as target:
            assert isinstance(uow, SqlUnitOfWork)
            uow.backup_to(target)
            # The trial runs as the scenario runner's own staff, made as the copy's first
            # accounts (domain/services/simulate.py); the store's accounts stay out of it.
            target.execute("DELETE FROM staff")
            target.commit()
        if default_key_path(source).exists():
            shutil.copy(default_key_path(source), default_key_path(path))
        store = StoreDb.open(path, create=False, clock=clock, backup_before_upgrade=False)
        try:
            with store.reader() as uow:
                settings = uow.settings.get()
            yield replace(_context(store, settings, clock), pack=pack)
        finally:
            store.close()
