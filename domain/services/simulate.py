"""`kaika simulate`: replay a scenario through the same services the till uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from domain import cards as card_rules
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import Gift, Role, TenderKind
from domain.scenario import Scenario
from domain.services import cart as carts
from domain.services import (
    maintenance,
    members,
    overrides,
    payment,
    returns,
    rewards,
    shifts,
    till,
    wallet,
)
from domain.services.cart import TenderRequest
from domain.services.context import ServiceContext, to_wire
from domain.services.proofs import Approval
from domain.services.setup import add_products
from domain.services.simulate_seed import products, seed_coupon, seed_member
from domain.services.staff import add_staff, approve

Step = dict[str, Any]
# The runner's own staff: a manager (the store's first account, or one made before), and a
# cashier and a front-desk clerk the manager adds. The manager approves with this PIN, through
# staff.approve like any manager at a till: the runner has no way round the rules.
SIM_PIN = "7391"
MANAGER, CASHIER, DESK = ("9002", "SIM-MGR"), ("9001", "SIM"), ("9003", "SIM-DESK")

_T = TypeVar("_T")


class Simulation:
    """One scenario run: refs for members, coupons and sales made along the way."""

    def __init__(self, ctx: ServiceContext, clock: FixedClock) -> None:
        self.ctx, self.clock = ctx, clock
        self.members: dict[str, str] = {}  # ref -> member id
        self.coupons: dict[str, str] = {}  # ref -> coupon code
        self.sales: dict[int, str] = {}  # step index -> receipt number
        self.cashier = ""
        self.manager = ""
        self.desk = ""
        # Alliance scenarios: member ref -> card number of another merchant's member, shown
        # here as at any partner's till (domain/services/simulate_alliance.py).
        self.foreign_cards: dict[str, str] = {}

    def load(self, scenario: Scenario) -> None:
        self.manager = self._staff(MANAGER, Role.MANAGER, None)
        self.cashier = self._staff(CASHIER, Role.CASHIER, self.manager)
        self.desk = self._staff(DESK, Role.FRONT_DESK, self.manager)
        add_products(self.ctx, products(scenario.catalog))
        with self.ctx.uow() as uow:
            for seed in scenario.members:
                self.members[seed["ref"]] = seed_member(self.ctx, uow, seed).id
            for seed in scenario.coupons:
                owner = self.members.get(seed.get("member", ""))
                self.coupons[seed["ref"]] = seed_coupon(self.ctx, uow, seed, owner).code
            uow.commit()
        for seed in scenario.gifts:
            rewards.save_gift(self.ctx, Gift(seed["code"], seed["name"], seed["cost_fen"],
                                             seed.get("points_price", 0), seed["stock"]),
                              self.manager)

    def _staff(self, who: tuple[str, str], role: Role, by: str | None) -> str:
        """The simulation's own staff; reused when run twice on one database. Its manager is
        made only as a store's first account: elsewhere the store's administrator adds it."""
        number, name = who
        with self.ctx.reader() as uow:
            found = uow.staff.by_number(number)
        if found is not None:
            return found.id
        return add_staff(self.ctx, number, name, role, SIM_PIN, by=by).id

    def _approval(self, action: str, requested_by: str, subject: str = "") -> Approval:
        """The simulation's manager types their number and PIN, as at a till."""
        return approve(self.ctx, MANAGER[0], SIM_PIN, action, requested_by, subject)

    def run(self, scenario: Scenario) -> dict[str, Any]:
        results = []
        for index, step in enumerate(scenario.steps):
            self.clock.set(datetime.fromisoformat(step["at"]))
            before = self.expired_so_far()
            entry = self.step(index, step)
            entry["members"] = self.snapshot(before)
            results.append(to_wire(entry))
        return {"rulepack": self.ctx.pack.name, "steps": results}

    def step(self, index: int, step: Step) -> dict[str, Any]:
        """One step's result, or the error it met (the run goes on, as at a till)."""
        entry: dict[str, Any] = {"index": index, "do": step["do"]}
        try:
            entry.update(self._handlers()[step["do"]](index, step))
        except DomainError as err:
            entry["error"] = err.to_dict()
        return entry

    def _handlers(self) -> dict[str, Callable[[int, Step], dict[str, Any]]]:
        return {"sale": self._sale, "return": self._return, "register": self._register,
                "topup": self._topup, "bonus": self._bonus, "adjust": self._adjust,
                "voucher": self._voucher, "gift": self._gift, "close_wallet": self._close_wallet,
                "close_day": self._close_day}

    def _sale(self, index: int, step: Step) -> dict[str, Any]:
        """The cashier's own verbs (domain/services/till.py, payment.py), as the till calls them."""
        sale = till.TillSale(carts.start_sale(self.ctx, self.cashier))
        if step.get("member") in self.foreign_cards:  # scanned, as a partner's card is
            sale = till.attach_code(self.ctx, sale, self.foreign_cards[step["member"]],
                                    scanned=step.get("presented", "scan") != "typed")
        elif "member" in step and step["member"] not in self.members:
            raise DomainError("card.unknown", member=step["member"])  # another's, no card
        elif "member" in step:
            sale = self._present(sale, self.members[step["member"]],
                                 till.Presented(step.get("presented", "swipe")))
        for line in step["lines"]:
            sale = till.add_code(self.ctx, sale, line["sku"], line["qty"])
        if step.get("manual_discount_fen"):
            sale = till.set_discount(self.ctx, sale, sale.cart.lines[0].line_no,
                                     step["manual_discount_fen"])
        if step.get("manager_ok"):
            sale = till.approve(self.ctx, sale, self._approval(
                "checkout.complete", self.cashier, overrides.override_subject(sale.cart)))
        for ref in step.get("coupons", []):
            sale = till.add_coupon(self.ctx, sale, self.coupons[ref])
        for tender in step.get("tenders", [{"type": "cash"}]):
            sale = self._tender(sale, tender)
        done = payment.complete(self.ctx, sale)
        self.sales[index] = done.sale.receipt_no
        return {"receipt_no": done.sale.receipt_no, "due_fen": done.sale.total_fen,
                "points_earned": done.sale.points_earned,
                "applied": [*done.sale.applied, *_line_reasons(done.sale.lines)],
                "tenders": done.sale.tenders, "change_fen": sum(t.change_fen
                                                                for t in done.sale.tenders),
                "coupons_issued": [c.code for c in done.coupons_issued],
                "tier_change": done.tier_change.to_tier if done.tier_change else None}

    def _return(self, index: int, step: Step) -> dict[str, Any]:
        receipt = self.sales.get(step["sale_step"])
        if receipt is None:
            raise DomainError("return.sale_step_failed", sale_step=step["sale_step"])
        if step.get("with_receipt", True):
            lines = self._line_numbers(receipt, step.get("lines"))
            done = returns.return_with_receipt(self.ctx, receipt, lines, self.cashier)
        else:
            items = [(line["sku"], line["qty"]) for line in step["lines"]]
            member = self.members.get(step.get("member", ""))
            approval = (self._approval("returns.return_without_receipt", self.cashier,
                                       returns.no_receipt_subject(items, member))
                        if step.get("manager_ok") else None)
            done = returns.return_without_receipt(self.ctx, items, self.cashier, approval,
                                                  member)
        return {"receipt_no": done.sale.receipt_no, "due_fen": done.sale.total_fen,
                "points_earned": done.sale.points_earned, "applied": list(done.sale.applied),
                "tenders": done.sale.tenders,
                "coupons_withdrawn": list(done.coupons_withdrawn),
                "coupons_issued": list(done.coupons_issued),
                "tier_change": done.tier_change.to_tier if done.tier_change else None}

    def _line_numbers(self, receipt: str, lines: list[dict[str, Any]] | None) -> dict[int, int]:
        """Map {"sku", "qty"} to the original sale's line numbers; no lines = everything not
        returned yet (after a partial return, what is left of each line)."""
        with self.ctx.reader() as uow:
            sale = returns.find_sale(uow, receipt)
            left = returns.left_to_return(uow, sale)
        if not lines:
            everything = {no: qty for no, qty in left.items() if qty > 0}
            if not everything:
                raise DomainError("return.nothing_left", receipt_no=receipt)
            return everything
        wanted: dict[int, int] = {}
        for line in lines:
            match = next((ln for ln in sale.lines if ln.sku == line["sku"]
                          and wanted.get(ln.line_no, 0) < ln.qty), None)
            if match is None:
                raise DomainError("return.sku_not_in_sale", sku=line["sku"])
            wanted[match.line_no] = wanted.get(match.line_no, 0) + line["qty"]
        return wanted

    def _register(self, index: int, step: Step) -> dict[str, Any]:
        raw: dict[str, object] = {k: step[k] for k in ("name", "mobile", "birthday",
                                                       "consent_alliance") if k in step}
        raw["privacy_accepted"] = True
        if "referrer" in step:
            with self.ctx.uow() as uow:
                referrer = uow.members.get(self.members[step["referrer"]])
            assert referrer is not None
            raw["referrer"] = referrer.mobile
        done = members.register(self.ctx, raw, self.desk)
        self.members[step["ref"]] = done.member.id
        return {"created": done.created, "coupons_issued": [c.code for c in done.coupons],
                "coupons_valid_to": [c.valid_to for c in done.coupons]}

    def _topup(self, index: int, step: Step) -> dict[str, Any]:
        # A scenario states what the desk did: a large amount was read back and agreed.
        done = self._at_drawer(lambda: wallet.top_up(
            self.ctx, self.members[step["member"]], step["amount_fen"], self.desk,
            confirmed=step.get("confirmed", True)))
        return {"bonus_fen": done.entry.bonus_fen,
                "deposit_rate_unlocked": done.deposit_rate_unlocked}

    def _bonus(self, index: int, step: Step) -> dict[str, Any]:
        entry = rewards.bonus_points(self.ctx, self.members[step["member"]], step["reason"],
                                     self.desk, step.get("points"))
        return {"points": entry.points}

    def _adjust(self, index: int, step: Step) -> dict[str, Any]:
        """The manager adjusts; without one (`manager_ok: false`) the front desk tries."""
        who = self.manager if step.get("manager_ok", True) else self.desk
        entry = rewards.adjust_points(self.ctx, self.members[step["member"]], step["points"],
                                      step["reason"], who)
        return {"points": entry.points}

    def _voucher(self, index: int, step: Step) -> dict[str, Any]:
        coupon = rewards.redeem_voucher(self.ctx, self.members[step["member"]], step["points"],
                                        self.desk)
        return {"coupon": coupon.code, "amount_fen": coupon.amount_fen}

    def _gift(self, index: int, step: Step) -> dict[str, Any]:
        left = rewards.redeem_gift(self.ctx, self.members[step["member"]], step["gift"],
                                   self.desk)
        return {"gift": left.code, "points_price": left.points_price, "stock_left": left.stock}

    def _close_wallet(self, index: int, step: Step) -> dict[str, Any]:
        member = self.members[step["member"]]
        approval = (self._approval("wallet.close_wallet", self.desk, member)
                    if step.get("manager_ok", True) else None)
        refund, forfeit = self._at_drawer(
            lambda: wallet.close_wallet(self.ctx, member, self.desk, approval))
        return {"refund_fen": refund, "forfeit_fen": forfeit}

    def _at_drawer(self, action: Callable[[], _T]) -> _T:
        """Cash at the desk goes through a drawer: the clerk opens one for the step and
        counts it exactly straight after (a scenario's figures are not about the drawer)."""
        shifts.open_shift(self.ctx, self.desk, 0)
        try:
            return action()
        finally:
            counted = shifts.drawer_expected(self.ctx, self.desk) or 0
            shifts.close_shift(self.ctx, self.desk, max(counted, 0))

    def _close_day(self, index: int, step: Step) -> dict[str, Any]:
        done = maintenance.close_day(self.ctx, self.manager)
        return {"business_date": done.business_date, "points_expired": done.points_expired,
                "coupons_expired": done.coupons_expired,
                "tier_changes": [(c.from_tier, c.to_tier, c.reason) for c in done.tier_changes]}

    def _present(self, sale: till.TillSale, member_id: str,
                 how: till.Presented) -> till.TillSale:
        """The member's card as the scenario says it reaches the till (swipe by default):
        through the same look-ups and card rules as a swipe, a scan or a typed number."""
        view = members.member_view(self.ctx, member_id)
        if how is till.Presented.MOBILE or view.card is None:
            return till.attach_code(self.ctx, sale, view.member.mobile)
        card = view.card
        if how is till.Presented.SWIPE:
            track2 = card_rules.track2_data(card.number, card.expiry, self.ctx.card_secret)
            return till.attach_swipe(self.ctx, sale, None, track2)
        return till.attach_code(self.ctx, sale, card.number,
                                scanned=how is not till.Presented.TYPED)

    def _tender(self, sale: till.TillSale, spec: dict[str, Any]) -> till.TillSale:
        """A tender as the scenario says; a wallet payment with `pin_ok` (the default) is one
        the member typed the PIN for: the mobile's last six digits, their PIN here."""
        kind = TenderKind(spec["type"])
        if kind is TenderKind.WALLET:
            pin = self._mobile_pin(sale) if spec.get("pin_ok", True) else None
            return payment.pay_wallet(self.ctx, sale, spec.get("amount_fen"), pin)
        return payment.pay(self.ctx, sale, TenderRequest(
            kind=kind, amount_fen=spec.get("amount_fen"), points=spec.get("points", 0),
            reference=spec.get("reference") or _slip(kind), given_fen=spec.get("given_fen", 0)))

    def _mobile_pin(self, sale: till.TillSale) -> str | None:
        if sale.member is None:
            return None
        return "".join(ch for ch in sale.member.member.mobile if ch.isdigit())[-6:]

    def expired_so_far(self) -> dict[str, int]:
        with self.ctx.uow() as uow:
            return {ref: -sum(e.points for e in uow.points.entries(mid) if e.kind == "expire")
                    for ref, mid in self.members.items()}

    def snapshot(self, expired_before: dict[str, int]) -> dict[str, Any]:
        expired_now = self.expired_so_far()
        out: dict[str, Any] = {}
        with self.ctx.uow() as uow:
            for ref, member_id in self.members.items():
                member = uow.members.get(member_id)
                bal = uow.members.balances(member_id)
                assert member is not None
                out[ref] = {"points": bal.points, "tier": member.tier,
                            "wallet_principal_fen": bal.wallet_principal_fen,
                            "wallet_bonus_fen": bal.wallet_bonus_fen,
                            "points_expired": expired_now[ref] - expired_before.get(ref, 0)}
        return out


def _line_reasons(lines: list[Any]) -> list[dict[str, Any]]:
    return [{**reason, "line_no": line.line_no} for line in lines for reason in line.reasons]


def simulate(ctx: ServiceContext, clock: FixedClock, scenario: Scenario) -> dict[str, Any]:
    """Load the scenario's starting state, run its steps, return the JSON-ready result."""
    sim = Simulation(ctx, clock)
    sim.load(scenario)
    return sim.run(scenario)


def _slip(kind: TenderKind) -> str:
    """A made-up slip number: the till requires one for card and mobile payments, a scenario
    may leave it out."""
    return f"SIM-{kind.value}" if kind in (TenderKind.BANK_CARD, TenderKind.MOBILE) else ""
