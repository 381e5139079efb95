"""No card data where it must not be: every service refuses a bank card's number in free text,
says which field, and nothing of it reaches the store database, its outbox or its audit trail."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain import importing
from domain.errors import DomainError, ValidationError
from domain.forms import FormErrors
from domain.records import TenderKind
from domain.services import (
    campaigns,
    checkout,
    imports,
    members,
    profiles,
    returns,
    rewards,
    voids,
)
from domain.services import cart as carts
from domain.services import wallet as wallet_service
from domain.services.members import find_by_card
from domain.services.staff import login
from tests.staffing import desk, manager

PAN = "6212345678901234569"  # a 19-digit UnionPay-style number, Luhn-valid
TYPED = "6212 3456 7890 1234 569"
VISA = "4111111111111111"


def stored_text(app: App) -> str:
    """Every row of every table (outbox payloads and audit details included), as SQL text."""
    with sqlite3.connect(app.store.path) as raw:
        return "\n".join(raw.iterdump())


def assert_nowhere(app: App, *numbers: str) -> None:
    dump = stored_text(app)
    for number in numbers:
        assert number not in dump
        assert number not in dump.replace(" ", "").replace("-", "")


def refused(call: Callable[[], object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert (caught.value.code, caught.value.params) == ("card.number_in_text", {"field": field})


@pytest.fixture
def demo(app: App) -> list[str]:
    return load_demo(app.ctx)


def test_a_bank_card_tender_whose_reference_is_a_card_number_is_refused(
        app: App, demo: list[str]) -> None:
    cashier = login(app.ctx, "1001", "1357")
    cart = carts.start_sale(app.ctx, cashier.id)
    cart = carts.add_item(app.ctx, cart, "A1001")
    for reference in (PAN, TYPED, f"slip {VISA}", demo[0]):  # our member card numbers too
        refused(lambda r=reference: carts.add_tender(cart, carts.TenderRequest(
            TenderKind.BANK_CARD, reference=r)), "reference")
    assert cart.tenders == ()
    # A cart that got one some other way (an old held sale) is refused at checkout as well.
    visa = carts.TenderRequest(TenderKind.BANK_CARD, reference=VISA)
    cart = replace(cart, tenders=(*cart.tenders, visa))
    refused(lambda: checkout.complete(app.ctx, cart), "reference")
    cart = replace(cart,
                   tenders=(carts.TenderRequest(TenderKind.BANK_CARD, reference="POS 889900"),))
    done = checkout.complete(app.ctx, cart)
    assert [t.reference for t in done.sale.tenders] == ["POS 889900"]
    assert_nowhere(app, PAN, VISA)


def test_free_text_that_is_kept_refuses_a_card_number_and_names_the_field(
        app: App, demo: list[str]) -> None:
    cashier = login(app.ctx, "1001", "1357")
    manager = login(app.ctx, "2001", "2468")
    zhang = find_by_card(app.ctx, demo[0]).member
    refused(lambda: wallet_service.top_up(app.ctx, zhang.id, 50000, cashier.id,
                                          TenderKind.BANK_CARD, TYPED), "reference")
    refused(lambda: rewards.adjust_points(app.ctx, zhang.id, 100, f"refund to {PAN}",
                                          manager.id), "reason")
    refused(lambda: campaigns.check_in(app.ctx, zhang.id, f"VIP night {VISA}", desk(app.ctx)),
            "event")
    cart = carts.start_sale(app.ctx, cashier.id)
    cart = carts.add_item(app.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    sale = checkout.complete(app.ctx, cart).sale
    refused(lambda: voids.void_sale(app.ctx, sale.receipt_no, None,
                                    f"customer paid by {TYPED}", cashier_id=manager.id),
            "reason")
    voids.void_sale(app.ctx, sale.receipt_no, None, "wrong size", cashier_id=manager.id)
    assert_nowhere(app, PAN, VISA)


def test_the_member_form_refuses_a_card_number_in_every_free_text_field(
        app: App, demo: list[str]) -> None:
    form = {"name": "刘一", "mobile": "13600136000", "privacy_accepted": True,
            "notes": f"卡号 {TYPED}", "address": f"{VISA} 号", "occupation": PAN,
            "tags": ["vip", VISA], "referrer": PAN}
    with pytest.raises(FormErrors) as bad:
        members.register(app.ctx, form, desk(app.ctx))
    assert bad.value.by_field() == {f: "card.number_in_text" for f in (
        "notes", "address", "occupation", "tags", "referrer")}
    assert all(set(e.params) == {"field"} for e in bad.value.errors)
    # Mobile and referrer keep their own rules: a +86 mobile refers, a card number too.
    done = members.register(app.ctx, {"name": "刘一", "mobile": "13600136000",
                                      "privacy_accepted": True, "referrer": "+86 138 0013 8000",
                                      "notes": "likes blue"}, desk(app.ctx))
    with pytest.raises(FormErrors) as bad:
        profiles.update_member(app.ctx, done.member.id, {"notes": f"paid {VISA}"},
                               desk(app.ctx))
    assert bad.value.by_field() == {"notes": "card.number_in_text"}
    assert_nowhere(app, PAN, VISA)


def test_an_import_row_with_a_card_number_is_refused_without_echoing_it(
        app: App, demo: list[str]) -> None:
    sheet = ("姓名,手机,备注,积分,等级\n"
             f"陈一,13500135000,{TYPED},100,\n"
             f"钱二,13500135001,,{VISA},\n"
             f"孙三,13500135002,,,{PAN}\n"
             "李五,13500135003,老会员,100,\n")
    table = importing.parse_csv(sheet.encode("utf-8"))
    done = imports.import_members(app.ctx, table, {}, manager(app.ctx))
    assert [(e.row, e.column, e.code) for e in done.checked.errors] == [
        (2, "备注", "card.number_in_text"), (3, "积分", "card.number_in_text"),
        (4, "等级", "card.number_in_text")]
    assert all(not e.params for e in done.checked.errors)  # no value echoed back
    assert len(done.member_ids) == 1
    assert_nowhere(app, PAN, VISA)


def test_a_card_number_in_a_look_up_never_comes_back_in_the_refusal(
        app: App, demo: list[str]) -> None:
    cashier = login(app.ctx, "1001", "1357")
    cart = carts.start_sale(app.ctx, cashier.id)
    with pytest.raises(DomainError) as unknown:
        cart = carts.add_item(app.ctx, cart, f"{VISA}=29121010000")
    assert unknown.value.params == {"code": "[card ****1111]=29121010000"}
    with pytest.raises(DomainError) as no_sale:
        returns.return_with_receipt(app.ctx, TYPED, {1: 1}, cashier.id)
    assert no_sale.value.params == {"receipt": "[card ****4569]"}
