"""Reconciliation cases: what head office could not settle alone and a manager must look at.

Kinds: `points.overdraft` and `wallet.overdraft` (offline spending beyond the balance: the
spend stands, the member owes the difference), `coupon.double_redeemed` (a coupon used at two
tills offline: the first redemption to arrive wins, the later sale stands), `member.mobile_conflict`
(an edit gave a member another member's mobile), `terminal.seq_reused` (a till restored from an
old backup numbered new events with used seqs), `card.duplicate_number` (a card number head
office has for one member was sent for another, or found issued to two members in the past),
`card.not_allotted` (a new card number from another terminal's block, another store's stock or
another merchant's brand): see headoffice/cardids.py, `tenancy.refused` (for the sender's
merchant: its till named another merchant's objects, all quarantined) with
`tenancy.named_by_other` (for the owner of those objects): headoffice/tenancy_rules.py,
`terminal.chain_truncated`, `terminal.chain_rewritten` and `terminal.outbox_rewound` (a till's
audit chain or outbox went back or changed between two pushes: headoffice/chainheads.py), and
`event.unstorable` (the database
refused what an event held; it is quarantined, its payload kept escaped:
headoffice/unstorable.py). One open overdraft case per member and asset collects every
overdraft until a manager resolves it; while it is open the member may not spend offline
anywhere.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import DomainError, NotFound
from domain.ids import new_id_str
from headoffice.batch import Batch
from headoffice.feed import FeedWriter, interested_stores
from headoffice.sql import among, for_update
from headoffice.tables import recon_cases

OVERDRAFT_KINDS = ("points.overdraft", "wallet.overdraft")


def add_overdraft(b: Batch, member_id: str, asset: str, amount: int, event_id: str,
                  sale_id: str | None) -> None:
    """Add a shortfall to the member's open overdraft case (or open one)."""
    kind = f"{asset}.overdraft"
    found = b.conn.execute(for_update(b.conn, sa.select(recon_cases).where(
        recon_cases.c.member_id == member_id, recon_cases.c.kind == kind,
        recon_cases.c.status == "open"))).mappings().first()
    item = {"event_id": event_id, "terminal_id": b.terminal.id, "store_id": b.terminal.store_id,
            "sale_id": sale_id, "amount": amount}
    if found is None:
        open_case(b, kind, member_id, amount, {"items": [item]})
        return
    details = dict(found["details"])
    details["items"] = [*details.get("items", []), item]
    b.conn.execute(recon_cases.update().where(recon_cases.c.id == found["id"]).values(
        amount=found["amount"] + amount, details=details, updated_at=b.now))


def open_case(b: Batch, kind: str, member_id: str | None, amount: int,
              details: dict[str, Any], merchant_id: str | None = None) -> str:
    """A case for the sender's merchant, or for `merchant_id` (whose data it is about)."""
    return insert_case(b.conn, merchant_id or b.terminal.merchant_id, kind, member_id, amount,
                       details, b.now)


def insert_case(conn: Connection, merchant_id: str, kind: str, member_id: str | None,
                amount: int, details: dict[str, Any], now: datetime) -> str:
    case_id = new_id_str()
    conn.execute(recon_cases.insert().values(
        id=case_id, merchant_id=merchant_id, kind=kind, member_id=member_id, status="open",
        amount=amount, details=details, opened_at=now, updated_at=now, note=""))
    return case_id


def blocked_members(conn: Connection, member_ids: list[str]) -> set[str]:
    """Members with an open overdraft case: no offline spending for them anywhere."""
    if not member_ids:
        return set()
    rows = conn.execute(sa.select(recon_cases.c.member_id).where(
        among(conn, recon_cases.c.member_id, member_ids), recon_cases.c.status == "open",
        recon_cases.c.kind.in_(OVERDRAFT_KINDS)))
    return {r[0] for r in rows}


def resolve(engine: Engine, case_id: str, by: str, note: str, now: datetime) -> None:
    """A manager closes a case; the member's offline block lifts on every till at next pull."""
    with engine.begin() as conn:
        resolve_in(conn, case_id, by, note, now)


def resolve_in(conn: Connection, case_id: str, by: str, note: str, now: datetime) -> None:
    """`resolve` inside the caller's transaction (the console audits in the same one)."""
    if not by.strip():
        raise DomainError("case.resolver_required")
    case = conn.execute(for_update(conn, sa.select(recon_cases).where(
        recon_cases.c.id == case_id))).mappings().first()
    if case is None:
        raise NotFound("case.unknown", case_id=case_id)
    if case["status"] != "open":
        raise DomainError("case.already_resolved", case_id=case_id)
    conn.execute(recon_cases.update().where(recon_cases.c.id == case_id).values(
        status="resolved", resolved_at=now, resolved_by=by.strip(), note=note,
        updated_at=now))
    member_id = case["member_id"]
    if member_id and case["kind"] in OVERDRAFT_KINDS:
        feed = FeedWriter()
        feed.stores(interested_stores(conn, [member_id])[member_id], "member_balance",
                    member_id)
        feed.flush(conn, now)


def list_cases(conn: Connection, status: str | None = "open") -> list[dict[str, Any]]:
    stmt = sa.select(recon_cases).order_by(recon_cases.c.opened_at, recon_cases.c.id)
    if status:
        stmt = stmt.where(recon_cases.c.status == status)
    return [_jsonable(dict(r)) for r in conn.execute(stmt).mappings()]


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}
