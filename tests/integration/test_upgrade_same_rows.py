"""The faster 0006 and 0008 (issue 17) write what the first ones wrote: a store taken back
before them and upgraded holds, row for row, the search terms the original fill computes
and the seals the original sealer made."""

from __future__ import annotations

import hmac
import json
import sqlite3
from pathlib import Path

from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st

from db.engine import make_engine
from db.migrate import alembic_config
from db.migrations.versions import v0006_member_search as m0006
from db.migrations.versions import v0008_tamper as m0008
from db.seals import SEAL_HEX, SEALED, derive
from desktop.bootstrap import open_app
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.services.members import register
from tests.staffing import desk as front_desk

# Shared names (the cache), readings (单), Latin, spaces and a name longer than a term.
PEOPLE = (("单田芳", "13611112222"), ("单田芳", "13611113333"), ("Tom Lee", "13611114444"),
          ("张 三", "13611115555"), ("欧阳" + "娜" * 30, "13611116666"), ("李四", "13611117777"))


@settings(deadline=None)  # pypinyin loads its dictionary on first use
@given(st.text(max_size=8) | st.none(),
       st.text(max_size=30) | st.text(alphabet="0123456789", max_size=12) | st.none())
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
    open_app(path, clock=clock).close()  # upgraded by the migration as it is now
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT kind, term, member_id FROM member_search_terms "
                            "ORDER BY 1, 2, 3").fetchall()
    finally:
        conn.close()
    assert rows == _first_fill(path)
    assert len({r[2] for r in rows}) == len(PEOPLE)


def _first_seal(key: bytes, *values: object) -> str:
    """A seal as the first 0008 made it (db/seals.py before issue 17)."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hmac.digest(key, text.encode("utf-8"), "sha256").hex()[:SEAL_HEX]


def _points_as_an_older_till_wrote_them(path: Path) -> None:
    """Points rows with text to encode (Chinese, quotes, NULLs) on a store at 0009."""
    conn = sqlite3.connect(path)
    try:
        (member,) = conn.execute("SELECT member_id FROM member_balances LIMIT 1").fetchone()
        conn.execute("INSERT INTO points_ledger (id, member_id, kind, points, at, "
                     "business_date, reason, sale_id, staff_id, last_day) VALUES ('p1', ?, "
                     "'adjust', 120, '2026-01-02T03:04:05+00:00', '2026-01-02', "
                     "'补积分 \"门店\"', NULL, NULL, '2027-12-31')", (member,))
        conn.execute("INSERT INTO points_lots (id, member_id, earned_on, expires_on, points, "
                     "remaining, source, sale_id) VALUES ('l1', ?, '2026-01-02', NULL, 120, "
                     "80, 'adjust', NULL)", (member,))
        # A float where an integer belongs: sealed by Python's encoder, as before.
        conn.execute("INSERT INTO points_lots (id, member_id, earned_on, expires_on, points, "
                     "remaining, source, sale_id) VALUES ('l2', ?, '2026-01-02', NULL, 120, "
                     "80.5, 'adjust', NULL)", (member,))
        conn.commit()
    finally:
        conn.close()


def test_an_upgraded_store_is_sealed_as_the_first_0008_sealed_it(tmp_path: Path,
                                                                 clock: FixedClock) -> None:
    path = tmp_path / "store.sqlite3"
    app = open_app(path, clock=clock)
    with app.store.engine.connect() as conn:
        assert m0008._json_agrees(conn)  # so the fast path is the one tested here
    load_demo(app.ctx)
    key = derive(app.store.cipher.store_key(create=False))
    app.close()
    engine = make_engine(path)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0009")  # the revision before 0008
    engine.dispose()
    _points_as_an_older_till_wrote_them(path)
    open_app(path, clock=clock).close()
    conn = sqlite3.connect(path)
    try:
        for table, columns in SEALED.items():
            rows = conn.execute(f"SELECT seal, {', '.join(columns)} FROM {table}").fetchall()
            assert rows
            assert [r[0] for r in rows] == [_first_seal(key, table, *r[1:]) for r in rows]
    finally:
        conn.close()
