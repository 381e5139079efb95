"""Bulk coupons to a segment in the console, against a real head office on PostgreSQL and a
real till: the count previewed, one coupon per member issued exactly once however often the
form is sent, each one pulled by the till; who may."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa

from domain.clock import FixedClock
from domain.services import members as member_services
from headoffice.tables import coupons
from tests.headoffice.console_helpers import csrf_of, logged_in
from tests.sync.fixtures import TILL_START
from tests.sync.harness import PgDatabases, Server, Till

pytestmark = pytest.mark.postgres


@dataclass
class Shop:
    ho: Server
    till: Till
    agreed: str  # agreed to marketing, bought at S001
    declined: str  # did not agree, bought at S001


@pytest.fixture(scope="module")
def shop(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    ho = Server(pg.fresh(), tmp_path_factory.mktemp("coupons")).start()
    ho.add_stores("S001", "S002")
    till = Till(tmp_path_factory.mktemp("shop") / "till.sqlite3", FixedClock(TILL_START))
    till.enroll(ho, "S001")
    agreed = member_services.register(till.ctx, {
        "name": "孙愿意", "mobile": "13400004444", "privacy_accepted": True,
        "consent_marketing": True}, till.desk).member.id
    declined = till.register("周不要", "13400005555")
    for member in (agreed, declined):
        till.sale(member, ("SOCKS", 1))
    till.sync()
    yield Shop(ho, till, agreed, declined)
    till.close()
    ho.stop()


def _issued_to(ho: Server, template: str) -> list[str]:
    with ho.engine.connect() as conn:
        return sorted(conn.scalars(sa.select(coupons.c.member_id).where(
            coupons.c.template_code == template, coupons.c.body["issued_reason"].as_string()
            == "bulk")))


def _preview(client: httpx.Client, **segment: str) -> httpx.Response:
    return client.get("/console/coupons", params={"template": "checkin50", "tier": "",
                                                  "store": "", "visited": "", "days": "",
                                                  **segment})


def _issue_form(page: httpx.Response) -> dict[str, str]:
    form = page.text[page.text.index('id="issue"'):]
    form = form[:form.index("</form>")]
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))


def test_marketing_previews_and_issues_once_and_the_till_pulls_them(shop: Shop) -> None:
    client = logged_in(shop.ho, "marketing", merchant="M001")

    everyone = _preview(client, store="S001")
    agreed = _preview(client, store="S001", consent="1")
    elsewhere = _preview(client, store="S002", consent="1")

    assert "符合条件的会员：2 位" in everyone.text
    assert "符合条件的会员：1 位" in agreed.text
    assert "符合条件的会员：0 位" in elsewhere.text and 'id="issue"' not in elsewhere.text
    form = _issue_form(agreed)
    with ThreadPoolExecutor(2) as pool:  # a double click: the same form twice at once
        answers = list(pool.map(lambda _: client.post("/console/coupons/issue", data=form),
                                range(2)))
    assert [a.status_code for a in answers] == [303, 303]
    again = client.post("/console/coupons/issue", data=form)  # and the back button later

    assert "没有重复发放" in client.get(again.headers["location"]).text
    assert _issued_to(shop.ho, "checkin50") == [shop.agreed]
    shop.till.sync()
    held = [c for c in shop.till.coupons(shop.agreed) if c.template_code == "checkin50"]
    assert len(held) == 1 and held[0].amount_fen == 5000 and held[0].issued_reason == "bulk"
    assert [c for c in shop.till.coupons(shop.declined) if c.template_code == "checkin50"] == []
    record = logged_in(shop.ho, "member_service").get(f"/console/members/{shop.agreed}").text
    assert held[0].valid_to is not None  # the member's record shows the coupon's last day
    assert f"<td>{held[0].valid_to.isoformat()}</td></tr>" in record


def test_a_recent_or_lapsed_segment_and_bad_input(shop: Shop) -> None:
    client = logged_in(shop.ho, "admin", merchant="M001")
    # The till's sales are from its own clock's day (2025): long before head office's now.
    assert "：0 位" in _preview(client, visited="within", days="30").text
    assert "：2 位" in _preview(client, visited="lapsed", days="30").text
    bad = _preview(client, visited="within", days="0", lang="en")
    assert bad.status_code == 422 and "from 1 to 3650" in bad.text
    page = _preview(client, visited="lapsed", days="30")
    unknown = client.post("/console/coupons/issue", data={**_issue_form(page),
                                                          "template": "nosuch"})
    assert unknown.status_code == 422 and "nosuch" in unknown.text


def test_member_service_and_auditors_may_not_issue(shop: Shop) -> None:
    for role in ("member_service", "auditor"):
        client = logged_in(shop.ho, role, merchant="M001")
        assert client.get("/console/coupons").status_code == 403
        page = client.get("/console/members")
        assert client.post("/console/coupons/issue", data={
            "csrf": csrf_of(page), "once": "01a25257-f4e7-7a58-bac0-433bf10d49b3",
            "template": "checkin50", "consent": ""}).status_code == 403
    assert _issued_to(shop.ho, "checkin50") in ([], [shop.agreed])
