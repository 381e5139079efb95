"""Member corrections in the console against a real head office on PostgreSQL and a real till:
a points adjustment and blocking a card, with a reason, audited, pulled by the till; a form
sent twice adjusts once; who may, and refusals in sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa

from domain.records import CardState
from domain.services import cardissue
from headoffice.console_tables import console_audit
from headoffice.tables import cards, member_balances, members, points_ledger
from tests.headoffice.console_helpers import csrf_of, logged_in, new_staff, try_login
from tests.headoffice.console_shop import head_office, seeded_till
from tests.sync.harness import Server, Till

pytestmark = pytest.mark.postgres


@dataclass
class Shop:
    ho: Server
    till: Till
    member: str
    card: str


ho = head_office("fix")


def _card_and_a_coat(till: Till, member: str) -> str:
    """The member's new card (its number) and a sale of a coat to them, for points."""
    card = cardissue.issue_card(till.ctx, member, till.desk).card.number
    till.sale(member, ("COAT", 1))
    return card


@pytest.fixture(scope="module")
def shop(ho: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    with seeded_till(ho, tmp_path_factory.mktemp("shop"), "赵敏", "13600002222",
                     _card_and_a_coat) as (till, member, card):
        yield Shop(ho, till, member, card)


def _ho_points(ho: Server, member: str) -> int:
    with ho.engine.connect() as conn:
        return int(conn.scalar(sa.select(member_balances.c.points)
                               .where(member_balances.c.member_id == member)))


def _audited(ho: Server, login: str) -> list[tuple[str, str, str]]:
    with ho.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            sa.select(console_audit.c.action, console_audit.c.target, console_audit.c.detail)
            .where(console_audit.c.login == login,
                   console_audit.c.action.not_in(("login.ok", "member.viewed", "staff.added"))))]


def _form(page: str, action: str) -> dict[str, str]:
    """The hidden fields of the form posting to `action` (its CSRF token and its once)."""
    form = page[page.index(f'action="{action}"'):]
    form = form[:form.index("</form>")]
    return dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_member_service_adjusts_points_with_a_reason_and_the_till_pulls_it(shop: Shop) -> None:
    login = new_staff(shop.ho, "member_service")
    client = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert try_login(client, login).status_code == 303
    till_before = shop.till.balances(shop.member)[0]
    ho_before = _ho_points(shop.ho, shop.member)
    page = client.get(f"/console/members/{shop.member}").text
    action = f"/console/members/{shop.member}/points"
    fields = {**_form(page, action), "points": "+200", "reason": "补录漏积分的小票 R-88"}

    done = client.post(action, data=fields)

    assert done.status_code == 303
    assert "积分已调整" in client.get(done.headers["location"]).text
    assert _ho_points(shop.ho, shop.member) == ho_before + 200
    with shop.ho.engine.connect() as conn:
        entry = conn.execute(sa.select(points_ledger.c.kind, points_ledger.c.points,
                                       points_ledger.c.reason, points_ledger.c.id)
                             .where(points_ledger.c.member_id == shop.member,
                                    points_ledger.c.kind == "adjust")).one()
    assert entry[:3] == ("adjust", 200, "补录漏积分的小票 R-88") and entry[3] == fields["once"]
    assert _audited(shop.ho, login) == [("points.adjusted", shop.member,
                                         "+200: 补录漏积分的小票 R-88")]
    shop.till.sync()
    assert shop.till.balances(shop.member)[0] == till_before + 200

    again = client.post(action, data=fields)  # a double click, or the back button and resend

    assert "没有再次调整" in client.get(again.headers["location"]).text
    assert _ho_points(shop.ho, shop.member) == ho_before + 200
    assert len(_audited(shop.ho, login)) == 1


def test_an_adjustment_is_refused_in_a_sentence_and_changes_nothing(shop: Shop) -> None:
    client = logged_in(shop.ho, "admin")
    action = f"/console/members/{shop.member}/points"
    before = _ho_points(shop.ho, shop.member)

    def sent(points: str, reason: str) -> httpx.Response:
        page = client.get(f"/console/members/{shop.member}?lang=en").text
        return client.post(action, data={**_form(page, action), "points": points,
                                         "reason": reason})

    too_much = sent(str(-(before + 1)), "wrong member")
    assert too_much.status_code == 422 and f"has {before} points" in too_much.text
    assert 'value="wrong member"' in too_much.text  # what was typed is kept
    assert "Write the reason" in sent("50", "  ").text
    assert "a whole number" in sent("5O", "typo").text
    assert "cannot be 0" in sent("0", "nothing").text
    assert "card number" in sent("10", f"card {shop.card}").text
    page = client.get(f"/console/members/{shop.member}").text
    assert client.post(action, data={**_form(page, action), "once": "not-an-id",
                                     "points": "5", "reason": "x"}).status_code == 422
    assert _ho_points(shop.ho, shop.member) == before


def test_a_card_is_blocked_then_unblocked_and_the_till_follows(shop: Shop) -> None:
    login = new_staff(shop.ho, "member_service")
    client = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert try_login(client, login).status_code == 303
    base = f"/console/members/{shop.member}/cards/{shop.card}"
    page = client.get(f"/console/members/{shop.member}")

    blocked = client.post(f"{base}/block", data={"csrf": csrf_of(page), "reason": "会员来电挂失"})

    assert blocked.status_code == 303
    assert "卡已挂失" in client.get(blocked.headers["location"]).text
    shop.till.sync()
    with shop.till.app.store.reader() as uow:
        assert uow.cards.get(shop.card).state == CardState.LOST
    twice = client.post(f"{base}/block", data={"csrf": csrf_of(page), "reason": "again"})
    assert twice.status_code == 422 and "已经挂失" in twice.text

    found = client.post(f"{base}/unblock", data={"csrf": csrf_of(page), "reason": "卡找到了"})

    assert found.status_code == 303
    with shop.ho.engine.connect() as conn:
        assert conn.scalar(sa.select(cards.c.state).where(cards.c.number == shop.card)) \
            == "active"
    shop.till.sync()
    with shop.till.app.store.reader() as uow:
        assert uow.cards.get(shop.card).state == CardState.ACTIVE
    assert _audited(shop.ho, login) == [
        ("card.blocked", shop.card, f"{shop.member}: 会员来电挂失"),
        ("card.unblocked", shop.card, f"{shop.member}: 卡找到了")]


def test_auditors_and_other_merchants_may_not_correct(shop: Shop) -> None:
    before = _ho_points(shop.ho, shop.member)
    auditor = logged_in(shop.ho, "auditor")
    page = auditor.get(f"/console/members/{shop.member}")
    assert 'id="corrections"' not in page.text
    action = f"/console/members/{shop.member}/points"
    data = {"csrf": csrf_of(page), "once": "01a25257-f4e7-7a58-bac0-433bf10d49b3",
            "points": "100", "reason": "not allowed"}
    assert auditor.post(action, data=data).status_code == 403
    assert logged_in(shop.ho, "marketing").post(action, data=data).status_code == 403
    admin = logged_in(shop.ho, "admin")
    assert admin.post(action, data={**data, "csrf": "forged"}).status_code == 403
    other = logged_in(shop.ho, "admin", merchant="M101")
    other_page = other.get("/console/members")
    assert other.post(action, data={**data, "csrf": csrf_of(other_page)}).status_code == 404
    assert other.post(f"/console/members/{shop.member}/cards/{shop.card}/block",
                      data={"csrf": csrf_of(other_page), "reason": "x"}).status_code == 404
    assert _ho_points(shop.ho, shop.member) == before


def test_member_service_fixes_the_name_and_birthday_and_the_till_follows(shop: Shop) -> None:
    login = new_staff(shop.ho, "member_service")
    client = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert try_login(client, login).status_code == 303
    action = f"/console/members/{shop.member}/profile"
    page = client.get(f"/console/members/{shop.member}")

    bad = client.post(action, data={"csrf": csrf_of(page), "name": "赵敏", "gender": "",
                                    "birthday": "1990-13-45", "reason": "会员来电"})
    assert bad.status_code == 422 and "生日格式" in bad.text
    done = client.post(action, data={"csrf": csrf_of(page), "name": "赵 敏敏", "gender": "female",
                                     "birthday": "1990-03-08", "reason": "身份证核对"})

    assert done.status_code == 303
    assert "资料已更正" in client.get(done.headers["location"]).text
    with shop.ho.engine.connect() as conn:
        profile = conn.scalar(sa.select(members.c.profile).where(members.c.id == shop.member))
    assert (profile["name"], profile["gender"], profile["birth_year"], profile["birth_month"],
            profile["birth_day"]) == ("赵 敏敏", "female", 1990, 3, 8)
    assert _audited(shop.ho, login) == [
        ("profile.corrected", shop.member,
         "birth_day, birth_month, birth_year, gender, name: 身份证核对")]
    shop.till.sync()
    held = shop.till.member(shop.member)
    assert (held.name, held.gender, held.birth_month, held.birth_day) == ("赵 敏敏", "female",
                                                                          3, 8)
    same = client.post(action, data={"csrf": csrf_of(page), "name": "赵 敏敏",
                                     "gender": "female", "birthday": "1990-03-08",
                                     "reason": "again"})
    assert "资料没有改动" in client.get(same.headers["location"]).text
    assert len(_audited(shop.ho, login)) == 1
