"""Head-office processes and tills for these tests (shared with the other suite)."""

from __future__ import annotations

from tests.sync.fixtures import (  # noqa: F401 - fixtures are found by name
    backend,
    make_server,
    make_till,
    pg,
    pgbouncer,
    server,
    tenant,
)
