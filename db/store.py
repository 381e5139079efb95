"""StoreDb: the one object bootstrap code and the CLI use to open a store database."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from db.card_secret import is_clear, seal_in_place
from db.crypto import FieldCipher, default_key_path
from db.engine import make_engine, read_only
from db.filemodes import owner_only
from db.migrate import at_head, current, upgrade
from db.seals import Sealer
from db.store_peek import StorePeek
from db.uow import SqlUnitOfWork
from db.wal import copy_back, tidy_in_background
from domain.clock import Clock, SystemClock
from domain.errors import DomainError


class StoreDb:
    """An open store database, migrated to the newest schema this Kaika knows."""

    def __init__(self, path: Path, engine: Engine, cipher: FieldCipher, clock: Clock,
                 sealer: Sealer | None = None) -> None:
        self.path = path
        self.engine = engine
        self.cipher = cipher
        self.sealer = sealer or Sealer(lambda: cipher.store_key(create=False))
        self.clock = clock
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=read_only(engine), expire_on_commit=False)
        # A large log left by a long write that was killed, copied back off the till's path.
        self.log_tidy = tidy_in_background(path) if path.exists() else None

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, key_path: str | Path | None = None,
             clock: Clock | None = None, backup_before_upgrade: bool = True) -> StoreDb:
        """Open (or create) the database at `path` and upgrade it in place to head.

        The database, its -wal and -shm files and its key file are readable by their owner
        only: made so, or tightened here if an older Kaika made them 0644 (db/engine.py).

        Args:
            path: the SQLite file.
            create: when False a missing file is an error instead of a new empty store.
            key_path: the Fernet key file for personal data; default `<path>.key` beside it.
            clock: stamps bookkeeping times (outbox acknowledgements); the system clock if None.
            backup_before_upgrade: back an existing store up before upgrading it (its backup
                settings, db/autobackup.py); off for scratch copies.

        Raises:
            DomainError: ``store.db_missing`` (create=False and no file), ``store.schema_newer``
                (the file was written by a newer Kaika).
        """
        db_path = Path(path).expanduser().resolve()
        existed = db_path.exists()
        if not existed:
            if not create:
                raise DomainError("store.db_missing", path=str(db_path))
            db_path.parent.mkdir(parents=True, exist_ok=True)
        keys = Path(key_path).expanduser() if key_path is not None else default_key_path(db_path)
        owner_only(keys)  # a key file an older Kaika left readable by others (made 0600 now)
        cipher = FieldCipher(keys)
        mint = [False]
        sealer = Sealer(lambda: cipher.store_key(create=mint[0]))
        engine = make_engine(db_path, sealer)
        try:
            mint[0] = _may_mint_key(engine)
            if existed and backup_before_upgrade:
                _backup_if_upgrading(db_path, engine)
            upgrade(engine, sealer=sealer)
        except BaseException:
            engine.dispose()
            raise
        # A card secret an older Kaika stored in clear is sealed now (db/card_secret.py).
        seal_in_place(engine, cipher)
        return cls(db_path, engine, cipher, clock or SystemClock(), sealer)

    def uow(self) -> SqlUnitOfWork:
        """A new unit of work (one transaction); use it in a `with` block and commit."""
        return SqlUnitOfWork(self._sessions, self.cipher, self.clock, self.sealer)

    def reader(self) -> SqlUnitOfWork:
        """A unit of work for lookups and reports: BEGIN DEFERRED, so it never waits for the
        write lock and a writer never waits for it. Writing through it is a mistake."""
        return SqlUnitOfWork(self._read_sessions, self.cipher, self.clock, self.sealer)

    def copy_back_log(self, shrink: bool = False) -> None:
        """The write-ahead log copied back into the file without holding writers back; with
        `shrink`, emptied too if nothing else is using it (db/wal.py). A failure is not the
        caller's (what it wrote is committed): SQLite's own checkpoints, at the till's next
        commits and when the store closes, copy the log back later."""
        with contextlib.suppress(sqlite3.Error):
            copy_back(self.path, shrink=shrink)

    def peek(self, *, write: bool = False) -> StorePeek:
        """Plain sqlite3 reads, or a short sync-state write, on a connection of their own
        (db/store_peek.py: what `kaika sync` does before the ORM has loaded)."""
        return StorePeek(self.path, write=write)

    def close(self) -> None:
        """Release every pooled connection (the WAL is checkpointed when the last one closes)."""
        self.engine.dispose()

    def __enter__(self) -> StoreDb:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _backup_if_upgrading(db_path: Path, engine: Engine) -> None:
    """A store about to be upgraded is backed up first; a failed backup is logged and the
    upgrade goes on (it is one transaction: a failed step leaves the store as it was)."""
    if at_head(engine) or current(engine) is None:
        return
    from db.autobackup import auto_backup

    auto_backup(db_path, "upgrade")


def needs_key(engine: Engine) -> bool:
    """Whether something in the store was sealed with its key (a copy without it is useless)."""
    return not _may_mint_key(engine)


def _may_mint_key(engine: Engine) -> bool:
    """Whether a missing key file may be made now: only for a store nothing was sealed in yet.

    A store with a keyed audit chain, sealed ID numbers or a sealed card secret was sealed
    with a key that is not here; a new one would vouch for rows it never saw and open
    nothing, so the store runs unsealed and `kaika verify` names the missing key instead.
    """
    with read_only(engine).connect() as conn, conn.begin():
        tables = set(conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
        if "chain_marks" in tables and conn.execute(text(
                "SELECT 1 FROM chain_marks LIMIT 1")).first() is not None:
            return False
        if "members" in tables and conn.execute(text(
                "SELECT 1 FROM members WHERE id_number_enc IS NOT NULL LIMIT 1")).first():
            return False
        if "store_settings" in tables:
            secret = conn.execute(text("SELECT card_secret_hex FROM store_settings")).scalar()
            if isinstance(secret, str) and secret and not is_clear(secret):
                return False
    return True
