"""Housekeeping of the store database: pruning the acknowledged outbox, the card secret at rest."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from db import member_figures
from db.crypto import default_key_path
from db.outbox import PRUNED_THROUGH
from db.rows_sync import SyncStateRow
from db.uow import SqlUnitOfWork
from db.verify import Problem, verify
from desktop.bootstrap import App, open_app
from desktop.demo_data import load_demo
from domain import dynamicqr
from domain.cards import track2_data
from domain.clock import FixedClock
from domain.errors import RulePackError
from domain.packload import load_pack
from domain.services import maintenance
from domain.services.members import find_by_code, find_by_swipe
from sync import qrkeys
from tests.staffing import manager

RETENTION = timedelta(days=30)


def rows(app: App, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(app.store.path) as raw:
        return raw.execute(sql, params).fetchall()


def seqs(app: App, through: int | None = None) -> list[int]:
    """Outbox seqs left; with `through`, only those up to it (day close queues its own
    audit events after that)."""
    found = [int(str(r[0])) for r in rows(app, "SELECT seq FROM outbox ORDER BY seq")]
    return [s for s in found if through is None or s <= through]


def append(app: App, count: int) -> list[int]:
    """Queue `count` events as the services do; returns their seqs."""
    with app.ctx.uow() as uow:
        made = [uow.outbox.append("test.event", {"n": n}, member_id=None,
                                  occurred_at_iso=app.ctx.now().isoformat())
                for n in range(count)]
        uow.commit()
    return made


def ack(app: App, acked: list[int], through: int | None = None) -> None:
    """What the sync client does with head office's answer: ack the events and, once enrolled,
    note how far head office has everything."""
    with app.ctx.uow() as uow:
        uow.outbox.ack(acked)
        if through is not None:
            assert isinstance(uow, SqlUnitOfWork)
            state = uow.session.get(SyncStateRow, 1) or SyncStateRow(
                id=1, terminal_id=app.settings.terminal_id, enrolled_at=app.ctx.now())
            state.acked_through_seq = through
            uow.session.merge(state)
        uow.commit()


@pytest.fixture
def synced(app: App, clock: FixedClock) -> tuple[App, list[int]]:
    """The demo store after head office acknowledged all but the last three of its events."""
    load_demo(app.ctx)
    made = seqs(app) + append(app, 5)
    ack(app, made[:-3], through=made[-4])
    return app, made


def test_day_close_prunes_acknowledged_events_older_than_the_retention(
        synced: tuple[App, list[int]], clock: FixedClock) -> None:
    app, made = synced
    clock.advance(RETENTION + timedelta(days=1))
    done = maintenance.close_day(app.ctx, manager(app.ctx))
    # Everything acknowledged goes except the newest acknowledged event; the rest are pending.
    assert seqs(app, made[-1]) == made[-4:]
    assert done.outbox_pruned == len(made) - 4
    assert rows(app, "SELECT value FROM counters WHERE name = ?", PRUNED_THROUGH) == [
        (made[-5],)]
    assert verify(app.store) == []
    with app.ctx.uow() as uow:
        assert [e.seq for e in uow.outbox.pending()][:3] == made[-3:]
    # The seq keeps counting from where it was, and verify is still clean.
    assert append(app, 1) == [seqs(app)[-1]]
    assert verify(app.store) == []


def test_nothing_is_pruned_inside_the_retention(
        synced: tuple[App, list[int]], clock: FixedClock) -> None:
    app, made = synced
    clock.advance(RETENTION - timedelta(hours=1))
    assert maintenance.close_day(app.ctx, manager(app.ctx)).outbox_pruned == 0
    assert seqs(app, made[-1]) == made


def test_pruning_stops_at_an_unacknowledged_or_recently_acknowledged_event(
        app: App, clock: FixedClock) -> None:
    append(app, 10)
    made = seqs(app)
    ack(app, made[:4] + made[5:])  # the fifth has not been answered yet
    clock.advance(RETENTION + timedelta(days=1))
    ack(app, [made[4]])  # answered today: it stays another 30 days, and so does what follows
    assert maintenance.close_day(app.ctx, manager(app.ctx)).outbox_pruned == 4
    assert seqs(app, made[-1]) == made[4:]
    assert verify(app.store) == []


def test_pruning_never_passes_what_head_office_says_it_has(
        app: App, clock: FixedClock) -> None:
    append(app, 8)
    made = seqs(app)
    ack(app, made, through=3)
    clock.advance(RETENTION + timedelta(days=1))
    assert maintenance.close_day(app.ctx, manager(app.ctx)).outbox_pruned == 3
    assert seqs(app, made[-1]) == made[3:]


def test_a_second_prune_moves_the_watermark_on(app: App, clock: FixedClock) -> None:
    append(app, 4)
    first = seqs(app)
    ack(app, first)
    clock.advance(RETENTION + timedelta(days=1))
    maintenance.close_day(app.ctx, manager(app.ctx))
    assert seqs(app, first[-1]) == [first[-1]]
    append(app, 3)
    second = seqs(app)  # the one kept, day close's own events, and three more
    ack(app, second)
    clock.advance(RETENTION + timedelta(days=1))
    assert maintenance.close_day(app.ctx, manager(app.ctx)).outbox_pruned == len(second) - 1
    assert seqs(app, second[-1]) == [second[-1]]
    assert rows(app, "SELECT value FROM counters WHERE name = ?", PRUNED_THROUGH) == [
        (second[-2],)]
    assert verify(app.store) == []


def test_verify_still_finds_a_real_gap_after_pruning(
        synced: tuple[App, list[int]], clock: FixedClock) -> None:
    app, made = synced
    clock.advance(RETENTION + timedelta(days=1))
    maintenance.close_day(app.ctx, manager(app.ctx))
    with sqlite3.connect(app.store.path) as raw:
        raw.execute("DELETE FROM outbox WHERE seq = ?", (made[-2],))
    terminal = app.settings.terminal_id
    assert verify(app.store) == [
        Problem("outbox.seq_gap", {"terminal_id": terminal, "first_missing": made[-2]})]
    with sqlite3.connect(app.store.path) as raw:
        raw.execute("DELETE FROM outbox")
    assert verify(app.store) == [
        Problem("outbox.seq_gap", {"terminal_id": terminal, "first_missing": made[-5] + 1})]


def test_verify_finds_rows_deleted_without_a_watermark(app: App) -> None:
    append(app, 4)
    with sqlite3.connect(app.store.path) as raw:
        raw.execute("DELETE FROM outbox WHERE seq <= 2")
    assert verify(app.store) == [Problem("outbox.seq_gap", {
        "terminal_id": app.settings.terminal_id, "first_missing": 1})]


def test_the_retention_comes_from_the_rule_pack(tmp_path: Path) -> None:
    assert load_pack("fashion").offline.outbox_retention_days == 30
    source = load_pack("fashion").source
    text = Path(source).read_text(encoding="utf-8")
    short = tmp_path / "short.toml"
    short.write_text(text.replace("outbox_retention_days = 30", "outbox_retention_days = 7"),
                     encoding="utf-8")
    assert load_pack(short).offline.outbox_retention_days == 7
    short.write_text(text.replace("outbox_retention_days = 30", "outbox_retention_days = 0"),
                     encoding="utf-8")
    with pytest.raises(RulePackError) as refused:
        load_pack(short)
    assert refused.value.params["key"].endswith("outbox_retention_days")


# --- the card secret at rest -----------------------------------------------------------------

def stored_secret(path: Path) -> str:
    with sqlite3.connect(path) as raw:
        return str(raw.execute("SELECT card_secret_hex FROM store_settings").fetchone()[0])


def test_the_card_secret_is_stored_sealed_and_read_back_clear(app: App) -> None:
    secret_hex = app.settings.card_secret_hex
    assert len(secret_hex) == 64 and app.ctx.card_secret == bytes.fromhex(secret_hex)
    stored = stored_secret(app.store.path)
    assert secret_hex not in stored and stored.startswith("gAAAAA")
    assert default_key_path(app.store.path).exists()
    with open(app.store.path, "rb") as raw_file:
        assert secret_hex.encode("ascii") not in raw_file.read()
    with app.ctx.reader() as uow:
        assert uow.settings.get().card_secret_hex == secret_hex


def make_old(app: App, secret_hex: str) -> Path:
    """Turn a store into what an older Kaika left: the secret in clear, no key file, nothing
    sealed and the audit chain linked by plain SHA-256 (before migration 0008, after 0009)."""
    path = app.store.path
    app.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE store_settings SET card_secret_hex = ?", (secret_hex,))
        _before_0008(raw)
    default_key_path(path).unlink()
    return path


def _before_0008(raw: sqlite3.Connection) -> None:
    for table in ("points_ledger", "wallet_ledger", "member_balances", "points_lots"):
        raw.execute(f"DROP TRIGGER {table}_seal_insert")
        raw.execute(f"DROP TRIGGER {table}_seal_update")
        raw.execute(f"ALTER TABLE {table} DROP COLUMN seal")
    raw.execute("DROP TABLE chain_marks")
    prev = "0" * 64
    for seq, *row in raw.execute("SELECT seq, id, at, action, staff_id, target, details, "
                                 "approved_by FROM audit_log ORDER BY seq").fetchall():
        content = dict(zip(("id", "at", "action", "staff_id", "target", "details",
                            "approved_by"), row, strict=True))
        content["details"] = json.loads(str(content["details"]))
        link = hashlib.sha256(json.dumps({**content, "prev_hash": prev}, ensure_ascii=False,
                                         sort_keys=True, separators=(",", ":")).encode()
                              ).hexdigest()
        raw.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                    (prev, link, seq))
        prev = link
    raw.execute("ALTER TABLE coupon_templates DROP COLUMN valid_months")  # 0012 too
    raw.execute("DROP INDEX ix_points_lots_unspent_expiry")  # and 0013
    raw.execute("DROP INDEX ix_members_tier_tier_since_id")
    raw.execute("DROP TABLE import_jobs")  # and 0015
    for trigger in ("insert", "delete", "update"):  # and 0016
        raw.execute(f"DROP TRIGGER points_days_{trigger}")
    raw.execute("DROP TABLE points_days")
    for index in ("ix_members_status_tier_tier_since", "ix_members_birth_month_birth_day",
                  "ix_sales_member_id_business_date_kind_total_fen_id",
                  "ix_sale_lines_sale_id_category"):
        raw.execute(f"DROP INDEX {index}")
    for trigger in member_figures.TRIGGER_NAMES:  # and 0017
        raw.execute(f"DROP TRIGGER member_figures_{trigger}")
    raw.execute("DROP TABLE member_figures")  # its index with it
    raw.execute("DROP TABLE member_figures_window")
    raw.execute("DROP TABLE alliance_coupons")  # and 0019
    raw.execute("DROP TABLE alliance_roster")  # and 0018
    raw.execute("DROP TABLE alliance_terms")
    raw.execute("ALTER TABLE members DROP COLUMN consent_alliance_at")
    raw.execute("ALTER TABLE members DROP COLUMN consent_alliance")
    raw.execute("UPDATE alembic_version SET version_num = '0009'")


def test_an_old_database_with_the_secret_in_clear_is_converted_on_open(
        make_app: Callable[[str], App], clock: FixedClock) -> None:
    app = make_app("fashion")
    cards = load_demo(app.ctx)
    secret_hex = "5a" * 32
    path = make_old(app, secret_hex)
    reopened = open_app(path, clock=clock)
    try:
        stored = stored_secret(path)
        assert secret_hex not in stored and stored.startswith("gAAAAA")
        assert reopened.ctx.card_secret == bytes.fromhex(secret_hex)
        # Cards encoded with the old secret still find their member (QR codes are signed by
        # head office's key, never the card secret).
        with reopened.ctx.reader() as uow:
            card = uow.cards.get(cards[0])
        assert card is not None
        swiped = find_by_swipe(reopened.ctx, None,
                               track2_data(card.number, card.expiry, bytes.fromhex(secret_hex)))
        scanned = find_by_code(reopened.ctx, dynamicqr.make_payload(
            card.number, clock.now(), qrkeys.demo_pair(path).private.sign,
            bytes(dynamicqr.NONCE_BYTES)))
        assert swiped.member.id == scanned.member.id == card.member_id
        assert verify(reopened.store) == []
    finally:
        reopened.close()


def test_a_clear_secret_is_left_alone_while_sealed_id_numbers_lack_their_key(
        make_app: Callable[[str], App], clock: FixedClock) -> None:
    app = make_app("fashion")
    load_demo(app.ctx)
    with sqlite3.connect(app.store.path) as raw:
        raw.execute("UPDATE members SET id_number_enc = ? WHERE rowid = 1",
                    (app.store.cipher.encrypt("310101199001011234"),))
    path = make_old(app, "5a" * 32)
    reopened = open_app(path, clock=clock)
    try:
        # A new key now would open the secret but never those ID numbers: none is made.
        assert stored_secret(path) == "5a" * 32
        assert not default_key_path(path).exists()
        assert reopened.ctx.card_secret == bytes.fromhex("5a" * 32)
        assert verify(reopened.store) == [
            Problem("store.key_missing", {"path": str(default_key_path(path))})]
    finally:
        reopened.close()


def test_verify_names_a_key_that_cannot_open_the_card_secret(app: App, tmp_path: Path) -> None:
    from db.store import StoreDb

    with StoreDb.open(app.store.path, key_path=tmp_path / "elsewhere.key") as other:
        assert verify(other) == [Problem("store.key_missing",
                                         {"path": str(tmp_path / "elsewhere.key")})]
        assert not (tmp_path / "elsewhere.key").exists()
