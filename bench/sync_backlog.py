"""Backlogs for the sync benches: a till's day of trade, and its events cloned with fresh ids."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from domain.clock import FixedClock
from domain.errors import DomainError
from domain.ids import new_id_str
from domain.records import TenderKind
from domain.services.cart import TenderRequest
from tests.sync.harness import Till

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SALTS = itertools.count(1)
START = datetime.fromisoformat("2025-05-06T09:00:00+08:00")


def day_of_trade(path: Path, sales: int) -> Path:
    """A till's day: members signing up, sales with points, stored value, coupons, returns."""
    if path.exists():
        return path
    till = Till(path, FixedClock(START))
    members = [till.register(f"会员{i}", f"139{i:08d}") for i in range(200)]
    for m in members[:40]:
        till.topup(m, 100000)
    skus = ["SCARF", "SOCKS", "SHOES", "COAT"]
    for i in range(sales):
        till.advance(seconds=20)
        member = members[i % 200] if i % 10 < 6 else None
        tenders: tuple[TenderRequest, ...] = ()
        if member and i % 10 == 1 and i // 200 >= 1:
            tenders = (TenderRequest(TenderKind.POINTS, points=100), TenderRequest(
                TenderKind.CASH))
        elif member and i % 10 == 2 and members.index(member) < 40:
            tenders = (TenderRequest(TenderKind.WALLET),)
        line = (skus[i % 4 if i % 7 else 0], 1)
        try:
            till.sale(member, line, tenders=tenders)
        except DomainError:  # not enough points or stored value left: the customer pays cash
            till.sale(member, line)
    till.close()
    return path


def copy_key(source: Path, copy: Path) -> None:
    """The key file that seals the card secret (and ID numbers) goes with a copied database."""
    shutil.copy(source.with_name(source.name + ".key"), copy.with_name(copy.name + ".key"))


def reidentify(path: Path) -> str:
    """Make a copied till database a till of its own (a new terminal id)."""
    new = new_id_str()
    with sqlite3.connect(path) as conn:
        old = conn.execute("SELECT terminal_id FROM store_settings").fetchone()[0]
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in ("store_settings", "outbox", "counters"):
            conn.execute(f"UPDATE {table} SET terminal_id = ? WHERE terminal_id = ?", (new, old))
        conn.execute("UPDATE terminals SET id = ? WHERE id = ?", (new, old))
        conn.execute("DELETE FROM sync_state")
    return new


def clone_backlog(path: Path, source: Path, events: int, salt: int) -> None:
    """Replace the till's outbox with `events` clones of `source`'s: every id, mobile, coupon
    code and card number made new (`salt` per till), so each till's members, coupons and cards
    are its own, as in a chain (shared ones would be merged or contended at head office)."""
    with sqlite3.connect(source) as src:
        rows = src.execute("SELECT type, payload, member_id, occurred_at FROM outbox "
                           "ORDER BY seq").fetchall()
    out = []
    copy = 0
    while len(out) < events:
        copy += 1
        fresh = _Renamer(salt, copy)
        for kind, payload, member, at in rows:
            body = json.dumps(fresh.walk(json.loads(payload)), ensure_ascii=False)
            out.append((kind, body, fresh.ids.get(member, member) if member else None, at))
            if len(out) == events:
                break
    with sqlite3.connect(path) as conn:
        terminal = conn.execute("SELECT terminal_id FROM store_settings").fetchone()[0]
        conn.execute("DELETE FROM outbox")
        conn.executemany(
            "INSERT INTO outbox (terminal_id, seq, event_id, type, payload, member_id, "
            "occurred_at, acked) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            [(terminal, n, str(uuid.uuid4()), kind, body, member, at)
             for n, (kind, body, member, at) in enumerate(out, start=1)])
        conn.execute("UPDATE counters SET value = ? WHERE name = 'outbox.seq'", (len(out),))


class _Renamer:
    """Consistent new names within one clone: the same old id always gets the same new one."""

    CODES = ("code", "coupon_code", "number", "replaced_by", "card_number")

    def __init__(self, salt: int, copy: int) -> None:
        self.ids: dict[str, str] = {}
        self.tag = f"{salt % 1000:03d}{copy % 1000:03d}"
        self.salt, self.copy = salt, copy

    def walk(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: self.walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.code(v) if key == "coupons_redeemed" else self.walk(v, key)
                    for v in value]
        if not isinstance(value, str):
            return value
        if key == "mobile":
            return _mobile(value, self.salt, self.copy)
        if key in self.CODES:
            return self.code(value)
        return UUID.sub(lambda m: self.ids.setdefault(m.group(0), str(uuid.uuid4())), value)

    def code(self, value: Any) -> Any:
        return f"{value}{self.tag}"[:40] if isinstance(value, str) and value else value


def _mobile(original: str, salt: int, copy: int) -> str:
    """A distinct mobile per till and clone (head office would merge equal ones as twins)."""
    return f"1{salt % 1000:03d}{copy % 1000:03d}{original[-4:]}"
