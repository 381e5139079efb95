"""What a return takes back besides money and points: the spend-and-get coupon its sale won
and a tier the sale raised or kept, once what is left no longer earns them (DOMAIN §5, §6, §9).

Voids (domain/services/voids.py) and returns share these rules. For a return the entry rule is
run again on what is left — qualifying spend is net of returns — and an anniversary review the
sale helped pass is run again with the return counted in its year. A spend-and-get coupon the
kept amount no longer earns is withdrawn while unused (a lower one it still earns is issued in
its place); a used one has its value deducted from the refund, as Chinese stores print on the
coupon ("退货时已使用的赠券按面值从退款中扣除"), never more than the return refunds and never
twice across partial returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from domain import coupons as coupon_rules
from domain import tiers
from domain.events import CouponVoided
from domain.ports import UnitOfWork
from domain.records import Coupon, CouponState, Member, Sale, SaleKind, SaleLine, TierChange
from domain.rulepack import TierRule
from domain.services import maintenance
from domain.services.context import ServiceContext, emit
from domain.services.members import issue_coupon
from domain.services.sale_effects import won_reason

REVIEWS = frozenset({"retained", "downgrade"})  # anniversary reviews date from the anniversary
DEDUCTED = "return.coupon_deducted"  # a return's `applied` entry: a used coupon's value kept


# --- coupons ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CouponPlan:
    """What a return does to the coupons its sale won, worked out before the refund is split."""

    withdraw: tuple[Coupon, ...] = ()
    deduct: tuple[tuple[str, int], ...] = ()  # (coupon code, fen kept back from the refund)
    issue: str | None = None  # a lower template the kept amount still earns
    issued: list[str] = field(default_factory=list)

    @property
    def deducted_fen(self) -> int:
        return sum(fen for _, fen in self.deduct)

    @property
    def applied(self) -> tuple[dict[str, object], ...]:
        return tuple({"code": DEDUCTED, "params": {"coupon": code, "off_fen": fen}}
                     for code, fen in self.deduct)


def coupon_plan(ctx: ServiceContext, uow: UnitOfWork, original: Sale, earlier: list[Sale],
                back: list[SaleLine], refund_fen: int) -> CouponPlan:
    """The coupons a return of `back` takes back, given the returns made `earlier`."""
    if not original.member_id:
        return CouponPlan()
    # Money paid, as the sale's own spend-and-get was measured (docs/rules.md): points used
    # as cash and wallet bonus do not keep a coupon the money kept no longer earns.
    kept = sum(ln.paid_fen for ln in original.lines) + sum(
        ln.paid_fen for s in earlier for ln in s.lines) + sum(ln.paid_fen for ln in back)
    target = coupon_rules.spend_and_get(kept, ctx.pack.coupons)
    reason = won_reason(original.id)
    won = [c for c in uow.coupons.for_member(original.member_id) if c.issued_reason == reason
           and c.state in (CouponState.ISSUED, CouponState.REDEEMED)]
    keep = next((c for c in won if target is not None and c.template_code == target.code), None)
    withdraw, deduct, left = [], [], refund_fen
    for coupon in won:
        if coupon is keep:
            continue
        if coupon.state is CouponState.ISSUED:
            withdraw.append(coupon)
            continue
        owed = min(_value(uow, coupon) - _deducted(earlier, coupon.code), left)
        if owed > 0:
            deduct.append((coupon.code, owed))
            left -= owed
    changed = bool(withdraw or deduct)
    issue = target.code if target is not None and keep is None and changed else None
    return CouponPlan(tuple(withdraw), tuple(deduct), issue)


def _value(uow: UnitOfWork, coupon: Coupon) -> int:
    """What a used coupon took off the sale it was used in (its face value if unknown here)."""
    used = uow.sales.get(coupon.redeemed_sale_id) if coupon.redeemed_sale_id else None
    for entry in used.applied if used else ():
        params = entry.get("params", {})
        if entry.get("code") == "coupon.applied" and params.get("coupon") == coupon.code:
            return int(params.get("off_fen", 0))
    return coupon.amount_fen


def _deducted(returns: list[Sale], code: str) -> int:
    return sum(int(e["params"]["off_fen"]) for s in returns for e in s.applied
               if e.get("code") == DEDUCTED and e.get("params", {}).get("coupon") == code)


def carry_out(ctx: ServiceContext, uow: UnitOfWork, plan: CouponPlan, original: Sale) -> None:
    """Withdraw and issue what the plan says (deductions are in the refund already)."""
    withdraw(ctx, uow, list(plan.withdraw))
    if plan.issue is not None and original.member_id:
        coupon = issue_coupon(ctx, uow, plan.issue, original.member_id, won_reason(original.id))
        plan.issued.append(coupon.code)


def withdraw(ctx: ServiceContext, uow: UnitOfWork, won: list[Coupon]) -> tuple[str, ...]:
    """Unused coupons become void; one already expired or void is left as it is."""
    withdrawn = []
    for coupon in won:
        if coupon.state is not CouponState.ISSUED:
            continue
        uow.coupons.save(coupon_rules.void(coupon))
        emit(ctx, uow, CouponVoided(coupon.code, coupon.member_id))
        withdrawn.append(coupon.code)
    return tuple(withdrawn)


# --- tiers --------------------------------------------------------------------------------------

def tier_after_return(ctx: ServiceContext, uow: UnitOfWork, original: Sale) -> TierChange | None:
    """Set back a tier the returned sale raised, or kept at an anniversary, when what is left
    of the member's spend no longer earns it (reason "return"); never raises a tier."""
    assert original.member_id is not None
    member = uow.members.get(original.member_id)
    history = uow.tiers.history(original.member_id)
    if member is None or not history:
        return None
    if history[-1].reason in REVIEWS:
        return _review_again(ctx, uow, member, original)
    raised = upgrade_made_by(history, original, also=("return",))
    if raised is None:
        return None
    target = _entry_again(ctx, uow, member, original, history[raised])
    if target == member.tier:
        return None
    since = (since_before(ctx, history[:raised], member.joined_on)
             if target == history[raised].from_tier
             else ctx.calendar.date_of(history[raised].at))
    return maintenance.change_tier(ctx, uow, member, target, "return", since)


def _entry_again(ctx: ServiceContext, uow: UnitOfWork, member: Member, original: Sale,
                 raised: TierChange) -> str:
    """The highest tier from the one before the sale's upgrade up to the member's now whose
    entry rule the member meets, each sale counted net of its returns: on the sale's own day
    (the window it was lifted in) or today."""
    months = max((t.entry_window_months for t in ctx.pack.tiers), default=12)
    start = tiers.add_months(original.business_date, -months)
    sales = uow.sales.member_sales(member.id, start, ctx.today())
    net = _net_by_sale(sales)
    dated = [(s.business_date, net[s.id]) for s in sales if s.id in net]
    dated += [(s.business_date, s.qualifying_fen) for s in sales
              if s.kind is SaleKind.RETURN and s.original_sale_id not in net]
    single = max((net[s.id] for s in sales if s.id in net and s.at >= original.at), default=0)
    floor = tiers.tier_of(ctx.pack, raised.from_tier)
    top = tiers.tier_of(ctx.pack, member.tier)
    for tier in reversed(ctx.pack.tiers[floor.rank + 1: top.rank + 1]):
        if any(entry_met(tier, single, dated, on) for on in (original.business_date, ctx.today())):
            return tier.name
    return floor.name


def _net_by_sale(sales: list[Sale]) -> dict[str, int]:
    """Each sale's qualifying amount less what its returns (in `sales`) gave back."""
    net = {s.id: s.qualifying_fen for s in sales if s.kind is SaleKind.SALE}
    for s in sales:
        if s.kind is SaleKind.RETURN and s.original_sale_id in net:
            net[s.original_sale_id] += s.qualifying_fen
    return net


def _review_again(ctx: ServiceContext, uow: UnitOfWork, member: Member,
                  original: Sale) -> TierChange | None:
    """The last anniversary review, run again with the returns made since of that year's
    sales counted in the year: a tier kept only thanks to the returned sale is lost."""
    review = uow.tiers.history(member.id)[-1]
    anniversary = member.tier_since
    year_start = maintenance.add_years(anniversary, -1)
    year_end = anniversary - timedelta(days=1)
    if not year_start <= original.business_date <= year_end:
        return None
    year = uow.sales.member_sales(member.id, year_start, year_end)
    later = uow.sales.member_sales(member.id, anniversary, ctx.today())
    ids = {s.id: s.business_date for s in year}
    history = maintenance.year_history(year) + [
        (ids[s.original_sale_id], s.qualifying_fen) for s in later
        if s.kind is SaleKind.RETURN and s.original_sale_id in ids]
    kept, _figures = tiers.review(review.from_tier, history, year_start, year_end, ctx.pack)
    if kept.rank >= tiers.tier_of(ctx.pack, member.tier).rank:
        return None
    return maintenance.change_tier(ctx, uow, member, kept.name, "return", anniversary)


# --- shared with voids --------------------------------------------------------------------------

def upgrade_made_by(history: list[TierChange], sale: Sale,
                    also: tuple[str, ...] = ()) -> int | None:
    """Where in the history the sale's upgrade is (checkout times it with the sale), provided
    only upgrades (and changes of reasons `also`: earlier returns' set-backs) came after it: a
    review or a manual change since is left standing."""
    for i in range(len(history) - 1, -1, -1):
        change = history[i]
        if change.reason not in ("upgrade", *also):
            return None
        if change.at == sale.at and change.from_tier == sale.member_tier:
            return i
    return None


def entry_met(tier: TierRule, later_fen: int, history: tiers.History, on: date) -> bool:
    """Whether the tier's entry rule is met on `on`: by one sale of `later_fen`, or by the
    spend of `history` in the tier's window."""
    spend = tiers.window_spend(history, on, tier.entry_window_months)
    if tier.entry_any_purchase and (later_fen > 0 or spend > 0):
        return True
    if tier.entry_single_fen is not None and later_fen >= tier.entry_single_fen:
        return True
    return tier.entry_window_fen is not None and spend >= tier.entry_window_fen


def since_before(ctx: ServiceContext, changes: list[TierChange], fallback: date) -> date:
    """The tier_since the member had before an undone upgrade, replayed from the history as
    maintenance and checkout date it (a void or return dates from the state it went back to)."""
    sinces: list[date] = []
    for i, change in enumerate(changes):
        day = ctx.calendar.date_of(change.at)
        if change.reason in REVIEWS and sinces:
            day = maintenance.add_years(sinces[-1], 1)
        elif change.reason in ("void", "return"):
            day = next((sinces[j] for j in range(i - 1, -1, -1)
                        if changes[j].to_tier == change.to_tier), day)
        sinces.append(day)
    return sinces[-1] if sinces else fallback
