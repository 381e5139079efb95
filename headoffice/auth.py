"""Authenticating a till's request: its signature, its clock, its nonce, its revocation.

Terminals are cached per process for `cache_s` seconds (default 15), so a revoked till is
refused within that time on every replica without a database read per request; the issue's
bound is 60 seconds. Each authenticated request also records when the till was last seen and
how far its own clock is from head office's (`X-Kaika-Till-Time`), flagged beyond the rule
pack's `clock_warn_s`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from headoffice.batch import Terminal
from headoffice.packs import PackBook
from headoffice.sql import insert_ignore
from headoffice.tables import request_nonces, terminals
from sync import signing

NONCE_KEEP = timedelta(minutes=10)  # twice the clock window: an older request is refused anyway
_PURGE_EVERY_S = 60.0


class ApiError(Exception):
    """A refusal with an HTTP status, a stable code and parameters."""

    def __init__(self, status: int, code: str, **params: object) -> None:
        super().__init__(code)
        self.status, self.code, self.params = status, code, params


class TerminalCache:
    """Terminals read from the database at most once per `cache_s` seconds each; `monotonic`
    is injectable so a test can step through the cache time without waiting for it."""

    def __init__(self, cache_s: float = 15.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.cache_s = cache_s
        self._monotonic = monotonic
        self._items: dict[str, tuple[float, Terminal | None]] = {}
        self._lock = threading.Lock()
        self._last_purge = 0.0

    def get(self, engine: Engine, terminal_id: str) -> Terminal | None:
        now = self._monotonic()
        with self._lock:
            hit = self._items.get(terminal_id)
        if hit is not None and now - hit[0] < self.cache_s:
            return hit[1]
        found = _load(engine, terminal_id)
        with self._lock:
            self._items[terminal_id] = (now, found)
        return found

    def forget(self, terminal_id: str) -> None:
        with self._lock:
            self._items.pop(terminal_id, None)

    def purge_due(self) -> bool:
        now = self._monotonic()
        with self._lock:
            if now - self._last_purge < _PURGE_EVERY_S:
                return False
            self._last_purge = now
        return True


def _load(engine: Engine, terminal_id: str) -> Terminal | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(terminals).where(terminals.c.id == terminal_id)
                           ).mappings().first()
    if row is None:
        return None
    return Terminal(id=row["id"], store_id=row["store_id"], merchant_id=row["merchant_id"],
                    code=row["code"], public_key=row["public_key"],
                    revoked=row["revoked_at"] is not None)


def authenticate(engine: Engine, cache: TerminalCache, method: str, target: str,
                 headers: Mapping[str, str], body: bytes, now: datetime,
                 packs: PackBook) -> Terminal:
    """The terminal that signed this request, or ApiError (401, 403, 409)."""
    terminal_id = headers.get(signing.HEADER_TERMINAL.lower(), "")
    nonce = headers.get(signing.HEADER_NONCE.lower(), "")
    signature = headers.get(signing.HEADER_SIGNATURE.lower(), "")
    if not (terminal_id and nonce and signature) or len(nonce) > 64:
        raise ApiError(401, "auth.missing")
    stamp = _timestamp(headers.get(signing.HEADER_TIMESTAMP.lower(), ""))
    till_time = headers.get(signing.HEADER_TILL_TIME.lower(), "")
    till_ms = _timestamp(till_time) if till_time else None
    now_ms = int(now.timestamp() * 1000)
    if abs(now_ms - stamp) > signing.MAX_SKEW_MS:
        raise ApiError(401, "auth.clock_skew", server_time=now.isoformat(), skew_ms=stamp - now_ms)
    terminal = cache.get(engine, terminal_id)
    if terminal is None:
        raise ApiError(401, "auth.unknown_terminal")
    if terminal.revoked:
        raise ApiError(403, "auth.terminal_revoked")
    if not signing.verify(terminal.public_key, signature, method, target, stamp, nonce, body,
                          till_ms):
        raise ApiError(401, "auth.bad_signature")
    seen = Seen(terminal, datetime.fromtimestamp(stamp / 1000, UTC), now,
                None if till_ms is None else till_ms - now_ms)
    _spend_nonce(engine, cache, nonce, seen, packs)
    return terminal


@dataclass(frozen=True, slots=True)
class Seen:
    """One authenticated request: who, when (by its stamp and by head office), its skew."""

    terminal: Terminal
    stamp: datetime
    now: datetime
    skew_ms: int | None  # the till's own clock minus head office's; None if it did not say


def _timestamp(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ApiError(401, "auth.missing") from None


def _spend_nonce(engine: Engine, cache: TerminalCache, nonce: str, seen: Seen,
                 packs: PackBook) -> None:
    """A signed request is accepted once: a captured one replayed is refused."""
    with engine.begin() as conn:
        new = insert_ignore(conn, request_nonces,
                            [{"terminal_id": seen.terminal.id, "nonce": nonce, "ts": seen.stamp}],
                            returning=request_nonces.c.nonce)
        if new:
            _note_seen(conn, seen, packs)
        if cache.purge_due():
            conn.execute(request_nonces.delete().where(
                request_nonces.c.ts < seen.now - NONCE_KEEP))
    if not new:
        raise ApiError(409, "auth.replayed")


def _note_seen(conn: Connection, seen: Seen, packs: PackBook) -> None:
    """Last seen and the clock skew, on every authenticated request (not only on pushes)."""
    values: dict[str, object] = {"last_seen_at": seen.now}
    if seen.skew_ms is not None:
        values["clock_skew_ms"] = seen.skew_ms
        limit_s = packs.for_merchant(conn, seen.terminal.merchant_id).offline.clock_warn_s
        if abs(seen.skew_ms) > limit_s * 1000:
            values["clock_flagged_at"] = seen.now
    conn.execute(terminals.update().where(terminals.c.id == seen.terminal.id).values(**values))
