"""Grouped report reads for the Tiers and Analysis pages: the database sums and counts, one
statement each, instead of a row per member mapped in Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from db.repos_driver import fetch_all
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
