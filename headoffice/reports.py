"""Reports across stores: points and wallet liability, the daily points report, open cases.

Liability is what the chain owes its members: unspent points (and their cash value under the
pack's points-as-cash rate) and stored value, by the store each member joined at and for the
chain. The daily points report follows DOMAIN §11 for one business date, per store (entries
made at that store) and for the chain; a store's "outstanding" is the sum of every points entry
made there, so a store where members mostly spend points earned elsewhere can be negative.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from domain import points as points_rules
from domain.errors import NotFound
from headoffice.packs import PackBook
from headoffice.tables import member_balances, members, merchants, points_ledger, stores

SPEND_KINDS = {"spend": "cash", "gift": "gift", "voucher": "voucher", "draw": "draw"}


def liability(conn: Connection, merchant_code: str, packs: PackBook) -> dict[str, Any]:
    merchant_id = conn.scalar(sa.select(merchants.c.id).where(merchants.c.code == merchant_code))
    if merchant_id is None:
        raise NotFound("merchant.unknown", code=merchant_code)
    pack = packs.for_merchant(conn, str(merchant_id))
    b = member_balances.c
    positive = sa.func.sum(sa.case((b.points > 0, b.points), else_=0))
    negative = sa.func.sum(sa.case((b.points < 0, b.points), else_=0))
    overdrawn = sa.func.sum(sa.case((sa.or_(b.points < 0, b.wallet_principal_fen < 0,
                                            b.wallet_bonus_fen < 0), 1), else_=0))
    rows = conn.execute(
        sa.select(stores.c.code, sa.func.count(), positive, negative,
                  sa.func.sum(b.wallet_principal_fen), sa.func.sum(b.wallet_bonus_fen), overdrawn)
        .select_from(member_balances)
        .join(members, members.c.id == b.member_id)
        .outerjoin(stores, stores.c.id == members.c.home_store_id)
        .where(members.c.merchant_id == merchant_id)
        .group_by(stores.c.code).order_by(stores.c.code)).all()
    by_store = [_liability_row(pack, *r) for r in rows]
    chain = _liability_row(pack, "chain", *(sum(int(r[i] or 0) for r in rows)
                                           for i in range(1, 7)))
    return {"merchant": merchant_code, "by_store": by_store, "chain": chain}


def _liability_row(pack: Any, store: str | None, members_n: int, points: int, negative: int,
                   principal: int, bonus: int, overdrawn: int) -> dict[str, Any]:
    points = int(points or 0)
    return {"store": store or "unknown", "members": int(members_n or 0), "points": points,
            "points_value_fen": points_rules.cash_value_fen(
                points - points % pack.points.cash_points_step, pack),
            "negative_points": int(negative or 0), "wallet_principal_fen": int(principal or 0),
            "wallet_bonus_fen": int(bonus or 0), "members_overdrawn": int(overdrawn or 0)}


def points_daily(conn: Connection, day: date, store_code: str | None,
                 packs: PackBook) -> dict[str, Any]:
    """DOMAIN §11's daily points report for one store, or the chain when store_code is None."""
    where = [points_ledger.c.business_date == day]
    before = [points_ledger.c.business_date < day]
    # The chain's report values points with the (first) merchant's pack.
    merchant_id = conn.scalar(sa.select(merchants.c.id).order_by(merchants.c.code).limit(1))
    if store_code is not None:
        found = conn.execute(sa.select(stores.c.id, stores.c.merchant_id).where(
            stores.c.code == store_code)).first()
        if found is None:
            raise NotFound("store.unknown", code=store_code)
        store_id, merchant_id = found
        where.append(points_ledger.c.store_id == store_id)
        before.append(points_ledger.c.store_id == store_id)
    opening = int(conn.scalar(sa.select(sa.func.coalesce(sa.func.sum(points_ledger.c.points), 0))
                              .where(*before)) or 0)
    rows = conn.execute(sa.select(points_ledger.c.kind, points_ledger.c.reason,
                                  sa.func.sum(points_ledger.c.points))
                        .where(*where).group_by(points_ledger.c.kind, points_ledger.c.reason))
    report = daily_figures(rows)
    served = conn.scalar(sa.select(sa.func.count(sa.distinct(points_ledger.c.member_id)))
                         .where(*where))
    top = conn.execute(sa.select(points_ledger.c.member_id, sa.func.sum(points_ledger.c.points))
                       .where(*where, points_ledger.c.points > 0,
                              points_ledger.c.kind.in_(("earn", "bonus")))
                       .group_by(points_ledger.c.member_id)
                       .order_by(sa.func.sum(points_ledger.c.points).desc(),
                                 points_ledger.c.member_id).limit(10)).all()
    closing = opening + report.pop("_net")
    pack = packs.for_merchant(conn, str(merchant_id)) if merchant_id else None
    return {"business_date": day.isoformat(), "store": store_code or "chain",
            "outstanding_open": opening, **report, "outstanding_close": closing,
            "close_value_fen": (points_rules.cash_value_fen(
                max(closing, 0) - max(closing, 0) % pack.points.cash_points_step, pack)
                if pack else None),
            "members_served": int(served or 0),
            "top_earners": [{"member_id": m, "points": int(p)} for m, p in top]}


def daily_figures(rows: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"earned": 0, "bonus": {}, "spent": {v: 0 for v in SPEND_KINDS.values()},
                           "expired": 0, "adjusted": 0, "taken_back": 0, "refunded": 0,
                           "other": 0, "_net": 0}
    for kind, reason, total in rows:
        total = int(total or 0)
        out["_net"] += total
        if kind == "earn":
            out["earned"] += total
        elif kind == "bonus":
            out["bonus"][reason or "other"] = out["bonus"].get(reason or "other", 0) + total
        elif kind in SPEND_KINDS:
            out["spent"][SPEND_KINDS[kind]] += -total
        elif kind == "expire":
            out["expired"] += -total
        elif kind == "adjust":
            out["adjusted"] += total
        elif kind == "takeback":
            out["taken_back"] += -total
        elif kind == "refund":
            out["refunded"] += total
        else:
            out["other"] += total
    return out


def store_codes(conn: Connection) -> list[str]:
    return list(conn.scalars(sa.select(stores.c.code).order_by(stores.c.code)))
