"""Tamper evidence at head office: a till's database cut or rewritten behind its back with
sqlite3 shows on its next push, against the real head office on PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from headoffice.tables import recon_cases
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till


@pytest.fixture(scope="module")
def backend() -> str:
    return "postgres"


def _cases(server: Server, till: Till) -> list[tuple[str, dict[str, Any]]]:
    with server.engine.connect() as conn:
        rows = conn.execute(sa.select(recon_cases.c.kind, recon_cases.c.details).where(
            recon_cases.c.kind.like("terminal.%")).order_by(recon_cases.c.opened_at)).all()
    return [(kind, details) for kind, details in rows
            if details.get("terminal_id") == till.app.settings.terminal_id]


def _trading(server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> Till:
    """An enrolled till that signs up a member and sells, syncing after each step."""
    till = make_till()
    till.enroll(server, tenant.a)
    member = till.register("张三", "13800138000")
    till.sync()
    for _ in range(3):
        till.sale(member, ("COAT", 1))
        till.sync()
    assert _cases(server, till) == []  # trading alone never looks like tampering
    return till


def _last_seq(till: Till) -> int:
    with sqlite3.connect(till.app.store.path) as raw:
        return int(raw.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0])


def test_deleting_the_last_audit_entries_opens_a_case_on_the_next_push(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = _trading(server, tenant, make_till)
    top = _last_seq(till)
    with sqlite3.connect(till.app.store.path) as raw:
        raw.execute("DELETE FROM audit_log WHERE seq > ?", (top - 3,))
    till.sale(None, ("COAT", 1))  # the till trades on; its next push carries the head
    till.sync()
    [(kind, details)] = _cases(server, till)
    assert kind == "terminal.chain_truncated"
    assert details["recorded_seq"] == top and details["terminal_code"]
    till.sale(None, ("COAT", 1))
    till.sync()
    assert len(_cases(server, till)) == 1  # one open case per till, not one per push


def test_an_entry_edited_and_the_chain_rehashed_opens_a_case_on_the_next_push(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = _trading(server, tenant, make_till)
    with sqlite3.connect(till.app.store.path) as raw:
        rows = raw.execute("SELECT seq, id, at, action, staff_id, target, details, "
                           "approved_by, prev_hash FROM audit_log ORDER BY seq").fetchall()
        prev = rows[2][8]
        for seq, entry_id, at, action, staff, target, details, approved, _ in rows[2:]:
            content = {"id": entry_id, "at": at, "action": action, "staff_id": staff,
                       "target": "nobody" if seq == rows[2][0] else target,
                       "details": json.loads(details), "approved_by": approved,
                       "prev_hash": prev}
            link = hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True,
                                             separators=(",", ":")).encode()).hexdigest()
            raw.execute("UPDATE audit_log SET target = ?, prev_hash = ?, hash = ? "
                        "WHERE seq = ?", (content["target"], prev, link, seq))
            prev = link
        raw.execute("UPDATE chain_marks SET mac = ? WHERE name = 'audit.head'", (prev,))
    till.sale(None, ("COAT", 1))
    till.sync()
    assert [kind for kind, _ in _cases(server, till)] == ["terminal.chain_rewritten"]


def test_an_outbox_counter_set_back_opens_a_case(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = _trading(server, tenant, make_till)
    with sqlite3.connect(till.app.store.path) as raw:
        top = raw.execute("SELECT MAX(seq) FROM outbox").fetchone()[0]
        raw.execute("DELETE FROM outbox WHERE seq > ?", (top - 4,))
        raw.execute("UPDATE counters SET value = ? WHERE name = 'outbox.seq'", (top - 4,))
    till.sale(None, ("COAT", 1))
    till.sync()
    kinds = [kind for kind, _ in _cases(server, till)]
    assert "terminal.outbox_rewound" in kinds
