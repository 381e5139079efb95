"""`kaika-headoffice check` on a head office that ran before card numbers were unique: numbers
two stores issued to two members (the card row went to whoever synced last) are reported
from the tills' audit entries, each gets one reconciliation case, and nothing is rewritten."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from headoffice.engine import make_engine
from headoffice.migrate import upgrade
from headoffice.tables import audit_entries, cards, members, merchants, recon_cases, stores
from tests.sync.harness import BIN, PgDatabases

NOW = datetime(2025, 5, 6, 2, 0, tzinfo=UTC)


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres), "sqlite"])
def old_head_office(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/ho.sqlite3"
    else:
        dbs: PgDatabases = request.getfixturevalue("pg")
        url = dbs.fresh_empty()
    engine = make_engine(url)
    upgrade(engine, "h0003")
    _history(engine)
    upgrade(engine)
    yield url, engine
    engine.dispose()


def _history(engine: Engine) -> None:
    """Stores A and B both issued 1303101000013 offline (to 张 and 李; 李's till synced last and
    took the card over), B replaced 王's card with 1303101000021, which A had issued to 赵;
    钱's card was issued under an id head office later merged into another (no problem)."""
    with engine.begin() as conn:
        conn.execute(merchants.insert().values(id="M", code="M001", name="M", created_at=NOW))
        for store in ("A", "B"):
            conn.execute(stores.insert().values(id=store, merchant_id="M", code=f"S{store}",
                                                name=store, created_at=NOW))
        conn.execute(members.insert(), [
            {"id": m, "merchant_id": "M", "profile": {}, "stamps": {},
             "canonical_id": "qian" if m == "qian-twin" else None}
            for m in ("zhang", "li", "wang", "zhao", "qian", "qian-twin")])
        conn.execute(cards.insert(), [
            {"number": n, "member_id": m, "state": "active", "body": {"number": n}}
            for n, m in (("1303101000013", "li"), ("1303101000021", "wang"),
                         ("1303101000039", "qian"))])
        conn.execute(audit_entries.insert(), [
            _audit(1, "A", "card_issued", "1303101000013", "zhang"),
            _audit(2, "B", "card_issued", "1303101000013", "li"),
            _audit(3, "A", "card_issued", "1303101000021", "zhao"),
            _audit(4, "B", "card_replaced", "1303101000005", "wang",
                   new_number="1303101000021"),
            _audit(5, "A", "card_issued", "1303101000039", "qian-twin")])


def _audit(n: int, store: str, action: str, target: str, member: str,
           **details: str) -> dict[str, object]:
    return {"id": f"audit-{n}", "store_id": store, "terminal_id": f"T{store}", "at": NOW,
            "action": action, "body": {"id": f"audit-{n}", "action": action, "target": target,
                                       "details": {"member_id": member, **details}}}


def _check(url: str) -> tuple[int, list[dict[str, object]]]:
    done = subprocess.run([str(BIN / "kaika-headoffice"), "check", "--db", url],
                          capture_output=True, text=True, timeout=120)
    return done.returncode, json.loads(done.stdout)


def test_numbers_issued_to_two_members_in_the_past_are_reported_with_one_case_each(
        old_head_office: tuple[str, Engine]) -> None:
    url, engine = old_head_office
    code, findings = _check(url)

    assert code == 1
    assert {f["number"]: sorted({c["member_id"] for c in f["claims"]})
            for f in findings} == {"1303101000013": ["li", "zhang"],
                                   "1303101000021": ["wang", "zhao"]}
    with engine.connect() as conn:
        opened = conn.execute(sa.select(recon_cases.c.id, recon_cases.c.member_id,
                                        recon_cases.c.details).where(
            recon_cases.c.kind == "card.duplicate_number")).all()
        holders = dict(conn.execute(sa.select(cards.c.number, cards.c.member_id)).tuples().all())
    # The case is for the member who holds the card now; the other claim is named.
    assert sorted((c.details["number"], c.member_id, c.details["claimed_by"]["member_id"],
                   c.details["claimed_by"]["store_id"]) for c in opened) == [
        ("1303101000013", "li", "zhang", "A"), ("1303101000021", "wang", "zhao", "A")]
    assert holders == {"1303101000013": "li", "1303101000021": "wang",
                       "1303101000039": "qian"}  # reported, not rewritten

    again, same = _check(url)
    assert again == 1 and [f["case_id"] for f in same] == [f["case_id"] for f in findings]
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(recon_cases)) == 2
