"""Head-office processes and tills for these tests (shared with the other suite); here every
test that takes `server` runs on PostgreSQL, on SQLite and through PgBouncer."""

from __future__ import annotations

from tests.sync.fixtures import (  # noqa: F401 - fixtures are found by name
    backend_pooled as backend,
)
from tests.sync.fixtures import (  # noqa: F401 - fixtures are found by name
    make_server,
    make_till,
    pg,
    pgbouncer,
    server,
    tenant,
)
