"""The head-office console in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, which ./dev.sh test installs) driven by Selenium, against a real head
office on PostgreSQL with real tills.

KAIKA_SCREENSHOTS=docs/screenshots saves the terminals and member pages there (docs/web.md)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from sync.http import SyncError
from tests.headoffice.browser import assert_accessible, chromium
from tests.headoffice.console_helpers import PASSWORD, new_staff
from tests.sync.harness import PgDatabases, Server, Till

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
WIDTH, HEIGHT = 1366, 768


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    driver = chromium(WIDTH, HEIGHT, mobile=False)
    yield driver
    driver.quit()


@pytest.fixture
def ho(pg: PgDatabases, tmp_path: Path) -> Iterator[Server]:
    made = Server(pg.fresh(), tmp_path).start()
    made.add_stores("S001", "S002")
    yield made
    made.stop()


def test_an_admin_logs_in_by_keyboard_and_revokes_a_till(
        ho: Server, browser: WebDriver, make_till: Callable[..., Till], tmp_path: Path) -> None:
    tills = _tills(ho, make_till)
    login = new_staff(ho, "admin")
    browser.get(ho.url + "/console/login")
    assert_accessible(browser)

    _type_and_tab(browser, "login", login)  # the account field has the focus on arrival
    _type_and_tab(browser, "password", PASSWORD)
    assert browser.switch_to.active_element.get_attribute("type") == "submit"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/terminals"))

    rows = {t.app.settings.terminal_id: browser.find_element(
        By.ID, f"terminal-{t.app.settings.terminal_id}") for t in tills}
    assert all("在线" in row.text for row in rows.values())
    assert_accessible(browser)
    lost = tills[0].app.settings.terminal_id
    rows[lost].find_element(By.CSS_SELECTOR, "button.danger").click()
    WebDriverWait(browser, 10).until(lambda b: "S001 T01 已停用：" in b.page_source)

    assert "已停用" in browser.find_element(By.ID, f"terminal-{lost}").text
    assert "在线" in browser.find_element(By.ID, f"terminal-{tills[1].app.settings.terminal_id}"
                                          ).text
    with pytest.raises(SyncError) as refused:
        tills[0].sync()
    assert refused.value.code == "auth.terminal_revoked"
    _screenshot(browser, tmp_path)
    browser.find_element(By.LINK_TEXT, "审计记录").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/audit"))
    assert "terminal.revoked" in browser.page_source
    assert_accessible(browser)


def test_a_marketing_account_is_refused_the_terminals_page(
        ho: Server, browser: WebDriver) -> None:
    browser.get(ho.url + "/console/login?lang=en")
    browser.find_element(By.ID, "login").send_keys(new_staff(ho, "marketing"))
    browser.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER)
    # Marketing's first page is the rule packs (its work: packs, reports, bulk coupons).
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/packs"))

    browser.get(ho.url + "/console/terminals")

    assert "may not do this" in browser.page_source
    assert browser.find_elements(By.TAG_NAME, "table") == []


def test_member_service_finds_a_member_by_the_mobiles_tail_and_opens_the_picture(
        ho: Server, browser: WebDriver, make_till: Callable[..., Till], tmp_path: Path) -> None:
    till = make_till("M", store_code="S001")
    till.enroll(ho, "S001")
    member = till.register("李梅", "13612348765")
    till.sale(member, ("COAT", 1))
    till.sync()
    browser.get(ho.url + "/console/login")
    browser.find_element(By.ID, "login").send_keys(new_staff(ho, "member_service"))
    browser.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/terminals"))
    browser.find_element(By.LINK_TEXT, "会员").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/members"))
    assert_accessible(browser)

    browser.switch_to.active_element.send_keys("8765" + Keys.ENTER)  # the field has the focus
    WebDriverWait(browser, 10).until(lambda b: "找到 1 位会员" in b.page_source)
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "李梅").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(f"/console/members/{member}"))

    assert browser.find_element(By.ID, "points").text == str(till.balances(member)[0])
    assert browser.find_element(By.ID, "mobile").text == "13612348765"
    assert_accessible(browser)
    browser.execute_script("window.scrollTo(0, 0)")  # the record from its top, as it opens
    _screenshot(browser, tmp_path, "console-member.png")


def _tills(ho: Server, make_till: Callable[..., Till]) -> list[Till]:
    made = []
    now = datetime.now(UTC)  # the tills' clocks near head office's: a few seconds apart
    for name, store, off in (("A", "S001", -2), ("B", "S002", 40)):
        till = make_till(name, store_code=store, start=now + timedelta(seconds=off))
        till.enroll(ho, store)
        till.sale(None, ("SOCKS", 1))
        till.sync()
        made.append(till)
    return made


def _type_and_tab(browser: WebDriver, field: str, text: str) -> None:
    focused = browser.switch_to.active_element
    assert focused.get_attribute("id") == field
    focused.send_keys(text)
    focused.send_keys(Keys.TAB)


def _screenshot(browser: WebDriver, tmp_path: Path, name: str = "console-terminals.png") -> None:
    folder = Path(os.environ.get("KAIKA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / name
    browser.save_screenshot(str(shot))
    with Image.open(shot) as image:
        assert image.size == (WIDTH, HEIGHT)
