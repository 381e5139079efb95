"""Returns: with the receipt to the original tenders, or without it on a manager's word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from domain import card_data
from domain import coupons as coupon_rules
from domain.errors import NotFound, ValidationError
from domain.events import CouponRestored, ReturnCompleted
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import Sale, SaleKind, SaleLine, Tender, TenderKind, TierChange
from domain.rulepack import RefundTo
from domain.services import alliance as alliance_sales
from domain.services import no_receipt, refunds, takeback
from domain.services.context import ServiceContext, audit, emit
from domain.services.guard import guard
from domain.services.ledger import Posting, post_wallet, restore_points, take_back_points
from domain.services.maintenance import bring_up_to_date
from domain.services.proofs import Approval


@dataclass(frozen=True, slots=True)
class Returned:
    """The return record and what it took back besides the money and points."""

    sale: Sale  # the return record: negative amounts
    points_taken_back: int
    points_balance: int | None
    coupons_withdrawn: tuple[str, ...] = ()  # spend-and-get coupons the sale won, made void
    tier_change: TierChange | None = None  # a tier the sale raised or kept, set back
    coupons_issued: tuple[str, ...] = ()  # a lower spend-and-get coupon the rest still earns
    coupons_deducted: tuple[tuple[str, int], ...] = ()  # used coupons' value kept back


def return_with_receipt(ctx: ServiceContext, receipt: str, lines: Mapping[int, int],
                        cashier_id: str, shift_id: str | None = None) -> Returned:
    """Return `lines` ({original line_no: qty}) of a sale found by receipt number or id."""
    with guard(ctx, "returns.return_with_receipt", cashier_id), ctx.uow() as uow:
        original = find_sale(uow, receipt)
        result = return_lines(ctx, uow, original, lines, cashier_id, shift_id, take_back=True)
        # Every refund is on the audit trail (issue 6), not only those a manager approved.
        audit(ctx, uow, "refund", cashier_id, target=result.sale.receipt_no,
              original=original.receipt_no, refund_fen=-result.sale.total_fen,
              coupons_withdrawn=list(result.coupons_withdrawn),
              coupons_issued=list(result.coupons_issued),
              coupons_deducted=[list(d) for d in result.coupons_deducted],
              tier=_tier_text(result.tier_change))
        uow.commit()
    return result


def coupon_kept_back(ctx: ServiceContext, receipt: str, lines: Mapping[int, int]) -> int:
    """What a return of `lines` would keep back from the refund for a used coupon the sale
    won and the rest no longer earns (shown before the cashier confirms). Writes nothing."""
    if not lines:
        return 0
    with ctx.reader() as uow:
        return _preview(ctx, uow, receipt, lines)[1]


def refund_preview(ctx: ServiceContext, receipt: str, lines: Mapping[int, int]) -> int:
    """What `return_with_receipt` would refund for `lines`, worked out the same way (each
    line's share, the last unit taking the rest, less a used coupon's value kept back), shown
    before the cashier confirms. Nothing chosen refunds 0. Writes nothing."""
    if not lines:
        return 0
    with ctx.reader() as uow:
        refund, kept_back = _preview(ctx, uow, receipt, lines)
    return refund - kept_back


def _preview(ctx: ServiceContext, uow: UnitOfWork, receipt: str,
             lines: Mapping[int, int]) -> tuple[int, int]:
    """(the lines' refund before any coupon, the coupon value kept back from it)."""
    original = find_sale(uow, receipt)
    earlier = uow.sales.returns_of(original.id)
    back = refunds.returned_lines(original, earlier, lines)
    refund = sum(-ln.final_fen for ln in back)
    return refund, takeback.coupon_plan(ctx, uow, original, earlier, back, refund).deducted_fen


def find_sale(uow: UnitOfWork, receipt: str) -> Sale:
    """A paid sale by its receipt number (in any case) or id (a return record is not a sale
    to return)."""
    code = receipt.strip()
    original = uow.sales.by_receipt(code.upper()) or uow.sales.get(code)
    if original is None or original.kind is not SaleKind.SALE:
        raise NotFound("sale.unknown", receipt=card_data.mask(code))
    return original


def return_lines(ctx: ServiceContext, uow: UnitOfWork, original: Sale, lines: Mapping[int, int],
                 cashier_id: str, shift_id: str | None = None,
                 manager_id: str | None = None, *, take_back: bool = False) -> Returned:
    """The return inside the caller's transaction (which commits it): a void commits it
    together with its audit entry. With `take_back`, the return also takes back what the sale
    won that the rest no longer earns (domain/services/takeback.py); a void does that itself."""
    if original.member_id:
        bring_up_to_date(ctx, uow, original.member_id)
    earlier = uow.sales.returns_of(original.id)
    back = refunds.returned_lines(original, earlier, lines)
    refund = sum(-ln.final_fen for ln in back)
    plan = (takeback.coupon_plan(ctx, uow, original, earlier, back, refund) if take_back
            else takeback.CouponPlan())
    partner = alliance_sales.note_of(original)  # an alliance member of another merchant
    tenders = refunds.refund_tenders(ctx, original, earlier, refund - plan.deducted_fen,
                                     partner["point_value_fen"] if partner else None)
    sale = _record(ctx, uow, original, back, tenders, cashier_id, manager_id, shift_id=shift_id,
                   kept_back=plan)
    taken = refunds.points_to_take_back(ctx, original, earlier, sale) if original.member_id else (
        alliance_sales.taken_back(partner, original, [*earlier, sale]) if partner else 0)
    sale = _add(ctx, uow, replace(sale, points_earned=-taken))
    if partner:
        alliance_sales.record_return(ctx, uow, partner, original, sale,
                                     full=refunds.fully_returned(original, [*earlier, sale]))
    change = None
    if original.member_id:
        _member_effects(ctx, uow, original, earlier, sale, taken)
        takeback.carry_out(ctx, uow, plan, original)
        change = takeback.tier_after_return(ctx, uow, original) if take_back else None
    done = _finish(uow, sale, taken)
    return replace(done, coupons_withdrawn=tuple(c.code for c in plan.withdraw),
                   tier_change=change, coupons_issued=tuple(plan.issued),
                   coupons_deducted=plan.deduct)


def _tier_text(change: TierChange | None) -> str:
    return f"{change.from_tier}→{change.to_tier}" if change else ""


def left_to_return(uow: UnitOfWork, original: Sale) -> dict[int, int]:
    """{line_no: qty} of the sale not returned yet."""
    earlier = uow.sales.returns_of(original.id)
    left = {ln.line_no: ln.qty for ln in original.lines}
    for s in earlier:
        for ln in s.lines:
            if ln.original_line_no in left:
                left[ln.original_line_no] += ln.qty  # return lines carry negative qty
    return {no: qty for no, qty in left.items() if qty > 0}


def return_without_receipt(ctx: ServiceContext, items: Sequence[tuple[str, int]],
                           cashier_id: str, approval: Approval | None,
                           member_id: str | None = None, shift_id: str | None = None,
                           typed: Mapping[str, int] | None = None) -> Returned:
    """No receipt: each item is refunded at most the lowest price a unit cost in the pack's
    window (the member's sales; anyone's for a walk-in), or what the manager typed in `typed`
    ({sku: fen per unit}) where no sale priced it (domain/services/no_receipt.py). A manager
    approves these very figures (`staff.approve` for "returns.return_without_receipt" with
    `no_receipt_subject(...)` as subject), or is the one ringing it. The refund is cash, or
    the member's stored value when the pack says `wallet`; the audit entry records each
    amount and where it came from.

    With a member, the points such a purchase would have earned at the base rate are taken
    back, so a receipt-less return cannot keep points that were never earned here.

    Raises:
        DomainError: return.amount_required, return.manager_required and the refusals of
            guard.py. ValidationError: sale.qty_invalid, return.amount_invalid,
            return.above_paid, return.nothing. NotFound: product.unknown.
    """
    if not items:
        raise ValidationError("return.nothing", field="lines")
    amounts = dict(typed or {})
    with guard(ctx, "returns.return_without_receipt", cashier_id, approval,
               subject=no_receipt.subject(items, member_id, amounts)) as grant, \
            ctx.uow() as uow:
        found = no_receipt.offers(ctx, uow, items, member_id, amounts)
        back = no_receipt.return_lines(found)
        refund = sum(-ln.final_fen for ln in back)
        to_wallet = (member_id is not None
                     and ctx.pack.returns.no_receipt_refund_to == RefundTo.WALLET)
        tender = (Tender(kind=TenderKind.WALLET, amount_fen=-refund, wallet_principal_fen=-refund)
                  if to_wallet else Tender(kind=TenderKind.CASH, amount_fen=-refund))
        sale = _record(ctx, uow, None, back, [tender], cashier_id, grant.authority, member_id,
                       shift_id)
        taken = refunds.points_without_receipt(ctx, sale) if member_id else 0
        sale = _add(ctx, uow, replace(sale, points_earned=-taken))
        if member_id:
            _no_receipt_member(ctx, uow, sale, member_id, taken, to_wallet)
        audit(ctx, uow, "return_without_receipt", cashier_id, target=sale.receipt_no,
              approved_by=grant.authority, refund_fen=refund, refund_to=tender.kind.value,
              lines=no_receipt.audit_lines(found))
        result = _finish(uow, sale, taken)
        uow.commit()
    return result


def no_receipt_subject(items: Sequence[tuple[str, int]], member_id: str | None = None,
                       typed: Mapping[str, int] | None = None) -> str:
    """What a manager approves for `return_without_receipt` with these arguments."""
    return no_receipt.subject(items, member_id, dict(typed or {}))


def no_receipt_offer(ctx: ServiceContext, items: Sequence[tuple[str, int]],
                     member_id: str | None = None,
                     typed: Mapping[str, int] | None = None) -> list[no_receipt.Offer]:
    """What each item would be refunded without a receipt, before the manager approves it
    (an offer whose `unit_fen` is None needs an amount typed). Writes nothing.

    Raises:
        as `no_receipt.offers`.
    """
    with ctx.reader() as uow:
        return no_receipt.offers(ctx, uow, items, member_id, dict(typed or {}))


def _no_receipt_member(ctx: ServiceContext, uow: UnitOfWork, sale: Sale, member_id: str,
                       taken: int, to_wallet: bool) -> None:
    take_back_points(ctx, uow, Posting(member_id, "takeback", sale.cashier_id, sale.id), taken)
    if to_wallet:
        post_wallet(ctx, uow, Posting(member_id, "refund", sale.cashier_id, sale.id),
                    -sale.total_fen, 0, "wallet")


def _record(ctx: ServiceContext, uow: UnitOfWork, original: Sale | None, lines: list[SaleLine],
            tenders: list[Tender], cashier_id: str, manager_id: str | None,
            member_id: str | None = None, shift_id: str | None = None,
            kept_back: takeback.CouponPlan | None = None) -> Sale:
    settings = uow.settings.get()
    number = uow.counters.next("receipt")
    non_money = sum(-t.amount_fen for t in tenders if t.kind is TenderKind.POINTS) + sum(
        -t.wallet_bonus_fen for t in tenders)
    # A used coupon's value kept back makes the refund smaller than the goods (`applied`).
    deducted = kept_back.deducted_fen if kept_back else 0
    total = sum(ln.final_fen for ln in lines) + deducted
    sale = Sale(
        id=new_id_str(), receipt_no=f"{settings.store_code}-{settings.terminal_code}-{number:06d}",
        kind=SaleKind.RETURN, at=ctx.now(), business_date=ctx.today(),
        store_code=settings.store_code, terminal_code=settings.terminal_code,
        cashier_id=cashier_id, lines=lines, tenders=tenders, total_fen=total,
        member_id=original.member_id if original else member_id, shift_id=shift_id,
        original_sale_id=original.id if original else None,
        qualifying_fen=total + non_money, rulepack=ctx.pack.name, approved_by=manager_id,
        applied=kept_back.applied if kept_back else (),
        member_tier=original.member_tier if original else "",
        birthday=original.birthday if original else False)
    return sale


def _add(ctx: ServiceContext, uow: UnitOfWork, sale: Sale) -> Sale:
    uow.sales.add(sale)
    emit(ctx, uow, ReturnCompleted(sale))
    return sale


def _member_effects(ctx: ServiceContext, uow: UnitOfWork, original: Sale, earlier: list[Sale],
                    sale: Sale, taken: int) -> None:
    """Give back points and wallet money paid; take back points no longer earned (DOMAIN §7)."""
    assert original.member_id is not None
    member_id = original.member_id
    for tender in sale.tenders:
        if tender.kind is TenderKind.POINTS and tender.points:
            # Back to the lots they were spent from, with their own expiry (DOMAIN §7).
            restore_points(ctx, uow, Posting(member_id, "refund", sale.cashier_id, sale.id),
                           -tender.points, original)
        if tender.kind is TenderKind.WALLET:
            post_wallet(ctx, uow, Posting(member_id, "refund", sale.cashier_id, sale.id),
                        -tender.wallet_principal_fen, -tender.wallet_bonus_fen, "wallet")
    take_back_points(ctx, uow, Posting(member_id, "takeback", sale.cashier_id, original.id),
                     taken)
    if refunds.fully_returned(original, [*earlier, sale]):
        _give_back_coupons(ctx, uow, original)


def _give_back_coupons(ctx: ServiceContext, uow: UnitOfWork, original: Sale) -> None:
    for code in original.coupons_redeemed:
        coupon = uow.coupons.get(code)
        if coupon is None:
            continue
        restored = coupon_rules.unredeem(coupon, ctx.local_date())
        uow.coupons.save(restored)
        emit(ctx, uow, CouponRestored(code, coupon.member_id, restored.state))


def _finish(uow: UnitOfWork, sale: Sale, taken: int) -> Returned:
    balance = uow.members.balances(sale.member_id).points if sale.member_id else None
    return Returned(sale, taken, balance)
