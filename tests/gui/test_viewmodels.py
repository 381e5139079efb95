"""The till's view-models on a real demo store, without widgets: exact figures per flow."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.bootstrap import App
from desktop.viewmodels.env import TillEnv, mobile_pin_check
from desktop.viewmodels.payment import PaymentViewModel
from desktop.viewmodels.returns import ReturnViewModel
from desktop.viewmodels.sale import Routed, SaleViewModel
from desktop.viewmodels.session import TillSession
from domain import dynamicqr
from domain.catalog import Product
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import Staff, TenderKind
from domain.services import checkout
from domain.services.cardissue import issue_card
from domain.services.members import MemberView, register
from domain.services.setup import add_products
from domain.services.staff import login
from sync import qrkeys


def sale_for(env: TillEnv, cashier: Staff) -> SaleViewModel:
    return SaleViewModel.start(env, cashier, None)


def logged_in(env: TillEnv, number: str = "1001", pin: str = "1357") -> TillSession:
    """The cashier's session at the till (a manager's approval is for whoever is in it)."""
    session = TillSession(env)
    session.login(number, pin)
    return session


def test_codes_sku_barcode_and_pinyin_add_lines_and_price_them(env: TillEnv,
                                                               cashier: Staff) -> None:
    sale = sale_for(env, cashier)
    assert sale.enter("A1001").kind is Routed.ITEM  # SKU
    assert sale.enter("6901234567984").kind is Routed.ITEM  # 丝巾 by barcode
    assert sale.enter("lyq").kind is Routed.ITEM  # 连衣裙 by pinyin initials, one match
    view = sale.view()
    assert [ln.name for ln in view.lines] == ["羊毛外套", "丝巾", "连衣裙"]
    assert view.total_fen == 59900 + 8900 + 39900
    sale.set_qty(2, 2)
    sale.void_line(3)
    assert sale.view().total_fen == 59900 + 2 * 8900
    assert sale.view().points is None  # no member: nothing earned


def test_a_word_matching_several_products_offers_a_choice(env: TillEnv, cashier: Staff) -> None:
    sale = sale_for(env, cashier)
    route = sale.enter("裤")
    assert route.kind is Routed.CHOICES
    assert {p.sku for p in route.products} == {"C3001", "C3002"}
    assert sale.is_empty


def test_unknown_code_is_refused_and_the_sale_is_unchanged(env: TillEnv, cashier: Staff) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    with pytest.raises(DomainError) as err:
        sale.enter("ZZZ999")
    assert err.value.code == "product.unknown"
    assert sale.view().total_fen == 59900


def test_member_card_attaches_and_previews_ladder_points(env: TillEnv, cashier: Staff,
                                                         cards: list[str]) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    sale.add_item("F6001", 2)
    assert sale.enter(cards[0], scanned=True).kind is Routed.MEMBER
    view = sale.view()
    assert view.member is not None and view.member.name == "张*"
    assert view.member.wallet_fen == 105000  # ￥1,000 top-up + ￥50 bonus
    assert view.points == 1554  # ￥777 ≥ ￥200: × 2
    assert [r["code"] for r in view.points_reasons][:1] == ["points.ladder"]


def test_member_coupon_lowers_the_due_and_the_points(env: TillEnv, cashier: Staff,
                                                     cards: list[str], zhang: MemberView) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    sale.add_item("F6001", 2)
    sale.enter(cards[0], scanned=True)
    coupon = zhang.coupons[0].code
    assert sale.enter(coupon.lower()).kind is Routed.COUPON  # typed in lower case
    view = sale.view()
    assert view.total_fen == 72700
    assert view.points == 1454
    with pytest.raises(DomainError) as err:
        sale.add_coupon(coupon)
    assert err.value.code == "coupon.already_in_sale"


def test_coupon_of_another_member_is_refused_and_taken_out(env: TillEnv, cashier: Staff,
                                                           cards: list[str],
                                                           store: App) -> None:
    from domain.services.members import find_by_card

    lisi = find_by_card(store.ctx, cards[1])
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    sale.enter(cards[0], scanned=True)
    with pytest.raises(DomainError) as err:
        sale.enter(lisi.coupons[0].code)
    assert err.value.code == "coupon.other_member"
    assert sale.view().coupons == ()
    assert sale.view().total_fen == 59900


def test_cash_with_change_commits_the_sale(env: TillEnv, cashier: Staff, cards: list[str]) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    sale.add_item("F6001", 2)
    sale.enter(cards[0], scanned=True)
    pay = PaymentViewModel(sale)
    state = pay.add_cash(80000)
    assert (state.remaining_fen, state.change_fen, state.balanced) == (0, 2300, True)
    done = pay.complete()
    assert done.sale.receipt_no == "S001-T01-000001"
    assert done.sale.points_earned == 1554
    assert done.points_balance == 1554


def test_mixed_tenders_recompute_what_is_left(env: TillEnv, cashier: Staff) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    pay = PaymentViewModel(sale)
    with pytest.raises(DomainError) as err:
        pay.add_external(TenderKind.BANK_CARD, " ", 30000)
    assert err.value.code == "tender.reference_required"
    state = pay.add_external(TenderKind.BANK_CARD, "889900", 30000)
    assert state.remaining_fen == 29900
    state = pay.add_cash(10000)  # part in cash
    assert (state.remaining_fen, state.balanced) == (19900, False)
    state = pay.add_external(TenderKind.MOBILE, "WX4200")
    assert state.balanced and [t.kind for t in state.tenders] == [
        TenderKind.BANK_CARD, TenderKind.CASH, TenderKind.MOBILE]
    state = pay.remove(1)
    assert state.remaining_fen == 0  # mobile took all that was left when added
    assert [t.amount_fen for t in state.tenders] == [30000, 29900]


def test_wallet_above_the_limit_needs_the_members_pin(env: TillEnv, cashier: Staff,
                                                      cards: list[str]) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")  # ￥599 > ￥500 limit
    sale.enter(cards[0], scanned=True)
    pay = PaymentViewModel(sale)
    assert pay.wallet_needs_pin()
    with pytest.raises(DomainError) as err:
        pay.add_wallet()
    assert err.value.code == "wallet.pin_required"
    with pytest.raises(DomainError) as err:
        pay.add_wallet(pin="123456")
    assert err.value.code == "wallet.pin_wrong"
    state = pay.add_wallet(pin="138000")  # last six digits of 13800138000
    assert state.balanced
    done = pay.complete()
    wallet = done.sale.tenders[0]
    assert wallet.wallet_principal_fen + wallet.wallet_bonus_fen == 59900


def test_small_wallet_payment_needs_no_pin(env: TillEnv, cashier: Staff, cards: list[str]) -> None:
    sale = sale_for(env, cashier)
    sale.enter("F6001")
    sale.enter(cards[0], scanned=True)
    pay = PaymentViewModel(sale)
    assert not pay.wallet_needs_pin()
    assert pay.add_wallet().balanced


def test_points_pay_in_steps_of_a_hundred(env: TillEnv, cashier: Staff, cards: list[str]) -> None:
    first = sale_for(env, cashier)
    first.enter("A1001")
    first.enter(cards[0], scanned=True)
    PaymentViewModel(first).add_cash(60000)
    PaymentViewModel(first).complete()  # earns 1198 points
    sale = sale_for(env, cashier)
    sale.enter("B2001")  # ￥299
    sale.enter(cards[0], scanned=True)
    pay = PaymentViewModel(sale)
    with pytest.raises(DomainError) as err:
        pay.add_points(150)
    assert err.value.code == "points.step"
    state = pay.add_points(1000)
    assert state.remaining_fen == 19900  # 1000 points = ￥100
    assert state.points_earned == 199  # ￥199 paid in money: under ￥200, no ladder


def test_dynamic_qr_admits_one_use(env: TillEnv, cashier: Staff, cards: list[str],
                                   store: App) -> None:
    payload = dynamicqr.make_payload(cards[0], store.ctx.now(),
                                     qrkeys.demo_pair(Path(store.store.path)).private.sign,
                                     b"\x01" * 6)
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    assert sale.enter(payload).kind is Routed.MEMBER
    assert sale.view().member is not None and sale.view().member.card_presented
    again = sale_for(env, cashier)
    with pytest.raises(DomainError) as err:
        again.enter(payload)
    assert err.value.code == "card.qr_replayed"


def test_mobile_attaches_without_a_card_and_bank_cards_are_refused(env: TillEnv,
                                                                   cashier: Staff) -> None:
    sale = sale_for(env, cashier)
    sale.enter("F6001")
    assert sale.enter("138 0013 8000").kind is Routed.MEMBER
    assert sale.view().member is not None and not sale.view().member.card_presented
    with pytest.raises(DomainError) as err:
        PaymentViewModel(sale).add_wallet()
    assert err.value.code == "wallet.card_required"  # DOMAIN §8: the card or dynamic QR
    with pytest.raises(DomainError) as err:
        sale.enter("4111111111111111")
    assert err.value.code == "card.bank_card"


def test_receipt_number_routes_to_a_return(env: TillEnv, cashier: Staff) -> None:
    route = sale_for(env, cashier).enter("s001-t01-000042")
    assert (route.kind, route.text) == (Routed.RECEIPT, "S001-T01-000042")


def test_staff_card_refused_at_its_owners_till(env: TillEnv, cashier: Staff, store: App) -> None:
    desk = login(store.ctx, "3001", "3579").id
    member = register(store.ctx, {"name": "王收银", "mobile": "13600136000",
                                  "privacy_accepted": True}, desk).member
    card = issue_card(store.ctx, member.id, desk).card
    with store.ctx.uow() as uow:
        uow.members.save(replace(member, staff_id=cashier.id))
        uow.cards.save(replace(card, is_staff=True))
        uow.commit()
    with pytest.raises(DomainError) as err:
        sale_for(env, cashier).enter(card.number)
    assert err.value.code == "card.staff_own_till"


def test_weighed_label_uses_the_label_price(env: TillEnv, cashier: Staff, store: App) -> None:
    add_products(store.ctx, [Product("00123", "散装糖果", 4980, is_weighed=True),
                             Product("77", "散装瓜子", 3990, is_weighed=True)])
    sale = sale_for(env, cashier)
    sale.add_weighed("00123", 1250, None)
    sale.add_weighed("00077", None, 500)  # weight only: ￥39.90/kg × 0.5 kg, PLU without zeros
    assert [ln.final_fen for ln in sale.view().lines] == [1250, 1995]


def test_a_scale_label_of_a_product_not_sold_by_weight_is_refused(env: TillEnv, cashier: Staff,
                                                                  store: App) -> None:
    add_products(store.ctx, [Product("00456", "羊绒大衣", 259900)])
    sale = sale_for(env, cashier)
    sale.enter("F6001")
    with pytest.raises(DomainError) as err:
        sale.add_weighed("00456", 1, None)  # a label saying ￥0.01 for the ￥2,599.00 coat
    assert err.value.code == "product.not_weighed"
    assert [ln.sku for ln in sale.view().lines] == ["F6001"]


def test_a_manager_ringing_the_sale_needs_nobody_else(env: TillEnv, store: App) -> None:
    manager = login(store.ctx, "2001", "2468")
    sale = sale_for(env, manager)
    sale.enter("A1001")
    sale.set_discount(1, 30000)  # half off: beyond any cashier's limit
    assert not sale.needs_approval()
    pay = PaymentViewModel(sale)
    pay.add_cash()
    done = pay.complete()
    assert done.sale.approved_by == manager.id
    back = ReturnViewModel(env, manager)
    back.load(done.sale.receipt_no)
    assert back.void(None, "wrong size").sale.approved_by == manager.id
    cashiers = ReturnViewModel(env, login(store.ctx, "1001", "1357"))
    with pytest.raises(DomainError) as err:  # a cashier without an approval
        cashiers.without_receipt([("F6001", 1)], None)
    assert err.value.code == "return.manager_required"


def test_discount_beyond_the_limit_waits_for_a_manager(env: TillEnv, cashier: Staff,
                                                       store: App) -> None:
    session = logged_in(env)
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    sale.set_discount(1, 5000)  # under 10 %
    assert not sale.needs_approval()
    sale.set_discount(1, 10000)
    assert sale.needs_approval()
    with pytest.raises(DomainError) as err:
        session.approve("1001", "1357", "checkout.complete", sale.override_subject())
    assert err.value.code == "staff.not_manager"
    early = session.approve("2001", "2468", "checkout.complete", sale.override_subject())
    sale.set_discount(1, 20000)  # the manager approved ¥100 off, not ¥200
    sale.approve(early)
    assert sale.needs_approval()
    sale.approve(session.approve("2001", "2468", "checkout.complete", sale.override_subject()))
    assert not sale.needs_approval()
    pay = PaymentViewModel(sale)
    pay.add_cash()
    assert pay.complete().sale.approved_by == login(env.ctx, "2001", "2468").id


def test_shift_close_counts_cash_taken(env: TillEnv, cashier: Staff) -> None:
    session = TillSession(env)
    session.login("1001", "1357")
    assert session.needs_shift
    shift = session.open_shift(50000)
    sale = SaleViewModel.start(env, cashier, shift.id)
    sale.enter("F6001")
    pay = PaymentViewModel(sale)
    pay.add_cash(10000)
    pay.complete()
    summary = session.close_shift(58000)
    assert (summary.expected_fen, summary.over_short_fen) == (58900, -900)
    assert session.shift is None


def test_lock_opens_for_the_same_cashier_or_a_manager(env: TillEnv) -> None:
    session = TillSession(env)
    session.login("1001", "1357")
    session.lock()
    with pytest.raises(DomainError) as err:
        session.unlock("3001", "3579")  # front desk colleague
    assert err.value.code == "till.locked"
    assert session.locked
    session.unlock("2001", "2468")
    assert not session.locked


def test_hold_and_recall_keeps_lines_and_member(env: TillEnv, cashier: Staff,
                                                cards: list[str]) -> None:
    session = TillSession(env)
    session.login("1001", "1357")
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    sale.enter(cards[0], scanned=True)
    session.hold(sale.cart)
    back = SaleViewModel.resume(env, cashier, session.recall(0))
    assert back.view().total_fen == 59900
    assert back.view().member is not None and back.view().member.tier == "普通会员"
    with pytest.raises(DomainError) as err:
        session.recall(0)
    assert err.value.code == "sale.nothing_held"


def test_return_preview_matches_the_refund(env: TillEnv, cashier: Staff, cards: list[str]) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    sale.add_item("F6001", 3)
    sale.enter(cards[0], scanned=True)
    pay = PaymentViewModel(sale)
    pay.add_external(TenderKind.BANK_CARD, "1234")
    done = pay.complete()
    back = ReturnViewModel(env, cashier)
    back.load(done.sale.receipt_no.lower())
    back.choose(2, 1)
    preview = back.refund_fen()
    returned = back.commit()
    assert returned.sale.total_fen == -preview == -8900
    assert returned.sale.tenders[0].kind is TenderKind.BANK_CARD
    assert [ln.left for ln in back.lines] == [1, 2]
    with pytest.raises(DomainError) as err:
        back.choose(2, 3)
    assert err.value.code == "return.qty_too_large"


def test_void_returns_everything_with_the_managers_approval(env: TillEnv, cashier: Staff,
                                                            store: App) -> None:
    sale = sale_for(env, cashier)
    sale.enter("A1001")
    pay = PaymentViewModel(sale)
    pay.add_cash()
    done = pay.complete()
    back = ReturnViewModel(env, cashier)
    back.load(done.sale.receipt_no)
    approval = logged_in(env).approve("2001", "2468", "voids.void_sale", done.sale.receipt_no)
    voided = back.void(approval, "wrong size rung up")
    assert voided.sale.total_fen == -59900
    with store.store.engine.connect() as conn:
        from sqlalchemy import text

        rows = conn.execute(text("SELECT action, approved_by FROM audit_log "
                                 "WHERE action = 'void_sale'")).all()
    assert rows == [("void_sale", approval.approver_id)]


def test_return_without_receipt_refunds_what_the_manager_approved(env: TillEnv,
                                                                   cashier: Staff) -> None:
    model = ReturnViewModel(env, cashier)
    items = [("F6001", 2)]
    [offer] = model.offer(items, None, {})
    assert offer.unit_fen is None  # no sale of it in 90 days: the manager types the amount
    subject = model.subject(items, None, {"F6001": 8000})
    approval = logged_in(env).approve("2001", "2468", "returns.return_without_receipt", subject)
    done = model.without_receipt(items, approval, None, {"F6001": 8000})
    assert done.sale.total_fen == -16000
    assert done.sale.approved_by == approval.approver_id
    with pytest.raises(DomainError) as err:  # one approval, one return
        model.without_receipt(items, approval, None, {"F6001": 8000})
    assert err.value.code == "approval.used"


def test_pin_check_is_the_mobiles_last_six_digits(zhang: MemberView) -> None:
    assert mobile_pin_check(zhang.member, "138000")
    assert not mobile_pin_check(zhang.member, "38000")


def test_old_dynamic_qr_is_refused(env: TillEnv, cashier: Staff, cards: list[str], store: App,
                                   clock: FixedClock) -> None:
    payload = dynamicqr.make_payload(cards[0], store.ctx.now(),
                                     qrkeys.demo_pair(Path(store.store.path)).private.sign,
                                     b"\x02" * 6)
    clock.advance(timedelta(minutes=10))
    with pytest.raises(DomainError) as err:
        sale_for(env, cashier).enter(payload)
    assert err.value.code == "card.qr_expired"


def test_a_refused_change_leaves_the_sale_as_it_was(env: TillEnv, cashier: Staff,
                                                    store: App) -> None:
    sale = sale_for(env, cashier)
    sale.enter("F6001")  # ￥89
    sale.approve(logged_in(env).approve("2001", "2468", "checkout.complete"))
    with pytest.raises(DomainError) as err:
        sale.set_discount(1, 9000)  # more than the line costs
    assert err.value.code == "discount.manual_exceeds_line"
    assert sale.view().total_fen == 8900
    assert sale.cart.approval is not None  # the earlier approval still stands


def test_return_preview_keeps_back_a_used_coupon_the_sale_won(env: TillEnv, cashier: Staff,
                                                              cards: list[str]) -> None:
    def ring(*codes: str) -> checkout.Completed:
        sale = sale_for(env, cashier)
        for code in codes:
            sale.enter(code)
        pay = PaymentViewModel(sale)
        pay.add_cash()
        return pay.complete()

    won = ring("A1002", cards[0])  # ¥899 ≥ ¥888: the ¥200 coupon
    [coupon] = won.coupons_issued
    ring("A1001", cards[0], coupon.code)  # used at once
    model = ReturnViewModel(env, cashier)
    model.load(won.sale.receipt_no)
    model.choose_all()
    assert model.refund_fen() == 89900 - 20000  # what F10 will refund, before it is pressed
    assert model.commit().sale.total_fen == -69900
