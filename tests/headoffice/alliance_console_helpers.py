"""An alliance for the console tests: three merchants on a real head office, a file of
agreements, and last month's trade recorded as ingest records it
(headoffice.alliance_settlement)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from headoffice import alliance, alliance_settlement, tenancy
from headoffice.alliance_settlement import NewEntry
from tests.sync.harness import Server

FASHION, CAFE, SALON = "M001", "M002", "M003"


def last_month() -> tuple[str, date]:
    """The month before today's in Shanghai (the server runs on the real clock; that month
    is always over), and its first day."""
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m"), first


def agreements_toml(first: date) -> str:
    return f"""
[[agreements]]
issuer = "M001"
partner = "M002"
starts_on = {first.isoformat()}
discount_bp = {{ regular = 1000 }}
points_per_yuan = 1
points_spendable = true
point_value_fen = 1
commission_bp = 500

[[agreements]]
issuer = "M003"
partner = "M001"
starts_on = {first.isoformat()}
commission_bp = 200
"""


def set_up(ho: Server) -> None:
    """Merchants M001 (stores S001, S002 already), M002 and M003 in alliance A1."""
    now = datetime.now(UTC)
    for merchant, store in ((CAFE, "C01"), (SALON, "N01")):
        tenancy.add_store(ho.engine, tenancy.NewStore(merchant, store, f"店{store}"), now)
    with ho.engine.begin() as conn:
        alliance.create_alliance(conn, "A1", "商圈联盟", now)
        for merchant in (FASHION, CAFE, SALON):
            alliance.add_merchant(conn, "A1", merchant, now)


def trade(ho: Server, first: date) -> None:
    """A fashion member pays ¥86.50 at the café (86 points: 86 fen; 5 % commission: 433) and
    spends 500 points there (fashion owes 500); a salon member buys ¥1,000.00 at fashion
    (2 %: fashion owes the salon 2000). Fashion's net: 86 + 433 - 500 - 2000 = -1981."""
    day = first + timedelta(days=2)
    with ho.engine.begin() as conn:
        for new in (
                NewEntry("points_issued_by_partner", FASHION, CAFE, day, "sale-c1", points=86),
                NewEntry("commission", FASHION, CAFE, day, "sale-c1", sale_fen=8650),
                NewEntry("points_spent_at_partner", FASHION, CAFE, day, "ledger-f7",
                         points=500),
                NewEntry("commission", SALON, FASHION, day, "sale-f3", sale_fen=100000)):
            alliance_settlement.record_entry(conn, "A1", new, datetime.now(UTC))
