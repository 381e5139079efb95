"""Head office's member merge at the till (a pulled `member_alias`): every row naming the
member follows it, lucky-draw spins and held sales included, renamed or folded."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Column, ForeignKey, MetaData, String, Table

from db.repos_merge import ONE_PER_MEMBER, SqlMemberMerge, member_columns
from db.rows import metadata
from db.rows_base import MEMBERS_ID, REFERS_TO
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.services import cart as carts
from domain.services import draws, held, rewards
from domain.services.members import find_by_card, register
from domain.services.staff import login
from sync.apply import Applier
from sync.schema import Change
from tests.staffing import desk

CANONICAL = "0190a1b2-0000-7000-8000-0000000000cc"
WHEEL = Draw("SPRING", "春季大转盘", cost_points=20)


def merge(app: App, alias: str, canonical: str) -> int:
    """Apply head office's "alias → canonical" change as a pull page would (sync/apply.py)."""
    settings, now = app.settings, app.ctx.clock.now()
    with app.store.uow() as uow:
        done = Applier(uow, 0, now, now.date(), ZoneInfo(settings.tz), app.ctx.pack,
                       settings.terminal_id).apply([Change(
                           entity="member_alias", id=alias, version=1,
                           data={"alias_id": alias, "canonical_id": canonical})])
        uow.commit()
    return done


def spun_and_held(app: App, member_id: str) -> str:
    """The member spins the wheel once and has a sale on hold; returns the held sale's id."""
    manager = login(app.ctx, "2001", "2468").id
    rewards.adjust_points(app.ctx, member_id, 100, "draw test", manager)
    draws.define_draw(app.ctx, WHEEL, [
        Prize("SPRING", "THX", "谢谢参与", PrizeKind.THANKS, 5)], manager)
    draws.spin(app.ctx, member_id, "SPRING", desk(app.ctx))
    cashier = login(app.ctx, "1001", "1357").id
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=member_id)
    cart = carts.add_item(app.ctx, cart, "A1001")
    return held.hold(app.ctx, cart, cashier).id


def rows(app: App, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(app.store.path) as raw:
        return list(raw.execute(sql))


def test_a_renamed_member_keeps_their_spins_and_held_sale(app: App) -> None:
    load_demo(app.ctx)
    twin = register(app.ctx, {"name": "王五", "mobile": "13611115555",
                              "privacy_accepted": True}, desk(app.ctx)).member.id
    held_id = spun_and_held(app, twin)

    assert merge(app, twin, CANONICAL) == 1

    assert rows(app, "SELECT member_id FROM draw_spins") == [(CANONICAL,)]
    [waiting] = held.waiting(app.ctx)
    assert (waiting.id, waiting.member_id) == (held_id, CANONICAL)
    cashier = login(app.ctx, "1001", "1357").id
    assert held.recall(app.ctx, held_id, cashier, None).member_id == CANONICAL


def test_a_folded_member_s_spins_and_held_sale_join_the_member_they_merge_into(
        app: App) -> None:
    cards = load_demo(app.ctx)
    kept = find_by_card(app.ctx, cards[0]).member.id
    twin = register(app.ctx, {"name": "王五", "mobile": "13611115555",
                              "privacy_accepted": True}, desk(app.ctx)).member.id
    held_id = spun_and_held(app, twin)

    assert merge(app, twin, kept) == 1

    assert rows(app, "SELECT member_id FROM draw_spins") == [(kept,)]
    assert rows(app, f"SELECT count(*) FROM members WHERE id = '{twin}'") == [(0,)]
    [waiting] = held.waiting(app.ctx)
    assert (waiting.id, waiting.member_id) == (held_id, kept)
    cashier = login(app.ctx, "1001", "1357").id
    assert held.recall(app.ctx, held_id, cashier, None).member_id == kept


# --- the schema decides what a merge moves ------------------------------------------------------

def _names_a_member(column: Column[Any]) -> bool:
    return (any(f.target_fullname == MEMBERS_ID for f in column.foreign_keys)
            or column.name.endswith("member_id") or column.name == "referrer_id")


def test_every_column_naming_a_member_is_declared_and_each_one_per_member_table_folds() -> None:
    """A new `member_id` needs a foreign key to members.id or `refers_to` in its info (which
    says whether a merge moves it); a new table keyed by the member needs its own fold."""
    moved = {(c.table, c.column) for c in member_columns()}
    for table in metadata.sorted_tables:
        for column in table.columns:
            if not _names_a_member(column):
                continue
            fk = any(f.target_fullname == MEMBERS_ID for f in column.foreign_keys)
            assert fk or column.info.get(REFERS_TO) == MEMBERS_ID, (table.name, column.name)
            if fk:
                assert (table.name, column.name) in moved
            if (table.name, column.name) in moved and [c.name for c in table.primary_key] == [
                    column.name]:
                assert table.name in ONE_PER_MEMBER, table.name
    assert {("draw_spins", "member_id"), ("held_sales", "member_id")} <= moved


def test_every_foreign_key_to_members_in_the_migrated_store_is_moved(app: App) -> None:
    with sqlite3.connect(app.store.path) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        fks = {(t, fk[3]) for t in tables
               for fk in raw.execute(f"PRAGMA foreign_key_list({t})") if fk[2] == "members"}
    assert fks and fks <= {(c.table, c.column) for c in member_columns()}


def test_a_table_added_with_a_foreign_key_to_members_follows_a_merge(app: App) -> None:
    schema = MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(schema)
    stamps = Table("stamp_cards", schema, Column("id", String(36), primary_key=True),
                   Column("member_id", String(36), ForeignKey(
                       MEMBERS_ID, deferrable=True, initially="DEFERRED")))
    with app.store.engine.begin() as conn:
        stamps.create(conn)
    twin = register(app.ctx, {"name": "王五", "mobile": "13611115555",
                              "privacy_accepted": True}, desk(app.ctx)).member.id
    with sqlite3.connect(app.store.path) as raw:
        raw.execute("INSERT INTO stamp_cards VALUES ('S1', ?)", (twin,))
    with app.store.uow() as uow:
        assert SqlMemberMerge(uow.session, schema).merge(twin, CANONICAL)
        uow.commit()
    assert rows(app, "SELECT id, member_id FROM stamp_cards") == [("S1", CANONICAL)]
    assert rows(app, f"SELECT count(*) FROM members WHERE id = '{CANONICAL}'") == [(1,)]
