"""Run by a fault test in a child process: pull one page, apply it, and die by SIGKILL before
the transaction that would also save the cursor commits (a till losing power mid-pull)."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from db.store import StoreDb
from domain.clock import FixedClock
from sync import credentials
from sync.client import SyncClient


def main(db: str, server: str, at: str) -> None:
    store = StoreDb.open(Path(db), create=False)
    creds = replace(credentials.load(credentials.path_for(store.path)), server=server)
    client = SyncClient(store, creds, FixedClock(datetime.fromisoformat(at)))
    original = SyncClient._touch

    def touch_then_die(self: SyncClient, uow: Any, **values: Any) -> None:
        original(self, uow, **values)
        if "cursor" in values:  # the page is applied, the cursor written, nothing committed
            uow.session.flush()
            os.kill(os.getpid(), signal.SIGKILL)

    SyncClient._touch = touch_then_die  # type: ignore[method-assign]
    client.pull_all()


if __name__ == "__main__":
    main(*sys.argv[1:4])
