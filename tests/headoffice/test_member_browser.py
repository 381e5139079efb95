"""The member page in a real browser at a phone's size (390×844): headless Chromium (Debian's
`chromium` and `chromium-driver`) driven by Selenium against a real head office on PostgreSQL
and a real SQLite till enrolled there. The dynamic QR is read back from the browser's
screenshot with zbar and shown to the till's `find_by_code`.

KAIKA_SCREENSHOTS=docs/screenshots saves the pages there (docs/web.md)."""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image
from pyzbar import pyzbar
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from domain import dynamicqr
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.services.members import find_by_code
from tests.headoffice.browser import assert_accessible, chromium
from tests.headoffice.member_helpers import codes_sent, start_with_outbox
from tests.sync.harness import PgDatabases, Server, Till

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
WIDTH, HEIGHT = 390, 844
MOBILE = "13912349001"  # the friend who signs up
INVITER = "13912349000"


@pytest.fixture
def phone() -> Iterator[WebDriver]:
    driver = chromium(WIDTH, HEIGHT, mobile=True)
    yield driver
    driver.quit()


@pytest.fixture
def ho(pg: PgDatabases, tmp_path: Path) -> Iterator[Server]:
    made = start_with_outbox(Server(pg.fresh(), tmp_path), tmp_path / "sms.jsonl")
    made.add_stores("S001", "S002")
    yield made
    made.stop()


def _till(ho: Server, tmp_path: Path) -> tuple[Till, str]:
    """A till of S001 near head office's clock, enrolled (so it has learnt the merchant's QR
    key), with a member (the inviter) and a sale, synced."""
    till = Till(tmp_path / "till.sqlite3", FixedClock(datetime.now(UTC) - timedelta(seconds=5)))
    till.enroll(ho, "S001")
    member = till.register("王小明", INVITER)
    till.sale(member, ("COAT", 1))
    till.sync()
    return till, member


def test_a_friend_signs_up_logs_in_and_the_till_accepts_the_qr_on_the_screen_once(
        ho: Server, phone: WebDriver, tmp_path: Path) -> None:
    till, inviter = _till(ho, tmp_path)
    outbox = tmp_path / "sms.jsonl"
    try:
        _sign_up(phone, ho, outbox, inviter)
        phone.find_element(By.CSS_SELECTOR, "header form button").click()  # log out
        WebDriverWait(phone, 10).until(lambda b: "/m/M001/login" in b.current_url)
        phone.delete_all_cookies()  # a fresh phone: no form token left either
        with ho.engine.begin() as conn:  # the sign-up's code a while ago: one a minute
            conn.execute(sa.text("UPDATE member_codes SET created_at = created_at - "
                                 "interval '2 minutes'"))
        _log_in(phone, ho, outbox, MOBILE)
        number = phone.find_element(By.CLASS_NAME, "cardno").text.split()[-1]
        assert_accessible(phone)
        _screenshot(phone, tmp_path, "member-card.png")
        till.sync()  # the store's till learns the new member and their e-card
        payload = _read_qr(phone)
        assert dynamicqr.is_dynamic(payload)
        _till_meets(till, payload)
        found = find_by_code(till.ctx, payload)
        assert found.card is not None and found.card.number == number
        assert found.member.mobile == MOBILE
        seen = dynamicqr.SeenNonces(till.clock, till.ctx.pack.cards.dynamic_qr_ttl_s)
        ttl = till.ctx.pack.cards.dynamic_qr_ttl_s
        seen.admit(dynamicqr.read_payload(payload, till.clock.now(), till.ctx.qr_verify, ttl))
        with pytest.raises(DomainError, match=r"card\.qr_replayed"):  # a second scan
            seen.admit(dynamicqr.read_payload(payload, till.clock.now(), till.ctx.qr_verify,
                                              ttl))
        till.advance(seconds=ttl + 31)
        with pytest.raises(DomainError, match=r"card\.qr_expired"):  # a screenshot, later
            find_by_code(till.ctx, payload)
        phone.refresh()  # a new code, as the page's script fetches one: the till takes it
        fresh = _read_qr(phone)
        assert fresh != payload
        _till_meets(till, fresh)
        assert find_by_code(till.ctx, fresh).card is not None
        _scroll_screenshot(phone, tmp_path)
    finally:
        till.close()


def _sign_up(phone: WebDriver, ho: Server, outbox: Path, inviter: str) -> None:
    """Through the inviter's link, by keyboard where a person would type."""
    phone.get(f"{ho.url}/m/join/S001?ref={inviter}")
    assert_accessible(phone)
    _screenshot(phone, outbox.parent, "member-join.png")
    phone.find_element(By.ID, "name").send_keys("陈小红")
    phone.find_element(By.ID, "mobile").send_keys(MOBILE, Keys.TAB)
    phone.switch_to.active_element.send_keys(Keys.ENTER)  # "send me a code"
    WebDriverWait(phone, 10).until(lambda b: "验证码已发送" in b.page_source)
    assert phone.switch_to.active_element.get_attribute("id") == "code"
    phone.switch_to.active_element.send_keys(codes_sent(outbox, MOBILE)[-1])
    phone.find_element(By.ID, "birthday").send_keys("03-08")
    phone.find_element(By.ID, "privacy_accepted").send_keys(Keys.SPACE)  # ticked by keyboard
    phone.find_element(By.CSS_SELECTOR, "button[value=join]").send_keys(Keys.ENTER)
    WebDriverWait(phone, 10).until(lambda b: b.current_url.endswith("/m/M001/card"))
    assert_accessible(phone)


def _log_in(phone: WebDriver, ho: Server, outbox: Path, mobile: str) -> None:
    """By keyboard: the mobile has the focus, Tab to "send", Enter; the code, Tab, Enter."""
    phone.get(ho.url + "/m/M001/login")
    assert_accessible(phone)
    _screenshot(phone, outbox.parent, "member-login.png")
    focused = phone.switch_to.active_element
    assert focused.get_attribute("id") == "mobile"
    focused.send_keys(mobile, Keys.TAB)
    phone.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(phone, 10).until(lambda b: "验证码已发送" in b.page_source)
    focused = phone.switch_to.active_element
    assert focused.get_attribute("id") == "code"
    focused.send_keys(codes_sent(outbox, mobile)[-1], Keys.TAB)
    phone.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(phone, 10).until(lambda b: b.current_url.endswith("/m/M001/card"))


def _read_qr(phone: WebDriver) -> str:
    """The dynamic QR as zbar reads it from the browser's screenshot of the page."""
    shot = Image.open(io.BytesIO(phone.find_element(By.CSS_SELECTOR, "svg.qr")
                                 .screenshot_as_png))
    found = pyzbar.decode(shot.convert("L"))
    assert len(found) == 1, found
    return found[0].data.decode("ascii")


def _till_meets(till: Till, payload: str) -> None:
    """The till's (injected) clock put at the moment the phone drew the code: how long a
    cashier takes to scan is no part of the test."""
    encoded = payload[len(dynamicqr.PREFIX):]
    body = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    issued = datetime.fromtimestamp(int.from_bytes(body[6:10], "big"), UTC)
    till.clock.set(issued + timedelta(seconds=2))


def _scroll_screenshot(phone: WebDriver, tmp_path: Path) -> None:
    """The rest of the card page (tier, coupons, purchases), for docs/web.md."""
    _screenshot(phone, tmp_path, "member-card-more.png", "document.getElementById('tier')"
                ".scrollIntoView()")


def _screenshot(browser: WebDriver, tmp_path: Path, name: str,
                scroll: str = "window.scrollTo(0, 0)") -> None:
    browser.execute_script(scroll)  # axe and the focus may have scrolled the page
    folder = Path(os.environ.get("KAIKA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / name
    browser.save_screenshot(str(shot))
    with Image.open(shot) as image:
        assert image.size == (WIDTH, HEIGHT)
