"""The manager's services: staff administration, card alerts, audit trail and rule packs."""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.bootstrap import App, open_app, rulepack_folder, scratch_copy
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.errors import DomainError, RulePackError
from domain.packload import PACK_DIR
from domain.records import Role, TenderKind
from domain.services import audit as audit_service
from domain.services import cart as carts
from domain.services import checkout, rules, till
from domain.services import staff as staff_service
from domain.services.card_alerts import card_alerts
from domain.services.members import find_by_card, find_by_mobile


@pytest.fixture
def demo(app: App) -> list[str]:
    return load_demo(app.ctx)


def who(app: App, number: str, pin: str) -> staff_service.Staff:
    return staff_service.login(app.ctx, number, pin)


def ring(app: App, cashier_id: str, member_id: str, card: str) -> None:
    cart = carts.start_sale(app.ctx, cashier_id)
    cart = replace(cart, member_id=member_id, card_number=card)
    cart = carts.add_item(app.ctx, cart, "F6001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    checkout.complete(app.ctx, cart)


# --- staff and roles ---------------------------------------------------------------------------

def test_a_manager_runs_the_floor_and_only_an_admin_makes_managers(app: App,
                                                                   demo: list[str]) -> None:
    manager, admin = who(app, "2001", "2468"), who(app, "0001", "8024")
    with pytest.raises(DomainError) as refused:
        staff_service.create_staff(app.ctx, manager, "2002", "新店长", Role.MANAGER, "4826")
    assert refused.value.code == "staff.role_not_allowed"
    made = staff_service.create_staff(app.ctx, manager, "1002", "新收银", Role.CASHIER, "4826")
    assert who(app, "1002", "4826").id == made.id
    promoted = staff_service.create_staff(app.ctx, admin, "2002", "新店长", Role.MANAGER, "4826")
    with pytest.raises(DomainError) as refused:
        staff_service.set_active(app.ctx, manager, promoted.id, False)
    assert refused.value.code == "staff.role_not_allowed"


def test_new_staff_fields_are_named_when_wrong(app: App, demo: list[str]) -> None:
    manager = who(app, "2001", "2468")
    cases = [("12a4", "甲", "4826", "staff.bad_number", "number"),
             ("1003", " ", "4826", "form.required", "name"),
             ("1003", "甲\x00乙", "4826", "form.control_char", "name"),
             ("1001", "甲", "4826", "staff.number_taken", "number"),
             ("1003", "甲", "1234", "pin.too_simple", "pin")]
    for number, name, pin, code, field in cases:
        with pytest.raises(DomainError) as refused:
            staff_service.create_staff(app.ctx, manager, number, name, Role.CASHIER, pin)
        assert (refused.value.code, refused.value.params["field"]) == (code, field)


def test_deactivated_staff_cannot_log_in_until_reactivated(app: App, demo: list[str]) -> None:
    manager = who(app, "2001", "2468")
    cashier = who(app, "1001", "1357")
    staff_service.set_active(app.ctx, manager, cashier.id, False)
    with pytest.raises(DomainError) as refused:
        who(app, "1001", "1357")
    assert refused.value.code == "staff.inactive"
    staff_service.set_active(app.ctx, manager, cashier.id, True)
    assert who(app, "1001", "1357").active
    with pytest.raises(DomainError) as own:
        staff_service.set_active(app.ctx, manager, manager.id, False)
    assert own.value.code == "staff.own_account"


def test_role_changes_are_audited_and_count_at_once(app: App, demo: list[str]) -> None:
    admin = who(app, "0001", "8024")
    second = staff_service.create_staff(app.ctx, admin, "0002", "副管理员", Role.ADMIN, "4826")
    staff_service.change_role(app.ctx, second, admin.id, Role.MANAGER)
    with pytest.raises(DomainError) as refused:  # `admin` still says admin; the store does not
        staff_service.change_role(app.ctx, admin, second.id, Role.MANAGER)
    assert refused.value.code == "staff.role_not_allowed"
    with pytest.raises(DomainError) as own:  # so one active administrator always remains
        staff_service.change_role(app.ctx, second, second.id, Role.MANAGER)
    assert own.value.code == "staff.own_account"
    page = audit_service.page(app.ctx, audit_service.query_for(app.ctx,
                                                               action="staff_role_changed"))
    assert [(e.target, e.staff_id, e.details) for e in page.entries] == [
        ("0001", second.id, {"before": "admin", "after": "manager"})]


def test_a_linked_staff_card_is_refused_at_their_own_till(app: App, demo: list[str]) -> None:
    manager, cashier = who(app, "2001", "2468"), who(app, "1001", "1357")
    staff_service.link_staff_card(app.ctx, manager, cashier.id, demo[1])
    listed = {s.number: s for s in staff_service.list_staff(app.ctx)}
    assert listed["1001"].card_number == demo[1]
    view = find_by_card(app.ctx, demo[1])
    assert view.card is not None and view.card.is_staff
    cart = carts.start_sale(app.ctx, cashier.id)
    with pytest.raises(DomainError) as refused:
        till.attach_member(app.ctx, till.TillSale(cart), view, till.Presented.SWIPE)
    assert refused.value.code == "card.staff_own_till"


def test_a_card_used_more_than_the_pack_limit_in_a_day_is_alerted(app: App,
                                                                   demo: list[str]) -> None:
    cashier = who(app, "1001", "1357")
    busy, calm = find_by_card(app.ctx, demo[1]), find_by_card(app.ctx, demo[2])
    limit = app.ctx.pack.cards.staff_card_daily_alert
    for _ in range(limit + 1):
        ring(app, cashier.id, busy.member.id, demo[1])
    for _ in range(limit):
        ring(app, cashier.id, calm.member.id, demo[2])
    alerts = card_alerts(app.ctx)
    assert [(a.card_number, a.uses, a.business_date) for a in alerts] == [
        (demo[1], limit + 1, app.ctx.today())]
    assert alerts[0].member_name == busy.member.name


# --- audit trail -------------------------------------------------------------------------------

def test_audit_pages_newest_first_and_filters(app: App, demo: list[str],
                                              clock: FixedClock) -> None:
    manager = who(app, "2001", "2468")
    clock.advance(timedelta(days=1))
    who(app, "1001", "1357")
    everything = audit_service.page(app.ctx, audit_service.query_for(app.ctx), 0, 3)
    assert everything.total > 3 and len(everything.entries) == 3
    assert everything.entries[0].action == "login" and everything.entries[0].target == "1001"
    logins = audit_service.query_for(app.ctx, action="login", staff_id=manager.id)
    assert [e.target for e in audit_service.page(app.ctx, logins).entries] == ["2001"]
    tomorrow = audit_service.query_for(app.ctx, since=app.ctx.today())
    assert [e.target for e in audit_service.page(app.ctx, tomorrow).entries] == ["1001"]
    assert "login" in audit_service.action_kinds(app.ctx)
    with pytest.raises(DomainError) as refused:
        audit_service.query_for(app.ctx, since=app.ctx.today(),
                                until=app.ctx.today() - timedelta(days=1))
    assert refused.value.params["field"] == "until"


def test_export_writes_every_filtered_entry(app: App, demo: list[str]) -> None:
    for _ in range(3):
        who(app, "2001", "2468")
    out = io.StringIO()
    query = audit_service.query_for(app.ctx, action="login")
    assert audit_service.export_csv(app.ctx, query, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {(r["staff_number"], r["staff_name"], r["subject"]) for r in rows} == {
        ("2001", "李店长", "2001")}
    assert rows[0]["time"].endswith("+08:00")


def test_a_tampered_entry_breaks_the_chain(app: App, demo: list[str]) -> None:
    assert audit_service.verify_chain(app.ctx) is None
    with sqlite3.connect(app.store.path) as raw:
        seq, entry_id = raw.execute("SELECT seq, id FROM audit_log ORDER BY seq LIMIT 1 "
                                    "OFFSET 2").fetchone()
        raw.execute("UPDATE audit_log SET target = 'someone else' WHERE seq = ?", (seq,))
    broken = audit_service.verify_chain(app.ctx)
    assert broken is not None and (broken.seq, broken.entry_id, broken.reason) == (
        seq, entry_id, "hash")


# --- rule packs --------------------------------------------------------------------------------

def bad_pack(tmp_path: Path) -> Path:
    text = (PACK_DIR / "fashion.toml").read_text(encoding="utf-8")
    path = tmp_path / "broken.toml"
    path.write_text(text.replace('discount_rate = "0.85"', 'discount_rate = "1.85"'),
                    encoding="utf-8")
    return path


def test_a_pack_with_a_mistake_names_file_key_and_problem(tmp_path: Path) -> None:
    path = bad_pack(tmp_path)
    with pytest.raises(RulePackError) as refused:
        rules.check_pack(path)
    params = refused.value.params
    assert (params["file"], params["key"], params["problem"]) == (
        str(path), "tiers[1].discount_rate", "out_of_range")


def test_trying_a_pack_compares_it_and_leaves_the_store_alone(app: App,
                                                              demo: list[str]) -> None:
    scenario = rules.basket_scenario(app.ctx.today())
    trial = rules.try_pack(scenario, app.ctx.pack, rules.check_pack("ladder10"),
                           lambda pack, clock: scratch_copy(app.ctx, pack, clock))
    assert (trial.current.pack_name, trial.candidate.pack_name) == ("fashion", "ladder10")
    assert trial.current.final_tier == "银卡" and trial.candidate.final_tier == "银牌"
    # the fourth basket is priced at silver's 8.5折 in fashion; ladder10 has no discounts
    assert trial.current.steps[3].discount_fen == 13470 and trial.candidate.discount_fen == 0
    assert trial.current.steps[4].bonus_fen == trial.candidate.steps[4].bonus_fen == 5000
    assert all(s.error is None for s in trial.current.steps + trial.candidate.steps)
    with pytest.raises(DomainError):
        find_by_mobile(app.ctx, "19900000001")


def test_switching_keeps_a_copy_of_the_file_and_is_audited(app: App, demo: list[str],
                                                           tmp_path: Path,
                                                           clock: FixedClock) -> None:
    source = tmp_path / "mine.toml"
    source.write_text((PACK_DIR / "ladder10.toml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    manager, cashier = who(app, "2001", "2468"), who(app, "1001", "1357")
    with pytest.raises(DomainError):
        rules.switch_pack(app.ctx, cashier, source, rulepack_folder(app.ctx))
    pack = rules.switch_pack(app.ctx, manager, source, rulepack_folder(app.ctx))
    source.unlink()
    assert app.ctx.pack.name == pack.name == "ladder10"
    entry = audit_service.page(app.ctx, audit_service.query_for(
        app.ctx, action="rulepack_switched")).entries[0]
    assert entry.details["before"] == "fashion" and entry.target == "ladder10"
    app.close()
    reopened = open_app(app.store.path, clock=clock)
    try:
        assert reopened.ctx.pack.name == "ladder10"
        assert Path(reopened.settings.rulepack).parent == rulepack_folder(reopened.ctx)
    finally:
        reopened.close()
