"""`kaika backup`, `kaika restore` and `kaika support-bundle`: a store's copies and what
support needs, from the command line (docs/installing.md).

Every heavy module loads inside the command that runs, so `kaika --help` stays quick."""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from db.store_path import DB_ENV, default_db_path

if TYPE_CHECKING:
    from db.store import StoreDb
    from domain.errors import DomainError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `backup`, `restore` and `support-bundle` to the `kaika` command line."""
    cmd = sub.add_parser("backup", help="copy the store database and its key, while the till "
                                        "runs")
    _db_option(cmd)
    cmd.add_argument("--to", type=Path, default=None, metavar="DIR",
                     help="folder for the copy (default: the backup folder of kaika.toml, "
                          "or backups/ beside the store database)")
    cmd.set_defaults(func=_backup)
    cmd = sub.add_parser("restore", help="put a backup back after checking it")
    cmd.add_argument("file", type=Path, metavar="FILE", help="the backup (its .key beside it)")
    _db_option(cmd)
    cmd.set_defaults(func=_restore)
    cmd = sub.add_parser("support-bundle", help="a zip for support: logs, versions, device "
                                                "settings, verify (no personal data, no keys)")
    _db_option(cmd)
    cmd.add_argument("--devices", type=Path, default=None,
                     help="device settings file (default: $KAIKA_DEVICES or devices.toml in "
                          "the config folder)")
    cmd.add_argument("--out", type=Path, default=None, metavar="FILE",
                     help="the zip to write (default: kaika-support-<time>.zip here)")
    cmd.set_defaults(func=_support_bundle)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help=f"store database (default: ${DB_ENV} or the data folder)")


def _refuse(err: DomainError, code: int = 2) -> int:
    from desktop.cli_errors import say

    print(say(err), file=sys.stderr)
    return code


def _backup(args: argparse.Namespace) -> int:
    from db.autobackup import backup_folder, backup_settings
    from db.backup import take_backup
    from domain.errors import DomainError

    path = (args.db or default_db_path()).expanduser().resolve()
    if not path.exists():
        return _refuse(DomainError("store.db_missing", path=str(path)))
    folder = args.to or backup_folder(path, backup_settings(path))
    try:
        made = take_backup(path, folder.expanduser(), datetime.now(UTC))
    except OSError as err:
        return _refuse(DomainError("store.backup_failed", folder=str(folder),
                                   reason=err.strerror or str(err)), 1)
    print(f"kaika: backup written: {made.path}")
    if made.key is not None:
        print(f"kaika: with its key file: {made.key} (keep the two together, and safe: the "
              f"key opens the members' ID numbers)")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from db.lock import SYNC_SUFFIX, StoreLock
    from db.restore import check_backup, put_back
    from domain.errors import DomainError

    path = (args.db or default_db_path()).expanduser().resolve()
    try:
        # A `kaika sync` service may run with the till closed: never swap the file mid-round.
        with StoreLock.take(path), StoreLock.take(path, SYNC_SUFFIX, "sync.in_use"), \
                tempfile.TemporaryDirectory(prefix="kaika-restore-") as tmp:
            checked = check_backup(args.file.expanduser().resolve(), Path(tmp))
            aside = put_back(checked, path, datetime.now(UTC))
            print(f"kaika: {args.file} checked (kaika verify: OK) and restored to {path}")
            if aside is not None:
                print(f"kaika: the store it replaced is kept in {aside}")
            return _after_restore(path)
    except DomainError as err:
        return _refuse(err, 3 if err.code in ("store.in_use", "sync.in_use") else 2)


def _after_restore(path: Path) -> int:
    """An enrolled till notes the restore and asks head office where it stood (now, or at
    its next sync before it sends anything: sync/standing.py)."""
    from db.store import StoreDb
    from sync import credentials, standing

    if not credentials.path_for(path).exists():
        return 0  # never enrolled: nobody else has seen its numbers
    store = StoreDb.open(path, create=False)
    try:
        standing.mark_restored(store)
        return _ask_head_office(store)
    finally:
        store.close()


def _ask_head_office(store: StoreDb) -> int:
    from domain.clock import SystemClock
    from domain.errors import DomainError
    from sync import credentials
    from sync.client import SyncClient
    from sync.http import SyncError

    try:
        client = SyncClient(store, credentials.load(credentials.path_for(store.path)),
                            SystemClock())
    except DomainError as err:
        return _refuse(DomainError("store.standing_unknown", reason=err.code), 0)
    try:
        seq, receipt = client.ask_standing()
    except SyncError as err:
        return _refuse(DomainError("store.standing_unknown", reason=err.code), 0)
    finally:
        client.close()
    print(f"kaika: head office answered: events continue after {seq}, receipts after "
          f"number {receipt}")
    return 0


def _support_bundle(args: argparse.Namespace) -> int:
    from desktop.support_bundle import write_bundle

    path = (args.db or default_db_path()).expanduser()
    out = args.out or Path(f"kaika-support-{datetime.now(UTC):%Y%m%d-%H%M%S}.zip")
    written = write_bundle(out, path, args.devices)
    print(f"kaika: support bundle written: {written} (logs, versions, device settings and "
          f"kaika verify; no personal data, no keys)")
    return 0
