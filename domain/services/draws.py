"""Running the lucky draw at the front desk (DOMAIN §10): free spin, cost, prize, record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from domain import allowances
from domain import luckydraw as rules
from domain.errors import DomainError, NotFound, ValidationError
from domain.events import DrawSpun
from domain.ids import new_id_str
from domain.luckydraw import Draw, Prize, PrizeKind, Spin
from domain.ports import UnitOfWork
from domain.records import Coupon, Member, MemberStatus
from domain.services import draw_setup
from domain.services.context import ServiceContext, audit, emit
from domain.services.guard import guard
from domain.services.ledger import Posting, credit_points, debit_points
from domain.services.maintenance import bring_up_to_date
from domain.services.members import issue_coupon
from domain.services.proofs import Approval


@dataclass(frozen=True, slots=True)
class SpinOffer:
    """What the desk shows before a spin: free spins left, the price, the wheel."""

    draw: Draw
    free_left: int
    cost_points: int
    points_balance: int
    prizes: tuple[Prize, ...]


@dataclass(frozen=True, slots=True)
class SpinResult:
    spin: Spin
    prize: Prize | None  # None: "thanks" (also when a won prize had run out of stock)
    coupon: Coupon | None
    points_balance: int
    free_left: int  # free spins still left today, after this one


def define_draw(ctx: ServiceContext, draw: Draw, prizes: Sequence[Prize],
                staff_id: str, *, new: bool = False) -> None:
    """Store a draw and its prizes as head office sent them (weights, terms, allotted stock).

    Prizes already given keep their `given` count, so resending a draw never refills stock.
    A draw set up at the store is `new`: it is checked by draw_setup.check_new_draw in the
    same transaction (a taken code, an end in the past, an unknown coupon template...).
    """
    rules.check_draw(draw, prizes)
    if any(p.draw_code != draw.code for p in prizes):
        raise ValidationError("draw.prize_other_draw", field="prizes", draw=draw.code)
    with guard(ctx, "draws.define_draw", staff_id), ctx.uow() as uow:
        if new:
            draw_setup.check_in(ctx, uow, draw, prizes)
        uow.draws.save(draw)
        given = {p.code: p.given for p in uow.draws.prizes(draw.code)}
        for prize in prizes:
            kept = replace(prize, given=given.get(prize.code, prize.given))
            if kept.allotted is not None and kept.given > kept.allotted:
                raise ValidationError("draw.stock_below_given", field="allotted",
                                      prize=prize.code, given=kept.given)
            uow.draws.save_prize(kept)
        audit(ctx, uow, "draw_defined", staff_id, target=draw.code, prizes=len(prizes))
        uow.commit()


def allot_stock(ctx: ServiceContext, draw_code: str, prize_code: str, quantity: int,
                staff_id: str, approval: Approval | None = None) -> Prize:
    """Head office allots `quantity` more of a prize to this store (negative takes back
    what has not been given); a manager records it, or approves it for "draws.allot_stock"."""
    if quantity == 0:  # nothing allotted is not a change to record
        raise ValidationError("draw.quantity_zero", field="quantity", prize=prize_code)
    with guard(ctx, "draws.allot_stock", staff_id, approval) as grant, ctx.uow() as uow:
        prize = _prize(uow, draw_code, prize_code)
        if prize.allotted is None:
            raise ValidationError("draw.stock_unlimited", field="prize", prize=prize_code)
        more = replace(prize, allotted=prize.allotted + quantity)
        if more.allotted is None or more.allotted < more.given:
            raise ValidationError("draw.stock_below_given", field="quantity",
                                  prize=prize_code, given=prize.given)
        uow.draws.save_prize(more)
        audit(ctx, uow, "draw_stock_allotted", staff_id, target=f"{draw_code}/{prize_code}",
              approved_by=grant.authority, quantity=quantity, allotted=more.allotted)
        uow.commit()
    return more


def offer(ctx: ServiceContext, member_id: str, draw_code: str) -> SpinOffer:
    """Free spins left today and what the next spin costs, for the screen."""
    with ctx.reader() as uow:
        member = _member(uow, member_id)
        draw = _open_draw(ctx, uow, draw_code)
        free = _free_left(ctx, uow, member, draw)
        return SpinOffer(draw, free, rules.spin_cost(draw, free),
                         uow.members.balances(member_id).points,
                         tuple(uow.draws.prizes(draw_code)))


def spin(ctx: ServiceContext, member_id: str, draw_code: str, staff_id: str) -> SpinResult:
    """One spin: the free spin first, then the draw's cost in points; the outcome comes from
    the injected cryptographic random source; stock, ledger, coupon and record commit together.
    """
    with guard(ctx, "draws.spin", staff_id), ctx.uow() as uow:
        member = _member(uow, member_id)
        bring_up_to_date(ctx, uow, member_id)
        draw = _open_draw(ctx, uow, draw_code)
        free_left = _free_left(ctx, uow, member, draw)
        cost = rules.spin_cost(draw, free_left)
        if cost:
            _pay(ctx, uow, member_id, draw, cost, staff_id)
        segments = rules.wheel(uow.draws.prizes(draw_code))
        out_of = rules.total_weight(segments)
        roll = ctx.random_below(out_of)
        prize = rules.pick(segments, roll)
        record, coupon = _award(ctx, uow, member_id, draw, prize, staff_id,
                                free=cost == 0, cost=cost, roll=roll, out_of=out_of)
        uow.draws.add_spin(record)
        emit(ctx, uow, DrawSpun(record))
        balance = uow.members.balances(member_id).points
        uow.commit()
    won = prize if prize is not None and prize.kind is not PrizeKind.THANKS else None
    return SpinResult(record, won, coupon, balance, max(free_left - 1, 0))


def _pay(ctx: ServiceContext, uow: UnitOfWork, member_id: str, draw: Draw, cost: int,
         staff_id: str | None) -> None:
    balance = uow.members.balances(member_id).points
    if balance < 0:
        raise DomainError("points.negative_balance", balance=balance)
    if balance < cost:
        raise DomainError("points.insufficient", needed=cost, available=balance)
    # A spin's cost counts against the offline allowance like points spent on a sale.
    allowances.guard(uow.offline, member_id, allowances.Spend(points=cost), ctx.today(), ctx.now(),
                     ctx.pack.offline)
    debit_points(ctx, uow, Posting(member_id, "draw", staff_id, reason=draw.code), cost)


def _award(ctx: ServiceContext, uow: UnitOfWork, member_id: str, draw: Draw,
           prize: Prize | None, staff_id: str | None, *, free: bool, cost: int, roll: int,
           out_of: int) -> tuple[Spin, Coupon | None]:
    """Hand over what the wheel landed on, taking it from the store's stock."""
    coupon = None
    points = 0
    if prize is not None and not prize.in_stock:
        # The transaction holds the write lock, so this cannot happen unless the wheel is
        # built wrongly; refuse rather than give what the store was not allotted.
        raise DomainError("draw.out_of_stock", prize=prize.code)
    if prize is not None and prize.kind is PrizeKind.POINTS:
        points = prize.points
        credit_points(ctx, uow, Posting(member_id, "bonus", staff_id, reason="draw"), points,
                      source="bonus")
    if prize is not None and prize.kind is PrizeKind.COUPON:
        assert prize.coupon_template is not None  # check_prize refuses a coupon prize without
        coupon = issue_coupon(ctx, uow, prize.coupon_template, member_id, "draw")
    if prize is not None and prize.allotted is not None:
        uow.draws.save_prize(replace(prize, given=prize.given + 1))
    record = Spin(id=new_id_str(), draw_code=draw.code, member_id=member_id, at=ctx.now(),
                  business_date=ctx.today(), free=free, cost_points=cost, roll=roll,
                  out_of=out_of, prize_code=prize.code if prize else "",
                  prize_kind=prize.kind if prize else PrizeKind.THANKS, points_won=points,
                  coupon_code=coupon.code if coupon else None, staff_id=staff_id)
    return record, coupon


def _free_left(ctx: ServiceContext, uow: UnitOfWork, member: Member, draw: Draw) -> int:
    try:
        extra = ctx.pack.tier(member.tier).free_spins_per_day
    except KeyError:
        extra = 0
    return rules.free_spins_left(draw, extra, uow.draws.spins(member.id, draw.code,
                                                              ctx.today()))


def _open_draw(ctx: ServiceContext, uow: UnitOfWork, code: str) -> Draw:
    draw = uow.draws.get(code)
    if draw is None:
        raise NotFound("draw.unknown", draw=code)
    rules.check_open(draw, ctx.today())
    return draw


def _prize(uow: UnitOfWork, draw_code: str, prize_code: str) -> Prize:
    prize = next((p for p in uow.draws.prizes(draw_code) if p.code == prize_code), None)
    if prize is None:
        raise NotFound("draw.prize_unknown", draw=draw_code, prize=prize_code)
    return prize


def _member(uow: UnitOfWork, member_id: str) -> Member:
    member = uow.members.get(member_id)
    if member is None:
        raise NotFound("member.unknown", member_id=member_id)
    if member.status is not MemberStatus.ACTIVE:
        raise DomainError(f"member.{member.status.value}", member_id=member_id)
    return member


def draws_open(ctx: ServiceContext) -> list[Draw]:
    """The draws the desk can run today (active, inside their dates), by code."""
    today = ctx.today()
    with ctx.reader() as uow:
        return [d for d in uow.draws.all() if _runs_on(d, today)]


def draw_prizes(ctx: ServiceContext, draw_code: str) -> list[Prize]:
    """A draw's prizes in wheel order, with the stock allotted and given so far."""
    with ctx.reader() as uow:
        if uow.draws.get(draw_code) is None:
            raise NotFound("draw.unknown", draw=draw_code)
        return uow.draws.prizes(draw_code)


def _runs_on(draw: Draw, day: date) -> bool:
    try:
        rules.check_open(draw, day)
    except DomainError:
        return False
    return True
