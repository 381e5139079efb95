"""The faster 0006 (issue 17) writes the member search terms the first 0006 wrote: a store
taken back to 0005 and upgraded holds, row for row, what the original fill computes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st

from db.engine import make_engine
from db.migrate import alembic_config
from db.migrations.versions import v0006_member_search as m0006
from desktop.bootstrap import open_app
from domain.clock import FixedClock
from domain.services.members import register
from tests.staffing import desk as front_desk

# Shared names (the cache), readings (单), Latin, spaces and a name longer than a term.
PEOPLE = (("单田芳", "13611112222"), ("单田芳", "13611113333"), ("Tom Lee", "13611114444"),
          ("张 三", "13611115555"), ("欧阳" + "娜" * 30, "13611116666"), ("李四", "13611117777"))


@settings(deadline=None)  # pypinyin loads its dictionary on first use
@given(st.text(max_size=8) | st.none(), st.text(alphabet="0123456789", max_size=12) | st.none())
def test_the_cached_terms_are_the_member_terms(name: str | None, mobile: str | None) -> None:
    fast = m0006._Terms()
    for _ in range(2):  # the second time from the cache
        assert sorted(json.loads(fast(name, mobile))) == sorted(
            json.loads(m0006._terms_json(name, mobile)))


def _first_fill(path: Path) -> list[tuple[str, str, str]]:
    """The rows the original 0006 wrote: its statement with its per-member function."""
    conn = sqlite3.connect(path)
    try:
        conn.create_function("kaika_member_terms", 2, m0006._terms_json, deterministic=True)
        return conn.execute(m0006._FILL[m0006._FILL.index("SELECT"):]).fetchall()
    finally:
        conn.close()


def test_an_upgraded_store_holds_the_terms_the_first_0006_wrote(tmp_path: Path,
                                                                clock: FixedClock) -> None:
    path = tmp_path / "store.sqlite3"
    app = open_app(path, clock=clock)
    for name, mobile in PEOPLE:
        register(app.ctx, {"name": name, "mobile": mobile, "privacy_accepted": True},
                 front_desk(app.ctx))
    app.close()
    engine = make_engine(path)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005")
    engine.dispose()
    app = open_app(path, clock=clock)  # upgraded by the migration as it is now
    with app.store.engine.connect() as pooled:  # the connection the upgrade ran on
        settings = {k: pooled.exec_driver_sql(f"PRAGMA {k}").scalar() for k in m0006._FAST}
    app.close()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT kind, term, member_id FROM member_search_terms "
                            "ORDER BY 1, 2, 3").fetchall()
    finally:
        conn.close()
    assert rows == _first_fill(path)
    assert len({r[2] for r in rows}) == len(PEOPLE)
    assert settings == {"cache_size": -2000, "threads": 0}  # put back
