"""The console's reports, each over a date range of business dates and as CSV: points
liability (now, with the outstanding points at the range's two ends), points by store and day
(DOMAIN §11's figures, headoffice/reports.daily_figures) and sales by store and day."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from domain import spreadsheet
from domain.errors import ValidationError
from headoffice import reports
from headoffice.console.terminals import SHOWN_IN
from headoffice.packs import PackBook
from headoffice.tables import merchants, points_ledger, sales, stores

KINDS = ("liability", "points", "sales")
MAX_DAYS = 366
DEFAULT_DAYS = 7


@dataclass(frozen=True, slots=True)
class Asked:
    kind: str
    start: date
    end: date
    merchant_id: str
    merchant_code: str


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]  # keys of the text catalogue's "rep." entries
    rows: list[tuple[Any, ...]]
    money: frozenset[int]  # which columns are fen (shown in yuan)
    note: dict[str, Any]


def asked(conn: Connection, kind: str, start: str, end: str, merchant: str,
          own: str | None, now: datetime) -> Asked:
    """The report asked for, its range checked (report.range_invalid, report.range_too_long)
    and its merchant: the account's own, or for the operator's the one chosen (or the first)."""
    today = now.astimezone(SHOWN_IN).date()
    try:
        last = date.fromisoformat(end) if end else today
        first = date.fromisoformat(start) if start else last - timedelta(days=DEFAULT_DAYS - 1)
    except ValueError:
        raise ValidationError("report.range_invalid", field="start") from None
    if first > last:
        raise ValidationError("report.range_invalid", field="start")
    if (last - first).days >= MAX_DAYS:
        raise ValidationError("report.range_too_long", field="end", days=MAX_DAYS)
    stmt = sa.select(merchants.c.id, merchants.c.code).order_by(merchants.c.code)
    if own is not None:
        stmt = stmt.where(merchants.c.id == own)
    elif merchant:
        stmt = stmt.where(merchants.c.code == merchant)
    found = conn.execute(stmt.limit(1)).first()
    if found is None:
        raise ValidationError("report.merchant_unknown", field="merchant", code=merchant)
    return Asked(kind if kind in KINDS else "liability", first, last, found[0], found[1])


def merchant_codes(conn: Connection, own: str | None) -> list[str]:
    stmt = sa.select(merchants.c.code).order_by(merchants.c.code)
    if own is not None:
        stmt = stmt.where(merchants.c.id == own)
    return list(conn.scalars(stmt))


def table(conn: Connection, a: Asked, packs: PackBook) -> Table:
    if a.kind == "points":
        return _points(conn, a)
    if a.kind == "sales":
        return _sales(conn, a)
    return _liability(conn, a, packs)


def _liability(conn: Connection, a: Asked, packs: PackBook) -> Table:
    found = reports.liability(conn, a.merchant_code, packs)
    keys = ("members", "points", "points_value_fen", "negative_points",
            "wallet_principal_fen", "wallet_bonus_fen", "members_overdrawn")
    rows = [(r["store"], *(r[k] for k in keys)) for r in [*found["by_store"], found["chain"]]]
    mine = sa.select(stores.c.id).where(stores.c.merchant_id == a.merchant_id)
    total = sa.func.coalesce(sa.func.sum(points_ledger.c.points), 0)
    opening, closing = (int(conn.scalar(sa.select(total).where(
        points_ledger.c.store_id.in_(mine), cond)) or 0)
        for cond in (points_ledger.c.business_date < a.start,
                     points_ledger.c.business_date <= a.end))
    return Table(("store", *keys), rows, frozenset({3, 5, 6}),
                 {"opening": opening, "closing": closing})


def _points(conn: Connection, a: Asked) -> Table:
    p = points_ledger
    found = conn.execute(
        sa.select(stores.c.code, p.c.business_date, p.c.kind, p.c.reason, sa.func.sum(p.c.points))
        .join(stores, stores.c.id == p.c.store_id)
        .where(stores.c.merchant_id == a.merchant_id, p.c.business_date >= a.start,
               p.c.business_date <= a.end)
        .group_by(stores.c.code, p.c.business_date, p.c.kind, p.c.reason)).all()
    groups: dict[tuple[str, date], list[tuple[str, str, int]]] = {}
    for code, day, kind, reason, total in found:
        groups.setdefault((code, day), []).append((kind, reason, total))
    rows = []
    for (code, day), entries in sorted(groups.items()):
        f = reports.daily_figures(entries)
        rows.append((day.isoformat(), code, f["earned"], sum(f["bonus"].values()),
                     sum(f["spent"].values()), f["expired"], f["adjusted"], f["taken_back"],
                     f["refunded"], f["_net"]))
    return Table(("day", "store", "earned", "bonus", "spent", "expired", "adjusted",
                  "taken_back", "refunded", "net"), rows, frozenset(), {})


def _sales(conn: Connection, a: Asked) -> Table:
    s = sales
    is_sale, is_return = s.c.kind == "sale", s.c.kind == "return"
    found = conn.execute(
        sa.select(s.c.business_date, stores.c.code,
                  sa.func.sum(sa.case((is_sale, 1), else_=0)),
                  sa.func.sum(sa.case((is_sale, s.c.total_fen), else_=0)),
                  sa.func.sum(sa.case((is_return, 1), else_=0)),
                  sa.func.sum(sa.case((is_return, s.c.total_fen), else_=0)),
                  sa.func.sum(s.c.total_fen),
                  sa.func.sum(sa.case((sa.and_(is_sale, s.c.member_id.is_not(None)), 1),
                                      else_=0)))
        .join(stores, stores.c.id == s.c.store_id)
        .where(stores.c.merchant_id == a.merchant_id, s.c.business_date >= a.start,
               s.c.business_date <= a.end)
        .group_by(s.c.business_date, stores.c.code)
        .order_by(s.c.business_date, stores.c.code)).all()
    rows = [(day.isoformat(), code, *(int(v or 0) for v in rest))
            for day, code, *rest in found]
    return Table(("day", "store", "sales", "sales_fen", "returns", "returns_fen", "net_fen",
                  "member_sales"), rows, frozenset({3, 5, 6}), {})


def csv_bytes(t: Table, headers: list[str]) -> bytes:
    """UTF-8 with a BOM (Excel reads the Chinese), every cell formula-safe; money in yuan."""
    out = io.StringIO()
    writer = spreadsheet.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in t.rows:
        writer.writerow([_yuan(v) if i in t.money else v for i, v in enumerate(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"
