"""The stores-and-terminals page's data; revoking or restoring a till and making an enrolment
code from it (audited)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import Engine

from domain.errors import NotFound
from headoffice import staff, tenancy
from headoffice.packs import PackBook
from headoffice.staff import Session
from headoffice.tables import chain_heads, stores, terminals

ONLINE = timedelta(minutes=5)  # heard from within this: online (tills sync every 15 s)
SHOWN_IN = ZoneInfo("Asia/Shanghai")


def rows(engine: Engine, packs: PackBook, now: datetime,
         merchant_id: str | None) -> list[dict[str, Any]]:
    """Every enrolled till (of the merchant, when given): its store, state, last seen, unsynced
    count and clock skew."""
    found: list[dict[str, Any]] = list(tenancy.list_terminals(engine, packs=packs))
    with engine.connect() as conn:
        if merchant_id is not None:
            mine = set(conn.scalars(sa.select(terminals.c.id).where(
                terminals.c.merchant_id == merchant_id)))
            found = [row for row in found if row["id"] in mine]
        names = dict(conn.execute(sa.select(stores.c.code, stores.c.name)).tuples().all())
        outbox = dict(conn.execute(sa.select(chain_heads.c.terminal_id,
                                             sa.func.max(chain_heads.c.outbox_seq))
                                   .group_by(chain_heads.c.terminal_id)).tuples().all())
    for row in found:
        row["store_name"] = names.get(str(row["store"]), "")
        row["state"] = _state(row, now)
        seen = row["last_seen_at"]
        row["last_seen"] = seen.astimezone(SHOWN_IN).strftime("%Y-%m-%d %H:%M:%S") if seen \
            else None
        row["unsynced"] = _unsynced(outbox.get(str(row["id"])), row["acked_through_seq"])
    return found


def _state(row: dict[str, Any], now: datetime) -> str:
    if row["revoked_at"] is not None:
        return "revoked"
    seen = row["last_seen_at"]
    if seen is None:
        return "never"
    return "online" if now - seen <= ONLINE else "offline"


def _unsynced(outbox_seq: int | None, acked: int) -> int | None:
    """What the till had in its outbox beyond what head office accepted, as of its last push
    (its outbox counter rides on every push); None when it never said."""
    return None if outbox_seq is None else max(0, outbox_seq - acked)


def set_revoked(engine: Engine, terminal_id: str, session: Session, client: str,
                now: datetime, *, revoked: bool) -> str:
    """Revoke (or restore) a till and audit who did it; the store's and the till's code.
    Another merchant's till is unknown to that merchant's staff."""
    stmt = (sa.select(stores.c.code, terminals.c.code)
            .join(stores, stores.c.id == terminals.c.store_id)
            .where(terminals.c.id == terminal_id))
    if session.member.merchant_id is not None:
        stmt = stmt.where(terminals.c.merchant_id == session.member.merchant_id)
    with engine.begin() as conn:
        found = conn.execute(stmt).first()
        if found is None:
            raise NotFound("terminal.unknown", terminal_id=terminal_id)
        code = f"{found[0]} {found[1]}"  # terminal codes repeat across stores: T01
        conn.execute(terminals.update().where(terminals.c.id == terminal_id)
                     .values(revoked_at=now if revoked else None))
        staff.audit(conn, now, client, "terminal.revoked" if revoked else "terminal.restored",
                    login=session.member.login, staff_id=session.member.id, target=terminal_id,
                    detail=code)
    return str(code)


def store_rows(engine: Engine, merchant_id: str | None) -> list[dict[str, Any]]:
    """Every store (of the merchant, when given) with its count of enrolled, unrevoked tills."""
    tills = (sa.select(sa.func.count()).where(terminals.c.store_id == stores.c.id,
                                              terminals.c.revoked_at.is_(None))
             .scalar_subquery())
    stmt = sa.select(stores.c.code, stores.c.name, tills.label("tills")).order_by(stores.c.code)
    if merchant_id is not None:
        stmt = stmt.where(stores.c.merchant_id == merchant_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def enrol_code(engine: Engine, store_code: str, session: Session, client: str,
               now: datetime) -> str:
    """A one-time code for a new till of the store; the audit says who made it, never the
    code (only its hash is kept, tenancy.new_enrol_code)."""
    if store_code not in {row["code"] for row in store_rows(engine,
                                                            session.member.merchant_id)}:
        raise NotFound("store.unknown", code=store_code)  # or another merchant's
    code = tenancy.new_enrol_code(engine, store_code, now)
    with engine.begin() as conn:
        staff.audit(conn, now, client, "enrol_code.made", login=session.member.login,
                    staff_id=session.member.id, target=store_code,
                    detail=f"{tenancy.DEFAULT_CODE_MINUTES} min")
    return code
