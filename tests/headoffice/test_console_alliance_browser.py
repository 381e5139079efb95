"""The alliance pages in a real browser (headless Chromium, Selenium, axe), against a real head
office on PostgreSQL: head office's administrator uploads the agreements, closes last month
and downloads a merchant's statement as CSV; every page passes axe's WCAG 2 A/AA rules.

KAIKA_SCREENSHOTS=docs/screenshots saves the alliance and statement pages there (docs/web.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.headoffice.alliance_console_helpers import (
    FASHION,
    agreements_toml,
    last_month,
    set_up,
    trade,
)
from tests.headoffice.browser import assert_accessible
from tests.headoffice.console_helpers import PASSWORD, new_staff
from tests.headoffice.test_console_browser import _screenshot, browser
from tests.sync.harness import PgDatabases, Server

__all__ = ["browser"]  # the fixture, shared with test_console_browser
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def ho(pg: PgDatabases, tmp_path: Path) -> Iterator[Server]:
    made = Server(pg.fresh(), tmp_path).start()
    made.add_stores("S001")
    set_up(made)
    yield made
    made.stop()


def _downloaded(folder: Path, name: str) -> Path:
    """The file once Chromium has finished writing it (WebDriverWait polls; no fixed sleep
    decides the outcome)."""
    target = folder / name
    WebDriverWait(None, 20, poll_frequency=0.2).until(  # type: ignore[arg-type]
        lambda _: target.exists() and not (folder / f"{name}.crdownload").exists())
    return target


def test_an_admin_uploads_agreements_closes_a_month_and_downloads_the_csv(
        ho: Server, browser: WebDriver, tmp_path: Path) -> None:
    period, first = last_month()
    agreements = tmp_path / "agreements.toml"
    agreements.write_text(agreements_toml(first), encoding="utf-8")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {
        "behavior": "allow", "downloadPath": str(downloads)})
    browser.get(ho.url + "/console/login")
    browser.find_element(By.ID, "login").send_keys(new_staff(ho, "admin"))
    browser.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/terminals"))

    browser.find_element(By.LINK_TEXT, "异业联盟").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/alliances"))
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "A1").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/console/alliances/A1"))
    assert_accessible(browser)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"agreements": [{"issuer": "M001", "partner": "M002"}]}', encoding="utf-8")
    browser.find_element(By.ID, "file").send_keys(str(wrong))
    browser.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.ID, "problems"))
    problems = browser.find_element(By.ID, "problems").text
    assert "$.agreements[0].starts_on: 缺少这个字段。" in problems
    assert_accessible(browser)  # the refusal too
    browser.find_element(By.ID, "file").send_keys(str(agreements))
    browser.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
    WebDriverWait(browser, 10).until(lambda b: "已添加 2 份协议" in b.page_source)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#agreements tbody tr")) == 2
    assert_accessible(browser)

    trade(ho, first)  # last month's partner sales, as ingest records them
    period_field = browser.find_element(By.ID, "period")
    assert period_field.get_attribute("value") == period  # last month is offered
    period_field.submit()
    WebDriverWait(browser, 10).until(lambda b: f"{period} 已结算" in b.page_source)
    assert "-19.81" in browser.find_element(By.ID, f"period-{period}").text
    assert_accessible(browser)
    browser.execute_script("window.scrollTo(0, 0)")  # the page from its top, as it opens
    _screenshot(browser, tmp_path, "console-alliance.png")

    browser.find_element(By.ID, f"period-{period}").find_element(By.LINK_TEXT, FASHION).click()
    WebDriverWait(browser, 10).until(lambda b: "/statements/" in b.current_url)
    assert browser.find_element(By.ID, "net").text == "-19.81"
    assert_accessible(browser)
    browser.execute_script("window.scrollTo(0, 0)")
    _screenshot(browser, tmp_path, "console-alliance-statement.png")
    browser.find_element(By.ID, "csv").click()
    saved = _downloaded(downloads, f"alliance-A1-{FASHION}-{period}.csv")
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[0][:6] == ["alliance", "A1", "merchant", FASHION, "period", period]
    assert rows[-3:] == [["receivable", "", "", "", "", "", "19", "￥0.19"],
                         ["payable", "", "", "", "", "", "2000", "￥20.00"],
                         ["net", "", "", "", "", "", "-1981", "-￥19.81"]]

    browser.get(ho.url + "/console/alliances/A1/activity")
    WebDriverWait(browser, 10).until(lambda b: "联盟往来报表" in b.title)
    assert "86.50" in browser.find_element(By.ID, "ours_at_partners").text
    assert_accessible(browser)
