"""Shifts, cards, swipes, gifts and vouchers through the services on a real store database."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.cards import make_card_number, track2_data
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import CardState, TenderKind
from domain.services import campaigns, cardissue, checkout, returns, rewards, shifts, till, wallet
from domain.services import cart as carts
from domain.services.members import find_by_card, find_by_code, find_by_swipe, register
from domain.services.staff import approve, login
from tests.staffing import desk


@pytest.fixture
def store(app: App) -> tuple[App, list[str], str]:
    cards = load_demo(app.ctx)
    return app, cards, login(app.ctx, "1001", "1357").id


def test_shift_expects_float_plus_cash_in_less_cash_out(store: tuple[App, list[str], str],
                                                         clock: FixedClock) -> None:
    app, cards, cashier = store
    shift = shifts.open_shift(app.ctx, cashier, 50000)
    sale = carts.start_sale(app.ctx, cashier, shift.id)
    sale = carts.add_item(app.ctx, sale, "F6001")  # ¥89.00
    sale = carts.add_tender(sale, carts.TenderRequest(TenderKind.CASH, given_fen=10000))
    done = checkout.complete(app.ctx, sale)
    clock.advance(timedelta(minutes=5))
    returns.return_with_receipt(app.ctx, done.sale.receipt_no, {1: 1}, cashier, shift.id)
    member = find_by_card(app.ctx, cards[1]).member
    wallet.top_up(app.ctx, member.id, 100000, cashier, TenderKind.CASH)
    wallet.top_up(app.ctx, member.id, 100000, cashier, TenderKind.MOBILE, "WX123")
    closed = shifts.close_shift(app.ctx, cashier, 150000 - 100)
    assert closed.expected_fen == 50000 + 8900 - 8900 + 100000
    assert closed.counted_fen == closed.expected_fen - 100  # ¥1.00 short
    with pytest.raises(DomainError) as err:
        shifts.close_shift(app.ctx, cashier, 0)
    assert err.value.code == "shift.not_open"


def test_swipes_of_our_card_a_bank_card_and_a_forged_stripe(
        store: tuple[App, list[str], str]) -> None:
    app, cards, _ = store
    with app.ctx.uow() as uow:
        card = uow.cards.get(cards[0])
    assert card is not None
    good = track2_data(card.number, card.expiry, app.ctx.card_secret)
    assert find_by_swipe(app.ctx, None, good).member.name == "张三"
    with pytest.raises(DomainError) as bank:
        find_by_swipe(app.ctx, "%B4111111111111111^ZHANG/SAN^29121010000000000000?",
                      ";4111111111111111=29121010000000000000?")
    assert bank.value.code == "card.bank_card"
    assert bank.value.params == {}  # nothing of the card is kept, not even in the error
    forged = track2_data(card.number, card.expiry, b"another store's secret")
    with pytest.raises(DomainError) as err:
        find_by_swipe(app.ctx, None, forged)
    assert err.value.code == "card.forged"


def test_printed_number_and_mobile_find_the_same_member(
        store: tuple[App, list[str], str]) -> None:
    app, cards, _ = store
    assert find_by_code(app.ctx, cards[1]).member.mobile == "13900139000"
    assert find_by_code(app.ctx, "139 0013 9000").member.mobile == "13900139000"


def test_lost_card_is_refused_and_its_replacement_keeps_the_balances(
        store: tuple[App, list[str], str]) -> None:
    app, cards, _ = store
    before = find_by_card(app.ctx, cards[0])
    lost = cardissue.report_lost(app.ctx, cards[0], desk(app.ctx))
    assert lost.state is CardState.LOST
    with pytest.raises(DomainError) as err:
        find_by_card(app.ctx, cards[0])
    assert err.value.code == "card.lost"
    new = cardissue.replace_card(app.ctx, cards[0], desk(app.ctx))
    assert new.card.number != cards[0] and len(new.card.number) == 13
    assert new.track2.startswith(f";{new.card.number}=")
    after = find_by_card(app.ctx, new.card.number)
    assert after.member.id == before.member.id
    assert after.balances == before.balances
    with pytest.raises(DomainError) as again:
        find_by_card(app.ctx, cards[0])
    assert again.value.code == "card.replaced"


def test_card_numbers_follow_the_store_region_in_sequence(
        store: tuple[App, list[str], str]) -> None:
    app, cards, _ = store
    serials = sorted(int(c[7:12]) for c in cards)
    assert serials == [1, 2, 3]
    assert all(c.startswith("130" + app.settings.region_code) for c in cards)
    member = register(app.ctx, {"name": "赵六", "mobile": "13600136000",
                                "privacy_accepted": True}, desk(app.ctx)).member
    assert cardissue.issue_card(app.ctx, member.id, desk(app.ctx)).card.number[7:12] == "00004"


def test_a_standalone_store_links_only_its_own_brand_and_swipes_head_offices_brand_too(
        store: tuple[App, list[str], str]) -> None:
    """Never enrolled, the store is the only issuer of its pack's brand: a pre-printed card of
    that brand links, another chain's does not; issuing goes on above the highest number.
    Once head office has given the merchant a brand, its cards swipe, and the old ones too."""
    app, cards, _ = store
    clerk = desk(app.ctx)
    region = app.settings.region_code
    first, second = (register(app.ctx, {"name": name, "mobile": mobile,
                                        "privacy_accepted": True}, clerk).member.id
                     for name, mobile in (("钱七", "13600136001"), ("孙八", "13600136002")))
    printed = make_card_number("13", "0", region, 700)
    assert cardissue.link_card(app.ctx, first, printed, clerk).kind == "preprinted"
    assert cardissue.issue_card(app.ctx, first, clerk).card.number[7:12] == "00701"
    theirs = make_card_number("21", "0", region, 5)
    with pytest.raises(DomainError) as refused:
        cardissue.link_card(app.ctx, second, theirs, clerk)
    assert (refused.value.code, refused.value.params) == ("card.not_ours",
                                                          {"field": "card_number"})

    with app.store.uow() as uow:
        uow.settings.save(replace(uow.settings.get(), card_brand="21"))
        uow.commit()
    linked = cardissue.link_card(app.ctx, second, theirs, clerk)
    for number, expiry, member in ((theirs, linked.expiry, second), (cards[0], None, None)):
        with app.store.reader() as uow:
            card = uow.cards.get(number)
        assert card is not None
        stripe = track2_data(number, expiry or card.expiry, app.ctx.card_secret)
        assert find_by_swipe(app.ctx, None, stripe).member.id == (member or card.member_id)


def test_gifts_and_vouchers_spend_points_and_stock(store: tuple[App, list[str], str]) -> None:
    app, cards, cashier = store
    manager, front = login(app.ctx, "2001", "2468").id, desk(app.ctx)
    member = find_by_card(app.ctx, cards[2]).member
    rewards.adjust_points(app.ctx, member.id, 2500, "migrated balance", manager)
    gift = rewards.redeem_gift(app.ctx, member.id, "GIFT-BAG", front)
    assert gift.stock == 49
    coupon = rewards.redeem_voucher(app.ctx, member.id, 2000, front)
    assert coupon.amount_fen == 5000
    assert find_by_card(app.ctx, cards[2]).balances.points == 2500 - 300 - 2000
    with pytest.raises(DomainError) as err:
        rewards.redeem_voucher(app.ctx, member.id, 2000, front)
    assert err.value.code == "points.insufficient"
    for not_a_manager in (cashier, front):
        with pytest.raises(DomainError) as no_manager:
            rewards.adjust_points(app.ctx, member.id, 10, "kind", not_a_manager)
        assert no_manager.value.code == "staff.not_allowed"
    assert verify(app.store) == []


def test_a_wrong_pin_is_refused_the_same_way_as_an_unknown_number(
        store: tuple[App, list[str], str]) -> None:
    app, _, _ = store
    codes = []
    for number, pin in (("1001", "9999"), ("5555", "1357")):
        with pytest.raises(DomainError) as err:
            login(app.ctx, number, pin)
        codes.append(err.value.code)
    assert codes == ["staff.bad_login", "staff.bad_login"]


def test_a_staff_card_is_refused_at_its_owners_till(store: tuple[App, list[str], str]) -> None:
    app, _, cashier = store
    member = register(app.ctx, {"name": "王收银", "mobile": "13500135000",
                                "privacy_accepted": True}, desk(app.ctx)).member
    card = cardissue.issue_card(app.ctx, member.id, desk(app.ctx), is_staff=True).card
    with app.ctx.uow() as uow:
        uow.members.save(replace(member, staff_id=cashier))
        uow.commit()
    view = find_by_card(app.ctx, card.number)
    own_till = carts.start_sale(app.ctx, cashier)
    with pytest.raises(DomainError) as err:
        till.attach_member(app.ctx, till.TillSale(own_till), view, till.Presented.SWIPE)
    assert err.value.code == "card.staff_own_till"
    assert own_till.member_id is None
    other_till = carts.start_sale(app.ctx, login(app.ctx, "2001", "2468").id)
    other_till = till.attach_member(app.ctx, till.TillSale(other_till), view,
                                    till.Presented.SWIPE).cart
    assert other_till.member_id == member.id and other_till.card_number == card.number


def test_event_check_in_once_and_bulk_coupons(store: tuple[App, list[str], str]) -> None:
    app, cards, _ = store
    member = find_by_card(app.ctx, cards[0]).member
    done = campaigns.check_in(app.ctx, member.id, "spring-gala", desk(app.ctx))
    assert done.coupon is not None and done.coupon.amount_fen == 5000
    with pytest.raises(DomainError) as err:
        campaigns.check_in(app.ctx, member.id, "spring-gala", desk(app.ctx))
    assert err.value.code == "event.already_checked_in"
    others = [find_by_card(app.ctx, c).member.id for c in cards[1:]]
    approval = approve(app.ctx, "2001", "2468", "campaigns.issue_bulk", desk(app.ctx))
    issued = campaigns.issue_bulk(app.ctx, others, "checkin50", desk(app.ctx), approval)
    assert sorted(c.member_id or "" for c in issued) == sorted(others)
    assert len({c.code for c in issued}) == 2
