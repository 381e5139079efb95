"""The members page's data: finding members (mobile or its last 4 digits, card, name) and one
member's whole picture, read from the replica-aware read path; viewing a picture is audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import NotFound
from headoffice import staff
from headoffice.console.terminals import SHOWN_IN
from headoffice.staff import Session
from headoffice.tables import (
    cards,
    coupons,
    member_balances,
    members,
    points_buckets,
    points_ledger,
    recon_cases,
    sales,
    stores,
    wallet_ledger,
)

FOUND_MAX = 50  # a search shows this many; a longer list means the query should be narrower
RECENT = 30  # ledger entries of each kind on the picture
MOBILE_LEN = 11
TAIL_LEN = 4


def query_kind(query: str) -> str:
    """How a search is read: the mobile's last 4 digits, a whole mobile, a card number (any
    other run of digits) or part of a name."""
    if query.isdigit() and query.isascii():
        if len(query) == TAIL_LEN:
            return "tail"
        return "mobile" if len(query) == MOBILE_LEN else "card"
    return "name"


def mask(mobile: str | None, full: bool) -> str:
    """138****1234: the first 3 and last 4 digits, unless the viewer may see it whole."""
    if not mobile:
        return ""
    return mobile if full or len(mobile) < 8 else mobile[:3] + "*" * (len(mobile) - 7) + \
        mobile[-4:]


def search(conn: Connection, query: str, merchant_id: str | None,
           full_mobile: bool) -> list[dict[str, Any]]:
    """Canonical members matching `query` (of the merchant, when given), at most FOUND_MAX."""
    name = members.c.profile["name"].as_string()
    stmt = (sa.select(members.c.id, members.c.mobile, members.c.tier, name.label("name"),
                      stores.c.code.label("home_store"))
            .outerjoin(stores, stores.c.id == members.c.home_store_id)
            .where(members.c.canonical_id.is_(None)).order_by(members.c.id).limit(FOUND_MAX))
    if merchant_id is not None:
        stmt = stmt.where(members.c.merchant_id == merchant_id)
    stmt = _matching(stmt, query_kind(query), query, name)
    rows = [dict(r) for r in conn.execute(stmt).mappings()]
    for row in rows:
        row["mobile"] = mask(row["mobile"], full_mobile)
    return rows


def _matching(stmt: Any, kind: str, query: str, name: Any) -> Any:
    if kind == "tail":  # a scan of the merchant's members: fine at today's sizes (docs/web.md)
        return stmt.where(members.c.mobile.endswith(query, autoescape=True))
    if kind == "mobile":
        return stmt.where(members.c.mobile == query)
    if kind == "card":  # an alias's card belongs to its canonical member
        owner = sa.func.coalesce(members.c.canonical_id, members.c.id)
        holders = (sa.select(owner).join(cards, cards.c.member_id == members.c.id)
                   .where(cards.c.number == query))
        return stmt.where(members.c.id.in_(holders.scalar_subquery()))
    return stmt.where(sa.func.lower(name).contains(query.lower(), autoescape=True))


def picture(conn: Connection, member_id: str, merchant_id: str | None,
            full_mobile: bool) -> dict[str, Any]:
    """Everything head office holds about one member, for the page.

    Raises:
        NotFound: member.unknown, also for another merchant's member.
    """
    row = _profile(conn, member_id, merchant_id)
    member_id = row["id"]
    ids = [member_id, *conn.scalars(sa.select(members.c.id).where(
        members.c.canonical_id == member_id))]  # an alias's records are the member's too
    balance = conn.execute(sa.select(member_balances).where(
        member_balances.c.member_id == member_id)).mappings().first()
    profile = dict(row["profile"] or {})
    return {
        "id": member_id, "name": profile.get("name", ""), "gender": profile.get("gender", ""),
        "birthday": birthday_of(profile), "mobile": mask(row["mobile"], full_mobile),
        "tier": row["tier"], "tier_since": row["tier_since"], "home_store": row["home_store"],
        "joined": _shown(row["created_at"]),
        "points": balance["points"] if balance else 0,
        "principal_fen": balance["wallet_principal_fen"] if balance else 0,
        "bonus_fen": balance["wallet_bonus_fen"] if balance else 0,
        "lots": _lots(conn, member_id), "points_entries": _points_entries(conn, ids),
        "wallet_entries": _wallet_entries(conn, ids), "cards": _cards(conn, ids),
        "coupons": _coupons(conn, ids), "visits": _visits(conn, ids),
        "cases": _cases(conn, ids),
    }


def birthday_of(profile: dict[str, Any]) -> str:
    """`1990-03-08`, or `03-08` without the year, from the profile's three parts; "" unknown."""
    year, month, day = (profile.get(k) for k in ("birth_year", "birth_month", "birth_day"))
    if not month or not day:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def _profile(conn: Connection, member_id: str, merchant_id: str | None) -> Any:
    """The member's row; an alias's id (a twin made offline) leads to its canonical member."""
    canonical = sa.select(sa.func.coalesce(members.c.canonical_id, members.c.id)).where(
        members.c.id == member_id).scalar_subquery()
    stmt = (sa.select(members, stores.c.code.label("home_store"))
            .outerjoin(stores, stores.c.id == members.c.home_store_id)
            .where(members.c.id == canonical, members.c.canonical_id.is_(None)))
    if merchant_id is not None:
        stmt = stmt.where(members.c.merchant_id == merchant_id)
    row = conn.execute(stmt).mappings().first()
    if row is None:
        raise NotFound("member.unknown", member_id=member_id)
    return row


def _lots(conn: Connection, member_id: str) -> list[dict[str, Any]]:
    """The points still valid, by the last day they may be spent (the soonest first)."""
    stmt = (sa.select(points_buckets.c.last_day, points_buckets.c.remaining)
            .where(points_buckets.c.member_id == member_id, points_buckets.c.remaining != 0)
            .order_by(points_buckets.c.last_day))
    return [dict(r) for r in conn.execute(stmt).mappings()]


def _points_entries(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    p = points_ledger
    stmt = (sa.select(p.c.at, p.c.kind, p.c.points, p.c.reason, stores.c.code.label("store"))
            .join(stores, stores.c.id == p.c.store_id).where(p.c.member_id.in_(ids))
            .order_by(p.c.at.desc(), p.c.id.desc()).limit(RECENT))
    return _timed(conn, stmt)


def _wallet_entries(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    w = wallet_ledger
    stmt = (sa.select(w.c.at, w.c.kind, w.c.principal_fen, w.c.bonus_fen, w.c.tender_kind,
                      stores.c.code.label("store"))
            .join(stores, stores.c.id == w.c.store_id).where(w.c.member_id.in_(ids))
            .order_by(w.c.at.desc(), w.c.id.desc()).limit(RECENT))
    return _timed(conn, stmt)


def _cards(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    stmt = (sa.select(cards.c.number, cards.c.state, stores.c.code.label("store"))
            .outerjoin(stores, stores.c.id == cards.c.store_id)
            .where(cards.c.member_id.in_(ids)).order_by(cards.c.number))
    return [dict(r) for r in conn.execute(stmt).mappings()]


def _coupons(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    stmt = (sa.select(coupons.c.code, coupons.c.template_code, coupons.c.state, coupons.c.body)
            .where(coupons.c.member_id.in_(ids)).order_by(coupons.c.code))
    return [{**dict(r), "valid_until": (r["body"] or {}).get("valid_to", "")}
            for r in conn.execute(stmt).mappings()]


def _visits(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Each store where the member bought or returned: how many times, and the latest."""
    stmt = (sa.select(stores.c.code.label("store"), stores.c.name,
                      sa.func.count().label("sales"), sa.func.max(sales.c.at).label("at"))
            .join(stores, stores.c.id == sales.c.store_id).where(sales.c.member_id.in_(ids))
            .group_by(stores.c.code, stores.c.name).order_by(stores.c.code))
    return _timed(conn, stmt)


def _cases(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """The member's reconciliation cases (offline overdrafts and the like), open ones first."""
    c = recon_cases
    stmt = (sa.select(c.c.kind, c.c.status, c.c.amount, c.c.opened_at.label("at"))
            .where(c.c.member_id.in_(ids))
            .order_by((c.c.status == "open").desc(), c.c.opened_at.desc()).limit(RECENT))
    return _timed(conn, stmt)


def _timed(conn: Connection, stmt: Any) -> list[dict[str, Any]]:
    return [{**dict(r), "at": _shown(r["at"])} for r in conn.execute(stmt).mappings()]


def _shown(at: datetime | None) -> str:
    return at.astimezone(SHOWN_IN).strftime("%Y-%m-%d %H:%M") if at else ""


def audit_view(engine: Engine, session: Session, member_id: str, client: str, now: datetime,
               full_mobile: bool) -> None:
    """PIPL: who looked at a member's personal information, when, from where (on the primary:
    a replica takes no writes)."""
    with engine.begin() as conn:
        staff.audit(conn, now, client, "member.viewed", login=session.member.login,
                    staff_id=session.member.id, target=member_id,
                    detail="mobile shown" if full_mobile else "mobile masked")


def audit_search(engine: Engine, session: Session, query: str, found: int, client: str,
                 now: datetime) -> None:
    """Who looked for whom: the query as the result list shows it (a mobile masked)."""
    kind = query_kind(query)
    shown = mask(query, False) if kind == "mobile" else query
    with engine.begin() as conn:
        staff.audit(conn, now, client, "members.searched", login=session.member.login,
                    staff_id=session.member.id, target=f"{kind}: {shown}",
                    detail=f"{found} found")
