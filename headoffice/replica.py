"""Where head office's reads go: a streaming replica when one is configured and close enough
behind the primary, else the primary; every answer states which, and how far behind."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)
HEADER_READ_FROM = "X-Kaika-Read-From"
HEADER_LAG = "X-Kaika-Data-Lag-Seconds"


@dataclass(frozen=True, slots=True)
class ReadFrom:
    """Which database answered and how stale its data may be."""

    source: str  # "primary" or "replica"
    lag_seconds: float  # 0 when the replica has replayed everything the primary had
    reason: str = ""  # why the primary answered although a replica is configured

    def headers(self) -> dict[str, str]:
        text = self.source + (f"; {self.reason}" if self.reason else "")
        return {HEADER_READ_FROM: text, HEADER_LAG: f"{self.lag_seconds:.3f}"}


class Reads:
    """Reports, look-ups and admin pages read here; writes and sync never do."""

    def __init__(self, primary: Engine, replica: Engine | None, max_lag_s: float) -> None:
        self.primary, self.replica, self.max_lag_s = primary, replica, max_lag_s

    @contextmanager
    def connect(self) -> Iterator[tuple[Connection, ReadFrom]]:
        chosen, found = self._choose()
        with chosen.connect() as conn:
            yield conn, found

    def _choose(self) -> tuple[Engine, ReadFrom]:
        if self.replica is None:
            return self.primary, ReadFrom("primary", 0.0)
        try:
            lag = self.lag_seconds()
        except SQLAlchemyError as err:
            log.warning("replica unreachable, reading from the primary: %s", err)
            return self.primary, ReadFrom("primary", 0.0, "replica_unreachable")
        if lag > self.max_lag_s:
            return self.primary, ReadFrom("primary", 0.0, "replica_behind")
        return self.replica, ReadFrom("replica", lag)

    def lag_seconds(self) -> float:
        """0 when the replica has replayed up to the primary's current WAL position; else the
        age of the last transaction it replayed (what it shows is at least that old)."""
        assert self.replica is not None
        with self.primary.connect() as conn:
            primary_lsn = conn.scalar(sa.text("SELECT pg_current_wal_lsn()::text"))
        with self.replica.connect() as conn:
            behind, age = conn.execute(sa.text(
                "SELECT pg_wal_lsn_diff(CAST(:p AS pg_lsn), pg_last_wal_replay_lsn()), "
                "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"),
                {"p": primary_lsn}).one()
        if behind is None:
            raise sa.exc.OperationalError("not a streaming replica", None, Exception())
        if behind <= 0:
            return 0.0
        return float(age) if age is not None else float("inf")
