"""The same sale rung up through the till's view-models and replayed by `kaika simulate` gives the
same figures: one sale path (domain/services/till.py) for both (issue 18 §2)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.bootstrap import App, open_app
from desktop.cli import main
from desktop.cli_store import scenario_settings
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.payment import PaymentViewModel
from desktop.viewmodels.sale import SaleViewModel
from domain.cards import make_card_number, track2_data
from domain.clock import FixedClock
from domain.scenario import parse_scenario
from domain.services.members import member_view
from domain.services.simulate import CASHIER, SIM_PIN, Simulation
from domain.services.staff import login

AT = "2025-03-08T10:00:00+08:00"
CARD = make_card_number("13", "0", "3101", 1)
MOBILE = "13800138000"
SCENARIO: dict[str, Any] = {
    "rulepack": "fashion",
    "catalog": [
        {"sku": "A", "name": "外套", "price_fen": 60000, "class": "regular", "category": "coat"},
        {"sku": "B", "name": "丝巾", "price_fen": 8900, "class": "special", "category": "scarf"},
    ],
    "members": [{"ref": "m1", "name": "张三", "mobile": MOBILE, "birthday": "1991-07-08",
                 "tier": "银卡", "joined": "2024-01-01", "card": CARD,
                 "points_lots": [{"earned_on": "2024-06-01", "points": 2000}],
                 "wallet": {"principal_fen": 80000, "bonus_fen": 8000}}],
    "coupons": [{"ref": "c1", "member": "m1", "kind": "cash", "amount_fen": 5000,
                 "min_spend_fen": 20000, "stackable": False, "valid_from": "2025-01-01",
                 "valid_to": "2025-12-31"}],
    # Scanned: A, A (one line of two), B; the card swiped; a coupon; points, stored value
    # above the PIN amount (the PIN typed), and the rest in cash with change.
    "steps": [{"at": AT, "do": "sale", "member": "m1",
               "lines": [{"sku": "A", "qty": 1}, {"sku": "A", "qty": 1}, {"sku": "B", "qty": 1}],
               "coupons": ["c1"],
               "tenders": [{"type": "points", "points": 1000},
                           {"type": "wallet", "amount_fen": 60000},
                           {"type": "cash", "given_fen": 60000}]}],
}


def ledgers(app: App, member_id: str) -> dict[str, Any]:
    with app.ctx.reader() as uow:
        balances = uow.members.balances(member_id)
        points = sorted((e.kind, e.points) for e in uow.points.entries(member_id))
        wallet = sorted((e.kind, e.principal_fen, e.bonus_fen)
                        for e in uow.wallet.entries(member_id))
    return {"points": balances.points, "principal": balances.wallet_principal_fen,
            "bonus": balances.wallet_bonus_fen, "points_ledger": points, "wallet_ledger": wallet}


def simulated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, Any],
                                                                          dict[str, Any]]:
    scenario = tmp_path / "sale.json"
    scenario.write_text(json.dumps(SCENARIO, ensure_ascii=False), "utf-8")
    db = tmp_path / "simulated.sqlite3"
    assert main(["simulate", "--db", str(db), str(scenario)]) == 0
    step = json.loads(capsys.readouterr().out)["steps"][0]
    assert "error" not in step, step
    app = open_app(db, clock=FixedClock(datetime.fromisoformat(AT)))
    try:
        with app.ctx.reader() as uow:
            member = uow.members.by_mobile(MOBILE)
        assert member is not None
        return step, ledgers(app, member.id)
    finally:
        app.close()


def test_the_till_and_simulate_give_the_same_figures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    step, sim_ledgers = simulated(tmp_path, capsys)
    scenario = parse_scenario(SCENARIO)
    clock = FixedClock(datetime.fromisoformat(AT))
    app = open_app(tmp_path / "till.sqlite3", clock=clock, settings=scenario_settings(scenario))
    try:
        sim = Simulation(app.ctx, clock)
        sim.load(scenario)  # the same starting state, seeded the same way
        cashier = login(app.ctx, CASHIER[0], SIM_PIN)
        sale = SaleViewModel.start(TillEnv(app.ctx, "开卡"), cashier, None)
        for code in ("A", "A", "B"):
            sale.enter(code, scanned=True)
        card = member_view(app.ctx, sim.members["m1"]).card
        assert card is not None
        sale.attach_swipe(None, track2_data(card.number, card.expiry, app.ctx.card_secret))
        sale.add_coupon(sim.coupons["c1"])
        pay = PaymentViewModel(sale)
        pay.add_points(1000)
        assert pay.wallet_needs_pin(60000)
        pay.add_wallet(60000, pin=MOBILE[-6:])
        pay.add_cash(60000)
        done = pay.complete()
        till_ledgers = ledgers(app, sim.members["m1"])
    finally:
        app.close()
    assert [(ln.sku, ln.qty) for ln in done.sale.lines] == [("A", 2), ("B", 1)]
    assert done.sale.total_fen == step["due_fen"]
    assert done.sale.points_earned == step["points_earned"] > 0
    assert [(t.kind.value, t.amount_fen) for t in done.sale.tenders] == [
        (t["kind"], t["amount_fen"]) for t in step["tenders"]]
    assert sum(t.change_fen for t in done.sale.tenders) == step["change_fen"] > 0
    assert till_ledgers == sim_ledgers
    assert till_ledgers["points"] == step["members"]["m1"]["points"]
    assert till_ledgers["principal"] == step["members"]["m1"]["wallet_principal_fen"]
