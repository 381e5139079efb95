"""The console's work pages in a real browser (headless Chromium, Selenium; the fixtures of
test_console_browser.py): member service corrects points and resolves a case, marketing
publishes a rule pack, reads a report and issues bulk coupons, and a role is refused a page;
axe-core finds nothing on any of them. KAIKA_SCREENSHOTS=docs/screenshots saves them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from domain.services import members as member_services
from headoffice.tables import coupons
from tests.headoffice import test_console_browser as shown
from tests.headoffice.browser import assert_accessible
from tests.headoffice.console_helpers import PASSWORD, new_staff
from tests.headoffice.test_console_browser import _screenshot
from tests.headoffice.test_console_cases import Shop as CaseShop
from tests.headoffice.test_console_cases import overdraft
from tests.sync.harness import Server, Till

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
browser, ho = shown.browser, shown.ho  # the same fixtures: a Chromium, a head office
FASHION = (Path(__file__).resolve().parents[2] / "resources" / "rulepacks" / "fashion.toml"
           ).read_text(encoding="utf-8")


def _log_in(browser: WebDriver, ho: Server, role: str, merchant: str | None = "M001") -> None:
    browser.get(ho.url + "/console/login")
    browser.find_element(By.ID, "login").send_keys(new_staff(ho, role, merchant))
    browser.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/console/login" not in b.current_url)


def _wait_for(browser: WebDriver, text: str) -> None:
    WebDriverWait(browser, 10).until(lambda b: text in b.page_source)


def test_member_service_corrects_points_and_resolves_a_case(
        ho: Server, browser: WebDriver, make_till: Callable[..., Till], tmp_path: Path) -> None:
    till = make_till("M", store_code="S001")
    till.enroll(ho, "S001")
    member = till.register("吴更正", "13312345678")
    till.sale(member, ("COAT", 1))
    till.sync()
    before = till.balances(member)[0]
    _log_in(browser, ho, "member_service")
    browser.get(ho.url + "/console/members?q=5678")
    browser.find_element(By.LINK_TEXT, "吴更正").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(member))

    browser.find_element(By.ID, "adjust-points").send_keys("+200")
    browser.find_element(By.ID, "adjust-reason").send_keys("补录小票 R-2041 的积分" + Keys.ENTER)
    _wait_for(browser, "积分已调整")

    assert browser.find_element(By.ID, "points").text == str(before + 200)
    assert_accessible(browser)
    browser.execute_script("window.scrollTo(0, 0)")  # the message, the balance, the forms
    _screenshot(browser, tmp_path, "console-corrections.png")
    till.sync()  # the correction is in the feed the till pulls
    assert till.balances(member)[0] == before + 200

    case_id = overdraft(CaseShop(ho, till, member))
    browser.find_element(By.LINK_TEXT, "对账案件").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/cases"))
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, f"#case-{case_id} a").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(case_id))
    assert_accessible(browser)
    _screenshot(browser, tmp_path, "console-case.png")
    browser.find_element(By.ID, "note").send_keys("已电话联系会员，差额在门店补齐")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/resolve'] button").click()
    _wait_for(browser, "案件已处理")

    assert browser.find_element(By.ID, "case-note").text == "已电话联系会员，差额在门店补齐"
    assert_accessible(browser)


def test_marketing_publishes_a_pack_reads_a_report_and_issues_coupons_once(
        ho: Server, browser: WebDriver, make_till: Callable[..., Till], tmp_path: Path) -> None:
    till = make_till("K", store_code="S001")
    till.enroll(ho, "S001")
    member = member_services.register(till.ctx, {
        "name": "郑同意", "mobile": "13312340000", "privacy_accepted": True,
        "consent_marketing": True}, till.desk).member.id
    till.sale(member, ("COAT", 1))
    till.sync()
    pack = tmp_path / "spring.json"
    pack.write_text(json.dumps({"rulepack": {"name": "spring", "toml": FASHION.replace(
        'name = "fashion"', 'name = "spring"').replace('review_bonus = 10', 'review_bonus = 30')},
        "prices": [{"sku": "COAT", "price_fen": 89900}]}, ensure_ascii=False), encoding="utf-8")
    _log_in(browser, ho, "marketing")
    browser.get(ho.url + "/console/packs")
    assert_accessible(browser)

    browser.find_element(By.ID, "pack-file").send_keys(str(pack))
    browser.find_element(By.CSS_SELECTOR, "form[action='/console/packs/check'] button").click()
    _wait_for(browser, "points.review_bonus")
    assert_accessible(browser)
    _screenshot(browser, tmp_path, "console-pack.png")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/publish'] button").click()
    _wait_for(browser, "已发布")
    till.sync()
    with till.app.store.reader() as uow:
        assert uow.products.get("COAT").price_fen == 89900

    browser.find_element(By.LINK_TEXT, "报表").click()
    WebDriverWait(browser, 10).until(lambda b: "/console/reports" in b.current_url)
    Select(browser.find_element(By.ID, "report")).select_by_value("sales")
    for field, day in (("start", "2025-05-01"), ("end", "2025-05-31")):  # the till's month
        browser.execute_script(f"arguments[0].value = '{day}'",
                               browser.find_element(By.ID, field))
    browser.find_element(By.CSS_SELECTOR, "form[action='/console/reports'] button").click()
    _wait_for(browser, "S001")
    assert browser.find_elements(By.ID, "csv")
    assert_accessible(browser)
    _screenshot(browser, tmp_path, "console-reports.png")

    browser.find_element(By.LINK_TEXT, "批量发券").click()
    Select(browser.find_element(By.ID, "template")).select_by_value("checkin50")
    Select(browser.find_element(By.ID, "store")).select_by_value("S001")
    browser.find_element(By.CSS_SELECTOR, "#segment button").click()
    _wait_for(browser, "符合条件的会员：1 位")
    assert_accessible(browser)
    _screenshot(browser, tmp_path, "console-coupons.png")
    ActionChains(browser).double_click(
        browser.find_element(By.CSS_SELECTOR, "#issue button")).perform()
    _wait_for(browser, "张券")

    with ho.engine.connect() as conn:
        issued = list(conn.scalars(sa.select(coupons.c.member_id).where(
            coupons.c.template_code == "checkin50")))
    assert issued == [member]
    assert_accessible(browser)


def test_member_service_is_refused_the_rule_packs_page(ho: Server, browser: WebDriver) -> None:
    _log_in(browser, ho, "member_service")

    browser.get(ho.url + "/console/packs")

    assert "不能执行此操作" in browser.page_source
    assert browser.find_elements(By.ID, "pack-file") == []
    assert_accessible(browser)
