"""The "Rules" page: the pack in force shown, another checked, tried on store copies, switched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QTableWidget, QTextBrowser

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.rules import RulesPage
from domain.errors import DomainError
from domain.packload import PACK_DIR
from domain.records import TenderKind
from domain.services import audit as audit_service
from domain.services import cart as carts
from domain.services import checkout
from domain.services.members import find_by_mobile
from domain.services.staff import login
from tests.gui.conftest import Cashier, tasks_done
from tests.gui.test_manage_audit import cells, office_login


def open_rules(keys: Cashier, window: MainWindow) -> RulesPage:
    office_login(keys, window, "2001", "2468")
    assert window.office is not None
    page = window.office.open("manage_rules")
    assert isinstance(page, RulesPage)
    keys.qtbot.waitUntil(lambda: QApplication.focusWidget() is page.path)
    return page


def pack_file(tmp_path: Path, name: str = "ladder10", change: tuple[str, str] = ("", "")
              ) -> Path:
    text = (PACK_DIR / f"{name}.toml").read_text(encoding="utf-8")
    path = tmp_path / f"{name}-edit.toml"
    path.write_text(text.replace(*change) if change[0] else text, encoding="utf-8")
    return path


def test_the_pack_in_force_is_shown_readably(window: MainWindow, cashier_keys: Cashier) -> None:
    page = open_rules(cashier_keys, window)
    assert cashier_keys.child("rules_in_force", page).text() == "In force: 服装连锁 (fashion)"
    shown = cashier_keys.child("rules_current", page).toPlainText()
    for expected in ("银卡", "one sale ≥ ￥2,500.00", "or ≥ ￥3,000.00 in 12 months", "15% off",
                     "≥ ￥200.00 ×2, ≥ ￥1,000.00 ×3", "￥1,000.00 → +￥50.00",
                     "31 December of the next year", "5 sales in a day"):
        assert expected in shown
    assert not cashier_keys.child("rules_switch", page).isEnabled()


def test_a_pack_with_a_mistake_names_file_key_and_problem(window: MainWindow,
                                                          cashier_keys: Cashier,
                                                          tmp_path: Path) -> None:
    page = open_rules(cashier_keys, window)
    bad = pack_file(tmp_path, "fashion", ('discount_rate = "0.85"', 'discount_rate = "1.85"'))
    cashier_keys.type(str(bad))
    error: QLabel = cashier_keys.child("rules_error", page)
    assert error.text() == (f"This pack cannot be used. File: {bad} · Key: "
                            "tiers[1].discount_rate · the value is out of range "
                            "(1.85: ≤ 1)")
    assert not cashier_keys.child("rules_try", page).isEnabled()
    broken = pack_file(tmp_path, "retail", ("[pricing]", "[pricing"))
    page.load(broken)
    assert error.text().startswith(f"This pack cannot be used. File: {broken} · Key: line ")
    assert error.text().endswith("the file is not valid TOML")


def test_trying_a_pack_shows_both_results_and_leaves_the_store_alone(
        store: App, window: MainWindow, cashier_keys: Cashier, tmp_path: Path) -> None:
    page = open_rules(cashier_keys, window)
    page.load(pack_file(tmp_path))
    candidate: QTextBrowser = cashier_keys.child("rules_candidate", page)
    assert "五钻" in candidate.toPlainText()
    cashier_keys.press(Qt.Key.Key_F5)
    tasks_done(cashier_keys.qtbot, window)
    trial: QTableWidget = cashier_keys.child("rules_trial", page)
    assert trial.rowCount() == 6  # five steps and the totals
    assert cells(trial, 1)[:5] == ["Sale m1"] * 4 + ["Top-up m1"]
    assert cells(trial, 5)[-1] == "银卡" and cells(trial, 9)[-1] == "银牌"
    assert cells(trial, 3)[3] == "￥134.70" and cells(trial, 7)[3] == ""  # 8.5折 vs none
    assert cells(trial, 2)[4] == cells(trial, 6)[4] == "bonus ￥50.00"
    with pytest.raises(DomainError):
        find_by_mobile(store.ctx, "19900000001")


def test_trying_on_a_shipped_scenario_file(window: MainWindow, cashier_keys: Cashier,
                                           tmp_path: Path) -> None:
    page = open_rules(cashier_keys, window)
    page.load(pack_file(tmp_path, "retail"))
    scenario: QComboBox = cashier_keys.child("rules_scenario", page)
    scenario.setCurrentIndex(scenario.findText("tier_upgrade"))
    cashier_keys.child("rules_try", page).click()
    tasks_done(cashier_keys.qtbot, window)  # two store copies, on the task runner
    trial: QTableWidget = cashier_keys.child("rules_trial", page)
    assert trial.rowCount() == 3
    assert cells(trial, 5)[:2] == ["银卡", "银卡"] and cells(trial, 9)[:2] == ["会员", "会员"]


def test_switching_is_confirmed_audited_and_prices_the_next_sale(
        store: App, window: MainWindow, cashier_keys: Cashier, tmp_path: Path) -> None:
    page = open_rules(cashier_keys, window)
    source = pack_file(tmp_path)
    page.load(source)
    cashier_keys.press(Qt.Key.Key_F9)
    cashier_keys.dialog("rules_confirm")
    cashier_keys.press(Qt.Key.Key_Return)
    cashier_keys.no_dialog()
    assert cashier_keys.child("rules_in_force", page).text().endswith("(ladder10)")
    assert store.ctx.pack.name == "ladder10"
    switched = audit_service.page(store.ctx, audit_service.query_for(
        store.ctx, action="rulepack_switched")).entries
    assert [(e.target, e.details["before"]) for e in switched] == [("ladder10", "fashion")]
    source.unlink()  # the store keeps its own copy
    cashier = login(store.ctx, "1001", "1357")
    cart = carts.start_sale(store.ctx, cashier.id)
    cart = carts.add_item(store.ctx, cart, "F6001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    assert checkout.complete(store.ctx, cart).sale.rulepack == "ladder10"
