"""Self sign-up on the member page against a real head office on PostgreSQL and a real till
of the store: the front desk's form rules, the mobile proved by a code, consents with their
time, an e-card from the store's web block, the member published to the store's tills, and
the referrer's DOMAIN §7 bonus given exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from domain.clock import FixedClock
from headoffice.tables import cards, member_balances, members, points_ledger
from tests.headoffice.member_helpers import codes_sent, csrf_of, start_with_outbox
from tests.sync.fixtures import TILL_START
from tests.sync.harness import PgDatabases, Server, Till

pytestmark = pytest.mark.postgres

REFERRER_MOBILE = "13912348000"


@dataclass
class Shop:
    ho: Server
    outbox: Path
    till: Till
    referrer: str


@pytest.fixture(scope="module")
def shop(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    folder = tmp_path_factory.mktemp("member-join")
    ho = start_with_outbox(Server(pg.fresh(), folder), folder / "sms.jsonl")
    ho.add_stores("S001", "S002")
    ho.add_stores("S101", merchant="M101")
    till = Till(folder / "till.sqlite3", FixedClock(TILL_START))
    till.enroll(ho, "S001")
    referrer = till.register("赵六", REFERRER_MOBILE)
    till.sync()
    yield Shop(ho, folder / "sms.jsonl", till, referrer)
    till.close()
    ho.stop()


def _form(mobile: str, **over: str) -> dict[str, str]:
    return {"name": "钱七", "mobile": mobile, "gender": "female", "birthday": "05-20",
            "email": "", "consent_marketing": "on", "privacy_accepted": "on", **over}


def _join(client: httpx.Client, outbox: Path, store: str, fields: dict[str, str],
          ref: str = "", code: str | None = None) -> httpx.Response:
    page = client.get(f"/m/join/{store}", params={"ref": ref} if ref else None)
    assert page.status_code == 200, page.text
    sent = client.post(f"/m/join/{store}", data={**fields, "csrf": csrf_of(page), "ref": ref,
                                                 "action": "send"})
    assert sent.status_code == 200, sent.text
    assert fields["name"] in sent.text  # what was typed is kept
    given = code if code is not None else codes_sent(outbox, fields["mobile"])[-1]
    return client.post(f"/m/join/{store}", data={**fields, "csrf": csrf_of(sent), "ref": ref,
                                                  "code": given, "action": "join"})


def _points(ho: Server, member_id: str) -> int:
    with ho.engine.connect() as conn:
        return int(conn.scalar(sa.select(member_balances.c.points).where(
            member_balances.c.member_id == member_id)) or 0)


def test_a_friend_joins_through_a_members_link_and_the_store_learns_of_them(
        shop: Shop) -> None:
    mobile = "13912348001"
    before = _points(shop.ho, shop.referrer)
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    invited = phone.get(f"/m/join/S001?ref={shop.referrer}")
    assert "邀请您加入" in invited.text and "赵*" in invited.text  # the inviter's name, masked
    done = _join(phone, shop.outbox, "S001", _form(mobile), ref=shop.referrer)
    assert done.status_code == 303 and done.headers["location"] == "/m/M001/card"
    card_page = phone.get("/m/M001/card")
    with shop.ho.engine.connect() as conn:
        row = conn.execute(sa.select(members).where(members.c.mobile == mobile)).mappings().one()
        number, kind = conn.execute(sa.select(cards.c.number, cards.c.body["kind"].as_string())
                                    .where(cards.c.member_id == row["id"])).one()
        referral = conn.scalars(sa.select(points_ledger.c.points).where(
            points_ledger.c.member_id == shop.referrer,
            points_ledger.c.reason == "referral")).all()
    profile = row["profile"]
    assert profile["name"] == "钱七" and profile["birth_month"] == 5
    assert profile["referrer_id"] == shop.referrer and profile["source"] == "referral"
    assert profile["privacy_accepted_at"] and profile["consent_marketing_at"]  # PIPL: when
    assert number in card_page.text and kind == "qr" and 'aria-label="会员卡' in card_page.text
    assert "入会礼券 ¥50" in card_page.text  # the pack's sign-up coupon, as at the front desk
    assert referral == [20] and _points(shop.ho, shop.referrer) == before + 20
    shop.till.sync()  # the store's till pulls the new member and the card
    assert shop.till.member_by_mobile(mobile) == row["id"]
    with shop.till.app.store.reader() as uow:
        assert uow.cards.get(number) is not None
    assert [c.template_code for c in shop.till.coupons(row["id"])] == ["signup50"]


def test_joining_again_with_the_same_mobile_makes_nothing_and_gives_no_second_bonus(
        shop: Shop) -> None:
    mobile = "13912348002"
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert _join(phone, shop.outbox, "S001", _form(mobile), ref=shop.referrer
                 ).status_code == 303
    after_first = _points(shop.ho, shop.referrer)
    again = httpx.Client(base_url=shop.ho.url, timeout=10)
    codes_before = len(codes_sent(shop.outbox, mobile))
    with shop.ho.engine.begin() as conn:  # let the mobile be sent a second code now
        conn.execute(sa.text("UPDATE member_codes SET created_at = created_at - interval "
                             "'2 minutes' WHERE mobile = :m"), {"m": mobile})
    second = _join(again, shop.outbox, "S001", _form(mobile, name="钱七二"), ref=shop.referrer)
    assert len(codes_sent(shop.outbox, mobile)) == codes_before + 1
    assert second.status_code == 303  # the code proved the mobile: logged in as that member
    assert _points(shop.ho, shop.referrer) == after_first
    with shop.ho.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(members).where(
            members.c.mobile == mobile)) == 1


def test_the_front_desks_rules_name_the_bad_field_and_keep_the_code(shop: Shop) -> None:
    mobile = "13912348003"
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    bad = _join(phone, shop.outbox, "S002", _form(mobile, birthday="13-40",
                                                  privacy_accepted=""))
    assert bad.status_code == 422
    assert 'id="birthday-error"' in bad.text and 'id="privacy_accepted-error"' in bad.text
    assert 'value="钱七"' in bad.text  # what was typed is kept
    code = codes_sent(shop.outbox, mobile)[-1]  # not spent by the refusal
    fixed = phone.post("/m/join/S002", data={**_form(mobile), "csrf": csrf_of(bad),
                                             "code": code, "action": "join"})
    assert fixed.status_code == 303
    wrong = httpx.Client(base_url=shop.ho.url, timeout=10)
    refused = _join(wrong, shop.outbox, "S002", _form("13912348004"), code="000000")
    assert refused.status_code == 401 and 'id="code-error"' in refused.text


def test_an_unknown_store_and_another_merchants_member_as_referrer(shop: Shop) -> None:
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert phone.get("/m/join/S999").status_code == 404
    other = phone.get(f"/m/join/S101?ref={shop.referrer}")  # M001's member, M101's store
    assert other.status_code == 200 and "邀请您加入" not in other.text
