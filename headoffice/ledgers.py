"""Points and wallet ledgers at head office: balance = sum of entries, a replay adds nothing.

Each entry is inserted under its own id (`ON CONFLICT DO NOTHING`); only the entries actually
inserted move the balance, so a batch sent twice, or an entry announced twice, counts once.
The member's balance row is locked while a batch applies, so two tills' batches for the same
member queue one behind the other. An offline debit beyond the balance is a fact: it is kept,
the balance goes below zero and the shortfall goes to the member's overdraft case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import Connection

from domain import points as points_rules
from headoffice.batch import Batch, Item
from headoffice.cases import add_overdraft
from headoffice.sql import among, bulk_insert, existing, for_update, update_many
from headoffice.tables import member_balances, points_buckets, points_ledger, wallet_ledger
from sync.buckets import Buckets
from sync.payloads import PointsEntryV1, WalletEntryV1

Entry = TypeVar("Entry", PointsEntryV1, WalletEntryV1)

# Debits that may not overdraw: a return taking points back may (DOMAIN §7), expiry cannot.
NO_OVERDRAFT = ("takeback", "expire")


@dataclass
class Balance:
    points: Buckets
    principal: int
    bonus: int


def apply(b: Batch, points_items: list[Item[PointsEntryV1]],
          wallet_items: list[Item[WalletEntryV1]]) -> None:
    points_new = _insert(b, points_items, points_ledger, _points_row)
    wallet_new = _insert(b, wallet_items, wallet_ledger, _wallet_row)
    member_ids = sorted({_member(b, i) for i in points_new} | {_member(b, i) for i in wallet_new})
    if not member_ids:
        return
    state = lock_balances(b.conn, member_ids)
    for points_item in points_new:
        _points(b, state[_member(b, points_item)], points_item)
    for wallet_item in wallet_new:
        _wallet(b, state[_member(b, wallet_item)], wallet_item)
    save_balances(b.conn, b.now, state)
    for member_id in member_ids:
        b.feed.stores(b.followers(member_id), "member_balance", member_id)


def _member(b: Batch, item: Item[PointsEntryV1] | Item[WalletEntryV1]) -> str:
    return b.canonical(item.payload.member_id)


def _insert(b: Batch, items: list[Item[Entry]], table: sa.Table,
            to_row: Callable[[Batch, Item[Entry]], dict[str, Any]]) -> list[Item[Entry]]:
    """Insert entries not already here (an entry announced twice, or in two events)."""
    rows = [to_row(b, i) for i in items]
    found = existing(b.conn, table, ("member_id", "id"), [(r["member_id"], r["id"]) for r in rows])
    new_items, new_rows, seen = [], [], set(found)
    for item, row in zip(items, rows, strict=True):
        key = (row["member_id"], row["id"])
        if key in seen:
            b.mark(item.event_id, "duplicate", "entry.known")
            continue
        seen.add(key)
        new_items.append(item)
        new_rows.append(row)
    bulk_insert(b.conn, table, new_rows)
    return new_items


def _points_row(b: Batch, item: Item[PointsEntryV1]) -> dict[str, Any]:
    p = item.payload
    return {"member_id": b.canonical(p.member_id), "id": p.id, "store_id": b.terminal.store_id,
            "terminal_id": b.terminal.id, "kind": p.kind, "points": p.points,
            "claimed_points": None, "at": p.at, "business_date": p.business_date,
            "sale_id": p.sale_id, "reason": p.reason[:200], "staff_id": p.staff_id,
            "event_id": item.event_id, "last_day": p.last_day}


def _wallet_row(b: Batch, item: Item[WalletEntryV1]) -> dict[str, Any]:
    p = item.payload
    return {"member_id": b.canonical(p.member_id), "id": p.id, "store_id": b.terminal.store_id,
            "terminal_id": b.terminal.id, "kind": p.kind, "principal_fen": p.principal_fen,
            "bonus_fen": p.bonus_fen, "at": p.at, "business_date": p.business_date,
            "sale_id": p.sale_id, "staff_id": p.staff_id, "reference": p.reference[:100],
            "tender_kind": p.tender_kind, "event_id": item.event_id}


def lock_balances(conn: Connection, member_ids: list[str]) -> dict[str, Balance]:
    """Lock the balance rows in member order (no deadlock between two batches) and load
    (also for the console's corrections, headoffice/console/corrections.py)."""
    rows = conn.execute(for_update(conn, sa.select(member_balances).where(
        among(conn, member_balances.c.member_id, member_ids))
        .order_by(member_balances.c.member_id)))
    state = {r.member_id: Balance(Buckets(r.points), r.wallet_principal_fen, r.wallet_bonus_fen)
             for r in rows}
    for member_id, day, remaining in conn.execute(sa.select(
            points_buckets.c.member_id, points_buckets.c.last_day, points_buckets.c.remaining)
            .where(among(conn, points_buckets.c.member_id, member_ids))):
        state[member_id].points.by_day[day] = remaining
    return state


def _points(b: Batch, bal: Balance, item: Item[PointsEntryV1]) -> None:
    p = item.payload
    on = b.local_date(p.at)
    if p.kind == "expire":
        # The till expired what its lots held; head office expires what its buckets hold, so
        # the same points expired at two tills go once (the second expiry moves 0).
        moved = -bal.points.expire(on)
        if moved != p.points:
            b.conn.execute(points_ledger.update().where(
                points_ledger.c.member_id == _member(b, item), points_ledger.c.id == p.id)
                .values(points=moved, claimed_points=p.points))
            b.mark(item.event_id, "applied", "points.expiry_recomputed")
    elif p.points >= 0:
        # Refunded points go back under their own lots' last day, not a fresh one (DOMAIN §7).
        bal.points.credit(p.points, p.last_day or points_rules.expires_on(on, b.pack))
    else:
        short = bal.points.debit(-p.points, p.last_day)  # a take-back names its sale's lot
        if short and p.kind not in NO_OVERDRAFT:
            add_overdraft(b, _member(b, item), "points", short, item.event_id, p.sale_id)


def _wallet(b: Batch, bal: Balance, item: Item[WalletEntryV1]) -> None:
    p = item.payload
    before = _owed(bal.principal) + _owed(bal.bonus)
    bal.principal += p.principal_fen
    bal.bonus += p.bonus_fen
    short = _owed(bal.principal) + _owed(bal.bonus) - before
    if short > 0:
        add_overdraft(b, _member(b, item), "wallet", short, item.event_id, p.sale_id)


def _owed(balance: int) -> int:
    return max(0, -balance)


def save_balances(conn: Connection, now: datetime, state: dict[str, Balance]) -> None:
    update_many(conn, member_balances, "member_id", [
        {"member_id": m, "points": s.points.balance, "wallet_principal_fen": s.principal,
         "wallet_bonus_fen": s.bonus, "updated_at": now} for m, s in state.items()],
        bump="version")
    conn.execute(points_buckets.delete().where(
        among(conn, points_buckets.c.member_id, list(state))))
    bulk_insert(conn, points_buckets, [
        {"member_id": m, "last_day": day, "remaining": n}
        for m, s in state.items() for day, n in s.points.by_day.items() if n])
