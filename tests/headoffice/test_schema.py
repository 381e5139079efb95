"""Head-office migrations: head is what headoffice/tables.py describes, on both databases, and a
database from the first release upgrades in place with its data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from headoffice import tenancy
from headoffice.engine import make_engine
from headoffice.migrate import current, head, upgrade
from headoffice.tables import metadata
from tests.sync.harness import PgDatabases


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres), "sqlite"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/ho.sqlite3"
    dbs: PgDatabases = request.getfixturevalue("pg")
    return dbs.fresh_empty()


def test_head_is_exactly_the_tables_of_the_code(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        upgrade(engine, "h0001")
        tenancy.add_store(engine, tenancy.NewStore("M001", "S001", "旗舰店"), datetime.now(UTC))
        upgrade(engine)
        assert current(engine) == head() == "h0003"
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(
                conn, opts={"compare_type": True}), metadata)
        assert diffs == []
        assert [s.store_name for s in tenancy.list_stores(engine)] == ["旗舰店"]
    finally:
        engine.dispose()
