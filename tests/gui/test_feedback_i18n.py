"""Every code the till can meet has its own sentence; sentences and screens in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import feedback, i18n
from desktop.screens.login import LoginScreen
from desktop.viewmodels.status import LINK_PROBLEMS
from domain.errors import DomainError
from domain.services.access import USE_CASES, Gate

ROOT = Path(__file__).resolve().parents[2]
# Modules whose refusals reach the cashier at the till.
TILL_SOURCES = [
    *(ROOT / "domain" / "services" / f"{name}.py"
      for name in ("cart", "checkout", "tenders", "returns", "members", "staff", "shifts",
                   "guard", "member_pin", "voids", "no_receipt", "alliance")),
    *(ROOT / "domain" / f"{name}.py"
      for name in ("pricing", "coupons", "points", "cards", "card_data", "dynamicqr", "wallet",
                   "allowances", "text", "alliance_card")),
    *(ROOT / "hardware" / f"{name}.py"
      for name in ("scan_codes", "tracks", "card_reader", "scanner", "printer", "camera")),
    *sorted((ROOT / "desktop" / "viewmodels").glob("*.py")),
    *sorted((ROOT / "desktop" / "screens").glob("*.py")),
]
CODE = re.compile(
    r"(?:DomainError|ValidationError|NotFound|DeviceError|Refused)\(\s*\"([a-z_]+\.[a-z_]+)\"")
# Raised in those modules, but by what the till never does (issuing cards and coupons, the
# front desk's top-ups and closing wallets, manager adjustments).
NOT_AT_THE_TILL = {
    "card.bad_field", "card.serials_exhausted", "card.same_number", "card.bad_expiry",
    "card.already_linked", "card.secret_invalid", "coupon.template_expired",
    "coupon.template_unknown", "coupon.template_invalid", "coupon.not_redeemed",
    "coupon.manager_required", "wallet.bad_amount", "wallet.topup_too_small",
    "wallet.topup_tender", "wallet.manager_required", "wallet.refund_exceeds_payment",
    "points.paid_negative", "points.non_money_exceeds_total", "points.lot_overdrawn",
    "points.adjust_zero", "points.amount", "points.bonus_amount", "points.bonus_reason",
    "points.reason_required", "points.voucher_unknown",
    "member.referrer_unknown", "tender.unknown", "return.sale_step_failed",
    "return.sku_not_in_sale", "staff.number_taken", "pin.bad_format", "pin.too_simple",
    "form.required",
}


def till_codes() -> set[str]:
    found: set[str] = set()
    for path in TILL_SOURCES:
        if path.exists():
            found |= set(CODE.findall(path.read_text(encoding="utf-8")))
    # A manager's approval missing: each gate's own code (domain/services/access.py).
    found |= {g.approval for g in USE_CASES.values() if isinstance(g, Gate) and g.approval}
    # Codes made from a state: card.{state} and member.{status}.
    found |= {"card.lost", "card.replaced", "card.closed", "member.frozen", "member.closed",
              "printer.offline", "printer.disconnected", "printer.timeout", "scanner.offline",
              "card.offline", "display.offline", "camera.offline", "scanner.garbage",
              "scanner.truncated", "card.garbage", "card.truncated"}
    found |= LINK_PROBLEMS  # sync errors the status bar shows in words
    return found - NOT_AT_THE_TILL


def test_every_code_the_till_can_meet_has_its_own_sentence() -> None:
    codes = till_codes()
    assert len(codes) > 80  # the scan found the modules
    missing = sorted(code for code in codes if not feedback.is_known(code))
    assert missing == []


def test_money_and_counts_are_filled_in_with_the_locale() -> None:
    error = DomainError("tender.exceeds_due", kind="cash", amount_fen=123450, due_fen=30000)
    assert feedback.describe(error).text == (
        "￥1,234.50 is more than the ￥300.00 still due. Enter a smaller amount.")
    assert feedback.describe(DomainError("points.insufficient", needed=5000,
                                         available=1200)).text == (
        "The member has only 1,200 points.")


def test_device_faults_are_notices_and_name_the_device() -> None:
    message = feedback.describe(DomainError("printer.disconnected", address="tcp://x"))
    assert message.severity is feedback.Severity.NOTICE
    assert message.text == ("The receipt printer connection dropped. Check the cable or "
                            "network.")
    assert feedback.describe(DomainError("card.lost")).severity is feedback.Severity.REFUSAL


def test_unknown_code_names_itself_and_missing_params_never_show_braces() -> None:
    assert feedback.describe(DomainError("zz.new_rule")).text == (
        "That was refused (zz.new_rule). Tell the manager this code.")
    assert "{" not in feedback.describe(DomainError("sale.unbalanced")).text


def test_unexpected_error_says_whether_the_sale_is_saved() -> None:
    assert feedback.unexpected("7F3A2B", "S001-T01-000009") == (
        "Something went wrong, but sale S001-T01-000009 is saved. Support code: 7F3A2B")
    assert feedback.unexpected("7F3A2B", None).startswith(
        "Something went wrong. The items on screen are kept; nothing was paid.")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    installed = i18n.install(qapp, "zh_CN")
    yield
    i18n.uninstall(qapp, installed)
    i18n.install(qapp, "en")


def test_chinese_sentences_screens_and_money(chinese: None, qtbot) -> None:
    error = DomainError("tender.exceeds_due", kind="cash", amount_fen=123450, due_fen=30000)
    assert feedback.describe(error).text == "￥1,234.50 超过待收的 ￥300.00，请输入较小的金额。"
    assert i18n.rate_text("0.85") == "8.5折"
    screen = LoginScreen("开卡示范店")
    qtbot.addWidget(screen)
    assert screen.number.placeholderText() == "工号"
    assert screen.button.text() == "回车 登录"


def test_every_source_text_has_a_chinese_translation() -> None:
    ts = (ROOT / "resources" / "i18n" / "kaika_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    assert ts.count("<source>") > 250


def test_english_rates_and_money(qapp: QApplication) -> None:
    assert i18n.rate_text("0.85") == "15% off"
    assert i18n.money(-123456) == "-￥1,234.56"
    assert i18n.parse_money("１,２３4.5") == 123450
    assert i18n.parse_money("12.345") is None
    assert i18n.parse_money("abc") is None
