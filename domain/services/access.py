"""Who may do what: every use case of domain/services with the role it needs, and whether a
manager's approval or the member's PIN goes with it (docs/services.md prints this table).

`Gate` is a use case someone does: the acting staff member must exist, be active and hold one
of `roles`. With `approval` (the refusal code when it is missing) a staff member below manager
also needs an approval minted by `staff.approve` for this very use case by another, active
manager; a manager or administrator acting on their own is the authority themself. `when` says
when the approval is needed, if not always. `member_pin`: the member's PIN, checked by the PIN
service (`member_pin.prove`), goes with the payment. `Open` is a use case without an actor: a
look-up, a step on the in-memory cart that `checkout.complete` checks, a proof itself, set-up.
tests/integration/test_access.py walks the modules and fails for a use case missing here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from domain.records import Role

# The store settings (flags of StoreSettings) that may widen a gate; guard.switch_on reads
# each by name with an exhaustive match, so a new one cannot be forgotten there.
StoreSwitch = Literal["", "cashier_signup"]

MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})  # the till's own set-up: its devices
TILL = frozenset({Role.CASHIER}) | MANAGERS  # rings sales, returns, shifts
DESK = frozenset({Role.FRONT_DESK}) | MANAGERS  # members, cards, gifts, draws, events
FLOOR = TILL | DESK  # stored value: the till tops up too (its cash counts in the shift)


@dataclass(frozen=True, slots=True)
class Gate:
    roles: frozenset[Role]
    approval: str = ""  # refusal code when a manager's approval is needed and missing
    when: str = ""  # when the approval is needed ("" = always)
    member_pin: bool = False
    # Roles admitted too while the store setting of that name is on (one-person stores).
    setting: StoreSwitch = ""
    setting_roles: frozenset[Role] = frozenset()


@dataclass(frozen=True, slots=True)
class Open:
    why: str


READ = Open("look-up: reads only")
PROOF = Open("checks a PIN itself")
SETUP = Open("set-up: a new store database, the demo, the scenario runner")

USE_CASES: dict[str, Gate | Open] = {
    # staff and proofs
    "staff.login": PROOF,
    "staff.approve": PROOF,
    "staff.add_staff": Gate(MANAGERS),  # by nobody only for a store's very first account
    "staff.create_staff": Gate(MANAGERS),
    "staff.reset_staff_pin": Gate(frozenset(Role)),  # one's own; others' as managers
    "staff.change_role": Gate(MANAGERS),
    "staff.set_active": Gate(MANAGERS),
    "staff.link_staff_card": Gate(frozenset(Role)),  # one's own; others' as managers
    "staff.list_staff": READ,
    "staff.set_cashier_signup": Gate(MANAGERS),
    "member_pin.check_pin": PROOF,
    "member_pin.prove": Gate(TILL, member_pin=True),
    "member_pin.set_pin": Gate(DESK),
    "member_pin.has_own_pin": READ,
    "member_pin.check_not_locked": READ,
    "member_pin.tries_left": READ,
    "member_pin.pin_state": READ,
    # the till
    # The front desk keeps a drawer too: the cash of stored-value top-ups is counted in it.
    "shifts.open_shift": Gate(FLOOR),
    "shifts.close_shift": Gate(FLOOR),
    "shifts.current_shift": READ,
    "shifts.drawer_expected": READ,
    "days.status": READ,
    "shift_slip.shift_figures": READ,
    "cart.start_sale": Gate(TILL),
    "cart.find_product": READ,
    "till.search": READ,
    "checkout.quote": READ,
    "checkout.points_if_paid": READ,
    "checkout.approval_needed": READ,
    "checkout.complete": Gate(TILL, approval="sale.manager_required",
                              when="a discount beyond the cashier's limit, a price override",
                              member_pin=True),
    "held.hold": Gate(TILL),
    "held.recall": Gate(TILL),
    "held.waiting": READ,
    "returns.return_with_receipt": Gate(TILL),
    "returns.return_without_receipt": Gate(TILL, approval="return.manager_required"),
    "returns.no_receipt_offer": READ,
    "returns.coupon_kept_back": READ,
    "returns.refund_preview": READ,
    "receipts.open_receipt": READ,
    "voids.void_sale": Gate(TILL, approval="void.manager_required"),
    # the front desk
    "members.register": Gate(DESK, setting="cashier_signup",
                             setting_roles=frozenset({Role.CASHIER})),
    "profiles.update_member": Gate(DESK),
    "cardissue.issue_card": Gate(DESK),
    "cardissue.link_card": Gate(DESK),
    "cardissue.link_swiped": Gate(DESK),
    "cardissue.report_lost": Gate(DESK),
    "cardissue.close_card": Gate(DESK),
    "cardissue.replace_card": Gate(DESK),
    "wallet.top_up": Gate(FLOOR),
    "wallet.close_wallet": Gate(FLOOR, approval="wallet.manager_required"),
    "wallet.preview_close": READ,
    "rewards.bonus_points": Gate(DESK),
    "rewards.adjust_points": Gate(MANAGERS),
    "rewards.redeem_gift": Gate(DESK),
    "rewards.redeem_voucher": Gate(DESK),
    "rewards.save_gift": Gate(DESK, approval="gift.manager_required"),
    "rewards.gift_catalogue": READ,
    "draws.spin": Gate(DESK),
    "draws.allot_stock": Gate(DESK, approval="draw.manager_required"),
    "draws.define_draw": Gate(MANAGERS),
    "draws.offer": READ,
    "draws.draws_open": READ,
    "draws.draw_prizes": READ,
    "draw_setup.prize_templates": READ,
    "holders.card_holder": READ,
    "holders.holder_by_mobile": READ,
    "holders.track2_of": READ,
    "draw_setup.check_draw_head": READ,
    "draw_setup.check_new_draw": READ,
    "campaigns.check_in": Gate(DESK),
    "campaigns.issue_bulk": Gate(DESK, approval="coupon.manager_required"),
    "campaigns.invitation_list": READ,
    "campaigns.checked_in_today": READ,
    # the manager's office
    "reports.coupon_to_segment": Gate(DESK, approval="coupon.manager_required"),
    "imports.import_members": Gate(MANAGERS),
    "imports.export_segment": Gate(MANAGERS),
    "imports.dry_run": READ,
    "maintenance.close_day": Gate(MANAGERS),
    "rules.switch_pack": Gate(MANAGERS),
    "devices.save_devices": Gate(ADMINS),
    # look-ups and reports (the screens show the manager's to managers only)
    **{f"members.{name}": READ for name in ("find_by_mobile", "member_view", "member_by_card",
                                            "with_panel_extras", "find_by_swipe")},
    **{f"reports.{name}": READ for name in ("daily_points_report", "z_report",
                                            "member_statement", "member_facts",
                                            "analysis_summary", "birthday_members",
                                            "dormant_members")},
    **{f"audit.{name}": READ for name in ("query_for", "page", "action_kinds", "staff_by_id",
                                          "verify_chain")},
    **{f"lookup.{name}": READ for name in ("search", "hit", "tier_history")},
    **{f"tier_outlook.{name}": READ for name in ("upcoming", "tier_counts", "history")},
    "card_alerts.card_alerts": READ,
    # a partner's till reading its roster (a sale's rules are the cart's and checkout's)
    **{f"alliance.{name}": READ for name in ("recognise", "honours")},
    "cardserials.card_serials": READ,
    # set-up
    "setup.init_store": SETUP,
    "setup.add_products": SETUP,
}


def gate(use_case: str) -> Gate:
    """The gate of a use case that has one (a programming error otherwise)."""
    found = USE_CASES[use_case]
    if not isinstance(found, Gate):
        raise KeyError(use_case)
    return found


def approval_actions() -> list[str]:
    """The use cases a manager's approval can be minted for."""
    return sorted(k for k, v in USE_CASES.items() if isinstance(v, Gate) and v.approval)
