"""The change feeds tills pull: per store (members, balances, cards, coupons, allotments) and per
merchant (catalogue, prices, rule packs, coupon templates, staff).

A feed row says only *which* entity changed; pull serves the entity as it is when read, in the
same snapshot as the terminal's acknowledged seq. Sequence numbers are assigned inside the
writing transaction by bumping the store's head row (`UPDATE ... SET seq = seq + n RETURNING`):
its row lock orders writers per store, so the feed commits in seq order and a reader's
`seq > cursor` never skips a row that commits late (PostgreSQL sequences would).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from headoffice.sql import among, bulk_insert
from headoffice.tables import (
    member_interest,
    merchant_feed,
    merchant_feed_heads,
    store_feed,
    store_feed_heads,
)

Item = tuple[str, str]  # (entity, entity id)


class FeedWriter:
    """Changes gathered during one transaction, written at its end in store order (so two
    transactions never wait for each other's feed heads in opposite orders)."""

    def __init__(self) -> None:
        self._stores: dict[str, dict[Item, None]] = {}
        self._merchants: dict[str, dict[Item, None]] = {}

    def store(self, store_id: str, entity: str, entity_id: str) -> None:
        items = self._stores.setdefault(store_id, {})
        items.pop((entity, entity_id), None)  # keep the last position: later changes win
        items[(entity, entity_id)] = None

    def stores(self, store_ids: Iterable[str], entity: str, entity_id: str) -> None:
        for store_id in store_ids:
            self.store(store_id, entity, entity_id)

    def merchant(self, merchant_id: str, entity: str, entity_id: str) -> None:
        items = self._merchants.setdefault(merchant_id, {})
        items.pop((entity, entity_id), None)
        items[(entity, entity_id)] = None

    def flush(self, conn: Connection, now: datetime) -> None:
        for store_id in sorted(self._stores):
            _append(conn, store_feed_heads, store_feed, "store_id", store_id,
                    list(self._stores[store_id]), now)
        for merchant_id in sorted(self._merchants):
            _append(conn, merchant_feed_heads, merchant_feed, "merchant_id", merchant_id,
                    list(self._merchants[merchant_id]), now)
        self._stores.clear()
        self._merchants.clear()


def _append(conn: Connection, heads: sa.Table, feed: sa.Table, key: str, owner: str,
            items: list[Item], now: datetime) -> None:
    if not items:
        return
    bumped = conn.execute(heads.update().where(heads.c[key] == owner)
                          .values(seq=heads.c.seq + len(items)).returning(heads.c.seq))
    top = bumped.scalar_one_or_none()
    if top is None:  # a store or merchant made before its head row: start it now
        conn.execute(heads.insert().values({key: owner, "seq": len(items)}))
        top = len(items)
    first = top - len(items) + 1
    # The seqs were just taken from the head: every row is new, so COPY (bulk_insert).
    bulk_insert(conn, feed, [
        {key: owner, "seq": first + i, "entity": entity, "entity_id": entity_id,
         "created_at": now}
        for i, (entity, entity_id) in enumerate(items)])


def interested_stores(conn: Connection, member_ids: Iterable[str]) -> dict[str, list[str]]:
    """Stores that follow each member: where they joined, bought, or were looked up."""
    ids = sorted(set(member_ids))
    found: dict[str, list[str]] = {m: [] for m in ids}
    for chunk in _chunks(ids, 500):
        rows = conn.execute(sa.select(member_interest.c.member_id, member_interest.c.store_id)
                            .where(among(conn, member_interest.c.member_id, chunk)))
        for member_id, store_id in rows:
            found[member_id].append(store_id)
    return found


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
