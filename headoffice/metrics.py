"""Head office's Prometheus metrics: requests, sync outcomes, events by kind and result, allowance
grants, and, read from the database at each scrape, open cases and terminals by last-seen age."""

from __future__ import annotations

import collections
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta

import sqlalchemy as sa
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import Engine

from domain.event_types import EventType
from headoffice import tables as t
from sync.schema import EventResult, PushRequest

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Last-seen buckets: upper bounds, then "older" and "never" (a terminal enrolled, never synced).
AGES = (("5m", timedelta(minutes=5)), ("1h", timedelta(hours=1)), ("1d", timedelta(days=1)))
_KNOWN_TYPES = frozenset(str(kind) for kind in EventType)
# Seconds: a push of 500 events takes ~0.1 s; a slow pull page or report several seconds.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """One app's metrics in a registry of its own (two apps in one test process do not mix)."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Histogram("kaika_ho_request_seconds", "Time to answer a request",
                                  ["method", "route", "status"], buckets=_BUCKETS, registry=r)
        self.sync = Counter("kaika_ho_sync_requests", "Pushes and pulls by outcome (HTTP status)",
                            ["op", "status"], registry=r)
        self.events = Counter("kaika_ho_events", "Pushed events by type and result",
                              ["type", "result"], registry=r)
        self.grants = Counter("kaika_ho_allowance_grants", "Offline allowances granted",
                              registry=r)
        self._figures = _DatabaseFigures(engine, clock)
        r.register(self._figures)

    def count_events(self, req: PushRequest, results: Iterable[EventResult]) -> None:
        """Each answered event under its type; a type head office does not know is `other`
        (a till cannot grow the metric's label set without bound)."""
        kinds = {e.event_id: e.type for e in req.events}
        # Counted first, then one increment per label pair: a push holds up to 500 events
        # of a few types, and a labelled increment each was 4 % of a push's CPU.
        counts = collections.Counter((kinds.get(r.event_id, "other"), r.status) for r in results)
        for (kind, status), n in counts.items():
            self.events.labels(kind if kind in _KNOWN_TYPES else "other", status).inc(n)

    def exposition(self) -> tuple[bytes, str]:
        """The text a scrape gets; with several worker processes, every worker's figures."""
        if os.environ.get(MULTIPROC_ENV):
            merged = CollectorRegistry()
            MultiProcessCollector(merged)  # type: ignore[no-untyped-call]
            merged.register(self._figures)
            return generate_latest(merged), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class _DatabaseFigures(Collector):
    """Gauges read at scrape time: what is true of the database now, whichever worker asks."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.engine, self.clock = engine, clock

    def collect(self) -> Iterator[GaugeMetricFamily]:
        cases = GaugeMetricFamily("kaika_ho_open_cases", "Open reconciliation cases by kind",
                                  labels=["kind"])
        terminals = GaugeMetricFamily("kaika_ho_terminals",
                                      "Enrolled, unrevoked terminals by time since last seen",
                                      labels=["last_seen"])
        with self.engine.connect() as conn:
            for kind, count in conn.execute(
                    sa.select(t.recon_cases.c.kind, sa.func.count())
                    .where(t.recon_cases.c.status == "open").group_by(t.recon_cases.c.kind)):
                cases.add_metric([kind], count)
            for age, count in _terminal_ages(conn, self.clock()).items():
                terminals.add_metric([age], count)
        yield cases
        yield terminals


def _terminal_ages(conn: sa.Connection, now: datetime) -> dict[str, int]:
    seen = t.terminals.c.last_seen_at
    columns = [sa.func.count().filter(seen.is_(None)).label("never")]
    lower = None
    for name, span in AGES:
        newer = seen >= now - span
        columns.append(sa.func.count().filter(
            newer if lower is None else sa.and_(newer, seen < lower)).label(name))
        lower = now - span
    columns.append(sa.func.count().filter(seen < lower).label("older"))
    row = conn.execute(sa.select(*columns).where(t.terminals.c.revoked_at.is_(None))).one()
    return dict(row._mapping)
