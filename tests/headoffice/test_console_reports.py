"""The console's reports against a real head office on PostgreSQL with a till's sales: points
liability, daily points by store and sales by store and day over a date range, and their CSV
(UTF-8 with a BOM, formula-safe, money in yuan; the download audited)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from headoffice.console_tables import console_audit
from tests.headoffice.console_helpers import logged_in
from tests.headoffice.console_shop import head_office, seeded_till
from tests.sync.fixtures import TILL_START
from tests.sync.harness import Server, Till

pytestmark = pytest.mark.postgres
DAY = TILL_START.date().isoformat()  # the till's business date


@dataclass
class Shop:
    ho: Server
    till: Till
    member: str
    earned: int


ho = head_office("reports", "S001", "S002")


def _two_sales(till: Till, member: str) -> None:
    """A coat to the member (points earned) and two pairs of socks to no member."""
    till.sale(member, ("COAT", 1))
    till.sale(None, ("SOCKS", 2))


@pytest.fixture(scope="module")
def shop(ho: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    with seeded_till(ho, tmp_path_factory.mktemp("shop"), "钱多多", "13500003333",
                     _two_sales) as (till, member, _):
        yield Shop(ho, till, member, till.balances(member)[0])


def _csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel opens the Chinese as Chinese
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_sales_by_store_and_day_on_the_page_and_as_csv(shop: Shop) -> None:
    client = logged_in(shop.ho, "auditor", merchant="M001")
    asked = {"report": "sales", "start": DAY, "end": DAY}

    page = client.get("/console/reports", params=asked)
    download = client.get("/console/reports.csv", params={**asked, "lang": "en"})

    assert page.status_code == 200 and "1,015.00" not in page.text
    assert "1,030.00" in page.text  # a coat ¥1,000 and two pairs of socks ¥15
    assert download.headers["content-disposition"].endswith(
        f'kaika-sales-M001-{DAY.replace("-", "")}-{DAY.replace("-", "")}.csv"')
    rows = _csv(download.content)
    assert rows[0][:4] == ["Business date", "Store", "Sales", "Sales (yuan)"]
    assert rows[1] == [DAY, "S001", "2", "1030.00", "0", "0.00", "1030.00", "1"]
    with shop.ho.engine.connect() as conn:
        assert conn.scalar(sa.select(console_audit.c.detail).where(
            console_audit.c.action == "report.exported")) == f"{DAY}..{DAY}"


def test_points_by_store_and_day_and_the_liability(shop: Shop) -> None:
    client = logged_in(shop.ho, "marketing", merchant="M001")

    points = _csv(client.get("/console/reports.csv", params={
        "report": "points", "start": DAY, "end": DAY, "lang": "en"}).content)
    liability = client.get("/console/reports", params={"report": "liability", "start": DAY,
                                                       "end": DAY, "lang": "en"})

    assert points[1][:3] == [DAY, "S001", str(shop.earned)] and points[1][-1] == str(shop.earned)
    assert f"at the end of {DAY}: {shop.earned}" in liability.text
    assert f"<td class=\"num\">{shop.earned}</td>" in liability.text


def test_a_bad_range_is_refused_and_member_service_sees_no_reports(shop: Shop) -> None:
    client = logged_in(shop.ho, "admin")
    backwards = client.get("/console/reports", params={"report": "sales", "start": DAY,
                                                       "end": "2025-01-01", "lang": "en"})
    assert backwards.status_code == 422 and "no later than the end" in backwards.text
    too_long = client.get("/console/reports.csv", params={"start": "2020-01-01",
                                                          "end": "2025-01-01"})
    assert too_long.status_code == 422
    other = logged_in(shop.ho, "admin", merchant="M101")
    theirs = other.get("/console/reports", params={"report": "sales", "start": DAY,
                                                   "end": DAY, "merchant": "M001"})
    assert "1,030.00" not in theirs.text  # their own merchant's, whatever the URL says
    assert logged_in(shop.ho, "member_service").get("/console/reports").status_code == 403
