"""A demo store with one account per role, and a call of every gated use case with a given
acting staff id (and approval), for the access tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.bootstrap import App, open_app, store_path
from desktop.demo_data import load_demo
from domain.cards import track2_data
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.ids import new_id_str
from domain.importing import table_of
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import AuditEntry, AuditQuery, Gift, Role, Staff, TenderKind
from domain.services import (
    campaigns,
    cardissue,
    checkout,
    devices,
    draws,
    held,
    imports,
    maintenance,
    member_pin,
    members,
    profiles,
    reports,
    returns,
    rewards,
    rules,
    shifts,
    voids,
    wallet,
)
from domain.services import cart as carts
from domain.services import staff as staff_service
from domain.services.audit import page
from domain.services.cart import Cart
from domain.services.members import find_by_mobile
from domain.services.setup import new_settings
from hardware.devices_store import DevicesFile
from tests.sync.harness import copy_db

PINS = {"0001": "8024", "1001": "1357", "2001": "2468", "3001": "3579", "2002": "5284",
        "1002": "6173"}


@dataclass
class World:
    app: App
    cards: list[str]
    staff: dict[str, Staff]  # by number: 0001 admin, 1001 cashier, 2001 and 2002 managers,
    #                          3001 front desk, 1002 a second cashier

    @property
    def ctx(self):  # type: ignore[no-untyped-def]
        return self.app.ctx

    def id(self, number: str) -> str:
        return self.staff[number].id

    def member(self, mobile: str = "13800138000") -> str:
        return find_by_mobile(self.ctx, mobile).member.id

    def approve(self, action: str, requested_by: str, subject: str = "",
                number: str = "2001"):  # type: ignore[no-untyped-def]
        return staff_service.approve(self.ctx, number, PINS[number], action, requested_by,
                                     subject)

    def sale(self, cashier: str = "1001") -> str:
        """A paid cash sale of one scarf (¥89.00) today; its receipt number."""
        cart = carts.start_sale(self.ctx, self.id(cashier))
        cart = carts.add_item(self.ctx, cart, "F6001")
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        return checkout.complete(self.ctx, cart).sale.receipt_no

    def drawer(self, staff_id: str) -> None:
        """Cash at the desk goes through a drawer: open one for `staff_id` if they may."""
        try:
            if shifts.current_shift(self.ctx, staff_id) is None:
                shifts.open_shift(self.ctx, staff_id, 0)
        except DomainError:
            pass  # a role without a drawer: the use case itself gives the refusal tested

    def audited(self, action: str) -> list[AuditEntry]:
        return page(self.ctx, AuditQuery(action=action), 0, 500).entries

    def refusals(self) -> list[tuple[str, str]]:
        """(use case, code) of every refused attempt, oldest first."""
        return [(e.target, str(e.details.get("code"))) for e in
                reversed(self.audited("access_refused"))]


def make_world(app: App) -> World:
    cards = load_demo(app.ctx)
    admin = staff_service.login(app.ctx, "0001", "8024")
    staff_service.create_staff(app.ctx, admin, "2002", "钱店长", Role.MANAGER, PINS["2002"])
    staff_service.create_staff(app.ctx, admin, "1002", "孙收银", Role.CASHIER, PINS["1002"])
    return world_of(app, cards)


def world_of(app: App, cards: list[str]) -> World:
    with app.ctx.reader() as uow:
        found = {n: uow.staff.by_number(n) for n in PINS}
    return World(app, cards, {n: s for n, s in found.items() if s is not None})


def template_store(folder: Path, clock: FixedClock) -> tuple[Path, list[str]]:
    """A demo store with the access tests' staff, made once and copied for each test."""
    path = folder / "template.sqlite3"
    app = open_app(path, clock=clock, settings=new_settings())
    try:
        cards = make_world(app).cards
    finally:
        app.close()
    return path, cards


def copied_world(template: tuple[Path, list[str]], folder: Path, clock: FixedClock) -> World:
    path = copy_db(template[0], folder / "store.sqlite3")
    return world_of(open_app(path, clock=clock, settings=new_settings()), template[1])


def as_staff(world: World, staff_id: str) -> Staff:
    """A staff record naming `staff_id`, as a caller hands it in (the service reads it again)."""
    known = next((s for s in world.staff.values() if s.id == staff_id), None)
    return known or Staff(id=staff_id, number="0", name="?", role=Role.ADMIN, pin_hash="")


def bare_cart(world: World, cashier_id: str) -> Cart:
    """A cart made by hand, as any caller could: checkout must not trust its cashier."""
    cart = Cart(id=new_id_str(), cashier_id=cashier_id, started_at=world.ctx.now())
    cart = carts.add_item(world.ctx, cart, "F6001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    return cart


def _draw(world: World) -> tuple[Draw, list[Prize]]:
    draw = Draw("ACCESS", "权限测试", cost_points=10, free_spins_per_day=1)
    return draw, [Prize("ACCESS", "T", "谢谢参与", PrizeKind.THANKS, weight=1)]


Call = Callable[[World, str], object]

# Every gated use case, called as `staff_id` with arguments it would otherwise accept.
CALLS: dict[str, Call] = {
    "staff.add_staff": lambda w, s: staff_service.add_staff(
        w.ctx, "1003", "新收银", Role.CASHIER, "7142", by=s),
    "staff.create_staff": lambda w, s: staff_service.create_staff(
        w.ctx, as_staff(w, s), "1004", "新收银", Role.CASHIER, "7142"),
    "staff.reset_staff_pin": lambda w, s: staff_service.reset_staff_pin(
        w.ctx, as_staff(w, s), w.id("1002"), "7142"),
    "staff.change_role": lambda w, s: staff_service.change_role(
        w.ctx, as_staff(w, s), w.id("1002"), Role.FRONT_DESK),
    "staff.set_active": lambda w, s: staff_service.set_active(
        w.ctx, as_staff(w, s), w.id("1002"), False),
    "staff.set_cashier_signup": lambda w, s: staff_service.set_cashier_signup(
        w.ctx, as_staff(w, s), True),
    "staff.link_staff_card": lambda w, s: staff_service.link_staff_card(
        w.ctx, as_staff(w, s), w.id("1002"), w.cards[2]),
    "member_pin.prove": lambda w, s: member_pin.prove(
        w.ctx, w.member(), "138000", s, sale_id="sale", amount_fen=100),
    "member_pin.set_pin": lambda w, s: member_pin.set_pin(w.ctx, w.member(), "731942", s),
    "shifts.open_shift": lambda w, s: shifts.open_shift(w.ctx, s, 50000),
    "shifts.close_shift": lambda w, s: shifts.close_shift(w.ctx, s, 50000),
    "cart.start_sale": lambda w, s: carts.start_sale(w.ctx, s),
    "checkout.complete": lambda w, s: checkout.complete(w.ctx, bare_cart(w, s)),
    "held.hold": lambda w, s: held.hold(w.ctx, bare_cart(w, w.id("1001")), s),
    "held.recall": lambda w, s: held.recall(
        w.ctx, held.hold(w.ctx, bare_cart(w, w.id("1001")), w.id("1001")).id, s, None),
    "returns.return_with_receipt": lambda w, s: returns.return_with_receipt(
        w.ctx, w.sale(), {1: 1}, s),
    "returns.return_without_receipt": lambda w, s: returns.return_without_receipt(
        w.ctx, [("F6001", 1)], s, None, typed={"F6001": 5000}),
    "voids.void_sale": lambda w, s: voids.void_sale(
        w.ctx, w.sale(), None, "rung up twice", cashier_id=s),
    "members.register": lambda w, s: members.register(
        w.ctx, {"name": "周七", "mobile": "13600136066", "privacy_accepted": True}, s),
    "profiles.update_member": lambda w, s: profiles.update_member(
        w.ctx, w.member(), {"notes": "VIP"}, s),
    "cardissue.issue_card": lambda w, s: cardissue.issue_card(w.ctx, w.member(), s),
    "cardissue.link_card": lambda w, s: cardissue.link_card(
        w.ctx, w.member(), "1303101999990", s),
    "cardissue.link_swiped": lambda w, s: cardissue.link_swiped(
        w.ctx, w.member(), None, track2_data("1303101999982", "3012", w.ctx.card_secret), s),
    "cardissue.report_lost": lambda w, s: cardissue.report_lost(w.ctx, w.cards[1], s),
    "cardissue.close_card": lambda w, s: cardissue.close_card(w.ctx, w.cards[1], s),
    "cardissue.replace_card": lambda w, s: cardissue.replace_card(w.ctx, w.cards[1], s),
    "wallet.top_up": lambda w, s: wallet.top_up(w.ctx, w.member(), 100000, s,
                                                TenderKind.MOBILE, "WX-1"),
    "wallet.close_wallet": lambda w, s: (w.drawer(s),
                                         wallet.close_wallet(w.ctx, w.member(), s, None))[1],
    "rewards.bonus_points": lambda w, s: rewards.bonus_points(w.ctx, w.member(), "review", s),
    "rewards.adjust_points": lambda w, s: rewards.adjust_points(
        w.ctx, w.member(), 50000, "old card", s),
    "rewards.redeem_gift": lambda w, s: rewards.redeem_gift(w.ctx, w.member(), "GIFT-BAG", s),
    "rewards.redeem_voucher": lambda w, s: rewards.redeem_voucher(w.ctx, w.member(), 2000, s),
    "rewards.save_gift": lambda w, s: rewards.save_gift(
        w.ctx, Gift("GIFT-CUP", "马克杯", 1000, 300, 10), s, None),
    "draws.spin": lambda w, s: draws.spin(w.ctx, w.member(), "DEMO-WHEEL", s),
    "draws.allot_stock": lambda w, s: draws.allot_stock(w.ctx, "DEMO-WHEEL", "P1", 5, s, None),
    "draws.define_draw": lambda w, s: draws.define_draw(w.ctx, *_draw(w), s),
    "campaigns.check_in": lambda w, s: campaigns.check_in(w.ctx, w.member(), "spring", s),
    "campaigns.issue_bulk": lambda w, s: campaigns.issue_bulk(
        w.ctx, [w.member()], "checkin50", s, None),
    "reports.coupon_to_segment": lambda w, s: reports.coupon_to_segment(
        w.ctx, "never", "checkin50", s, None),
    "imports.import_members": lambda w, s: imports.import_members(
        w.ctx, table_of([["name", "mobile"], ["吴八", "13600136077"]]),
        {"name": "name", "mobile": "mobile"}, s),
    "imports.export_segment": lambda w, s: imports.export_segment(w.ctx, "never", s),
    "maintenance.close_day": lambda w, s: maintenance.close_day(w.ctx, s),
    "rules.switch_pack": lambda w, s: rules.switch_pack(w.ctx, as_staff(w, s), "retail", None),
    "devices.save_devices": lambda w, s: devices.save_devices(
        w.ctx, DevicesFile(store_path(w.ctx).parent / "devices.toml"),
        {"scanner": {"url": "wedge:"}}, s),
}
