"""Unit of work: commit or nothing; gapless counters and outbox seq; the audit hash chain."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text

from db.audit import GENESIS_HASH
from db.store import StoreDb
from domain.clock import FixedClock
from domain.errors import ValidationError
from domain.records import AuditEntry, Member, OutboxEvent, PointsEntry

from .conftest import T0

AddMember = Callable[..., Member]


def _table_counts(store: StoreDb) -> dict[str, int]:
    tables = ("members", "member_balances", "points_ledger", "counters", "outbox", "audit_log")
    with store.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t}").scalar_one()
                for t in tables}


def _write_everything(store: StoreDb, member: Member) -> None:
    with store.uow() as uow:
        uow.members.add(member)
        uow.points.add_entry(PointsEntry(id="p1", member_id=member.id, kind="bonus", points=20,
                                         at=T0, business_date=date(2025, 3, 8)))
        uow.counters.next("receipt")
        uow.outbox.append("member.created", {"id": member.id}, member_id=member.id,
                          occurred_at_iso=T0.isoformat())
        uow.audit.append(AuditEntry(id="a1", at=T0, action="signup", staff_id="c1"))
        raise RuntimeError("printer caught fire before commit")


def test_an_exception_rolls_back_everything(store: StoreDb, make_member: AddMember) -> None:
    before = _table_counts(store)
    with pytest.raises(RuntimeError):
        _write_everything(store, make_member())
    assert _table_counts(store) == before


def test_leaving_without_commit_rolls_back(store: StoreDb, make_member: AddMember) -> None:
    member = make_member()
    with store.uow() as uow:
        uow.members.add(member)
        uow.counters.next("receipt")
    with store.uow() as uow:
        assert uow.members.get(member.id) is None
        assert uow.counters.next("receipt") == 1


def test_explicit_rollback_then_new_work_in_the_same_unit(
        store: StoreDb, make_member: AddMember) -> None:
    dropped, kept = make_member(), make_member()
    with store.uow() as uow:
        uow.members.add(dropped)
        uow.rollback()
        uow.members.add(kept)
        uow.commit()
    with store.uow() as uow:
        assert uow.members.get(dropped.id) is None
        assert uow.members.get(kept.id) == kept


def test_counters_are_per_name_and_gapless_across_a_rollback(store: StoreDb) -> None:
    with store.uow() as uow:
        assert [uow.counters.next("receipt") for _ in range(3)] == [1, 2, 3]
        assert uow.counters.next("refund") == 1
        uow.commit()
    with store.uow() as uow:
        assert uow.counters.next("receipt") == 4  # rolled back below
    with store.uow() as uow:
        assert uow.counters.next("receipt") == 4
        uow.commit()


def _append(store: StoreDb, n: int, *, commit: bool) -> list[int]:
    with store.uow() as uow:
        seqs = [uow.outbox.append("points.entry", {"n": i, "rate": Decimal("0.85")},
                                  member_id=None, occurred_at_iso="2025-03-08T10:00:00+08:00")
                for i in range(n)]
        if commit:
            uow.commit()
    return seqs


def test_outbox_seq_is_gapless_across_a_rolled_back_transaction(store: StoreDb) -> None:
    assert _append(store, 2, commit=True) == [1, 2]
    assert _append(store, 3, commit=False) == [3, 4, 5]
    assert _append(store, 1, commit=True) == [3]
    with store.uow() as uow:
        pending = uow.outbox.pending()
    assert [e.seq for e in pending] == [1, 2, 3]
    assert len({e.event_id for e in pending}) == 3


def test_outbox_events_round_trip_and_ack(store: StoreDb, clock: FixedClock) -> None:
    with store.uow() as uow:
        seq = uow.outbox.append("sale.completed", {"id": "s1", "total_fen": 21250, "名": "外套"},
                                member_id="m1", occurred_at_iso="2025-03-08T10:00:00+08:00")
        uow.commit()
    with store.uow() as uow:
        [event] = uow.outbox.pending()
    assert event == OutboxEvent(seq=seq, event_id=event.event_id, type="sale.completed",
                                payload={"id": "s1", "total_fen": 21250, "名": "外套"},
                                occurred_at=datetime(2025, 3, 8, 2, 0, tzinfo=UTC),
                                member_id="m1")
    assert event.event_id[14] == "7"  # a UUIDv7
    _append(store, 2, commit=True)
    with store.uow() as uow:
        uow.outbox.ack([seq, 3, 99])
        uow.commit()
    with store.uow() as uow:
        assert [e.seq for e in uow.outbox.pending()] == [2]
        assert [e.seq for e in uow.outbox.pending(limit=0)] == []
    with store.reader() as uow:  # the till's status bar: a count, stopped at the cap
        assert uow.outbox.count_pending(500) == 1
        assert uow.outbox.count_pending(0) == 0
    _append(store, 3, commit=True)
    with store.reader() as uow:
        assert (uow.outbox.count_pending(500), uow.outbox.count_pending(2)) == (4, 2)
    with store.engine.connect() as conn:
        acked_at = conn.execute(text("SELECT acked_at FROM outbox WHERE seq = 1")).scalar()
    assert acked_at == "2025-03-08T02:00:00.000000+00:00"  # the store's clock


def test_outbox_refuses_a_time_without_offset(store: StoreDb) -> None:
    with store.uow() as uow, pytest.raises(ValidationError) as caught:
        uow.outbox.append("x", {}, member_id=None, occurred_at_iso="2025-03-08T10:00:00")
    assert caught.value.params == {"field": "occurred_at", "value": "2025-03-08T10:00:00"}


def test_outbox_payload_decimals_travel_as_text(store: StoreDb) -> None:
    _append(store, 1, commit=True)
    with store.uow() as uow:
        assert uow.outbox.pending()[0].payload == {"n": 0, "rate": "0.85"}


def test_audit_rows_form_a_chain_of_hmacs_keyed_by_the_store_key(store: StoreDb) -> None:
    first = AuditEntry(id="a1", at=T0, action="override", staff_id="c1", target="sale-1",
                       details={"discount_fen": 500, "原因": "熟客"}, approved_by="m1")
    second = AuditEntry(id="a2", at=T0, action="login", staff_id="c1")
    with store.uow() as uow:
        uow.audit.append(first)
        uow.audit.append(second)
        uow.commit()
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
    content = {"id": "a1", "at": "2025-03-08T02:00:00.000000+00:00", "action": "override",
               "staff_id": "c1", "target": "sale-1",
               "details": {"discount_fen": 500, "原因": "熟客"}, "approved_by": "m1",
               "seq": 1, "prev_hash": GENESIS_HASH}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    store_key = store.cipher.key_path.read_bytes().strip()
    mac_key = hmac.new(store_key, b"kaika tamper evidence v1", hashlib.sha256).digest()
    assert rows[0]["prev_hash"] == GENESIS_HASH
    assert rows[0]["hash"] == hmac.new(mac_key, canonical.encode(), hashlib.sha256).hexdigest()
    assert rows[0]["hash"] != hashlib.sha256(canonical.encode()).hexdigest()
    assert rows[1]["prev_hash"] == rows[0]["hash"]
    with store.uow() as uow:
        assert uow.audit_trail.entries() == [first, second]
        assert uow.audit_trail.last_hash() == rows[1]["hash"]


def test_the_chain_continues_across_transactions(store: StoreDb) -> None:
    for n in range(3):
        with store.uow() as uow:
            uow.audit.append(AuditEntry(id=f"a{n}", at=T0, action="login", staff_id=None))
            uow.commit()
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT prev_hash, hash FROM audit_log ORDER BY seq")).all()
    assert [r[0] for r in rows[1:]] == [r[1] for r in rows[:-1]]


def test_reads_after_writes_in_one_unit_see_the_writes(
        store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    with store.uow() as uow:
        loaded = uow.members.get(member.id)
        assert loaded is not None
        uow.members.save(Member(**{**_fields(loaded), "tier": "金卡"}))
        uow.points.add_entry(PointsEntry(id="p1", member_id=member.id, kind="earn", points=7,
                                         at=T0, business_date=date(2025, 3, 8)))
        again = uow.members.get(member.id)
        assert again is not None and again.tier == "金卡"
        assert uow.members.balances(member.id).points == 7
        uow.commit()
    with store.reader() as reader:
        found = reader.members.get(member.id)
        assert found is not None and found.tier == "金卡"


def _fields(member: Member) -> dict[str, object]:
    return {name: getattr(member, name) for name in Member.__slots__}  # type: ignore[attr-defined]


def test_a_reader_does_not_wait_for_a_writer(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    with store.uow() as writer:
        writer.points.add_entry(PointsEntry(id="p1", member_id=member.id, kind="earn",
                                            points=9, at=T0, business_date=date(2025, 3, 8)))
        with store.reader() as reader:  # the writer holds the write lock right now
            assert reader.members.balances(member.id).points == 0
        writer.commit()
    with store.reader() as reader:
        assert reader.members.balances(member.id).points == 9
