"""Online member look-up and allowance renewal: the two calls a till makes besides push/pull."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.ids import new_id_str
from headoffice.batch import Terminal
from headoffice.feed import FeedWriter
from headoffice.members import member_items
from headoffice.packs import PackBook
from headoffice.pull import materialise
from headoffice.sql import insert_ignore
from headoffice.tables import allowance_grants, cards, member_interest, members, terminals
from sync.schema import AllowanceGrant, Change, Limits


def lookup(conn: Connection, terminal: Terminal, now: datetime, *, mobile: str | None = None,
           card: str | None = None) -> tuple[str | None, list[Change], int]:
    """A member not yet on this till, by mobile or card number, everything about them.

    The store follows the member from now on, so later changes reach all its tills by pull.
    Returns (member id or None, changes, acked_through_seq of the same snapshot).
    """
    acked = conn.scalar(sa.select(terminals.c.acked_through_seq).where(
        terminals.c.id == terminal.id)) or 0
    member_id = _find(conn, terminal, mobile, card)
    if member_id is None:
        return None, [], acked
    new = insert_ignore(conn, member_interest, [
        {"member_id": member_id, "store_id": terminal.store_id, "since": now}],
        returning=member_interest.c.member_id)
    items = member_items(conn, member_id)
    if new:
        feed = FeedWriter()
        for entity, entity_id in items:
            feed.store(terminal.store_id, entity, entity_id)
        feed.flush(conn, now)
    return member_id, materialise(conn, terminal, items), acked


def _find(conn: Connection, terminal: Terminal, mobile: str | None,
          card: str | None) -> str | None:
    if mobile:
        return conn.scalar(sa.select(members.c.id).where(
            members.c.merchant_id == terminal.merchant_id, members.c.mobile == mobile,
            members.c.canonical_id.is_(None)))
    if card:
        owner = conn.execute(sa.select(members.c.id, members.c.canonical_id, members.c.merchant_id)
                             .join(cards, cards.c.member_id == members.c.id)
                             .where(cards.c.number == card)).first()
        if owner is not None and owner.merchant_id == terminal.merchant_id:
            return str(owner.canonical_id or owner.id)
    return None


def renew_allowance(conn: Connection, terminal: Terminal, now: datetime,
                    packs: PackBook) -> AllowanceGrant:
    """Grant the terminal its pack's offline limits until `max_offline_hours` from now."""
    rules = packs.for_merchant(conn, terminal.merchant_id).offline
    limits = Limits(per_sale_points=rules.per_sale_points,
                    per_sale_wallet_fen=rules.per_sale_wallet_fen,
                    member_day_points=rules.member_day_points,
                    member_day_wallet_fen=rules.member_day_wallet_fen,
                    terminal_points=rules.terminal_points,
                    terminal_wallet_fen=rules.terminal_wallet_fen,
                    max_offline_hours=rules.max_offline_hours,
                    online_grace_s=rules.online_grace_s)
    grant = AllowanceGrant(grant_id=new_id_str(), terminal_id=terminal.id, granted_at=now,
                           valid_until=now + timedelta(hours=rules.max_offline_hours),
                           limits=limits)
    conn.execute(allowance_grants.insert().values(
        id=grant.grant_id, terminal_id=terminal.id, granted_at=now,
        valid_until=grant.valid_until, limits=limits.model_dump()))
    return grant
