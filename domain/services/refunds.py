"""A return's figures: lines pro rata, the refund over the sale's tenders, points taken back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from domain import points as points_rules
from domain import wallet as wallet_rules
from domain.catalog import ProductClass
from domain.errors import NotFound, ValidationError
from domain.money import split_int
from domain.records import Sale, SaleLine, Tender, TenderKind
from domain.services.context import ServiceContext


def returned_lines(original: Sale, earlier: list[Sale],
                    wanted: Mapping[int, int]) -> list[SaleLine]:
    """Return lines carry negative qty and the original line's amounts pro rata."""
    if not wanted:
        raise ValidationError("return.nothing", field="lines")
    by_no = {ln.line_no: ln for ln in original.lines}
    lines = []
    for no, qty in sorted(wanted.items()):
        src = by_no.get(no)
        if src is None:
            raise NotFound("return.line_unknown", line_no=no)
        left = src.qty + sum(ln.qty for s in earlier for ln in s.lines if ln.original_line_no == no)
        if qty <= 0 or qty > left:
            raise ValidationError("return.qty_too_large", field="qty", line_no=no, left=left)
        lines.append(_pro_rata(src, qty, left, earlier))
    return lines


def _pro_rata(src: SaleLine, qty: int, left: int, earlier: list[Sale]) -> SaleLine:
    """The last units returned take whatever of the line is left, so totals close exactly."""
    done = [ln for s in earlier for ln in s.lines if ln.original_line_no == src.line_no]

    def part(total: int, already: int) -> int:
        remaining = total + already  # `already` is negative
        return remaining if qty == left else remaining * qty // left

    def back(name: str) -> int:
        return -part(getattr(src, name), sum(getattr(d, name) for d in done))

    return SaleLine(line_no=src.line_no, sku=src.sku, name=src.name,
                    product_class=src.product_class, category=src.category, qty=-qty,
                    unit_price_fen=src.unit_price_fen, list_fen=back("list_fen"),
                    discount_fen=back("discount_fen"), coupon_fen=back("coupon_fen"),
                    final_fen=back("final_fen"), paid_fen=back("paid_fen"),
                    original_line_no=src.line_no)


def refund_tenders(ctx: ServiceContext, original: Sale, earlier: list[Sale],
                    refund: int, fen_per_point: int | None = None) -> list[Tender]:
    """Spread the refund over the original tenders in proportion to what each still holds."""
    refunded = _by_kind([t for s in earlier for t in s.tenders])
    held = [_net(t, next((r for r in refunded if r.kind is t.kind), None))
            for t in _by_kind(original.tenders)]
    amounts = [t.amount_fen for t in held]
    shares = amounts if refund == sum(amounts) else split_int(refund, [max(a, 0) for a in amounts])
    return _as_refunds(ctx, held, shares, fen_per_point)


def _net(paid: Tender, refunded: Tender | None) -> Tender:
    """What of a tender has not been refunded yet (refund tenders carry negative amounts)."""
    if refunded is None:
        return paid
    return replace(paid, amount_fen=paid.amount_fen + refunded.amount_fen,
                   points=paid.points + refunded.points,
                   wallet_principal_fen=paid.wallet_principal_fen + refunded.wallet_principal_fen,
                   wallet_bonus_fen=paid.wallet_bonus_fen + refunded.wallet_bonus_fen)


def _by_kind(tenders: list[Tender]) -> list[Tender]:
    """One tender per kind, so earlier partial refunds can be matched to what was paid."""
    merged: dict[TenderKind, Tender] = {}
    for t in tenders:
        m = merged.get(t.kind)
        merged[t.kind] = t if m is None else replace(
            m, amount_fen=m.amount_fen + t.amount_fen, points=m.points + t.points,
            wallet_principal_fen=m.wallet_principal_fen + t.wallet_principal_fen,
            wallet_bonus_fen=m.wallet_bonus_fen + t.wallet_bonus_fen)
    return list(merged.values())


def _as_refunds(ctx: ServiceContext, spent: list[Tender], shares: list[int],
                fen_per_point: int | None = None) -> list[Tender]:
    """Refund tenders; points at `fen_per_point` (an alliance issuer's points at the
    agreement's value) or at this pack's."""
    fen_per_point = fen_per_point or (ctx.pack.points.cash_fen_per_step
                                      // ctx.pack.points.cash_points_step)
    refunds: list[Tender] = []
    carry = 0
    for tender, share in zip(spent, shares, strict=True):
        if tender.kind is TenderKind.POINTS:
            points = share // fen_per_point
            carry += share - points * fen_per_point  # fractions of a point go back as money
            refunds.append(Tender(kind=tender.kind, amount_fen=-points * fen_per_point,
                                  points=-points))
        elif tender.kind is TenderKind.WALLET:
            p, b = wallet_rules.refund(tender.wallet_principal_fen, tender.wallet_bonus_fen, share)
            refunds.append(Tender(kind=tender.kind, amount_fen=-share,
                                  wallet_principal_fen=-p, wallet_bonus_fen=-b))
        else:
            refunds.append(Tender(kind=tender.kind, amount_fen=-share, reference=tender.reference))
    if carry:
        refunds.append(Tender(kind=TenderKind.CASH, amount_fen=-carry))
    return [t for t in refunds if t.amount_fen or t.points]


def points_to_take_back(ctx: ServiceContext, original: Sale, earlier: list[Sale],
                         sale: Sale) -> int:
    """Recompute the sale's points on the lines kept; the difference is taken back."""
    kept = []
    for src in original.lines:
        paid = src.paid_fen + sum(ln.paid_fen for s in (*earlier, sale) for ln in s.lines
                                  if ln.original_line_no == src.line_no)
        kept.append(points_rules.EarnLine(src.line_no, ProductClass(src.product_class), paid))
    earning = points_rules.earn(kept, ctx.pack.tier(original.member_tier or
                                                    ctx.pack.signup_tier.name),
                                original.birthday, ctx.calendar.calendar_date(original.at),
                                ctx.pack)
    already = -sum(s.points_earned for s in earlier)
    return max(original.points_earned - already - earning.points, 0)


def fully_returned(original: Sale, returns: list[Sale]) -> bool:
    """Every unit of every line of the sale has come back, over all its returns."""
    back = {ln.line_no: 0 for ln in original.lines}
    for s in returns:
        for ln in s.lines:
            if ln.original_line_no is not None:
                back[ln.original_line_no] += -ln.qty
    return all(back[ln.line_no] >= ln.qty for ln in original.lines)


def points_without_receipt(ctx: ServiceContext, sale: Sale) -> int:
    """Base-rate points such a purchase would have earned: taken back from the member."""
    lines = [points_rules.EarnLine(ln.line_no, ProductClass(ln.product_class), -ln.paid_fen)
             for ln in sale.lines]
    earning = points_rules.earn(lines, ctx.pack.signup_tier, False, ctx.local_date(), ctx.pack)
    return earning.base_points
