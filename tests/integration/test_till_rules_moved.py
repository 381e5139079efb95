"""Rules the till's and the desk's view-models used to decide, now decided by the services:
each is called here directly, as any caller (a screen, `kaika simulate`, a script) would."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain import cards as card_rules
from domain.clock import FixedClock
from domain.errors import DomainError, NotFound, ValidationError
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import CardState, Coupon, CouponState, Sale, Staff, TenderKind
from domain.services import (
    campaigns,
    cardissue,
    draw_setup,
    draws,
    holders,
    members,
    payment,
    receipts,
    reports,
    returns,
    staff,
    till,
    till_codes,
    wallet,
)
from domain.services import cart as carts
from domain.services.staff import login


@pytest.fixture
def cashier(app: App) -> Staff:
    load_demo(app.ctx)
    return login(app.ctx, "1001", "1357")


def test_an_empty_sale_has_no_payment(app: App, cashier: Staff) -> None:
    sale = till.TillSale(carts.start_sale(app.ctx, cashier.id))
    with pytest.raises(DomainError) as err:
        payment.state(sale)
    assert err.value.code == "sale.empty"
    sale = till_codes.scan(app.ctx, sale, "F6001").sale
    sale = till.void_line(app.ctx, sale, 1)  # the last line gone: empty again
    with pytest.raises(DomainError) as err:
        payment.state(sale)
    assert err.value.code == "sale.empty"


def test_payment_is_balanced_only_when_tendered_to_zero(app: App, cashier: Staff) -> None:
    sale = till_codes.scan(app.ctx, till.TillSale(carts.start_sale(app.ctx, cashier.id)),
                           "F6001").sale
    first = payment.state(sale)
    assert (first.due_fen, first.remaining_fen, first.balanced) == (8900, 8900, False)
    sale = payment.pay_cash(app.ctx, sale, 5000)
    part = payment.state(sale)
    assert (part.paid_fen, part.remaining_fen, part.balanced) == (5000, 3900, False)
    sale = payment.pay_cash(app.ctx, sale, 5000)
    done = payment.state(sale)
    assert (done.remaining_fen, done.change_fen, done.balanced) == (0, 1100, True)
    assert [t.kind for t in done.tenders] == [TenderKind.CASH, TenderKind.CASH]


def _paid(app: App, cashier: Staff, *codes: str, member: str | None = None) -> Sale:
    sale = till.TillSale(carts.start_sale(app.ctx, cashier.id))
    if member:
        sale = till.attach_member(app.ctx, sale, members.member_view(app.ctx, member),
                                  till.Presented.MOBILE)
    for code in codes:
        sale = till_codes.scan(app.ctx, sale, code).sale
    return payment.complete(app.ctx, payment.pay_cash(app.ctx, sale)).sale


def test_a_receipt_opens_in_any_case_with_what_is_left(app: App, cashier: Staff) -> None:
    sold = _paid(app, cashier, "F6001", "F6001", "A1001")
    returns.return_with_receipt(app.ctx, sold.receipt_no, {1: 1}, cashier.id)
    found = receipts.open_receipt(app.ctx, f"  {sold.receipt_no.lower()} ")
    assert found.sale.id == sold.id
    assert [(ln.sku, ln.sold, ln.left, ln.left_fen) for ln in found.lines] == [
        ("F6001", 2, 1, 8900), ("A1001", 1, 1, 59900)]
    back = returns.return_with_receipt(app.ctx, sold.receipt_no, {2: 1}, cashier.id)
    with pytest.raises(NotFound) as err:  # a return record is not a sale to return
        receipts.open_receipt(app.ctx, back.sale.receipt_no)
    assert err.value.code == "sale.unknown"


def test_a_choice_is_at_most_what_the_line_has_left(app: App, cashier: Staff) -> None:
    sold = _paid(app, cashier, "F6001", "F6001")
    returns.return_with_receipt(app.ctx, sold.receipt_no, {1: 1}, cashier.id)
    lines = receipts.open_receipt(app.ctx, sold.receipt_no).lines
    receipts.check_choice(lines, 1, 1)
    receipts.check_choice(lines, 1, 0)
    with pytest.raises(ValidationError) as err:
        receipts.check_choice(lines, 1, 2)
    assert (err.value.code, err.value.params["left"]) == ("return.qty_too_large", 1)
    with pytest.raises(NotFound) as missing:
        receipts.check_choice(lines, 7, 1)
    assert missing.value.code == "return.line_unknown"


def test_a_scanned_item_finds_its_line_by_the_tills_normalisation(app: App,
                                                                  cashier: Staff) -> None:
    sold = _paid(app, cashier, "A1001", "F6001")
    lines = receipts.open_receipt(app.ctx, sold.receipt_no).lines
    assert receipts.line_of(app.ctx, lines, " f6001 ") == 2  # typed in small letters
    with pytest.raises(NotFound) as err:
        receipts.line_of(app.ctx, lines, "C3001")
    assert err.value.code == "return.item_not_on_receipt"
    assert receipts.brought_back(app.ctx, "a1001").sku == "A1001"
    with pytest.raises(NotFound) as unknown:
        receipts.brought_back(app.ctx, "NOPE")
    assert unknown.value.code == "product.unknown"


def test_the_refund_shown_is_the_refund_made(app: App, cashier: Staff) -> None:
    # ¥599 + ¥259 + ¥89 ≥ ¥888 earns the ¥200 coupon, used at once: returning the scarf
    # keeps its value back (test_return_takes_back.py), and the preview says so first.
    member = members.find_by_mobile(app.ctx, "13700137000").member.id
    sold = _paid(app, cashier, "A1001", "C3001", "F6001", member=member)
    won = next(c for c in sold_coupons(app, member) if c.amount_fen == 20000)
    spend = till.add_coupon(app.ctx, till.attach_member(
        app.ctx, till.TillSale(carts.start_sale(app.ctx, cashier.id)),
        members.member_view(app.ctx, member), till.Presented.MOBILE), won.code)
    spend = till_codes.scan(app.ctx, spend, "A1002").sale
    payment.complete(app.ctx, payment.pay_cash(app.ctx, spend))
    assert returns.refund_preview(app.ctx, sold.receipt_no, {}) == 0
    for chosen in ({3: 1}, {2: 1}):
        shown = returns.refund_preview(app.ctx, sold.receipt_no, chosen)
        done = returns.return_with_receipt(app.ctx, sold.receipt_no, chosen, cashier.id)
        assert shown == -done.sale.total_fen
    assert [shown, done.coupons_deducted[0][1]] == [14800, 11100]
    with pytest.raises(ValidationError):  # the scarf is back already
        returns.refund_preview(app.ctx, sold.receipt_no, {3: 1})


def sold_coupons(app: App, member: str) -> list[Coupon]:
    with app.ctx.reader() as uow:
        return [c for c in uow.coupons.for_member(member) if c.state is CouponState.ISSUED]


def test_the_topup_preview_names_the_bonus_and_the_next_tier(app: App, cashier: Staff) -> None:
    tiers = sorted(app.ctx.pack.wallet.bonus_tiers, key=lambda t: t.min_topup_fen)
    low, high = tiers[0], tiers[-1]
    below = wallet.preview_topup(app.ctx, low.min_topup_fen - 100)
    assert (below.bonus_fen, below.next_tier_fen, below.next_bonus_fen) == (
        0, low.min_topup_fen, low.bonus_fen)
    top = wallet.preview_topup(app.ctx, high.min_topup_fen)
    assert (top.bonus_fen, top.next_tier_fen, top.credited_fen) == (
        high.bonus_fen, None, high.min_topup_fen + high.bonus_fen)
    with pytest.raises(ValidationError) as err:
        wallet.preview_topup(app.ctx, 0)
    assert err.value.code == "wallet.bad_amount"


def test_closing_an_empty_wallet_is_refused_before_approval(app: App, cashier: Staff) -> None:
    funded = members.find_by_mobile(app.ctx, "13800138000").member.id  # topped up ¥1,000
    empty = members.find_by_mobile(app.ctx, "13900139000").member.id
    refund, forfeit = wallet.preview_close(app.ctx, funded)
    assert refund == 100000 and forfeit >= 0
    with pytest.raises(DomainError) as err:
        wallet.preview_close(app.ctx, empty)
    assert err.value.code == "wallet.empty"
    manager = login(app.ctx, "2001", "2468")
    with pytest.raises(DomainError) as err:  # the same rule where the wallet is closed
        wallet.close_wallet(app.ctx, empty, manager.id)
    assert err.value.code == "wallet.empty"


def test_allotting_nothing_is_refused_by_the_draw_service(app: App, cashier: Staff) -> None:
    manager = login(app.ctx, "2001", "2468")
    with pytest.raises(ValidationError) as err:
        draws.allot_stock(app.ctx, "DEMO-WHEEL", "P1", 0, manager.id)
    assert (err.value.code, err.value.params["field"]) == ("draw.quantity_zero", "quantity")
    assert draws.allot_stock(app.ctx, "DEMO-WHEEL", "P1", 1, manager.id).allotted == 4


def test_a_locked_till_opens_for_its_cashier_or_a_manager_only(app: App,
                                                               cashier: Staff) -> None:
    with pytest.raises(DomainError) as err:
        staff.unlock(app.ctx, "3001", "3579", cashier.id)  # the front desk: not theirs
    assert (err.value.code, err.value.params["number"]) == ("till.locked", "3001")
    assert staff.unlock(app.ctx, "1001", "1357", cashier.id).id == cashier.id
    assert staff.unlock(app.ctx, "2001", "2468", cashier.id).number == "2001"
    assert staff.unlock(app.ctx, "3001", "3579", None).number == "3001"  # nobody was on it
    with pytest.raises(DomainError) as bad:
        staff.unlock(app.ctx, "1001", "0000", cashier.id)
    assert bad.value.code == "staff.bad_login"



def _new_draw(app: App, code: str = "SUMMER", **changes: object) -> tuple[Draw, list[Prize]]:
    today = app.ctx.today()
    draw = replace(Draw(code, "夏日转盘", cost_points=10, free_spins_per_day=1, starts=today,
                        ends=today + timedelta(days=30)), **changes)
    return draw, [Prize(code, "P1", "谢谢参与", PrizeKind.THANKS, weight=50),
                  Prize(code, "P2", "丝巾", PrizeKind.GIFT, weight=5, allotted=3)]


def test_a_new_draw_is_checked_by_the_service_in_its_transaction(app: App,
                                                                 cashier: Staff) -> None:
    manager = login(app.ctx, "2001", "2468").id
    yesterday = app.ctx.today() - timedelta(days=1)
    for code, changes in (("draw.code_taken", {"code": "DEMO-WHEEL"}),
                          ("draw.code_invalid", {"code": "夏日"}),
                          ("draw.ends_past", {"ends": yesterday, "starts": yesterday}),
                          ("draw.name_required", {"name": " "})):
        draw, prizes = _new_draw(app, **changes)  # type: ignore[arg-type]
        prizes = [replace(p, draw_code=draw.code) for p in prizes]
        with pytest.raises(ValidationError) as err:
            draws.define_draw(app.ctx, draw, prizes, manager, new=True)
        assert err.value.code == code
    draw, prizes = _new_draw(app)
    for prize, code in ((replace(prizes[1], weight=0), "draw.weight_invalid"),
                        (replace(prizes[1], kind=PrizeKind.COUPON, coupon_template="NOPE"),
                         "draw.prize_template_unknown")):
        with pytest.raises(ValidationError) as err:
            draw_setup.check_new_draw(app.ctx, draw, [prizes[0], prize])
        assert (err.value.code, err.value.params["prize"]) == (code, "P2")
    draws.define_draw(app.ctx, draw, prizes, manager, new=True)
    assert [p.code for p in draws.draw_prizes(app.ctx, "SUMMER")] == ["P1", "P2"]
    with pytest.raises(ValidationError) as again:  # a new draw never overwrites one
        draws.define_draw(app.ctx, draw, prizes, manager, new=True)
    assert again.value.code == "draw.code_taken"
    draws.define_draw(app.ctx, draw, prizes, manager)  # head office's resend: the same code


def test_the_card_page_sees_every_card_and_the_one_in_use(app: App, cashier: Staff,
                                                          clock: FixedClock) -> None:
    desk = login(app.ctx, "3001", "3579").id
    member = members.find_by_mobile(app.ctx, "13900139000").member.id
    first = holders.card_holder(app.ctx, member)
    [old] = first.cards
    assert first.current == old
    cardissue.report_lost(app.ctx, old.number, desk)
    lost = holders.card_holder(app.ctx, member)
    assert lost.current is None and [c.state for c in lost.cards] == [CardState.LOST]
    new = cardissue.replace_card(app.ctx, old.number, desk).card
    after = holders.card_holder(app.ctx, member)
    assert [c.number for c in after.cards] == [old.number, new.number]
    assert after.current is not None and after.current.number == new.number
    assert holders.track2_of(app.ctx, new.number) == new_track2(app, new.number)
    with pytest.raises(DomainError) as err:
        holders.track2_of(app.ctx, "0000000000000")
    assert err.value.code == "card.unknown"
    with pytest.raises(NotFound):
        holders.card_holder(app.ctx, "nobody")


def test_live_coupons_are_issued_and_still_valid(app: App, cashier: Staff,
                                                 clock: FixedClock) -> None:
    member = members.find_by_mobile(app.ctx, "13800138000").member.id
    coupons = sold_coupons(app, member)
    assert coupons and holders.card_holder(app.ctx, member).live_coupons == len(coupons)
    last = max(c.valid_to for c in coupons)
    clock.advance(timedelta(days=(last - app.ctx.local_date()).days + 1))
    assert holders.card_holder(app.ctx, member).live_coupons == 0


def test_a_known_mobile_is_found_however_it_is_typed(app: App, cashier: Staff) -> None:
    found = holders.holder_by_mobile(app.ctx, "+86 138-0013-8000")
    assert found is not None and found.member.mobile == "13800138000"
    assert found.current is not None
    assert holders.holder_by_mobile(app.ctx, "1380013") is None  # not a mobile yet
    assert holders.holder_by_mobile(app.ctx, "13600136000") is None  # nobody's


def new_track2(app: App, number: str) -> str:
    with app.ctx.reader() as uow:
        card = uow.cards.get(number)
    assert card is not None
    return card_rules.track2_data(card.number, card.expiry, app.ctx.card_secret)


def test_a_check_in_names_its_event(app: App, cashier: Staff) -> None:
    desk = login(app.ctx, "3001", "3579").id
    member = members.find_by_mobile(app.ctx, "13700137000").member.id
    for blank in ("", "   "):
        with pytest.raises(ValidationError) as err:
            campaigns.check_in(app.ctx, member, blank, desk)
        assert (err.value.code, err.value.params["field"]) == ("event.name_required", "event")
        with pytest.raises(ValidationError):
            campaigns.checked_in_today(app.ctx, blank)
    done = campaigns.check_in(app.ctx, member, " 春季会员日 ", desk)
    assert done.event == "春季会员日"
    assert campaigns.checked_in_today(app.ctx, "春季会员日") == [member]


def test_a_statement_period_runs_forwards(app: App, cashier: Staff) -> None:
    member = members.find_by_mobile(app.ctx, "13800138000").member.id
    today = app.ctx.local_date()
    with pytest.raises(ValidationError) as err:
        reports.member_statement(app.ctx, member, today, today - timedelta(days=1))
    assert (err.value.code, err.value.params["field"]) == ("lookup.period_reversed", "since")
    card = holders.card_holder(app.ctx, member).current
    assert card is not None
    assert reports.member_statement(app.ctx, member, today, today).card_number == card.number
