"""`kaika enroll` and `kaika sync`: the till's side of head office, from the command line."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the store, httpx and the wire schema load when a command runs
    from sync.client import SyncClient


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `enroll` and `sync` to the `kaika` command line."""
    cmd = sub.add_parser("enroll", help="enrol this till with head office (one-time code)")
    _db_option(cmd)
    cmd.add_argument("--server", required=True,
                     help="head office URL, https://... (http:// only to this machine)")
    cmd.add_argument("--code", required=True, help="the code `kaika-headoffice enroll` printed")
    cmd.add_argument("--insecure", action="store_true",
                     help="allow plain http:// to another machine (a test network only: the "
                          "code and head office's keys would cross it in the clear)")
    cmd.add_argument("--terminal-code", default=None, help="T01, T02, ... (default: next free)")
    cmd.set_defaults(func=_enroll)
    cmd = sub.add_parser("sync", help="sync with head office (until Ctrl-C, or --once)")
    _db_option(cmd)
    cmd.add_argument("--once", action="store_true", help="one round: push, pull, renew")
    cmd.add_argument("--status", action="store_true", help="print the sync status and stop")
    cmd.add_argument("--interval", type=float, default=15.0, help="seconds between rounds")
    cmd.set_defaults(func=_sync)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help="store database (default: $KAIKA_DB or the data folder)")


def _db_path(args: argparse.Namespace) -> Path:
    if args.db:
        return Path(args.db)
    from db.store_path import default_db_path  # the one default: $KAIKA_DB, a shared PC's

    return default_db_path()


def _print(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    sys.stdout.flush()


# What a person typing `kaika enroll` or `kaika sync` needs to hear in words, not as a code.
SENTENCES = {
    "sync.in_use": "another Kaika process is syncing this store right now (process {pid}, "
                   "account {user} on {host}); nothing was sent. Try again when it finishes.",
    "sync.insecure_server": "refusing to enrol over plain http:// with {server}: the one-time "
                            "code and head office's keys would cross the network in the clear. "
                            "Use https:// (head office behind TLS), or pass --insecure on a "
                            "test network you trust.",
    "sync.server_invalid": "{server} is not a head office address: give https://host[:port].",
    "sync.already_enrolled": "this till is already enrolled with head office.",
    "sync.reenrol_needed": "this till was enrolled before head office signed its answers: ask "
                           "head office for a new code made for this till (`kaika-headoffice "
                           "enroll --store S --terminal ID`) and run `kaika enroll` again "
                           "(sales are kept and sent afterwards).",
    "enroll.terminal_known": "head office already knows this till ({terminal_id}): a code for "
                             "a new till cannot re-enrol it. Ask head office for a code made "
                             "for it: `kaika-headoffice enroll --store S --terminal "
                             "{terminal_id}`.",
    "enroll.code_for_other_terminal": "this code was made for another till: ask head office "
                                      "for a code for this one ({terminal_id}).",
    "sync.answer_forged": "an answer claiming to be from head office was altered on the way and "
                          "refused; nothing of it was applied. Check the network and proxies.",
    "sync.answer_unsigned": "an answer without head office's signature was refused; nothing of "
                            "it was applied. Check that --server is head office itself.",
}


def _say(code: str, params: dict[str, Any], fallback: str) -> str:
    sentence = SENTENCES.get(code)
    return sentence.format(**params) if sentence else fallback


def _enroll(args: argparse.Namespace) -> int:
    from db.store import StoreDb
    from domain.clock import SystemClock
    from domain.errors import DomainError
    from sync import credentials
    from sync.client import SyncClient
    from sync.enroll import enroll
    from sync.http import SyncError

    store = StoreDb.open(_db_path(args), create=False)
    try:
        answer = enroll(store, args.server, args.code, SystemClock(), args.terminal_code,
                        insecure=args.insecure)
        print(f"kaika: enrolled as {answer.store.store_code}-{answer.terminal_code} "
              f"({answer.terminal_id}) with {args.server}")
        client = SyncClient(store, credentials.load(credentials.path_for(store.path)),
                            SystemClock())
        try:
            _print(client.sync_round().to_dict())
        except SyncError as err:
            print(f"kaika: enrolled, first sync failed: {err}", file=sys.stderr)
        finally:
            client.close()
    except SyncError as err:
        print(f"kaika: enrolment refused: {_say(err.code, err.params, str(err))}",
              file=sys.stderr)
        return 1
    except DomainError as err:
        print(f"kaika: {_say(err.code, err.params, str(err))}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def _sync(args: argparse.Namespace) -> int:
    from db.store_peek import StoreFile
    from domain.clock import SystemClock
    from sync import credentials
    from sync.client import SyncClient

    # Plain sqlite3 until head office answers: the ORM loads only then (db/store_peek.py).
    store = StoreFile.open(_db_path(args))
    try:
        client = SyncClient(store, credentials.load(credentials.path_for(store.path)),
                            SystemClock())
        try:
            if args.status:
                status = client.status()
                _print({**dataclasses.asdict(status), "clock_warning": status.clock_warning})
                return 0
            if args.once:
                return _once(client)
            return _forever(client, args.interval)
        finally:
            client.close()
    finally:  # a refusal goes to `kaika`'s own handler, which says it in words
        store.close()


def _once(client: SyncClient) -> int:
    from sync.http import SyncError

    try:
        _print(client.sync_round().to_dict())
    except SyncError as err:
        print(f"kaika: sync failed: {_say(err.code, err.params, str(err))}", file=sys.stderr)
        return 1
    return 0


def _forever(client: SyncClient, interval: float) -> int:
    from sync.http import SyncError
    from sync.loop import SyncLoop
    from sync.status import RoundResult

    def report(result: RoundResult | None, err: SyncError | None) -> None:
        _print(result.to_dict() if result else {"error": err.code if err else None})

    loop = SyncLoop(client, interval, on_round=report)
    loop.start()
    try:
        while loop._thread is not None and loop._thread.is_alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        loop.stop()
    return 1 if loop.last_error is not None and loop.last_error.code == (
        "auth.terminal_revoked") else 0
