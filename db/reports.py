"""Report queries: the day's ledgers and shifts, coupons issued, and members' buying facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from db import member_figures, reports_groups
from db.mapping_members import (
    COUPON_COLUMNS,
    POINTS_COLUMNS,
    WALLET_COLUMNS,
    coupon_from,
    points_entry_from,
    wallet_entry_from,
)
from db.mapping_store import SHIFT_COLUMNS, shift_from
from db.mapping_values import day_of, utc_text
from db.repos_driver import Named, fetch_all, fetch_all_named, fetch_one, select_sql
from domain.analysis import BuyingFigures, MemberFacts
from domain.records import Coupon, PointsEntry, Shift, WalletEntry

# Every fact list starts with the member, the points and, last, the member's current card.
# Every column is named (AS ...): `_facts` reads the rows by name.
_HEAD = """SELECT m.id, m.name, m.mobile, m.tier, m.joined_on, m.birth_month, m.birth_day,
           m.consent_marketing, COALESCE(b.points, 0) AS points,"""
_CARD = """(SELECT c.number FROM cards c WHERE c.member_id = m.id
              AND c.state IN ('issued', 'active')
            ORDER BY c.issued_at DESC, c.number DESC LIMIT 1) AS card_number"""


def _from_sales(members: str, only: str) -> str:
    """The facts grouped from sales, one pass per table: `members` is the FROM clause, `only`
    the condition on a sale's member_id (every member's, or the chosen few's)."""
    return f"""
    {_HEAD}
           ever.last_day AS last_purchase, COALESCE(ever.orders, 0) AS orders_ever,
           COALESCE(win.orders, 0) AS orders, COALESCE(win.revenue, 0) AS revenue_fen,
           COALESCE(cat.categories, 0) AS categories,
           {_CARD}
    FROM {members}
    LEFT JOIN member_balances b ON b.member_id = m.id
    LEFT JOIN (SELECT member_id, MAX(business_date) AS last_day, COUNT(*) AS orders
               FROM sales WHERE kind = 'sale' AND {only}
                 AND business_date <= :until
               GROUP BY member_id) ever ON ever.member_id = m.id
    LEFT JOIN (SELECT member_id, SUM(kind = 'sale') AS orders, SUM(total_fen) AS revenue
               FROM sales WHERE {only}
                 AND business_date BETWEEN :since AND :until
               GROUP BY member_id) win ON win.member_id = m.id
    LEFT JOIN (SELECT s.member_id, COUNT(DISTINCT l.category) AS categories
               FROM sales s JOIN sale_lines l ON l.sale_id = s.id
               WHERE s.kind = 'sale' AND s.{only}
                 AND l.category != '' AND s.business_date BETWEEN :since AND :until
               GROUP BY s.member_id) cat ON cat.member_id = m.id
    WHERE m.status = 'active'
    ORDER BY m.joined_on, m.id
"""


# Every member, joined to their grouped sales: no query per member.
_FACTS = _from_sales("members m", "member_id IS NOT NULL")
# The same figures for a chosen few (a birthday list, the longest idle): each per-member pass
# reads only the chosen members' sales, through the (member_id, business_date) index.
_CHOSEN_FACTS = "WITH chosen AS MATERIALIZED ({chosen})" + _from_sales(
    "chosen ch JOIN members m ON m.id = ch.id", "member_id IN (SELECT id FROM chosen)")
# The same from member_figures, when kept for the window: no sales read at all. CROSS JOIN
# keeps the chosen few outermost (the planner scanned every member to probe them: 1.4 s).
_KEPT_CHOSEN_FACTS = f"""
    WITH chosen AS MATERIALIZED ({{chosen}})
    {_HEAD}
           f.last_purchase, COALESCE(f.orders_ever, 0) AS orders_ever,
           COALESCE(f.orders, 0) AS orders, COALESCE(f.revenue_fen, 0) AS revenue_fen,
           COALESCE(f.categories, 0) AS categories,
           {_CARD}
    FROM chosen ch CROSS JOIN members m ON m.id = ch.id
    LEFT JOIN member_balances b ON b.member_id = m.id
    LEFT JOIN member_figures f ON f.member_id = m.id
    WHERE m.status = 'active'
    ORDER BY m.joined_on, m.id
"""
# Active members whose last sale up to :until is before :before, longest idle first (the
# inactive left out as in reports_groups._BUYERS).
_IDLE = f"""
    SELECT g.member_id AS id FROM (
        SELECT member_id, MAX(business_date) AS last_day FROM sales
        WHERE kind = 'sale' AND member_id IS NOT NULL AND business_date <= :until
        GROUP BY member_id HAVING MAX(business_date) < :before) g
    WHERE g.member_id NOT IN ({reports_groups.INACTIVE})
    ORDER BY g.last_day, g.member_id"""
# The same from member_figures, when kept for the window: through its (last_purchase,
# member_id) index, the longest idle are the first rows.
_KEPT_IDLE = f"""
    SELECT member_id AS id FROM member_figures
    WHERE last_purchase < :before AND member_id NOT IN ({reports_groups.INACTIVE})
    ORDER BY last_purchase, member_id"""


class SqlReportRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def points_total_until(self, business_date: date) -> int:
        """From the per-day rollup the ledger's triggers keep (migration 0016): a sum over
        days and kinds, not over every entry of the store's history."""
        row = fetch_one(self._s, _POINTS_UNTIL, (business_date.isoformat(),))
        return int(row[0]) if row else 0

    def points_entries_on(self, business_date: date) -> list[PointsEntry]:
        rows = self._named(_POINTS_ON, {"day": business_date.isoformat()})
        return [points_entry_from(r) for r in rows]

    def names_and_mobiles(self, member_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(list(member_ids)):
            rows = fetch_all(self._s, _in(_NAMES, len(chunk)), chunk)
            found.update({m: (name, mobile) for m, name, mobile in rows})
        return found

    def points_before(self, member_ids: Sequence[str], business_date: date) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(list(member_ids)):
            rows = fetch_all(self._s, _in(_POINTS_BEFORE, len(chunk)),
                             (*chunk, business_date.isoformat()))
            found.update({m: int(total) for m, total in rows})
        return found

    def wallet_entries_on(self, business_date: date) -> list[WalletEntry]:
        rows = self._named(_WALLET_ON, {"day": business_date.isoformat()})
        return [wallet_entry_from(r) for r in rows]

    def shifts_on(self, business_date: date) -> list[Shift]:
        return [shift_from(r) for r in self._named(_SHIFTS_ON,
                                                   {"day": business_date.isoformat()})]

    def coupons_issued_between(self, start: datetime, end: datetime) -> list[Coupon]:
        rows = self._named(_COUPONS_ISSUED, {"start": utc_text(start), "end": utc_text(end)})
        return [coupon_from(r) for r in rows]

    def _named(self, sql: str, params: Mapping[str, object]) -> list[Named]:
        """Rows by column name, as stored, for the records' own mappers (db/mapping_*.py)."""
        return fetch_all_named(self._s, sql, params)

    def member_facts(self, window_start: date, until: date) -> list[MemberFacts]:
        return _facts(self._named(_FACTS, {"since": window_start.isoformat(),
                                           "until": until.isoformat()}))

    def buying_figures(self, window_start: date, until: date, share: Decimal,
                       birthdays: Sequence[tuple[int, int]]) -> BuyingFigures:
        return reports_groups.buying_figures(self._s, window_start, until, share, birthdays)

    def birthday_facts(self, window_start: date, until: date,
                       birthdays: Sequence[tuple[int, int]]) -> list[MemberFacts]:
        if not birthdays:
            return []
        days, params = reports_groups.birthday_filter(birthdays)
        chosen = f"SELECT id FROM members WHERE status = 'active' AND ({days})"
        return self._chosen(chosen, window_start, until, params)

    def idle_facts(self, window_start: date, until: date, before: date,
                   limit: int) -> tuple[int, list[MemberFacts]]:
        params = {"before": before.isoformat(), "until": until.isoformat()}
        kept = member_figures.window(self._s) == (window_start, until)
        idle = _KEPT_IDLE if kept else _IDLE
        row = fetch_one(self._s, f"SELECT COUNT(*) FROM ({idle})", params)
        count = row[0] if row else 0
        chosen = f"{idle} LIMIT {int(limit)}"
        return int(count), self._chosen(chosen, window_start, until, params)

    def figures_window(self) -> tuple[date, date] | None:
        return member_figures.window(self._s)

    def move_figures_window(self, window_start: date, until: date) -> None:
        member_figures.move_window(self._s, window_start, until)

    def _chosen(self, chosen: str, window_start: date, until: date,
                params: Mapping[str, object]) -> list[MemberFacts]:
        kept = member_figures.window(self._s) == (window_start, until)
        sql = (_KEPT_CHOSEN_FACTS if kept else _CHOSEN_FACTS).format(chosen=chosen)
        return _facts(self._named(sql, {
            **params, "since": window_start.isoformat(), "until": until.isoformat()}))

    def members_per_tier(self) -> dict[str, int]:
        return reports_groups.members_per_tier(self._s)

    def tier_year_days(self, day: date,
                       tiers: Sequence[str]) -> dict[str, list[tuple[date, int]]]:
        return reports_groups.tier_year_days(self._s, day, tiers)

    def mobiles_taken(self, mobiles: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(mobiles)):
            rows = fetch_all(self._s, _in(_MOBILES, len(chunk)), chunk)
            found.update({mobile: member_id for mobile, member_id in rows})
        return found

    def cards_taken(self, numbers: Sequence[str]) -> list[str]:
        found: list[str] = []
        for chunk in _chunks(list(numbers)):
            found += [n for (n,) in fetch_all(self._s, _in(_CARDS, len(chunk)), chunk)]
        return sorted(found)


_POINTS_ON = select_sql("points_ledger", POINTS_COLUMNS, "business_date = :day", "at, id")
_WALLET_ON = select_sql("wallet_ledger", WALLET_COLUMNS, "business_date = :day", "at, id")
_SHIFTS_ON = select_sql("shifts", SHIFT_COLUMNS, "business_date = :day", "opened_at, id")
_COUPONS_ISSUED = select_sql("coupons", COUPON_COLUMNS, "issued_at >= :start AND issued_at < :end",
                             "issued_at, code")


# From the per-day rollup (points_days), and `{marks}` filled with one ? per value asked.
_POINTS_UNTIL = "SELECT COALESCE(SUM(points), 0) FROM points_days WHERE business_date <= ?"
_NAMES = "SELECT id, name, mobile FROM members WHERE id IN ({marks})"
_POINTS_BEFORE = ("SELECT member_id, SUM(points) FROM points_ledger "
                  "WHERE member_id IN ({marks}) AND business_date < ? GROUP BY member_id")
_MOBILES = "SELECT mobile, id FROM members WHERE mobile IN ({marks})"
_CARDS = "SELECT number FROM cards WHERE number IN ({marks})"


def _in(sql: str, count: int) -> str:
    return sql.format(marks=", ".join("?" * count))


def _facts(rows: list[Named]) -> list[MemberFacts]:
    """A member's facts from a row of the statements above, read by name."""
    return [MemberFacts(
            member_id=r["id"], name=r["name"], mobile=r["mobile"], tier=r["tier"],
            joined_on=date.fromisoformat(r["joined_on"]), birth_month=r["birth_month"],
            birth_day=r["birth_day"], consent_marketing=bool(r["consent_marketing"]),
            points=int(r["points"]), last_purchase=day_of(r["last_purchase"]),
            orders_ever=int(r["orders_ever"]), orders=int(r["orders"]),
            revenue_fen=int(r["revenue_fen"]), categories=int(r["categories"]),
            card_number=r["card_number"]) for r in rows]


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    """SQLite caps bound parameters per statement; big imports ask in slices."""
    return [values[i:i + size] for i in range(0, len(values), size)]
