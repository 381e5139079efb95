"""Grouped report reads for the Tiers and Analysis pages: the database sums and counts, one
statement each, instead of a row per member mapped in Python."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from db import member_figures
from db.repos_driver import fetch_all
from domain.analysis import MONETARY_PARTS, BuyingFigures, BuyingGroup, TopShare
from domain.records import MemberStatus

_PER_TIER = "SELECT tier, COUNT(*) FROM members WHERE status = ? GROUP BY tier"

# The members `MemberRepo.tier_since_on_or_before` lists, with their sales and returns summed
# per business date from the tier date to a year after it (a superset of the tier year: the
# exact year end, 29 February and all, is the domain's, tiers.year_figures).
_TIER_YEAR_DAYS = """
    SELECT s.member_id, s.business_date, SUM(s.qualifying_fen)
    FROM members m JOIN sales s ON s.member_id = m.id
     AND s.business_date >= m.tier_since AND s.business_date <= date(m.tier_since, '+1 year')
    WHERE m.status = ? AND m.tier_since <= ? AND m.tier IN ({marks})
    GROUP BY s.member_id, s.business_date"""


def members_per_tier(session: Session) -> dict[str, int]:
    rows = fetch_all(session, _PER_TIER, (MemberStatus.ACTIVE.value,))
    return {str(tier): int(n) for tier, n in rows}


def tier_year_days(session: Session, day: date,
                   tiers: Sequence[str]) -> dict[str, list[tuple[date, int]]]:
    if not tiers:
        return {}
    sql = _TIER_YEAR_DAYS.format(marks=", ".join("?" * len(tiers)))
    found: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for member_id, business_date, fen in fetch_all(
            session, sql, (MemberStatus.ACTIVE.value, day.isoformat(), *tiers)):
        found[member_id].append((date.fromisoformat(business_date), int(fen)))
    return dict(found)


# Members who are not active: few, found through the status index. Leaving them out costs a
# look-up per inactive member instead of one per buyer (every sale names a member that
# exists: foreign key, checked by `kaika verify`).
INACTIVE = ("SELECT id FROM members WHERE status IN ("
            + ", ".join(f"'{s.value}'" for s in MemberStatus if s is not MemberStatus.ACTIVE)
            + ")")

# Per buying member (active, with a sale or return up to :until): last sale ever, orders and
# money in the window, distinct categories bought in the window. MATERIALIZED: read by the
# three grouped answers below, computed once.
_BUYERS = """
    WITH per AS MATERIALIZED (
        SELECT member_id AS id,
               MAX(CASE WHEN kind = 'sale' THEN business_date END) AS last_day,
               SUM(kind = 'sale' AND business_date >= :since) AS orders,
               SUM(CASE WHEN business_date >= :since THEN total_fen ELSE 0 END) AS revenue
        FROM sales WHERE member_id IS NOT NULL AND business_date <= :until
        GROUP BY member_id),
    cats AS MATERIALIZED (
        SELECT s.member_id AS id, COUNT(DISTINCT l.category) AS categories
        FROM sales s JOIN sale_lines l ON l.sale_id = s.id
        WHERE s.kind = 'sale' AND s.member_id IS NOT NULL AND l.category != ''
          AND s.business_date BETWEEN :since AND :until
        GROUP BY s.member_id),
    buyers AS MATERIALIZED (
        SELECT p.last_day, p.orders, p.revenue, COALESCE(c.categories, 0) AS categories
        FROM per p LEFT JOIN cats c ON c.id = p.id
        WHERE p.id NOT IN ({inactive}))
"""
# 'g': members per (last sale, orders, categories); 'm': buyers per part of the ticket ranking
# (a rank is the number of buyers with a lower ticket, as bisect_left in analysis.score: ties
# share it); 't': the buyers, the revenue of the top ceil(share x buyers) and of all buyers.
# 'm' and 't' rank the ~20k distinct tickets and ~12k distinct revenues with their counts,
# not 575k buyers one by one (two sorts of every buyer were 1.7 s of 2.1 at 1M members);
# both from the buyers grouped once by (revenue, orders), `pairs`.
_PAIRS = """,
    pairs AS MATERIALIZED (
        SELECT revenue, orders, COUNT(*) AS n FROM buyers WHERE orders > 0
        GROUP BY revenue, orders)
"""
_GROUPED = _PAIRS + """
    SELECT 'g', last_day, orders, categories, COUNT(*) FROM buyers
    GROUP BY last_day, orders, categories
    UNION ALL
    SELECT 'm', band, NULL, NULL, SUM(n) FROM (
        SELECT n, 1 + (SUM(n) OVER (ORDER BY ticket ROWS UNBOUNDED PRECEDING) - n) * :parts
                   / SUM(n) OVER () AS band
        FROM (SELECT revenue * 1.0 / orders AS ticket, SUM(n) AS n FROM pairs
              GROUP BY ticket))
    GROUP BY band
    UNION ALL
    SELECT 't', COALESCE(SUM(n), 0),
           COALESCE(SUM(revenue * MAX(0, MIN(n, k - (upto - n)))), 0),
           COALESCE(SUM(revenue * n), 0), NULL
    FROM (SELECT revenue, n, SUM(n) OVER (ORDER BY revenue DESC ROWS UNBOUNDED PRECEDING) AS upto,
                 (:num * SUM(n) OVER () + :den - 1) / :den AS k
          FROM (SELECT revenue, SUM(n) AS n FROM pairs GROUP BY revenue))
"""
_FIGURES = _BUYERS.format(inactive=INACTIVE) + _GROUPED
# The same from the figures the triggers keep (db/member_figures.py): one row per buyer. NOT
# MATERIALIZED: each grouping reads its own covering index of member_figures, in key order.
_KEPT = f"""
    WITH buyers AS NOT MATERIALIZED (
        SELECT last_purchase AS last_day, orders, revenue_fen AS revenue, categories
        FROM member_figures WHERE member_id NOT IN ({INACTIVE}))
""" + _GROUPED
_ACTIVE = "SELECT COUNT(*) FROM members WHERE status = ?"
_BIRTHDAYS = "SELECT COUNT(*) FROM members WHERE status = :status AND ({days})"


def buying_figures(session: Session, since: date, until: date, share: Decimal,
                   birthdays: Sequence[tuple[int, int]]) -> BuyingFigures:
    """From member_figures when it is kept for this window, else grouped from every sale."""
    num, den = share.as_integer_ratio()
    sql = _KEPT if member_figures.window(session) == (since, until) else _FIGURES
    rows = fetch_all(session, sql, {"since": since.isoformat(), "until": until.isoformat(),
                                         "parts": MONETARY_PARTS, "num": num, "den": den})
    groups = [BuyingGroup(None if r[1] is None else date.fromisoformat(r[1]), int(r[2]),
                          int(r[3]), int(r[4])) for r in rows if r[0] == "g"]
    active = int(fetch_all(session, _ACTIVE, (MemberStatus.ACTIVE.value,))[0][0])
    # Members with no sale or return up to `until` are one more group: never bought.
    groups.append(BuyingGroup(None, 0, 0, active - sum(g.members for g in groups)))
    buyers, top_revenue, revenue = next(
        (int(r[1]), int(r[2]), int(r[3])) for r in rows if r[0] == "t")
    top = TopShare(buyers, math.ceil(share * buyers), top_revenue, revenue)
    return BuyingFigures(tuple(g for g in groups if g.members), tuple(
        (int(r[1]), int(r[4])) for r in rows if r[0] == "m"), top,
        birthdays_count(session, birthdays))


def birthdays_count(session: Session, birthdays: Sequence[tuple[int, int]]) -> int:
    if not birthdays:
        return 0
    days, params = birthday_filter(birthdays)
    sql = _BIRTHDAYS.format(days=days)
    return int(fetch_all(session, sql, {**params, "status": MemberStatus.ACTIVE.value})[0][0])


def birthday_filter(birthdays: Sequence[tuple[int, int]]) -> tuple[str, dict[str, int]]:
    """`(birth_month = :m AND birth_day IN (...)) OR ...`, a term per month, so the
    (birth_month, birth_day) index answers it (an expression of both would read every
    member)."""
    by_month: dict[int, list[int]] = defaultdict(list)
    for month, day in birthdays:
        by_month[month].append(day)
    terms, params = [], {}
    for month, days in sorted(by_month.items()):
        params[f"m{month}"] = month
        params.update({f"d{month}_{d}": d for d in days})
        marks = ", ".join(f":d{month}_{d}" for d in days)
        terms.append(f"(birth_month = :m{month} AND birth_day IN ({marks}))")
    return " OR ".join(terms) or "0", params
