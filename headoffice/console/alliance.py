"""The alliance pages' data and actions: alliances and their members, agreements (added from an
uploaded file, ended), periods (closed, audited), statements and the activity report, each
limited to what the staff member's merchant may see."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.alliance import Agreement
from domain.errors import NotFound
from domain.money import format_yuan
from headoffice import alliance, alliance_settlement, staff
from headoffice.alliance_tables import alliance_merchants, alliance_periods, alliances
from headoffice.console.terminals import SHOWN_IN
from headoffice.staff import Session, StaffMember
from headoffice.tables import merchants


def scope(conn: Connection, member: StaffMember) -> str | None:
    """The merchant code a staff member is limited to; None for head office's own staff."""
    if member.merchant_id is None:
        return None
    return str(conn.scalar(sa.select(merchants.c.code).where(
        merchants.c.id == member.merchant_id)))


def may_manage(member: StaffMember) -> bool:
    """Setting up agreements and closing periods binds every merchant of an alliance: only
    head office's own administrators do it, not one merchant's."""
    return member.merchant_id is None and staff.may(member.role, "alliance.manage")


def listed(conn: Connection, mine: str | None) -> list[dict[str, Any]]:
    """Every alliance (of which the merchant is a member, when given) with its member count."""
    count = (sa.select(sa.func.count()).where(alliance_merchants.c.alliance_id == alliances.c.id)
             .scalar_subquery())
    stmt = sa.select(alliances.c.code, alliances.c.name, count.label("members")).order_by(
        alliances.c.code)
    if mine is not None:
        stmt = stmt.where(alliances.c.id.in_(
            sa.select(alliance_merchants.c.alliance_id).join(
                merchants, merchants.c.id == alliance_merchants.c.merchant_id).where(
                merchants.c.code == mine)))
    return [dict(r) for r in conn.execute(stmt).mappings()]


def overview(conn: Connection, code: str, mine: str | None) -> dict[str, Any]:
    """The alliance page: members, the agreements the viewer is party to (all for head
    office), and the periods with the nets the viewer may see.

    Raises:
        NotFound: alliance.unknown, also for an alliance the viewer's merchant is not in.
    """
    found = {row["code"]: row for row in listed(conn, mine)}.get(code)
    if found is None:
        raise NotFound("alliance.unknown", alliance=code)
    members = alliance.member_codes(conn, alliance.alliance_id_of(conn, code))
    names = dict(conn.execute(sa.select(merchants.c.code, merchants.c.name).where(
        merchants.c.code.in_(list(members)))).tuples().all())
    agreements = [row for row in alliance.list_agreements(conn, code)
                  if mine is None or mine in (row["issuer"], row["partner"])]
    periods = alliance_settlement.periods(conn, code)
    for period in periods:
        period["net_fen"] = {m: net for m, net in period["net_fen"].items()
                             if mine is None or m == mine}
        period["closed_at"] = shown(period["closed_at"])
    return {"code": code, "name": found["name"],
            "members": [{"code": m, "name": names.get(m, "")} for m in members],
            "agreements": [{**row, "summary": terms(row)} for row in agreements],
            "periods": periods}


def terms(row: dict[str, Any]) -> dict[str, str]:
    """An agreement's terms as a reader takes them: discounts in %, commission in %."""
    discounts = ", ".join(f"{cls} {bp / 100:g}%" for cls, bp in row["discount_bp"].items())
    return {"discounts": discounts or "—", "commission": f"{row['commission_bp'] / 100:g}%",
            "points": f"{row['points_per_yuan']}/￥" if row["points_per_yuan"] else "—",
            "value": f"{row['point_value_fen']}" if row["point_value_fen"] else "—"}


def shown(at: datetime | None) -> str:
    return at.astimezone(SHOWN_IN).strftime("%Y-%m-%d %H:%M") if at else ""


def add_agreements(engine: Engine, code: str, found: list[Agreement], file_name: str,
                   session: Session, client: str, now: datetime) -> list[str]:
    """Store a checked file's agreements (all or none) and audit who added them."""
    with engine.begin() as conn:
        ids = alliance.add_agreements(conn, code, found, now)
        staff.audit(conn, now, client, "alliance.agreements_added",
                    login=session.member.login, staff_id=session.member.id, target=code,
                    detail=f"{len(ids)} from {file_name}"[:500])
    return ids


def end_agreement(engine: Engine, code: str, agreement_id: str, last_day: date,
                  session: Session, client: str, now: datetime) -> None:
    with engine.begin() as conn:
        alliance.end_agreement(conn, code, agreement_id, last_day, now)
        staff.audit(conn, now, client, "alliance.agreement_ended",
                    login=session.member.login, staff_id=session.member.id,
                    target=agreement_id, detail=f"{code}: last day {last_day.isoformat()}")


def close_period(engine: Engine, code: str, period: str, session: Session, client: str,
                 now: datetime) -> dict[str, Any]:
    """Close the month; the closer is the staff member, and the audit keeps each net."""
    by = f"{session.member.name} ({session.member.login})"
    with engine.begin() as conn:
        closed = alliance_settlement.close_period(conn, code, period, by, now)
        nets = ", ".join(f"{m} {format_yuan(n)}" for m, n in closed["statements"].items())
        staff.audit(conn, now, client, "alliance.period_closed", login=session.member.login,
                    staff_id=session.member.id, target=f"{code} {period}", detail=nets)
    return closed


def statement(conn: Connection, code: str, merchant: str, period: str,
              mine: str | None) -> dict[str, Any]:
    """A member's statement (with who closed its period), for that merchant's staff or head
    office's.

    Raises:
        NotFound: the alliance or the merchant unknown, or another merchant's statement.
    """
    if mine is not None and merchant != mine:
        raise NotFound("alliance.statement_unknown", merchant=merchant)
    if code not in {row["code"] for row in listed(conn, mine)}:
        raise NotFound("alliance.unknown", alliance=code)
    found = alliance_settlement.statement(conn, code, merchant, period)
    closed_by = conn.scalar(sa.select(alliance_periods.c.closed_by).join(
        alliances, alliances.c.id == alliance_periods.c.alliance_id).where(
        alliances.c.code == code, alliance_periods.c.period == period))
    return {**found, "closed_by": closed_by or ""}
