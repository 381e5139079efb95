"""Headless Chromium for the head-office page tests, and the accessibility checks every page
must pass (labels, contrast, axe-core's WCAG 2 A and AA rules, the page's language)."""

from __future__ import annotations

import shutil
from pathlib import Path

import axe_selenium_python
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

# WCAG AA: 4.5:1 for text. Checked on every visible text element against its background.
CONTRAST_JS = (Path(__file__).with_name("contrast.js")).read_text(encoding="utf-8")
# axe-core as axe-selenium-python ships it (tests only): the accessibility rules run in the page.
AXE_JS = (Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
          ).read_text(encoding="utf-8")


def chromium(width: int, height: int, *, mobile: bool) -> WebDriver:
    """Debian's Chromium, headless, its viewport exactly `width`×`height` CSS pixels."""
    driver_path, binary = shutil.which("chromedriver"), shutil.which("chromium")
    assert driver_path and binary, "install Debian's chromium and chromium-driver (./dev.sh)"
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    return driver


def assert_accessible(browser: WebDriver) -> None:
    """Every visible input has a label; every text meets 4.5:1 contrast; axe finds nothing;
    the page says its language."""
    unlabelled = browser.execute_script(
        "return [...document.querySelectorAll('input:not([type=hidden])')]"
        ".filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label'))"
        ".map(i => i.name)")
    assert unlabelled == []
    assert browser.execute_script(CONTRAST_JS) == []
    assert axe(browser) == []
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") in ("zh-CN", "en")


def axe(browser: WebDriver) -> list[str]:
    """axe-core's violations (WCAG 2 A and AA rules) on the page, as `rule: element`."""
    browser.execute_script(AXE_JS)
    found = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
        ".then(r => done(r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.html))))"
        ".catch(e => done(['axe failed: ' + e]));")
    return list(found)
