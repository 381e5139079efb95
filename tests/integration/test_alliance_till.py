"""An issuer's card at an alliance partner's till: the roster and agreements pulled, the card
recognised offline, priced, earning and spending the issuer's points, the wallet refused."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from db.rows_sync import SyncStateRow
from db.uow import SqlUnitOfWork
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.cards import make_card_number
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services import alliance, checkout, held
from domain.services import cart as carts
from domain.services.staff import login
from sync.apply import Applier
from sync.schema import Change

ISSUER_CARD = make_card_number("77", "1", "3101", 1)
OTHER_CARD = make_card_number("77", "1", "3101", 2)
AGREEMENT = "0193a000-0000-7000-8000-000000000001"
MEMBER = "0193a000-0000-7000-8000-00000000aaaa"


def terms(**changes: Any) -> dict[str, Any]:
    data = {"id": AGREEMENT, "alliance": "A1", "issuer_brand": "77", "issuer_name": "云裳时装",
            "issuer": "M077", "partner": "M001", "starts_on": "2025-05-01",
            "discount_bp": {"regular": 1000, "new": 500}, "points_per_yuan": 1,
            "points_spendable": True, "point_value_fen": 1, "commission_bp": 500}
    return {**data, **changes}


def roster(**changes: Any) -> dict[str, Any]:
    return {"issuer": "M077", "issuer_member_id": MEMBER, "name_masked": "张*", "tier": "金卡",
            **changes}


def pull(app: App, *changes: Change) -> int:
    with app.ctx.uow() as uow:
        done = Applier(uow=uow, acked_through_seq=0, now=app.ctx.now(), today=app.ctx.today(),
                       tz=ZoneInfo("Asia/Shanghai"), pack=app.ctx.pack,
                       terminal_id="t1").apply(list(changes))
        uow.commit()
    return done


def setup(app: App, version: int = 1, **agreement: Any) -> str:
    load_demo(app.ctx)
    pull(app, Change(entity="alliance_agreement", id=AGREEMENT, version=version,
                     data=terms(**agreement)),
         Change(entity="alliance_member", id=ISSUER_CARD, version=1, data=roster()))
    return login(app.ctx, "1001", "1357").id


def outbox(app: App, kind: str) -> list[str]:
    with sqlite3.connect(app.store.path) as raw:
        return [r[0] for r in raw.execute("SELECT payload FROM outbox WHERE type = ?", (kind,))]


def test_a_card_on_the_roster_is_an_alliance_member_with_the_benefit(app: App) -> None:
    setup(app)
    found = alliance.recognise(app.ctx, ISSUER_CARD)
    assert (found.card.issuer, found.card.name_masked, found.card.tier) == ("M077", "张*", "金卡")
    assert found.terms.issuer_name == "云裳时装"
    assert found.points_spendable


def test_a_card_not_on_the_roster_is_not_recognised(app: App) -> None:
    setup(app)
    with pytest.raises(DomainError) as err:
        alliance.recognise(app.ctx, OTHER_CARD)  # not consented: head office never sent it
    assert err.value.code == "alliance.card_not_recognised"


def test_a_voided_roster_entry_takes_the_card_off(app: App) -> None:
    setup(app)
    pull(app, Change(entity="alliance_member", id=ISSUER_CARD, version=2, data={"void": True}))
    with pytest.raises(DomainError) as err:
        alliance.recognise(app.ctx, ISSUER_CARD)
    assert err.value.code == "alliance.card_not_recognised"


def test_an_agreement_not_in_force_today_does_not_honour_the_card(app: App) -> None:
    setup(app, starts_on="2025-06-01")  # the clock is 2025-05-06
    with pytest.raises(DomainError) as err:
        alliance.recognise(app.ctx, ISSUER_CARD)
    assert err.value.code == "alliance.no_agreement_today"


def test_an_ended_agreement_replaced_by_a_new_version_stops_honouring(app: App) -> None:
    setup(app)
    pull(app, Change(entity="alliance_agreement", id=AGREEMENT, version=2,
                     data=terms(ends_on="2025-05-05")))
    with pytest.raises(DomainError) as err:
        alliance.recognise(app.ctx, ISSUER_CARD)
    assert err.value.code == "alliance.no_agreement_today"


def test_the_partner_store_holds_no_mobile_or_id_of_the_member(app: App) -> None:
    setup(app)
    with sqlite3.connect(app.store.path) as raw:
        row = raw.execute("SELECT * FROM alliance_roster").fetchall()
        members = raw.execute("SELECT count(*) FROM members WHERE id = ?", (MEMBER,)).fetchone()
    assert row == [(ISSUER_CARD, "M077", MEMBER, "张*", "金卡")]
    assert members == (0,)  # not made a member of this merchant


def sale(app: App, cashier: str, *codes: str) -> carts.Cart:
    cart = alliance.attach(app.ctx, carts.start_sale(app.ctx, cashier), ISSUER_CARD)
    for code in codes:
        cart = carts.add_item(app.ctx, cart, code)
    return cart


def test_partner_discount_by_class_and_the_issuers_points(app: App) -> None:
    cashier = setup(app)
    # A1001 regular ¥599 (10 % off), C3002 new ¥199 (5 % off), B2002 special ¥99 (none),
    # G7001 group buy ¥30 (no discount, no points).
    cart = sale(app, cashier, "A1001", "C3002", "B2002", "G7001")
    q = checkout.quote(app.ctx, cart)
    finals = {ln.sku: ln.final_fen for ln in q.priced.lines}
    assert finals == {"A1001": 53910, "C3002": 18905, "B2002": 9900, "G7001": 3000}
    assert [r["code"] for r in q.priced.lines[0].reasons] == ["discount.alliance"]
    # Earning lines: 539.10 + 189.05 + 99.00 = 827.15 → 827 points (whole yuan, rounded down).
    assert q.earning is not None and q.earning.points == 827
    done = checkout.complete(app.ctx, carts.add_tender(cart, carts.TenderRequest(
        TenderKind.CASH, given_fen=90000)))
    assert done.sale.member_id is None and done.sale.points_earned == 827
    [trade] = outbox(app, "alliance.trade")
    assert '"points_earned":827' in trade.replace(" ", "")
    assert f'"card_number":"{ISSUER_CARD}"' in trade.replace(" ", "")
    assert '"sale_fen":85715' in trade.replace(" ", "")


def test_issuer_points_pay_at_the_agreed_value_and_earn_nothing_on_what_they_paid(
        app: App) -> None:
    cashier = setup(app, point_value_fen=2)
    cart = sale(app, cashier, "F6001")  # ¥89 → 80.10 after 10 % off
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.POINTS, points=1005))
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    done = checkout.complete(app.ctx, cart)
    assert [(t.kind, t.amount_fen, t.points) for t in done.sale.tenders] == [
        (TenderKind.POINTS, 2010, 1005), (TenderKind.CASH, 6000, 0)]
    assert done.sale.points_earned == 60  # ¥60.00 paid in money
    [trade] = outbox(app, "alliance.trade")
    assert '"points_spent":1005' in trade.replace(" ", "")


def test_points_not_spendable_under_the_agreement_are_refused(app: App) -> None:
    cashier = setup(app, points_spendable=False, point_value_fen=0, points_per_yuan=0)
    cart = carts.add_tender(sale(app, cashier, "F6001"),
                            carts.TenderRequest(TenderKind.POINTS, points=100))
    with pytest.raises(DomainError) as err:
        checkout.quote(app.ctx, cart)
    assert err.value.code == "alliance.points_not_spendable_here"


def test_the_wallet_is_refused_for_another_merchants_card(app: App) -> None:
    cashier = setup(app)
    cart = carts.add_tender(sale(app, cashier, "F6001"),
                            carts.TenderRequest(TenderKind.WALLET))
    for attempt in (checkout.quote, checkout.complete):
        with pytest.raises(DomainError) as err:
            attempt(app.ctx, cart)
        assert err.value.code == "alliance.wallet_not_here"
    assert outbox(app, "alliance.trade") == []


def test_offline_points_are_bounded_by_the_allowance(app: App) -> None:
    cashier = setup(app)
    with app.ctx.uow() as uow:  # enrolled, never heard from head office: no allowance
        assert isinstance(uow, SqlUnitOfWork)
        uow.session.merge(SyncStateRow(id=1, terminal_id=app.settings.terminal_id,
                                       enrolled_at=app.ctx.now()))
        uow.commit()
    cart = carts.add_tender(sale(app, cashier, "F6001"),
                            carts.TenderRequest(TenderKind.POINTS, points=100))
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code.startswith("offline.")


def test_an_agreement_ended_while_the_sale_was_open_refuses_it_at_completion(
        app: App) -> None:
    cashier = setup(app)
    cart = carts.add_tender(sale(app, cashier, "F6001"), carts.TenderRequest(TenderKind.CASH))
    pull(app, Change(entity="alliance_member", id=ISSUER_CARD, version=2, data={"void": True}))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "alliance.card_not_recognised"


def test_a_held_alliance_sale_comes_back_recognised_again(app: App) -> None:
    cashier = setup(app)
    cart = sale(app, cashier, "F6001")
    kept = held.hold(app.ctx, cart, cashier)
    back = held.recall(app.ctx, kept.id, cashier, None)
    assert back.alliance is not None and back.alliance.card.card_number == ISSUER_CARD


def test_a_member_of_ours_replaces_the_alliance_member(app: App) -> None:
    cashier = setup(app)
    cart = replace(sale(app, cashier), member_id=None)
    cart = carts.put_member(cart, "m-ours", None, None)
    assert cart.alliance is None


def test_masking_shows_only_the_first_character() -> None:
    from domain.alliance_card import mask_for_partner
    assert [mask_for_partner(n) for n in ("张三", "欧阳娜娜", "李", " ")] == [
        "张*", "欧***", "李", ""]


def test_business_date_is_the_clock_date(app: App) -> None:
    assert app.ctx.today() == date(2025, 5, 6)
