"""Clocks: a till whose clock is further from head office's than the rule pack's `clock_warn_s`
(5 minutes) is warned at the till, and head office records, flags and lists its skew. The tills'
clocks are injected (FixedClock hours or minutes off); head office runs a real process."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from headoffice.tables import terminals
from tests.sync.fixtures import Tenant
from tests.sync.harness import BIN, Server, Till

MINUTE_MS = 60_000


@pytest.fixture(scope="module")
def backend() -> str:
    return "postgres"


def _at_head_office(server: Server, till: Till) -> sa.Row[tuple[int | None, datetime | None,
                                                                  datetime | None]]:
    with server.engine.connect() as conn:
        return conn.execute(sa.select(
            terminals.c.clock_skew_ms, terminals.c.clock_flagged_at, terminals.c.last_seen_at)
            .where(terminals.c.id == till.app.settings.terminal_id)).one()


def _listed(server: Server, store: str) -> list[dict[str, object]]:
    done = subprocess.run([str(BIN / "kaika-headoffice"), "terminals", "--db", server.db_url,
                           "--store", store], capture_output=True, text=True, check=True,
                          timeout=60)
    listed: list[dict[str, object]] = json.loads(done.stdout)
    return listed


@pytest.mark.parametrize(("off", "warned"), [
    (timedelta(hours=2), True),
    (timedelta(hours=-2), True),
    (timedelta(minutes=3), False),
])
def test_a_till_clock_beyond_five_minutes_is_warned_and_flagged_at_head_office(
        server: Server, tenant: Tenant, make_till: Callable[..., Till], off: timedelta,
        warned: bool) -> None:
    till = make_till(start=datetime.now(UTC) + off)
    till.enroll(server, tenant.a)
    till.sync()
    assert till.client is not None
    status = till.client.status()
    off_ms = int(off.total_seconds() * 1000)
    assert status.clock_skew_ms is not None and abs(status.clock_skew_ms - off_ms) < MINUTE_MS
    assert status.clock_warning is warned

    skew, flagged_at, seen_at = _at_head_office(server, till)
    assert skew is not None and abs(skew - off_ms) < MINUTE_MS
    assert (flagged_at is not None) is warned and seen_at is not None
    [row] = _listed(server, tenant.a)
    assert row["clock_flagged"] is warned and row["last_seen_at"] is not None
    # "+2:00:00" give or take the seconds head office's clock ran while the till's stood still
    assert abs(_seconds(str(row["clock_skew"])) - off_ms // 1000) < 60


def test_head_office_measures_the_skew_on_every_request_and_the_till_sees_it_change(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till(start=datetime.now(UTC) + timedelta(minutes=3))
    till.enroll(server, tenant.a)
    till.sync()
    assert till.client is not None and not till.client.status().clock_warning
    till.clock.advance(timedelta(hours=1))  # someone sets the till's clock an hour on
    assert till.client.lookup(mobile="13900139000") is None  # one look-up, nothing else
    skew, flagged_at, _ = _at_head_office(server, till)
    assert skew is not None and abs(skew - 63 * MINUTE_MS) < MINUTE_MS
    assert flagged_at is not None
    status = till.client.status()
    assert status.clock_warning and status.clock_skew_ms is not None
    assert abs(status.clock_skew_ms - 63 * MINUTE_MS) < MINUTE_MS


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    hours, minutes, seconds = (int(x) for x in text[1:].split(":"))
    return sign * (hours * 3600 + minutes * 60 + seconds)
