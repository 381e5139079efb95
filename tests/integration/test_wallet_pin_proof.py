"""A wallet payment above the PIN threshold goes through only with a proof the PIN service
minted for that member, sale and amount, moments before, once: no flag from the caller."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.cards import track2_data
from domain.errors import DomainError
from domain.records import AuditQuery, TenderKind
from domain.services import cart as carts
from domain.services import checkout, held, member_pin, till, wallet
from domain.services.audit import page
from domain.services.cart import Cart, TenderRequest
from domain.services.members import find_by_card, find_by_mobile, find_by_swipe, shown
from domain.services.proofs import PIN_PROOF_TTL
from domain.services.staff import login

MOBILE_PIN = "138000"  # 张三 13800138000 never chose a PIN: the mobile's last six digits


@pytest.fixture
def coat(app: App) -> tuple[Cart, str]:
    """张三 (¥1,000 + ¥50 bonus in the wallet) buys the ¥599 coat at the till."""
    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=find_by_card(app.ctx, cards[0]).member.id, card_number=cards[0])
    cart = carts.add_item(app.ctx, cart, "A1001")
    return cart, cashier


def proof(app: App, cart: Cart, cashier: str, amount: int = 59900, pin: str = MOBILE_PIN,
          member: str | None = None) -> str:
    return member_pin.prove(app.ctx, member or cart.member_id or "", pin, cashier,
                            sale_id=cart.id, amount_fen=amount).token


def refusals(app: App) -> list[tuple[str, object]]:
    found = page(app.ctx, AuditQuery(action="access_refused"), 0, 50).entries
    return [(e.target, e.details.get("code")) for e in found]


def sales(app: App) -> int:
    with app.ctx.reader() as uow:
        return len(uow.sales.on_date(app.ctx.today()))


def test_a_wallet_payment_without_a_proof_is_refused_and_audited(app: App,
                                                                coat: tuple[Cart, str]) -> None:
    cart, _ = coat
    for tender in (TenderRequest(TenderKind.WALLET),
                   TenderRequest(TenderKind.WALLET, pin_proof="made-up")):
        cart = replace(cart, tenders=(tender,))
        with pytest.raises(DomainError) as err:
            checkout.quote(app.ctx, cart)
        assert err.value.code == "wallet.pin_required"
        with pytest.raises(DomainError) as err:
            checkout.complete(app.ctx, cart)
        assert err.value.code == "wallet.pin_required"
    assert refusals(app) == [("checkout.complete", "wallet.pin_required")] * 2
    assert sales(app) == 0


def test_the_right_pin_pays_once(app: App, coat: tuple[Cart, str]) -> None:
    cart, cashier = coat
    cart = replace(cart,
                   tenders=(TenderRequest(TenderKind.WALLET, pin_proof=proof(app, cart, cashier)),))
    done = checkout.complete(app.ctx, cart)
    assert done.sale.tenders[0].amount_fen == 59900
    wallet.top_up(app.ctx, cart.member_id or "", 100000, login(app.ctx, "3001", "3579").id,
                  TenderKind.MOBILE, "WX-1")
    again = carts.start_sale(app.ctx, cashier)
    again = replace(again, id=cart.id, member_id=cart.member_id)  # even dressed as the same sale
    again = replace(again, card_number=cart.card_number)
    again = carts.add_item(app.ctx, again, "A1001")  # the same coat, the same amount
    used = TenderRequest(TenderKind.WALLET, pin_proof=cart.tenders[0].pin_proof)
    again = replace(again, tenders=(used,))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, again)
    assert err.value.code == "wallet.pin_required"


def test_a_proof_is_for_its_member_sale_and_amount_only(app: App,
                                                       coat: tuple[Cart, str]) -> None:
    cart, cashier = coat
    other_sale = carts.start_sale(app.ctx, cashier)
    other_sale = replace(other_sale, member_id=cart.member_id)
    for token in (proof(app, cart, cashier, amount=50100),  # less than the coat
                  proof(app, other_sale, cashier)):  # for another sale
        cart = replace(cart, tenders=(TenderRequest(TenderKind.WALLET, pin_proof=token),))
        with pytest.raises(DomainError) as err:
            checkout.complete(app.ctx, cart)
        assert err.value.code == "wallet.pin_required"
    lisi = find_by_card(app.ctx, load_demo(app.ctx)[1]).member.id
    theirs = proof(app, cart, cashier, member=lisi, pin="139000")
    cart = replace(cart, tenders=(TenderRequest(TenderKind.WALLET, pin_proof=theirs),))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "wallet.pin_required"


def test_a_proof_lasts_minutes(app: App, coat: tuple[Cart, str], clock) -> None:  # type: ignore[no-untyped-def]
    cart, cashier = coat
    cart = replace(cart,
                   tenders=(TenderRequest(TenderKind.WALLET, pin_proof=proof(app, cart, cashier)),))
    clock.advance(PIN_PROOF_TTL + timedelta(seconds=1))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "wallet.pin_required"


def test_a_wrong_pin_mints_nothing_counts_a_try_and_is_audited(app: App,
                                                              coat: tuple[Cart, str]) -> None:
    cart, cashier = coat
    with pytest.raises(DomainError) as err:
        proof(app, cart, cashier, pin="000000")
    assert (err.value.code, err.value.params) == ("wallet.pin_wrong", {"left": 4})
    [entry] = page(app.ctx, AuditQuery(action="member_pin_wrong"), 0, 5).entries
    assert (entry.staff_id, entry.target, entry.details) == (cashier, cart.member_id,
                                                             {"tries": 1})


def test_the_mobile_pin_is_the_one_on_record_not_on_the_record_handed_in(
        app: App, coat: tuple[Cart, str]) -> None:
    cart, _ = coat
    with app.ctx.reader() as uow:
        member = uow.members.get(cart.member_id or "")
    assert member is not None
    forged = replace(member, mobile="13900000000")
    assert not member_pin.check_pin(app.ctx, forged, "000000")
    assert member_pin.check_pin(app.ctx, forged, MOBILE_PIN)


def test_only_staff_who_ring_sales_take_the_pin(app: App, coat: tuple[Cart, str]) -> None:
    cart, _ = coat
    desk = login(app.ctx, "3001", "3579").id
    with pytest.raises(DomainError) as err:
        proof(app, cart, desk)
    assert err.value.code == "staff.not_allowed"


def test_a_recalled_sale_drops_a_wallet_payment_whose_proof_ran_out(
        app: App, coat: tuple[Cart, str], clock) -> None:  # type: ignore[no-untyped-def]
    cart, cashier = coat
    cart = carts.add_tender(cart,
                            TenderRequest(TenderKind.WALLET, pin_proof=proof(app, cart, cashier)))
    held.hold(app.ctx, cart, cashier)
    clock.advance(PIN_PROOF_TTL + timedelta(minutes=1))
    back = held.recall(app.ctx, cart.id, cashier, None)
    assert [ln.product.sku for ln in back.lines] == ["A1001"] and back.tenders == ()
    assert checkout.quote(app.ctx, back).settlement.remaining_fen == 59900


def test_a_card_number_typed_by_hand_is_not_the_card_shown(app: App) -> None:
    """DOMAIN §8: a small wallet payment goes without the PIN only when the card was swiped or
    scanned (a proof the look-up minted); the number on the cart alone is not enough, nor a
    proof of the card shown for another member or made up."""
    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    typed = find_by_card(app.ctx, cards[0])  # the number typed: no proof
    cart = carts.start_sale(app.ctx, cashier)
    cart = till.attach_member(app.ctx, till.TillSale(cart), typed, till.Presented.TYPED).cart
    cart = carts.add_item(app.ctx, cart, "F6001")  # ¥89: under the PIN amount
    cart = replace(cart, tenders=(TenderRequest(TenderKind.WALLET),))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "wallet.pin_required"
    other = shown(app.ctx, find_by_card(app.ctx, cards[1]), "swipe").shown
    assert other is not None
    cart = replace(cart, shown=other)  # another member's card
    with pytest.raises(DomainError):
        checkout.complete(app.ctx, cart)
    assert other.token
    cart = replace(cart, shown=replace(other, member_id=typed.member.id))  # a record made by hand
    with pytest.raises(DomainError):
        checkout.complete(app.ctx, cart)
    swiped = find_by_swipe(app.ctx, None, track2_data(cards[0], typed.card.expiry if typed.card
                                                      else "", app.ctx.card_secret))
    cart = till.attach_member(app.ctx, till.TillSale(cart), swiped, till.Presented.SWIPE).cart
    done = checkout.complete(app.ctx, cart)
    assert done.sale.tenders[0].kind is TenderKind.WALLET


def test_a_member_found_by_mobile_pays_nothing_from_the_wallet_whatever_the_pin(
        app: App) -> None:
    """DOMAIN §8: paying from the wallet needs the card or the dynamic QR. A member found by
    their mobile has neither at the till; checkout refuses for any caller, even with a good
    PIN proof, and the same member with the card typed pays."""
    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    view = find_by_mobile(app.ctx, "13800138000")
    assert view.card is not None and view.by_mobile
    cart = carts.start_sale(app.ctx, cashier)
    cart = till.attach_member(app.ctx, till.TillSale(cart), view, till.Presented.MOBILE).cart
    assert cart.card_number is None
    cart = carts.add_item(app.ctx, cart, "F6001")
    paid = TenderRequest(TenderKind.WALLET, pin_proof=proof(app, cart, cashier, 8900))
    cart = replace(cart, tenders=(paid,))
    for call in (checkout.quote, checkout.complete):
        with pytest.raises(DomainError) as err:
            call(app.ctx, cart)
        assert err.value.code == "wallet.card_required"
    assert sales(app) == 0
    typed = find_by_card(app.ctx, cards[0])
    cart = till.attach_member(app.ctx, till.TillSale(cart), typed, till.Presented.TYPED).cart
    assert checkout.complete(app.ctx, cart).sale.tenders[0].kind is TenderKind.WALLET
