"""The console's cases pages against a real head-office process on PostgreSQL: list, show,
resolve with a note (audited; an overdraft's offline block lifts on the till), and who may."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa

from headoffice.cases import insert_case
from headoffice.feed import FeedWriter, interested_stores
from headoffice.tables import merchants, recon_cases, store_feed, stores
from tests.headoffice.console_helpers import csrf_of, logged_in, new_staff, try_login
from tests.headoffice.console_shop import head_office, nothing, seeded_till
from tests.sync.harness import Server, Till, _now

pytestmark = pytest.mark.postgres


@dataclass
class Shop:
    ho: Server
    till: Till
    member: str


ho = head_office("cases")


@pytest.fixture(scope="module")
def shop(ho: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    with seeded_till(ho, tmp_path_factory.mktemp("shop"), "王小二", "13700001111",
                     nothing) as (till, member, _):
        yield Shop(ho, till, member)


def overdraft(shop: Shop, merchant: str = "M001", amount: int = 300) -> str:
    """An open points overdraft of the member, as ingest opens one (one shortfall at S001)
    and tells the member's stores their balance changed."""
    with shop.ho.engine.begin() as conn:
        merchant_id = conn.scalar(sa.select(merchants.c.id).where(merchants.c.code == merchant))
        store_id = conn.scalar(sa.select(stores.c.id).where(stores.c.code == "S001"))
        case_id = insert_case(conn, merchant_id, "points.overdraft", shop.member, amount,
                              {"items": [{"event_id": "ev-1", "store_id": store_id,
                                          "terminal_id": None, "sale_id": None,
                                          "amount": amount}]}, _now())
        feed = FeedWriter()
        feed.stores(interested_stores(conn, [shop.member])[shop.member], "member_balance",
                    shop.member)
        feed.flush(conn, _now())
    return case_id


def blocked_at_till(till: Till, member_id: str) -> bool:
    with sqlite3.connect(till.path) as db:
        row = db.execute("SELECT blocked FROM ho_balances WHERE member_id = ?",
                         (member_id,)).fetchone()
    return bool(row and row[0])


def _status(ho: Server, case_id: str) -> tuple[str, str]:
    with ho.engine.connect() as conn:
        row = conn.execute(sa.select(recon_cases.c.status, recon_cases.c.note)
                           .where(recon_cases.c.id == case_id)).one()
    return row[0], row[1]


def test_member_service_resolves_an_overdraft_and_the_till_lifts_its_block(shop: Shop) -> None:
    case_id = overdraft(shop)
    shop.till.sync()
    assert blocked_at_till(shop.till, shop.member)
    login = new_staff(shop.ho, "member_service")
    client = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert try_login(client, login).status_code == 303

    listing = client.get("/console/cases")
    assert listing.status_code == 200 and f'id="case-{case_id}"' in listing.text
    assert "积分透支" in listing.text and "王小二" in listing.text
    page = client.get(f"/console/cases/{case_id}")
    assert "S001" in page.text and "300 积分" in page.text
    with shop.ho.engine.connect() as conn:
        before = conn.scalar(sa.select(sa.func.max(store_feed.c.seq)))

    done = client.post(f"/console/cases/{case_id}/resolve",
                       data={"csrf": csrf_of(page), "note": "会员已到店补齐 300 积分"})

    assert done.status_code == 303
    assert _status(shop.ho, case_id) == ("resolved", "会员已到店补齐 300 积分")
    shown = client.get(done.headers["location"]).text
    assert "案件已处理" in shown and login in shown
    with shop.ho.engine.connect() as conn:
        fed = conn.execute(sa.select(store_feed.c.entity, store_feed.c.entity_id)
                           .where(store_feed.c.seq > before)).all()
        audited = conn.execute(sa.text(
            "SELECT action, target, detail FROM console_audit WHERE login = :l "
            "AND action = 'case.resolved'"), {"l": login}).all()
    assert ("member_balance", shop.member) in fed
    assert audited == [("case.resolved", case_id, "会员已到店补齐 300 积分")]
    shop.till.sync()
    assert not blocked_at_till(shop.till, shop.member)
    assert f'id="case-{case_id}"' not in client.get("/console/cases").text
    assert f'id="case-{case_id}"' in client.get("/console/cases?status=resolved").text


def test_a_note_is_required_and_a_case_resolves_once(shop: Shop) -> None:
    case_id = overdraft(shop, amount=50)
    client = logged_in(shop.ho, "admin")
    page = client.get(f"/console/cases/{case_id}?lang=en")

    empty = client.post(f"/console/cases/{case_id}/resolve",
                        data={"csrf": csrf_of(page), "note": "  "})
    assert empty.status_code == 422 and "Write a note" in empty.text
    assert _status(shop.ho, case_id)[0] == "open"
    assert client.post(f"/console/cases/{case_id}/resolve",
                       data={"csrf": csrf_of(page), "note": "settled"}).status_code == 303
    again = client.post(f"/console/cases/{case_id}/resolve",
                        data={"csrf": csrf_of(page), "note": "twice"})
    assert again.status_code == 422 and "already resolved" in again.text
    assert _status(shop.ho, case_id) == ("resolved", "settled")


def test_an_auditor_reads_cases_but_may_not_resolve_and_marketing_sees_none(
        shop: Shop) -> None:
    case_id = overdraft(shop, amount=20)
    auditor = logged_in(shop.ho, "auditor")
    page = auditor.get(f"/console/cases/{case_id}")
    assert page.status_code == 200 and 'name="note"' not in page.text

    refused = auditor.post(f"/console/cases/{case_id}/resolve",
                           data={"csrf": csrf_of(page), "note": "not mine to close"})

    assert refused.status_code == 403 and _status(shop.ho, case_id)[0] == "open"
    marketing = logged_in(shop.ho, "marketing")
    assert marketing.get("/console/cases").status_code == 403
    assert marketing.get(f"/console/cases/{case_id}").status_code == 403
    admin = logged_in(shop.ho, "admin")
    assert admin.post(f"/console/cases/{case_id}/resolve",
                      data={"note": "no token"}).status_code == 403
    assert _status(shop.ho, case_id)[0] == "open"


def test_another_merchants_staff_see_no_such_case(shop: Shop) -> None:
    case_id = overdraft(shop, amount=10)
    other = logged_in(shop.ho, "admin", merchant="M101")
    assert f'id="case-{case_id}"' not in other.get("/console/cases?status=all").text
    assert other.get(f"/console/cases/{case_id}").status_code == 404
    page = other.get("/console/cases")
    answer = other.post(f"/console/cases/{case_id}/resolve",
                        data={"csrf": csrf_of(page), "note": "crafted"})
    assert answer.status_code == 404 and _status(shop.ho, case_id)[0] == "open"
