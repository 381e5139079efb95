"""What the member page shows a member: card, points and the lots expiring soon, tier and what
is still needed, coupons, the last purchases — all from head office's tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import Connection

from domain import tiers
from domain.errors import NotFound
from domain.forms import mask_mobile
from domain.rulepack import RulePack
from headoffice.tables import (
    cards,
    coupons,
    member_balances,
    members,
    merchants,
    points_buckets,
    sales,
    stores,
)

SHOWN_IN = ZoneInfo("Asia/Shanghai")
SOON_DAYS = 90  # lots whose last day falls within this are shown as expiring soon
RECENT_SALES = 10
USABLE_CARD_STATES = ("issued", "active")


@dataclass(frozen=True)
class TierNeeds:
    """The next tier and what reaches it; what keeps the current one by its anniversary."""

    tier: str
    next_tier: str | None
    next_single_fen: int | None  # one purchase of at least this reaches it
    next_window_short_fen: int | None  # or this much more spend within the window
    next_window_months: int
    anniversary: date | None
    keep_spend_short_fen: int  # 0: the spend is met
    keep_days_short: int
    keeps_forever: bool  # a floor tier (no retention rule)


def merchant_by_code(conn: Connection, code: str) -> Any:
    row = conn.execute(sa.select(merchants.c.id, merchants.c.code, merchants.c.name).where(
        merchants.c.code == code)).first()
    if row is None:
        raise NotFound("merchant.unknown", merchant=code)
    return row


def member_by_mobile(conn: Connection, merchant_id: str, mobile: str) -> str | None:
    return conn.scalar(sa.select(members.c.id).where(
        members.c.merchant_id == merchant_id, members.c.mobile == mobile,
        members.c.canonical_id.is_(None)))


def page(conn: Connection, member_id: str, pack: RulePack, today: date) -> dict[str, Any]:
    row = conn.execute(sa.select(members).where(members.c.id == member_id)).mappings().first()
    if row is None:
        raise NotFound("member.unknown", member_id=member_id)
    ids = [member_id, *conn.scalars(sa.select(members.c.id).where(
        members.c.canonical_id == member_id))]
    profile = dict(row["profile"] or {})
    history = _history(conn, ids)
    return {"name": profile.get("name", ""), "mobile": mask_mobile(row["mobile"] or ""),
            "card": _card(conn, ids), "points": _points(conn, member_id),
            "lots": _lots(conn, member_id, today), "soon_days": SOON_DAYS,
            "needs": tier_needs(pack, row["tier"] or pack.signup_tier.name, row["tier_since"],
                                history, today),
            "coupons": _coupons(conn, ids, today, pack), "sales": _sales(conn, ids)}


def usable_card(conn: Connection, member_id: str) -> str | None:
    ids = [member_id, *conn.scalars(sa.select(members.c.id).where(
        members.c.canonical_id == member_id))]
    return _card(conn, ids)


def _card(conn: Connection, ids: list[str]) -> str | None:
    """The member's card the QR stands for: an issued or active one, the newest number."""
    return conn.scalar(sa.select(cards.c.number).where(
        cards.c.member_id.in_(ids), cards.c.state.in_(USABLE_CARD_STATES))
        .order_by(cards.c.number.desc()).limit(1))


def _points(conn: Connection, member_id: str) -> int:
    found = conn.scalar(sa.select(member_balances.c.points).where(
        member_balances.c.member_id == member_id))
    return int(found or 0)


def _lots(conn: Connection, member_id: str, today: date) -> list[dict[str, Any]]:
    b = points_buckets.c
    return [dict(r) for r in conn.execute(sa.select(b.last_day, b.remaining).where(
        b.member_id == member_id, b.remaining > 0, b.last_day >= today,
        b.last_day <= today + timedelta(days=SOON_DAYS)).order_by(b.last_day)).mappings()]


def _coupons(conn: Connection, ids: list[str], today: date,
             pack: RulePack) -> list[dict[str, Any]]:
    """Coupons the member can still use, the soonest to lapse first, named by their template
    in the merchant's pack (else by the template's code)."""
    found = []
    for r in conn.execute(sa.select(coupons.c.code, coupons.c.template_code, coupons.c.body)
                          .where(coupons.c.member_id.in_(ids), coupons.c.state == "issued")
                          .order_by(coupons.c.code)).mappings():
        body = dict(r["body"] or {})
        until = str(body.get("valid_to") or "")  # as the till's coupon.issued carried it
        if until and until[:10] < today.isoformat():
            continue
        template = pack.coupons.template(r["template_code"])
        name = template.name if template is not None else r["template_code"]
        found.append({"code": r["code"], "name": body.get("name") or name,
                      "amount_fen": int(body.get("amount_fen") or 0),
                      "valid_until": until[:10]})
    return sorted(found, key=lambda c: (c["valid_until"] or "9999", c["code"]))


def _sales(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    s = sales.c
    rows = conn.execute(sa.select(s.at, s.kind, s.total_fen, s.points_earned, s.receipt_no,
                                  stores.c.name.label("store"))
                        .join(stores, stores.c.id == s.store_id).where(s.member_id.in_(ids))
                        .order_by(s.at.desc()).limit(RECENT_SALES)).mappings()
    return [{**dict(r), "at": _shown(r["at"])} for r in rows]


def _history(conn: Connection, ids: list[str]) -> list[tuple[date, int]]:
    """Qualifying fen per business date (returns negative), as the tills' tier rules read it."""
    s = sales.c
    rows = conn.execute(sa.select(s.business_date, sa.func.sum(s.qualifying_fen))
                        .where(s.member_id.in_(ids)).group_by(s.business_date))
    return [(day, int(fen or 0)) for day, fen in rows]


def tier_needs(pack: RulePack, tier: str, since: date | None, history: list[tuple[date, int]],
               today: date) -> TierNeeds:
    """What the member still needs, by DOMAIN §5's rules as domain/tiers.py applies them."""
    now = tiers.tier_of(pack, tier)
    above = pack.tiers[now.rank + 1] if now.rank + 1 < len(pack.tiers) else None
    window_short = None
    if above is not None and above.entry_window_fen is not None:
        spent = tiers.window_spend(history, today, above.entry_window_months)
        window_short = max(above.entry_window_fen - spent, 0)
    keep_spend = keep_days = 0
    anniversary = None
    if now.retain_spend_fen is not None and since is not None:
        anniversary = tiers.anniversary(since, today)
        start, end = tiers.review_year(since, anniversary)
        figures = tiers.year_figures(history, start, end)
        keep_spend = max(now.retain_spend_fen - figures["spend_fen"], 0)
        keep_days = max(now.retain_days - figures["order_days"], 0)
    return TierNeeds(tier=now.name, next_tier=above.name if above else None,
                     next_single_fen=above.entry_single_fen if above else None,
                     next_window_short_fen=window_short,
                     next_window_months=above.entry_window_months if above else 12,
                     anniversary=anniversary, keep_spend_short_fen=keep_spend,
                     keep_days_short=keep_days, keeps_forever=now.retain_spend_fen is None)


def _shown(at: datetime | None) -> str:
    return at.astimezone(SHOWN_IN).strftime("%Y-%m-%d %H:%M") if at else ""
