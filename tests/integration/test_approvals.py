"""A manager's approval counts only when the service minted it moments before, for this use
case, for this staff member and subject, by another active manager, and only once. Every
use case that needs one is called with the cashier's own id, "nobody", a self-approval, a
forged, stale, used or misdirected approval, and a good one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest

from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import Gift, TenderKind
from domain.services import (
    campaigns,
    checkout,
    draws,
    overrides,
    reports,
    returns,
    rewards,
    voids,
    wallet,
)
from domain.services import cart as carts
from domain.services import staff as staff_service
from domain.services.access import USE_CASES, Gate
from domain.services.cart import Cart
from domain.services.guard import Refused
from domain.services.proofs import APPROVAL_TTL, Approval
from tests.conftest import START
from tests.integration.access_world import World, copied_world, template_store


@dataclass(frozen=True)
class Gated:
    """How to do one approval-gated use case: who asks (a number), what the approval is for,
    the call itself, and the audit action it writes when it happens."""

    asker: str
    prepare: Callable[[World], str]  # sets the scene; the subject the approval is for
    run: Callable[[World, str, str, object], object]  # (world, actor id, subject, approval)
    done: str  # audit action of the use case


def _discounted(w: World, cashier_id: str) -> Cart:
    """A coat at half price: beyond the cashier's limit, so a manager must approve it."""
    cart = carts.start_sale(w.ctx, w.id("1001"))
    cart = replace(cart, cashier_id=cashier_id)
    cart = carts.add_item(w.ctx, cart, "A1001")
    cart = carts.set_line_discount(cart, 1, 29950)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    return cart


def _sell_with(w: World, actor: str, subject: str, approval: object) -> object:
    cart = _discounted(w, actor)
    cart = replace(cart, approval=approval)  # type: ignore[assignment]  # whatever the caller puts there
    return checkout.complete(w.ctx, cart)


def _topped_up(w: World) -> str:
    wallet.top_up(w.ctx, w.member(), 100000, w.id("3001"), TenderKind.MOBILE, "WX-1")
    return w.member()


GATED: dict[str, Gated] = {
    "checkout.complete": Gated(
        "1001", lambda w: overrides.override_subject(_discounted(w, w.id("1001"))),
        _sell_with, "override_discount"),
    "returns.return_without_receipt": Gated(  # a scarf no sale priced: the manager types ¥50
        "1001", lambda w: returns.no_receipt_subject([("F6001", 1)], None, {"F6001": 5000}),
        lambda w, a, s, p: returns.return_without_receipt(w.ctx, [("F6001", 1)], a, p,  # type: ignore[arg-type]
                                                          typed={"F6001": 5000}),
        "return_without_receipt"),
    "voids.void_sale": Gated(
        "1001", lambda w: w.sale(),
        lambda w, a, s, p: voids.void_sale(w.ctx, s, p, "rung up twice", cashier_id=a),  # type: ignore[arg-type]
        "void_sale"),
    "wallet.close_wallet": Gated(
        "3001", _topped_up,
        lambda w, a, s, p: (w.drawer(a),  # the refund is paid from a drawer
                            wallet.close_wallet(w.ctx, s, a, p))[1],  # type: ignore[arg-type]
        "wallet_closed"),
    "rewards.save_gift": Gated(
        "3001", lambda w: "",
        lambda w, a, s, p: rewards.save_gift(w.ctx, Gift("GIFT-CUP", "马克杯", 1000, 300, 10), a,
                                             p),  # type: ignore[arg-type]
        "gift_saved"),
    "draws.allot_stock": Gated(
        "3001", lambda w: "",
        lambda w, a, s, p: draws.allot_stock(w.ctx, "DEMO-WHEEL", "P1", 5, a, p),  # type: ignore[arg-type]
        "draw_stock_allotted"),
    "campaigns.issue_bulk": Gated(
        "3001", lambda w: "",
        lambda w, a, s, p: campaigns.issue_bulk(w.ctx, [w.member()], "checkin50", a, p),  # type: ignore[arg-type]
        "coupons_bulk_issued"),
    "reports.coupon_to_segment": Gated(
        "3001", lambda w: "",
        lambda w, a, s, p: reports.coupon_to_segment(w.ctx, "never", "checkin50", a, p),  # type: ignore[arg-type]
        "coupons_bulk_issued"),
}
CASES = sorted(GATED)
# Bound to figures, a receipt, a member, the refunds of goods without a receipt.
BOUND = ("checkout.complete", "voids.void_sale", "wallet.close_wallet",
         "returns.return_without_receipt")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return template_store(tmp_path_factory.mktemp("approvals"), FixedClock(START))


@pytest.fixture
def world(template: tuple[Path, list[str]], tmp_path: Path,
          clock: FixedClock) -> Iterator[World]:
    made = copied_world(template, tmp_path, clock)
    yield made
    made.app.close()


def refused(w: World, use_case: str, approval: object, actor: str | None = None) -> str:
    """Try the use case; the refusal's code, after checking nothing happened but the record of
    the refused attempt."""
    case = GATED[use_case]
    subject = case.prepare(w)
    before = len(w.audited(case.done))
    with pytest.raises(DomainError) as err:
        case.run(w, actor or w.id(case.asker), subject, approval)
    assert len(w.audited(case.done)) == before
    assert w.refusals()[-1] == (use_case, err.value.code)
    return err.value.code


def test_the_table_lists_exactly_these_approvals() -> None:
    assert sorted(k for k, v in USE_CASES.items() if isinstance(v, Gate) and v.approval) == CASES


@pytest.mark.parametrize("use_case", CASES)
def test_no_approval_is_refused_with_the_use_cases_own_code(world: World, use_case: str) -> None:
    gate = USE_CASES[use_case]
    assert isinstance(gate, Gate)
    assert refused(world, use_case, None) == gate.approval


@pytest.mark.parametrize("use_case", CASES)
def test_the_cashiers_own_id_or_nobody_is_not_an_approval(world: World, use_case: str) -> None:
    own = world.id(GATED[use_case].asker)
    assert refused(world, use_case, own) == "approval.invalid"
    assert refused(world, use_case, "nobody") == "approval.invalid"
    assert refused(world, use_case, world.id("2001")) == "approval.invalid"  # a manager's id


@pytest.mark.parametrize("use_case", CASES)
def test_nobody_approves_themself(world: World, use_case: str) -> None:
    asker = GATED[use_case].asker
    with pytest.raises(DomainError) as err:  # not a manager: nothing is minted
        world.approve(use_case, world.id(asker), number=asker)
    assert err.value.code == "staff.not_manager"
    with pytest.raises(DomainError) as err:  # a manager asking for themself
        world.approve(use_case, world.id("2001"), number="2001")
    assert err.value.code == "approval.self"
    forged = Approval("f" * 32, use_case, world.id(asker), "me", world.id(asker),
                      world.ctx.now())
    assert refused(world, use_case, forged) == "approval.invalid"
    assert [e.details["code"] for e in world.audited("approval_refused")] == [
        "approval.self", "staff.not_manager"]


@pytest.mark.parametrize("use_case", CASES)
def test_an_approval_changed_by_hand_is_not_the_one_minted(world: World, use_case: str) -> None:
    case = GATED[use_case]
    good = world.approve(use_case, world.id(case.asker), case.prepare(world))
    for forged in (replace(good, approver_id=world.id("2002")),
                   replace(good, requested_by=world.id("1002")),
                   replace(good, issued_at=good.issued_at + timedelta(hours=1))):
        assert refused(world, use_case, forged) == "approval.invalid"


@pytest.mark.parametrize("use_case", CASES)
def test_a_stale_approval_is_refused(world: World, use_case: str, clock: FixedClock) -> None:
    case = GATED[use_case]
    subject = case.prepare(world)
    stale = world.approve(use_case, world.id(case.asker), subject)
    clock.advance(APPROVAL_TTL + timedelta(seconds=1))
    with pytest.raises(Refused) as err:
        case.run(world, world.id(case.asker), subject, stale)
    assert err.value.code == "approval.expired"


@pytest.mark.parametrize("use_case", CASES)
def test_an_approval_is_good_once(world: World, use_case: str) -> None:
    case = GATED[use_case]
    subject = case.prepare(world)
    good = world.approve(use_case, world.id(case.asker), subject)
    case.run(world, world.id(case.asker), subject, good)
    [entry] = world.audited(case.done)[:1]
    assert entry.approved_by == world.id("2001")
    assert entry.staff_id == world.id(case.asker)
    with pytest.raises(Refused) as err:
        case.run(world, world.id(case.asker), subject, good)
    assert err.value.code == "approval.used"


@pytest.mark.parametrize("use_case", CASES)
def test_an_approval_for_another_action_or_staff_member_is_refused(world: World,
                                                                 use_case: str) -> None:
    case = GATED[use_case]
    other = next(k for k in CASES if k != use_case)
    subject = case.prepare(world)
    elsewhere = world.approve(other, world.id(case.asker), subject)
    assert refused(world, use_case, elsewhere) == "approval.other_action"
    colleague = "1002" if case.asker == "1001" else "1001"
    theirs = world.approve(use_case, world.id(colleague), case.prepare(world))
    assert refused(world, use_case, theirs) == "approval.other_staff"


@pytest.mark.parametrize("use_case", CASES)
def test_an_approver_switched_off_since_no_longer_counts(world: World, use_case: str) -> None:
    case = GATED[use_case]
    subject = case.prepare(world)
    good = world.approve(use_case, world.id(case.asker), subject, number="2002")
    staff_service.set_active(world.ctx, world.staff["0001"], world.id("2002"), False)
    with pytest.raises(Refused) as err:
        case.run(world, world.id(case.asker), subject, good)
    assert err.value.code == "staff.not_manager"


@pytest.mark.parametrize("use_case", BOUND)
def test_an_approval_for_one_receipt_member_or_figures_is_not_for_another(
        world: World, use_case: str) -> None:
    case = GATED[use_case]
    good = world.approve(use_case, world.id(case.asker), case.prepare(world) + "-other")
    assert refused(world, use_case, good) == "approval.other_subject"


@pytest.mark.parametrize("use_case", CASES)
def test_a_good_approval_lets_the_asker_do_it_and_names_the_manager(world: World,
                                                                    use_case: str) -> None:
    case = GATED[use_case]
    subject = case.prepare(world)
    good = world.approve(use_case, world.id(case.asker), subject, number="2002")
    case.run(world, world.id(case.asker), subject, good)
    [entry] = world.audited(case.done)[:1]
    assert (entry.staff_id, entry.approved_by) == (world.id(case.asker), world.id("2002"))
    [given] = world.audited("approval_given")
    assert (given.target, given.staff_id, given.approved_by) == (
        use_case, world.id(case.asker), world.id("2002"))


@pytest.mark.parametrize("use_case", CASES)
def test_a_manager_acts_on_their_own_authority(world: World, use_case: str) -> None:
    case = GATED[use_case]
    subject = case.prepare(world)
    case.run(world, world.id("2001"), subject, None)
    [entry] = world.audited(case.done)[:1]
    assert entry.approved_by == world.id("2001")


def test_a_refused_use_case_keeps_the_approval_for_a_second_try(world: World) -> None:
    """Refused for a reason of its own (nothing to close), the approval is not used up."""
    member = world.member("13700137000")  # no stored value
    good = world.approve("wallet.close_wallet", world.id("3001"), member)
    with pytest.raises(DomainError) as err:
        wallet.close_wallet(world.ctx, member, world.id("3001"), good)
    assert err.value.code == "wallet.empty"
    wallet.top_up(world.ctx, member, 100000, world.id("3001"), TenderKind.MOBILE, "WX-1")
    world.drawer(world.id("3001"))
    assert wallet.close_wallet(world.ctx, member, world.id("3001"), good) == (100000, 5000)


def test_a_wrong_manager_pin_mints_nothing_and_is_audited(world: World) -> None:
    with pytest.raises(DomainError) as err:
        staff_service.approve(world.ctx, "2001", "0000", "voids.void_sale", world.id("1001"))
    assert err.value.code == "staff.bad_login"
    with pytest.raises(DomainError) as err:
        staff_service.approve(world.ctx, "2001", "2468", "sale.anything", world.id("1001"))
    assert err.value.code == "approval.unknown_action"
    [entry] = world.audited("approval_refused")
    assert (entry.staff_id, entry.approved_by, entry.details["code"]) == (
        world.id("1001"), None, "staff.bad_login")
