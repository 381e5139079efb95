"""The member page for the phone against a real head-office process on 127.0.0.1 and
PostgreSQL, with a member, card, points and a sale made by a real till that synced them: the
log-in by one-time code (hashed, single use, throttled), the card page's figures, the SMS
gateway adapter against a real little HTTP server."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
import sqlalchemy as sa

from domain.clock import FixedClock
from domain.errors import DomainError
from domain.ids import new_id_str
from domain.services import cardissue
from headoffice.member_tables import member_codes
from headoffice.member_web.sender import HttpSmsSender
from headoffice.tables import member_balances
from tests.headoffice.member_helpers import (
    ask_code,
    codes_sent,
    csrf_of,
    log_in,
    phone_logged_in,
    start_with_outbox,
)
from tests.sync.fixtures import TILL_START
from tests.sync.harness import PgDatabases, Server, Till

pytestmark = pytest.mark.postgres

MOBILE = "13912340001"
# Members without a card, one per test that logs in (a mobile gets one code a minute).
NO_CARD = ("13912340020", "13912340021")


@dataclass
class Shop:
    ho: Server
    outbox: Path
    till: Till
    member: str
    card: str


@pytest.fixture(scope="module")
def shop(pg: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    """A head office (merchant M001 with S001; M101 with S101) and a till of S001 that
    registered 张三丰, gave him a card and sold him a coat; all synced."""
    folder = tmp_path_factory.mktemp("member-page")
    ho = start_with_outbox(Server(pg.fresh(), folder), folder / "sms.jsonl")
    ho.add_stores("S001")
    ho.add_stores("S101", merchant="M101")
    till = Till(folder / "till.sqlite3", FixedClock(TILL_START))
    till.enroll(ho, "S001")
    member = till.register("张三丰", MOBILE)
    card = cardissue.issue_card(till.ctx, member, till.desk).card.number
    till.sale(member, ("COAT", 1))
    for n, mobile in enumerate(NO_CARD):
        till.register(f"李四{n}", mobile)
    till.sync()
    yield Shop(ho, folder / "sms.jsonl", till, member, card)
    till.close()
    ho.stop()


def test_a_member_logs_in_with_a_code_and_sees_the_card(shop: Shop) -> None:
    phone = phone_logged_in(shop.ho, shop.outbox, "M001", MOBILE)
    page = phone.get("/m/M001/card")
    assert page.status_code == 200
    assert shop.card in page.text and "张三丰" in page.text
    with shop.ho.engine.connect() as conn:
        points = conn.scalar(sa.select(member_balances.c.points).where(
            member_balances.c.member_id == shop.member))
    assert points and re.search(rf'id="points">{points}<', page.text)
    assert '<svg class="qr" role="img"' in page.text  # the dynamic QR, drawn inline
    assert 'data-every="60"' in page.text and 'src="/m/static/qr-refresh.js"' in page.text
    assert "南京西路" in page.text or "S001" in page.text or "<table id=\"sales\">" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "/m/join/S001?ref=" + shop.member in page.text  # the member's invitation link
    fresh = phone.get("/m/M001/qr")  # what the page's script fetches at half the code's life
    assert fresh.status_code == 200 and fresh.text.startswith('<svg class="qr"')
    assert fresh.text != page.text and shop.card in fresh.text  # in its label
    script = phone.get("/m/static/qr-refresh.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert httpx.get(shop.ho.url + "/m/M001/qr").status_code == 401  # no session, no code


def test_the_code_is_stored_hashed_and_spent_by_its_first_use(shop: Shop) -> None:
    mobile = "13912340002"
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert ask_code(phone, "M001", mobile).status_code == 200
    code = codes_sent(shop.outbox, mobile)[-1]
    with shop.ho.engine.connect() as conn:
        stored = conn.scalar(sa.select(member_codes.c.code_hash).where(
            member_codes.c.mobile == mobile))
    assert stored and code not in stored and len(stored) == 64
    first = log_in(phone, "M001", mobile, code)
    assert first.status_code == 404 and "还不是会员" in first.text  # told only after the code
    again = log_in(phone, "M001", mobile, code)
    assert again.status_code == 401 and "不正确或已过期" in again.text


def test_five_wrong_guesses_kill_the_code(shop: Shop) -> None:
    mobile = "13912340003"
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    ask_code(phone, "M001", mobile)
    code = codes_sent(shop.outbox, mobile)[-1]
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert log_in(phone, "M001", mobile, wrong).status_code == 401
    assert log_in(phone, "M001", mobile, code).status_code == 401  # dead, even when right


def test_codes_are_throttled_per_mobile(shop: Shop) -> None:
    mobile = "13912340004"
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    assert ask_code(phone, "M001", mobile).status_code == 200
    again = ask_code(phone, "M001", mobile)
    assert again.status_code == 429 and "秒后再试" in again.text
    assert len(codes_sent(shop.outbox, mobile)) == 1


def test_codes_are_throttled_per_client_address(shop: Shop) -> None:
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    with shop.ho.engine.begin() as conn:  # this address asked for 20 codes in the last hour
        conn.execute(member_codes.insert(), [
            {"id": new_id_str(), "merchant_id": "m",
             "mobile": f"1380000{n:04d}", "code_hash": "0" * 64, "client": "127.0.0.1",
             "created_at": datetime.now(UTC), "expires_at": datetime.now(UTC),
             "used_at": None} for n in range(20)])
    try:
        refused = ask_code(phone, "M001", "13912340005")
        assert refused.status_code == 429
        assert codes_sent(shop.outbox, "13912340005") == []
    finally:
        with shop.ho.engine.begin() as conn:
            conn.execute(member_codes.delete().where(member_codes.c.merchant_id == "m"))


def test_refusals_csrf_bad_mobile_other_merchant_and_unknown_merchant(shop: Shop) -> None:
    phone = httpx.Client(base_url=shop.ho.url, timeout=10)
    phone.get("/m/M001/login")
    no_token = phone.post("/m/M001/login", data={"mobile": MOBILE, "action": "send"})
    assert no_token.status_code == 403
    form = phone.get("/m/M001/login")
    bad = phone.post("/m/M001/login", data={"csrf": csrf_of(form), "mobile": "12345",
                                            "action": "send"})
    assert bad.status_code == 422 and "手机号格式不正确" in bad.text
    assert phone.get("/m/M999/login").status_code == 404
    mine = phone_logged_in(shop.ho, shop.outbox, "M001", NO_CARD[0])
    other = mine.get("/m/M101/card")  # M001's session opens nothing of M101
    assert other.status_code == 303 and other.headers["location"] == "/m/M101/login"
    page = mine.get("/m/M001/card")
    assert page.status_code == 200 and "还没有会员卡号" in page.text  # no card: no QR
    assert 'aria-label="会员卡' not in page.text  # (a sign-up coupon's QR may be there)


def test_log_out_ends_the_session_and_english_is_there(shop: Shop) -> None:
    phone = phone_logged_in(shop.ho, shop.outbox, "M001", NO_CARD[1])
    page = phone.get("/m/M001/card?lang=en")
    assert "My member card" in page.text and 'lang="en"' in page.text
    phone.post("/m/M001/logout", data={"csrf": csrf_of(page)})
    assert phone.get("/m/M001/card").headers["location"].startswith("/m/M001/login")


class _Gateway(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []
    status = 200

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append({"auth": self.headers["Authorization"], "body": body})
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def gateway() -> Iterator[tuple[str, type[_Gateway]]]:
    handler = type("Gateway", (_Gateway,), {"received": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sms", handler
    server.shutdown()
    server.server_close()


def test_the_http_sms_adapter_posts_the_template_and_its_code(
        gateway: tuple[str, type[_Gateway]]) -> None:
    url, handler = gateway
    HttpSmsSender(url, "tok-1").send("13912340009", "123456", 5, "zh_CN", datetime.now(UTC))
    assert handler.received == [{"auth": "Bearer tok-1", "body": {
        "mobile": "13912340009", "template": "login_code", "lang": "zh_CN",
        "params": {"code": "123456", "minutes": 5}}}]
    handler.status = 500
    with pytest.raises(DomainError) as caught:
        HttpSmsSender(url, "tok-1").send("13912340009", "654321", 5, "en", datetime.now(UTC))
    assert (caught.value.code, caught.value.params) == ("member_code.send_failed",
                                                        {"status": 500})


def test_head_office_sends_codes_through_the_gateway_and_keeps_none_it_could_not_send(
        pg: PgDatabases, tmp_path: Path, gateway: tuple[str, type[_Gateway]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    url, handler = gateway
    token = tmp_path / "sms-token"
    token.write_text("secret-token\n", encoding="utf-8")
    monkeypatch.setenv("KAIKA_HO_SMS_GATEWAY_URL", url)
    monkeypatch.setenv("KAIKA_HO_SMS_GATEWAY_TOKEN_FILE", str(token))
    ho = Server(pg.fresh(), tmp_path).start()
    try:
        ho.add_stores("S001")
        phone = httpx.Client(base_url=ho.url, timeout=10)
        assert ask_code(phone, "M001", "13912340010").status_code == 200
        sent = handler.received[-1]
        assert sent["auth"] == "Bearer secret-token"
        code = sent["body"]["params"]["code"]
        assert re.fullmatch(r"[0-9]{6}", code)
        assert log_in(phone, "M001", "13912340010", code).status_code == 404  # right code
        handler.status = 503
        failed = ask_code(phone, "M001", "13912340011")
        assert failed.status_code == 503 and "发送失败" in failed.text
        with ho.engine.connect() as conn:
            assert conn.scalar(sa.select(sa.func.count()).select_from(member_codes).where(
                member_codes.c.mobile == "13912340011")) == 0
    finally:
        ho.stop()
