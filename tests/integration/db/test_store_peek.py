"""The plain sqlite3 reads `kaika sync` makes before the ORM loads give what the unit of work
gives; a store that is missing, new or behind is opened in full, as StoreDb.open opens it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from db.audit import ACKED, HEAD
from db.engine import make_engine
from db.migrate import upgrade
from db.store import StoreDb
from db.store_peek import StoreFile, StorePeek
from domain.errors import DomainError
from domain.records import AuditEntry

from .conftest import T0


def _queue(store: StoreDb, n: int) -> None:
    with store.uow() as uow:
        for i in range(n):
            uow.outbox.append("member.created", {"id": f"m{i}", "名": "张三", "n": i},
                              member_id=f"m{i}", occurred_at_iso=(T0 + timedelta(
                                  seconds=i)).isoformat())
            uow.audit.append(AuditEntry(id=f"a{i}", at=T0, action="signup", staff_id="c1"))
        uow.commit()


def test_the_peek_reads_what_the_unit_of_work_reads(store: StoreDb) -> None:
    _queue(store, 5)
    with store.uow() as uow:
        uow.outbox.ack([1, 2])
        uow.audit_trail.mark_acked(3, uow.audit_trail.link_at(3) or "")
        uow.sync_state.start("T", "http://ho", cursor="c-7", acked_through_seq=2)
        uow.commit()
    with store.reader() as uow, store.peek() as peek:
        settings = uow.settings.get()
        sender = peek.sender()
        assert (sender.merchant_id, sender.store_id, sender.terminal_id, sender.rulepack) == (
            settings.merchant_id, settings.store_id, settings.terminal_id, settings.rulepack)
        assert peek.pending(sender.terminal_id, 2) == uow.outbox.pending(2)
        assert peek.pending(sender.terminal_id, 500) == uow.outbox.pending(500)
        assert [e.seq for e in peek.pending(sender.terminal_id, 500)] == [3, 4, 5]
        assert peek.pending("another till", 500) == []
        assert peek.sync_state.get() == uow.sync_state.get()
        assert peek.sync_outbox.last_seq(sender.terminal_id) == 5
        for mark in (peek.audit_trail.head(), peek.audit_trail.acked_mark()):
            assert mark is not None
        assert peek.audit_trail.head() == uow.audit_trail.head()
        assert peek.audit_trail.acked_mark() == uow.audit_trail.acked_mark() == (
            3, uow.audit_trail.link_at(3))
        assert peek.audit_trail.link_at(4) == uow.audit_trail.link_at(4)
    with store.engine.connect() as conn:  # the names the peek reads are the trail's own
        names = set(conn.execute(text("SELECT name FROM chain_marks")).scalars())
    assert names == {HEAD, ACKED}


def test_a_peek_that_writes_commits_or_leaves_nothing(store: StoreDb) -> None:
    with store.uow() as uow:
        uow.sync_state.start("T", "http://ho")
        uow.commit()
    with store.peek(write=True) as peek:
        assert peek.sync_state.update(last_error="sync.unreachable")
    with store.peek() as peek:
        assert peek.sync_state.get().last_error == ""  # type: ignore[union-attr]
    with store.peek(write=True) as peek:
        assert peek.sync_state.update(last_error="sync.unreachable", server_offset_ms=-40)
        peek.commit()
    with store.reader() as uow:
        state = uow.sync_state.get()
    assert state is not None and (state.last_error, state.server_offset_ms) == (
        "sync.unreachable", -40)


def test_a_store_at_head_opens_without_the_orm_until_asked(store: StoreDb) -> None:
    _queue(store, 1)
    opened = StoreFile.open(store.path)
    try:
        assert opened._db is None
        with opened.peek() as peek:
            assert [e.seq for e in peek.pending(peek.sender().terminal_id, 10)] == [1]
        with opened.uow() as uow:  # the whole store, opened now
            uow.outbox.ack([1])
            uow.commit()
        assert opened._db is not None
        with opened.peek() as peek:
            assert peek.pending(peek.sender().terminal_id, 10) == []
    finally:
        opened.close()


def test_a_store_behind_is_migrated_and_a_missing_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0011")
    engine.dispose()
    opened = StoreFile.open(path)
    try:
        assert opened._db is not None  # opened in full: StoreDb.open migrated it
        with opened.peek() as peek:
            assert _at_head(peek)
    finally:
        opened.close()
    with pytest.raises(DomainError) as caught:
        StoreFile.open(tmp_path / "none.sqlite3")
    assert caught.value.code == "store.db_missing"
    assert not (tmp_path / "none.sqlite3").exists()


def _at_head(peek: StorePeek) -> bool:
    from db.migrate import script_head

    return peek.versions() == [script_head()]
