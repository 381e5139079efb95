"""The cases page's data: reconciliation cases of the staff member's merchant, one case with
what it collected, and resolving one with a note (the rule in headoffice/cases.py; audited)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import NotFound, ValidationError
from headoffice import cases, staff
from headoffice.console.terminals import SHOWN_IN
from headoffice.staff import Session
from headoffice.tables import members, recon_cases, stores

STATUSES = ("open", "resolved", "all")
SHOWN_MAX = 200  # the page lists this many, the oldest open first
NOTE_MAX = 500
WALLET_KINDS = ("wallet.overdraft",)  # amounts in fen; every other case counts points or items


def listing(conn: Connection, merchant_id: str | None, status: str) -> list[dict[str, Any]]:
    """The merchant's cases with `status` (or every one), oldest first."""
    c = recon_cases
    name = members.c.profile["name"].as_string()
    stmt = (sa.select(c.c.id, c.c.kind, c.c.status, c.c.amount, c.c.member_id,
                      c.c.opened_at, c.c.resolved_at, c.c.resolved_by, name.label("name"))
            .outerjoin(members, members.c.id == c.c.member_id)
            .order_by(c.c.opened_at, c.c.id).limit(SHOWN_MAX))
    if status != "all":
        stmt = stmt.where(c.c.status == status)
    if merchant_id is not None:
        stmt = stmt.where(c.c.merchant_id == merchant_id)
    return [_shown(dict(r)) for r in conn.execute(stmt).mappings()]


def one(conn: Connection, case_id: str, merchant_id: str | None) -> dict[str, Any]:
    """One case with its details; another merchant's case is unknown (case.unknown)."""
    c = recon_cases
    name = members.c.profile["name"].as_string()
    stmt = (sa.select(c, name.label("name")).outerjoin(members, members.c.id == c.c.member_id)
            .where(c.c.id == case_id))
    if merchant_id is not None:
        stmt = stmt.where(c.c.merchant_id == merchant_id)
    row = conn.execute(stmt).mappings().first()
    if row is None:
        raise NotFound("case.unknown", case_id=case_id)
    shown = _shown(dict(row))
    details = dict(row["details"] or {})
    shown["items"] = _items(conn, details.pop("items", []))
    shown["details"] = json.dumps(details, ensure_ascii=False, indent=2, sort_keys=True) \
        if details else ""
    return shown


def _items(conn: Connection, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An overdraft's shortfalls, each with the code of the store where it happened."""
    ids = {str(i.get("store_id")) for i in items if i.get("store_id")}
    codes = dict(conn.execute(sa.select(stores.c.id, stores.c.code)
                              .where(stores.c.id.in_(ids))).tuples().all()) if ids else {}
    return [{**item, "store": codes.get(str(item.get("store_id")), "")} for item in items]


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("opened_at", "resolved_at", "updated_at"):
        if isinstance(row.get(key), datetime):
            row[key] = row[key].astimezone(SHOWN_IN).strftime("%Y-%m-%d %H:%M")
    row["in_fen"] = row["kind"] in WALLET_KINDS
    return row


def resolve(engine: Engine, case_id: str, note: str, session: Session, client: str,
            now: datetime) -> None:
    """Close the case with the staff member's note; the resolution and its audit row commit
    together. Raises case.unknown (also another merchant's), case.already_resolved,
    case.note_required."""
    note = note.strip()
    if not note:
        raise ValidationError("case.note_required", field="note")
    if len(note) > NOTE_MAX or not note.replace("\n", " ").replace("\r", "").isprintable():
        raise ValidationError("case.note_invalid", field="note", max=NOTE_MAX)
    with engine.begin() as conn:
        one(conn, case_id, session.member.merchant_id)  # the merchant's own, or unknown
        who = f"{session.member.login} ({session.member.name})"[:100]
        cases.resolve_in(conn, case_id, who, note, now)
        staff.audit(conn, now, client, "case.resolved", login=session.member.login,
                    staff_id=session.member.id, target=case_id, detail=note[:200])
