"""`GET /v1/sync/pull`: the next page of a store's changes, read in one snapshot.

The cursor is opaque to the till: base64 of `{"s": store seq, "m": merchant seq, "e": epoch}`.
An epoch the server no longer knows (after a rebuild) makes the till start again from zero,
which is harmless because every change carries a version the till compares with its own.
Entities are served as they are at read time, together with the terminal's acknowledged seq
from the same snapshot.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from headoffice.batch import Terminal
from headoffice.cases import blocked_members
from headoffice.tables import (
    cards,
    catalog_items,
    coupons,
    member_balances,
    members,
    merchant_feed,
    points_buckets,
    store_feed,
    store_items,
    terminals,
)
from sync.schema import Change

EPOCH = 1
MEMBER_ENTITIES = ("member", "member_balance", "member_alias", "card", "coupon")


@dataclass(frozen=True, slots=True)
class Cursor:
    store_seq: int = 0
    merchant_seq: int = 0

    def encode(self) -> str:
        raw = json.dumps({"s": self.store_seq, "m": self.merchant_seq, "e": EPOCH},
                         separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        try:
            data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            if data.get("e") != EPOCH:
                return cls()
            return cls(int(data["s"]), int(data["m"]))
        except (ValueError, KeyError, TypeError, binascii.Error):
            return cls()


def page(conn: Connection, terminal: Terminal, cursor: Cursor,
         limit: int) -> tuple[list[Change], Cursor, bool, int]:
    """(changes, next cursor, has_more, acked_through_seq), all from one snapshot."""
    acked = conn.scalar(sa.select(terminals.c.acked_through_seq).where(
        terminals.c.id == terminal.id)) or 0
    m_rows = conn.execute(sa.select(merchant_feed.c.seq, merchant_feed.c.entity,
                                    merchant_feed.c.entity_id)
                          .where(merchant_feed.c.merchant_id == terminal.merchant_id,
                                 merchant_feed.c.seq > cursor.merchant_seq)
                          .order_by(merchant_feed.c.seq).limit(limit)).all()
    room = limit - len(m_rows)
    s_rows = conn.execute(sa.select(store_feed.c.seq, store_feed.c.entity,
                                    store_feed.c.entity_id)
                          .where(store_feed.c.store_id == terminal.store_id,
                                 store_feed.c.seq > cursor.store_seq)
                          .order_by(store_feed.c.seq).limit(room)).all() if room > 0 else []
    changes = materialise(conn, terminal, [(r.entity, r.entity_id) for r in (*m_rows, *s_rows)])
    after = Cursor(s_rows[-1].seq if s_rows else cursor.store_seq,
                   m_rows[-1].seq if m_rows else cursor.merchant_seq)
    return changes, after, len(m_rows) + len(s_rows) >= limit, acked


def materialise(conn: Connection, terminal: Terminal,
                items: Iterable[tuple[str, str]]) -> list[Change]:
    """The current state of each (entity, id), the last mention of each kept, in order."""
    order: dict[tuple[str, str], None] = {}
    for item in items:
        order.pop(item, None)
        order[item] = None
    wanted: dict[str, list[str]] = {}
    for entity, entity_id in order:
        wanted.setdefault(entity, []).append(entity_id)
    found: dict[tuple[str, str], Change] = {}
    for entity, ids in wanted.items():
        for change in _load(conn, terminal, entity, ids):
            found[(change.entity, change.id)] = change
    return [found[k] for k in order if k in found]


def _load(conn: Connection, terminal: Terminal, entity: str, ids: list[str]) -> list[Change]:
    if entity == "member":
        return _members(conn, ids)
    if entity == "member_alias":
        return _aliases(conn, ids)
    if entity == "member_balance":
        return _balances(conn, ids)
    if entity in ("card", "coupon"):
        return _bodies(conn, entity, ids)
    table = store_items if entity in ("gift", "draw", "card_stock") else catalog_items
    owner = (table.c.store_id == terminal.store_id if table is store_items
             else table.c.merchant_id == terminal.merchant_id)
    rows = conn.execute(sa.select(table.c.entity_id, table.c.version, table.c.data).where(
        owner, table.c.entity == entity, table.c.entity_id.in_(ids)))
    return [Change(entity=entity, id=r.entity_id, version=r.version, data=r.data) for r in rows]


def _members(conn: Connection, ids: list[str]) -> list[Change]:
    rows = conn.execute(sa.select(members).where(members.c.id.in_(ids),
                                                 members.c.canonical_id.is_(None)))
    return [Change(entity="member", id=r.id, version=r.version, data=member_data(r._mapping))
            for r in rows]


def member_data(row: Any) -> dict[str, Any]:
    """A member as a till stores it: the merged profile, tier and where they joined, and the
    payment PIN's hash when the member chose one (a till checks it offline; nothing else that
    head office answers carries it)."""
    data = dict(row["profile"] or {})
    data.update(id=row["id"], tier=row["tier"],
                tier_since=row["tier_since"].isoformat() if row["tier_since"] else None)
    if row["pin_hash"]:
        data.update(pin_hash=row["pin_hash"], pin_set_at=row["pin_set_at"].isoformat()
                    if row["pin_set_at"] else None)
    return data


def _aliases(conn: Connection, ids: list[str]) -> list[Change]:
    rows = conn.execute(sa.select(members.c.id, members.c.canonical_id).where(
        members.c.id.in_(ids), members.c.canonical_id.is_not(None)))
    return [Change(entity="member_alias", id=r.id, version=1,
                   data={"alias_id": r.id, "canonical_id": r.canonical_id}) for r in rows]


def _balances(conn: Connection, ids: list[str]) -> list[Change]:
    buckets: dict[str, list[list[Any]]] = {}
    for member_id, day, remaining in conn.execute(sa.select(
            points_buckets.c.member_id, points_buckets.c.last_day, points_buckets.c.remaining)
            .where(points_buckets.c.member_id.in_(ids)).order_by(points_buckets.c.last_day)):
        buckets.setdefault(member_id, []).append([day.isoformat(), remaining])
    blocked = blocked_members(conn, ids)
    rows = conn.execute(sa.select(member_balances).where(member_balances.c.member_id.in_(ids)))
    return [Change(entity="member_balance", id=r.member_id, version=r.version, data={
        "member_id": r.member_id, "points": r.points,
        "wallet_principal_fen": r.wallet_principal_fen, "wallet_bonus_fen": r.wallet_bonus_fen,
        "buckets": buckets.get(r.member_id, []), "blocked": r.member_id in blocked})
        for r in rows]


def _bodies(conn: Connection, entity: str, ids: list[str]) -> list[Change]:
    table = cards if entity == "card" else coupons
    key = table.c.number if entity == "card" else table.c.code
    rows = conn.execute(sa.select(key.label("key"), table.c.version, table.c.state,
                                  table.c.body).where(key.in_(ids)))
    return [Change(entity=entity, id=r.key, version=r.version,
                   data={**r.body, "state": r.state}) for r in rows]
