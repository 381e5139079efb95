"""Rule 5 of the alliance: a merchant's members' activity at partners, and partners' members'
activity at its own stores (counts, amounts, points), from the trade entries alone.

The entries name merchants, figures and a source id, never a member: the report can hold no
other merchant's personal data. Sales are counted by source (one sale gives a points entry and
a commission entry under one source); a source whose figures are negative is a return.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.alliance_settlement import EntryKind
from domain.errors import ValidationError
from headoffice.alliance import alliance_id_of, member_codes
from headoffice.alliance_tables import alliance_entries
from headoffice.tables import merchants

RANGE_MAX_DAYS = 366  # a year at a time: the report reads every entry of the range
SALE_KINDS = frozenset({EntryKind.POINTS_ISSUED_BY_PARTNER.value, EntryKind.COMMISSION.value})
OURS, THEIRS = "ours_at_partners", "partners_here"


@dataclass
class Activity:
    """One counterparty's figures in one direction."""

    counterparty: str
    name: str = ""
    sales: int = 0
    returns: int = 0
    sale_fen: int = 0  # what was bought, net of returns (from the commission entries)
    points_earned: int = 0  # issuer points earned, net of those taken back by returns
    points_spends: int = 0  # how many times issuer points paid
    points_spent: int = 0
    commission_fen: int = 0
    coupons: int = 0  # coupons redeemed (funded by the issuer side of the entry)
    coupon_fen: int = 0
    _signs: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, row: Any) -> None:
        kind = row.kind
        if kind in SALE_KINDS:
            # A sale's sign: its sale amount when a commission entry says it, else its points.
            sign = (row.sale_fen > 0) - (row.sale_fen < 0) if kind == EntryKind.COMMISSION \
                else (row.points > 0) - (row.points < 0)
            if sign or row.source not in self._signs:
                self._signs[row.source] = sign
        if kind == EntryKind.POINTS_ISSUED_BY_PARTNER:
            self.points_earned += row.points
        elif kind == EntryKind.COMMISSION:
            self.sale_fen += row.sale_fen
            self.commission_fen += row.amount_fen
        elif kind == EntryKind.POINTS_SPENT_AT_PARTNER:
            self.points_spends += 1 if row.points > 0 else -1 if row.points < 0 else 0
            self.points_spent += row.points
        else:
            self.coupons += 1 if row.amount_fen >= 0 else -1
            self.coupon_fen += row.amount_fen

    def settle_counts(self) -> None:
        self.sales = sum(1 for s in self._signs.values() if s >= 0)
        self.returns = sum(1 for s in self._signs.values() if s < 0)

    def figures(self) -> dict[str, Any]:
        found = asdict(self)
        found.pop("_signs")
        return found


FIGURES = ("sales", "returns", "sale_fen", "points_earned", "points_spends", "points_spent",
           "commission_fen", "coupons", "coupon_fen")


def check_range(since: date, until: date) -> None:
    if until < since:
        raise ValidationError("alliance.bad_range", field="to", since=since.isoformat(),
                              until=until.isoformat())
    if (until - since).days >= RANGE_MAX_DAYS:
        raise ValidationError("alliance.range_too_long", field="to", days=RANGE_MAX_DAYS)


def activity(conn: Connection, alliance_code: str, merchant_code: str, since: date,
             until: date) -> dict[str, Any]:
    """The merchant's report for the days `since`..`until` (inclusive, the day of each fact):
    per partner, its own members' activity there (`ours_at_partners`) and that partner's
    members' activity at its stores (`partners_here`), with a total for each direction."""
    check_range(since, until)
    alliance_id = alliance_id_of(conn, alliance_code)
    members = member_codes(conn, alliance_id)
    if merchant_code not in members:
        raise ValidationError("alliance.merchant_not_member", field="merchant",
                              merchant=merchant_code, alliance=alliance_code)
    me, codes = members[merchant_code], {mid: code for code, mid in members.items()}
    names = dict(conn.execute(sa.select(merchants.c.code, merchants.c.name).where(
        merchants.c.code.in_(list(members)))).tuples().all())
    e = alliance_entries
    rows = conn.execute(sa.select(e.c.kind, e.c.issuer_id, e.c.partner_id, e.c.points,
                                  e.c.amount_fen, e.c.sale_fen, e.c.source).where(
        e.c.alliance_id == alliance_id, e.c.occurred_on >= since, e.c.occurred_on <= until,
        sa.or_(e.c.issuer_id == me, e.c.partner_id == me)).order_by(e.c.id))
    found: dict[str, dict[str, Activity]] = {OURS: {}, THEIRS: {}}
    for row in rows:
        side, other = (OURS, row.partner_id) if row.issuer_id == me else (THEIRS, row.issuer_id)
        code = codes.get(other, other)
        found[side].setdefault(code, Activity(code, names.get(code, ""))).add(row)
    report: dict[str, Any] = {"alliance": alliance_code, "merchant": merchant_code,
                              "merchant_name": names.get(merchant_code, ""),
                              "from": since.isoformat(), "to": until.isoformat()}
    for side, by_code in found.items():
        for one in by_code.values():
            one.settle_counts()
        report[side] = [by_code[code].figures() for code in sorted(by_code)]
        report[f"{side}_total"] = _total(report[side])
    return report


def _total(rows: list[dict[str, Any]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        for key in FIGURES:
            totals[key] += row[key]
    return {key: totals[key] for key in FIGURES}
