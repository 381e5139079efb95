"""The console's members page against a real head-office process on 127.0.0.1 and PostgreSQL,
with members, sales and cards made by a real till that synced them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa

from domain.clock import FixedClock
from domain.ids import new_id_str
from domain.services import cardissue
from headoffice.console.text import term_of
from headoffice.console_tables import console_audit
from headoffice.tables import members, points_buckets, points_ledger, recon_cases
from tests.headoffice.console_helpers import logged_in, new_staff, try_login
from tests.sync.fixtures import TILL_START
from tests.sync.harness import PgDatabases, Server, Till, _now

pytestmark = pytest.mark.postgres

MOBILE = "13912345678"
OTHER_MOBILE = "13800005678"  # the same last 4 digits as MOBILE's neighbour below


@dataclass
class Shop:
    ho: Server
    till: Till
    member: str
    card: str


@pytest.fixture(scope="module")
def ho(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    made = Server(pg.fresh(), tmp_path_factory.mktemp("members")).start()
    made.add_stores("S001", "S002")
    made.add_stores("S101", merchant="M101")
    yield made
    made.stop()


@pytest.fixture(scope="module")
def shop(ho: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    """A till of S001 enrolled; 张三丰 registered, given a card, topped up, and buying a coat;
    all of it synced to head office (once: the tests only read)."""
    till = Till(tmp_path_factory.mktemp("shop") / "till.sqlite3", FixedClock(TILL_START))
    till.enroll(ho, "S001")
    member = till.register("张三丰", MOBILE)
    card = cardissue.issue_card(till.ctx, member, till.desk).card.number
    till.topup(member, 20000)
    till.sale(member, ("COAT", 1))
    till.sync()
    yield Shop(ho, till, member, card)
    till.close()


def _ids_found(client: httpx.Client, query: str) -> list[str]:
    page = client.get("/console/members", params={"q": query})
    assert page.status_code == 200, page.text
    return re.findall(r'id="member-([0-9a-f-]+)"', page.text)


def _text_of(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">([^<]*)<', page)
    assert found is not None, page
    return found.group(1)


def test_a_member_is_found_by_mobile_its_last_4_digits_card_and_name(shop: Shop) -> None:
    client = logged_in(shop.ho, "member_service")

    assert _ids_found(client, MOBILE) == [shop.member]
    assert shop.member in _ids_found(client, MOBILE[-4:])
    assert _ids_found(client, shop.card) == [shop.member]
    assert shop.member in _ids_found(client, "三丰")
    assert _ids_found(client, "13900000000") == []
    assert _ids_found(client, "李四不存在") == []
    assert "没有找到会员（按手机号）" in client.get("/console/members?q=13900000000").text
    assert _ids_found(client, "%") == [] and _ids_found(client, "_") == []  # no wildcards
    unknown = client.get("/console/members/not-a-member")
    assert unknown.status_code == 404 and "not-a-member" in unknown.text


def test_the_picture_shows_what_the_till_synced(shop: Shop) -> None:
    client = logged_in(shop.ho, "member_service")
    points, principal, bonus = shop.till.balances(shop.member)
    with shop.ho.engine.connect() as conn:
        lots = conn.execute(sa.select(points_buckets.c.last_day, points_buckets.c.remaining)
                            .where(points_buckets.c.member_id == shop.member)).all()
        entries = conn.execute(sa.select(points_ledger.c.kind, points_ledger.c.points)
                               .where(points_ledger.c.member_id == shop.member)).all()

    page = client.get(f"/console/members/{shop.member}").text

    assert points > 0 and principal == 20000  # the coat earned points; the top-up is there
    assert _text_of(page, "points") == str(points)
    assert _text_of(page, "principal") == f"{principal // 100:,}.{principal % 100:02d}"
    assert _text_of(page, "bonus") == f"{bonus // 100:,}.{bonus % 100:02d}"
    assert lots and sum(remaining for _day, remaining in lots) == points
    lot_rows = re.findall(r'<tr><th scope="row">(\d{4}-\d\d-\d\d)</th><td class="num">(-?\d+)<',
                          page)
    assert sorted(lot_rows) == sorted((str(day), str(left)) for day, left in lots)
    assert _text_of(page, "mobile") == MOBILE  # member service sees it whole
    assert shop.card in page and "S001" in page and "张三丰" in page
    assert entries and sum(n for _kind, n in entries) == points  # the sale's entries
    term = term_of("zh_CN")
    for kind, n in entries:  # each kind in words, never the stored code
        assert term("points", kind) != kind
        assert f'<td>{term("points", kind)}</td><td class="num">{n}</td>' in page
    assert "<td>充值</td>" in page and "<td>使用中</td>" in page  # the top-up, the card
    assert '<td class="num">200.00</td>' in page  # the top-up's wallet entry


def test_an_auditor_sees_the_mobile_masked_and_every_view_is_audited(shop: Shop) -> None:
    client, login = _signed_in(shop.ho, "auditor")

    page = client.get(f"/console/members/{shop.member}").text
    found = client.get("/console/members", params={"q": MOBILE[-4:]}).text

    assert _text_of(page, "mobile") == "139****5678"
    assert MOBILE not in page and MOBILE not in found and "139****5678" in found
    assert _views(shop.ho, login) == [(shop.member, "mobile masked")]
    # However many members end in 5678 by now (other tests add some), the row says so.
    tail_hits = len(re.findall(r'href="/console/members/[0-9a-f-]{36}"', found))
    assert tail_hits >= 1
    assert _audited(shop.ho, login, "members.searched") == [("tail: 5678",
                                                             f"{tail_hits} found")]
    client.get("/console/members", params={"q": MOBILE})
    assert _audited(shop.ho, login, "members.searched")[-1] == ("mobile: 139****5678", "1 found")


def test_a_twin_made_offline_at_another_store_opens_as_the_member_it_joined(
        shop: Shop, make_till: Callable[..., Till]) -> None:
    other = make_till("T", store_code="S002")
    other.enroll(shop.ho, "S002")
    twin = other.register("张三丰", MOBILE)  # offline: the same mobile, another id
    other.sync()
    client = logged_in(shop.ho, "admin")

    answer = client.get(f"/console/members/{twin}")

    assert twin != shop.member and answer.status_code == 200
    assert f'id="member-{shop.member}"' not in answer.text  # the picture, not a list
    assert _text_of(answer.text, "points") == str(shop.till.balances(shop.member)[0])
    assert answer.headers["X-Kaika-Read-From"] == "primary"
    assert _ids_found(client, MOBILE) == [shop.member]  # one member: the alias is not listed
    with shop.ho.engine.connect() as conn:
        assert conn.scalar(sa.select(members.c.canonical_id).where(
            members.c.id == twin)) == shop.member


def test_a_merchants_staff_sees_only_that_merchants_members(
        shop: Shop, make_till: Callable[..., Till]) -> None:
    theirs = make_till("N", store_code="S101")
    theirs.enroll(shop.ho, "S101")
    neighbour = theirs.register("张三丰", OTHER_MOBILE)
    theirs.sync()
    ours = logged_in(shop.ho, "admin", "M001")
    other, login = _signed_in(shop.ho, "admin", "M101")

    assert shop.member in _ids_found(ours, "张三丰") and neighbour not in _ids_found(ours, "张三丰")
    assert _ids_found(other, "张三丰") == [neighbour]
    assert _ids_found(other, MOBILE) == [] and _ids_found(other, shop.card) == []
    assert other.get(f"/console/members/{shop.member}").status_code == 404
    assert set(_ids_found(logged_in(shop.ho, "admin"), "5678")) >= {shop.member, neighbour}
    assert _views(shop.ho, login) == []  # nothing shown, nothing logged


def test_marketing_is_refused_the_search_and_the_picture(shop: Shop) -> None:
    client, login = _signed_in(shop.ho, "marketing")

    search = client.get("/console/members", params={"q": MOBILE})
    picture = client.get(f"/console/members/{shop.member}")

    assert search.status_code == picture.status_code == 403
    assert MOBILE not in search.text and "张三丰" not in picture.text
    assert _views(shop.ho, login) == []


def test_the_picture_lists_the_members_cases(shop: Shop) -> None:
    with shop.ho.engine.begin() as conn:
        merchant = conn.scalar(sa.select(members.c.merchant_id).where(
            members.c.id == shop.member))
        conn.execute(recon_cases.insert().values(
            id=new_id_str(), merchant_id=merchant, kind="points.overdraft",
            member_id=shop.member, status="open", amount=120, details={}, opened_at=_now(),
            updated_at=_now()))

    page = logged_in(shop.ho, "auditor").get(f"/console/members/{shop.member}").text

    assert ("<td>积分透支</td><td>待处理</td>"
            '<td class="num">120</td>') in page


def test_the_page_speaks_english(shop: Shop) -> None:
    client = logged_in(shop.ho, "admin")

    page = client.get(f"/console/members/{shop.member}?lang=en").text

    assert "Points lots" in page and "Stores visited" in page and "积分批次" not in page


def _signed_in(server: Server, role: str,
               merchant: str | None = None) -> tuple[httpx.Client, str]:
    """A client logged in as a new account of `role`, and that account's login."""
    login = new_staff(server, role, merchant)
    client = httpx.Client(base_url=server.url, timeout=10)
    assert try_login(client, login).status_code == 303
    return client, login


def _views(server: Server, login: str) -> list[tuple[str, str]]:
    return _audited(server, login, "member.viewed")


def _audited(server: Server, login: str, action: str) -> list[tuple[str, str]]:
    with server.engine.connect() as conn:
        return [(r.target, r.detail) for r in conn.execute(
            sa.select(console_audit.c.target, console_audit.c.detail).where(
                console_audit.c.login == login, console_audit.c.action == action)
            .order_by(console_audit.c.id))]
