"""Voiding a paid sale: the whole sale undone in one transaction, approved by a manager.

A void is for a mistake noticed at once (wrong goods rung up, the customer changed their mind
at the counter), so it is allowed the same business day and within the shift the sale was
rung up in, while that shift is open; afterwards the goods come back as an ordinary return.
Everything not yet returned goes back to the original tenders (cash, card and mobile with
their references, stored value, points), the points the sale earned are taken back, coupons
it used come back, and the audit entry naming the manager and the reason is written in the
same transaction as the refund: there is no moment when one exists without the other.

A void also takes back what the sale won: each spend-and-get coupon it earned is withdrawn
(a void is refused while one of them has been used: the manager does a return instead), and
a tier it raised goes back to the tier before it unless the member still meets that tier's
entry rule without the voided sale (DOMAIN §5, §9).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import card_data, tiers
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from domain.records import Coupon, CouponState, Sale, SaleKind, TierChange
from domain.services import maintenance, takeback
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard
from domain.services.proofs import Approval
from domain.services.returns import Returned, find_sale, left_to_return, return_lines
from domain.services.sale_effects import won_reason


@dataclass(frozen=True, slots=True)
class Voided(Returned):
    """The return record of a void, and what it took back besides the money and points."""


def void_sale(ctx: ServiceContext, receipt_no: str, approval: Approval | None, reason: str, *,
              cashier_id: str, shift_id: str | None = None) -> Voided:
    """Undo the sale on receipt `receipt_no` in full; one commit for refund, ledgers and audit.
    A manager approves it for that receipt (`staff.approve` for "voids.void_sale" with the
    receipt number as subject), or is the one ringing it.

    Raises:
        ValidationError: void.reason_required, card.number_in_text (field "reason").
        NotFound: sale.unknown. DomainError: void.other_day, void.other_shift,
            void.already_returned, void.coupon_used; the access refusals of guard.py.
    """
    why = reason.strip()
    if not why:
        raise ValidationError("void.reason_required", field="reason")
    card_data.check_text("reason", why)  # the reason is kept in the audit trail for good
    with guard(ctx, "voids.void_sale", cashier_id, approval,
               subject=receipt_no.strip().upper()) as grant, ctx.uow() as uow:
        manager_id = grant.authority
        assert manager_id is not None
        original = find_sale(uow, receipt_no)
        _check_same_shift(ctx, uow, original, shift_id)
        left = left_to_return(uow, original)
        if not left:
            raise DomainError("void.already_returned", receipt=original.receipt_no)
        won = _coupons_won(uow, original)
        done = return_lines(ctx, uow, original, left, cashier_id, shift_id, manager_id)
        withdrawn = takeback.withdraw(ctx, uow, won)
        change = _undo_upgrade(ctx, uow, original) if original.member_id else None
        audit(ctx, uow, "void_sale", cashier_id, target=original.receipt_no,
              approved_by=manager_id, reason=why, refund_fen=-done.sale.total_fen,
              return_receipt=done.sale.receipt_no, coupons_withdrawn=list(withdrawn),
              tier=f"{change.from_tier}→{change.to_tier}" if change else "")
        uow.commit()
    return Voided(done.sale, done.points_taken_back, done.points_balance, withdrawn, change)


def _check_same_shift(ctx: ServiceContext, uow: UnitOfWork, original: Sale,
                      shift_id: str | None) -> None:
    if original.business_date != ctx.today():
        raise DomainError("void.other_day", receipt=original.receipt_no,
                          date=original.business_date)
    if original.shift_id is None:
        return  # rung up outside a shift (a service or a scenario): the day is the limit
    shift = uow.shifts.get(original.shift_id)
    other = shift_id is not None and shift_id != original.shift_id
    if other or shift is None or shift.closed_at is not None:
        raise DomainError("void.other_shift", receipt=original.receipt_no)


# --- what the sale won --------------------------------------------------------------------------

def _coupons_won(uow: UnitOfWork, sale: Sale) -> list[Coupon]:
    """The spend-and-get coupons the sale earned; refused before anything is written when
    one has been used (its discount is spent: only a return can settle that)."""
    if not sale.member_id:
        return []
    reason = won_reason(sale.id)
    won = [c for c in uow.coupons.for_member(sale.member_id) if c.issued_reason == reason]
    for coupon in won:
        if coupon.state is CouponState.REDEEMED:
            raise DomainError("void.coupon_used", receipt=sale.receipt_no, code=coupon.code)
    return won


def _undo_upgrade(ctx: ServiceContext, uow: UnitOfWork, sale: Sale) -> TierChange | None:
    """A tier the sale raised goes back to the highest one the member meets without it."""
    assert sale.member_id is not None
    member = uow.members.get(sale.member_id)
    history = uow.tiers.history(sale.member_id)
    raised = takeback.upgrade_made_by(history, sale)
    if member is None or raised is None:
        return None
    sales = _window_sales(ctx, uow, sale.member_id)
    # A return against a receipt carries a manager only when it is a void.
    voided = {sale.id} | {s.original_sale_id for s in sales
                          if s.original_sale_id and s.approved_by and s.kind is SaleKind.RETURN}
    first = _first_undone(history, raised, sales, voided)
    target = _tier_without(ctx, sales, voided, history[first], member.tier)
    if target == member.tier:
        return None
    since = (takeback.since_before(ctx, history[:first], member.joined_on)
             if target == history[first].from_tier else ctx.today())
    return maintenance.change_tier(ctx, uow, member, target, "void", since)


def _window_sales(ctx: ServiceContext, uow: UnitOfWork, member_id: str) -> list[Sale]:
    """The member's sales and returns in the longest entry window, in the order rung up."""
    today = ctx.today()
    months = max((t.entry_window_months for t in ctx.pack.tiers), default=12)
    return uow.sales.member_sales(member_id, tiers.add_months(today, -months), today)


def _made_by(change: TierChange, sales: list[Sale]) -> int | None:
    """The position of the sale whose upgrade `change` is."""
    return next((i for i, s in enumerate(sales) if s.kind is SaleKind.SALE
                 and s.at == change.at and s.member_tier == change.from_tier), None)


def _first_undone(history: list[TierChange], raised: int, sales: list[Sale],
                  voided: set[str]) -> int:
    """The earliest upgrade to undo: the sale's own, and before it those of sales voided
    earlier today whose tier stood only because a later sale (this one) still met it."""
    first = raised
    while first > 0 and history[first - 1].reason == "upgrade":
        made = _made_by(history[first - 1], sales)
        if made is None or sales[made].id not in voided:
            break
        first -= 1
    return first


def _tier_without(ctx: ServiceContext, sales: list[Sale], voided: set[str],
                  undone: TierChange, current: str) -> str:
    """The highest tier from the one before `undone` up to `current` whose entry rule the
    member meets with the voided sales (and their returns) left out."""
    kept = [s for s in sales if s.id not in voided and s.original_sale_id not in voided]
    history = [(s.business_date, s.qualifying_fen) for s in kept]
    # Only a sale after the first undone upgrade can have lifted the member on its own.
    start = _made_by(undone, sales)
    after = sales[start + 1:] if start is not None else []
    later = max((s.qualifying_fen for s in after if s.kind is SaleKind.SALE
                 and s.id not in voided), default=0)
    floor = tiers.tier_of(ctx.pack, undone.from_tier)
    top = tiers.tier_of(ctx.pack, current)
    today = ctx.today()
    for tier in reversed(ctx.pack.tiers[floor.rank + 1: top.rank + 1]):
        if takeback.entry_met(tier, later, history, today):
            return tier.name
    return floor.name


