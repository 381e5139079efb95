"""A past for the demo store: ~14 months of sign-ups, shifts, sales, returns, rewards and day
closes, made through the real services on a clock walked day by day, so the manager's
reports, tier outlook and analysis have something to show.

Deterministic (seeded), idempotent (a store whose first history member exists is left
alone), and it needs `load_demo` first: it uses the demo staff, catalogue, gifts and wheel.
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import event

from db.uow import SqlUnitOfWork
from desktop import demo_people
from desktop.demo_people import Items, Plan
from domain import wallet as wallet_rules
from domain.clock import FixedClock
from domain.errors import NotFound
from domain.luckydraw import PrizeKind
from domain.records import Sale, TenderKind
from domain.services import draws, member_pin, rewards
from domain.services.cardissue import issue_card
from domain.services.cart import Cart, TenderRequest, add_coupon, add_item, start_sale
from domain.services.checkout import complete, quote
from domain.services.context import ServiceContext
from domain.services.maintenance import close_day
from domain.services.members import MemberView, member_view, register, shown
from domain.services.returns import return_with_receipt
from domain.services.shifts import close_shift, drawer_expected, open_shift
from domain.services.wallet import top_up

SEED = 20250506
FLOAT_FEN = 50000  # the cashier's float each morning
WHEEL = "DEMO-WHEEL"  # load_demo's lucky wheel
DESK_FLOAT_FEN = 20000  # the front desk's change for cash top-ups
OVER_SHORT = (-1000, -500, -200, 200, 500)  # now and then the drawer is a little off
ADJUST_REASONS = ("补录积分：顾客未出示会员卡", "活动补偿", "系统迁移差额")


@dataclass
class Person:
    """A member the walk signed up, with the plan that says how they shop."""

    member_id: str
    plan: Plan
    card: str | None = None


@dataclass
class Walk:
    """The services' context on a clock the walk sets, and what it remembers between days."""

    ctx: ServiceContext
    clock: FixedClock
    rng: random.Random
    cashier: str
    manager: str
    desk: str
    people: list[Person] = field(default_factory=list)
    recent: list[Sale] = field(default_factory=list)  # member sales a customer may bring back
    shift_id: str = ""
    drawer_fen: int = 0  # cash the drawer should hold: float + cash taken − cash refunded
    day: date = date.min
    showing: bool = False  # the last day, which shows every kind of figure

    def at(self, hour: int, minute: int = 0) -> None:
        local = datetime.combine(self.day, time(hour, minute), tzinfo=self.ctx.calendar.zone)
        self.clock.set(local)


def add_history(ctx: ServiceContext, today: date) -> bool:
    """Give the demo store its past, up to and including the close of the day before `today`.

    Returns False (and writes nothing) when the store already has it.
    """
    rng = random.Random(SEED)
    plans = demo_people.plans(rng, today)
    if _has_member(ctx, str(plans[0].form["mobile"])):
        return False
    walk = _walk(ctx, today, rng)
    with _quick_writes(ctx):
        for back in range(demo_people.SPAN_DAYS, 0, -1):
            if demo_people.trades(back):
                walk.day = today - timedelta(days=back)
                _trade(walk, [p for p in plans if p.joins == back], back)
    return True


@contextmanager
def _quick_writes(ctx: ServiceContext) -> Iterator[None]:
    """Commit without waiting for the disk while the history is written (~1,500 commits).

    WAL with synchronous=NORMAL stays consistent; a power cut could only lose the newest
    commits of a demo past. The connections are dropped afterwards, so the till's own
    connections come back with the engine's synchronous=FULL.
    """
    with ctx.reader() as uow:
        engine = uow.engine if isinstance(uow, SqlUnitOfWork) else None
    if engine is None:
        yield
        return

    def relax(dbapi_connection: sqlite3.Connection, _record: object, _proxy: object) -> None:
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")

    event.listen(engine, "checkout", relax)
    try:
        yield
    finally:
        event.remove(engine, "checkout", relax)
        engine.dispose()


def _has_member(ctx: ServiceContext, mobile: str) -> bool:
    with ctx.reader() as uow:
        return uow.members.by_mobile(mobile) is not None


def _walk(ctx: ServiceContext, today: date, rng: random.Random) -> Walk:
    """A copy of the context on its own clock; coupon codes and spins from the seed too."""
    clock = FixedClock(datetime.combine(today, time(0), tzinfo=ctx.calendar.zone))
    chance = random.Random(SEED + 1)
    walked = replace(ctx, clock=clock, random_bytes=chance.randbytes,
                     random_below=chance.randrange)
    with ctx.reader() as uow:
        staff = {n: uow.staff.by_number(n) for n in ("1001", "2001", "3001")}
    ids = {}
    for number, person in staff.items():
        if person is None:  # load_demo has not run on this store
            raise NotFound("staff.not_found", staff_id=number)
        ids[number] = person.id
    return Walk(walked, clock, rng, ids["1001"], ids["2001"], ids["3001"])


def _trade(walk: Walk, joining: list[Plan], back: int) -> None:
    """One business day: sign-ups, the shift and its sales, the desk's work, the day close."""
    walk.at(9, 30)
    open_shift(walk.ctx, walk.desk, DESK_FLOAT_FEN)  # the desk's drawer: top-ups in cash
    for plan in joining:
        _sign_up(walk, plan)
    walk.at(10)
    walk.shift_id = open_shift(walk.ctx, walk.cashier, FLOAT_FEN).id
    walk.drawer_fen = FLOAT_FEN
    last = walk.showing = back == 1
    if last:
        _showcase(walk)
    else:
        _ordinary_day(walk, back)
    walk.at(21)
    off = walk.rng.choice(OVER_SHORT) if last or walk.rng.random() < 0.15 else 0
    counted = walk.drawer_fen + off
    close_shift(walk.ctx, walk.cashier, counted if counted >= 0 else walk.drawer_fen)
    close_shift(walk.ctx, walk.desk, drawer_expected(walk.ctx, walk.desk) or DESK_FLOAT_FEN)
    walk.at(21, 10)
    close_day(walk.ctx, walk.manager)


def _sign_up(walk: Walk, plan: Plan) -> None:
    """The front desk signs a member up (now and then referred), issues a card, tops up."""
    form = dict(plan.form)
    signed = [p for p in walk.people if p.plan.appetite > 0]
    if signed and not plan.story and walk.rng.random() < 0.15:
        form.update(referrer=walk.rng.choice(signed).plan.form["mobile"], source="referral")
    member_id = register(walk.ctx, form, walk.desk).member.id
    person = Person(member_id, plan)
    if plan.card:
        person.card = issue_card(walk.ctx, member_id, walk.desk).card.number
    if plan.top_up_fen:
        top_up(walk.ctx, member_id, plan.top_up_fen, walk.desk, *_any_tender(walk.rng, member_id))
    walk.people.append(person)


def _any_tender(rng: random.Random, member_id: str) -> tuple[TenderKind, str]:
    """A top-up's tender and, for a card or mobile payment, the terminal's slip number (made
    without the generator: the history's story must not shift)."""
    kind = rng.choice((TenderKind.CASH, TenderKind.BANK_CARD, TenderKind.MOBILE))
    return kind, "" if kind is TenderKind.CASH else f"T{member_id[-6:].upper()}"


def _ordinary_day(walk: Walk, back: int) -> None:
    """Two to six sales (a story's sale first when one falls today), then the desk's work."""
    rng = walk.rng
    stories = [(p, items) for p in walk.people for days, items in p.plan.story if days == back]
    count = rng.randint(max(2, len(stories)), 6)
    times = sorted(rng.sample(range(10 * 60 + 30, 20 * 60 + 30, 5), count))
    for minute, (person, items) in zip(times, stories, strict=False):
        walk.at(*divmod(minute, 60))
        _sell(walk, person, items, "story")
    for minute in times[len(stories):]:
        walk.at(*divmod(minute, 60))
        shopper = _shopper(walk, back)
        big = shopper is not None and shopper.plan.appetite >= 3
        _sell(walk, shopper, demo_people.basket(rng, big), "any")
    walk.at(20, 40)
    _desk_work(walk, force=False)


def _shopper(walk: Walk, back: int) -> Person | None:
    """A member (weighted by appetite, while they still shop) or a walk-in customer."""
    able = [p for p in walk.people if p.plan.appetite > 0 and back >= p.plan.stops]
    if not able or walk.rng.random() < 0.45:
        return None
    return walk.rng.choices(able, [p.plan.appetite for p in able])[0]


def _sell(walk: Walk, person: Person | None, items: Items, how: str) -> Sale:
    """Ring one sale: items, the member's card, maybe a coupon, then the tenders."""
    ctx = walk.ctx
    cart = start_sale(ctx, walk.cashier, walk.shift_id)
    for sku, qty in items:
        cart = add_item(ctx, cart, sku, qty)
    view = member_view(ctx, person.member_id) if person else None
    if person is not None and view is not None:
        cart = replace(cart, member_id=person.member_id, card_number=person.card)
        # The card is swiped. Its proof's token is not drawn from the walk's seeded chance,
        # which would shift every coupon code and choice after it.
        cart = replace(cart,
                       shown=shown(replace(ctx, random_bytes=os.urandom), view, "swipe").shown)
    if view is not None and view.coupons and (how == "coupon" or (
            how == "any" and walk.rng.random() < 0.4)):
        cart = add_coupon(cart, view.coupons[0].code)
    due = quote(ctx, cart).due_fen
    cart = replace(cart, tenders=tuple(_tenders(walk, cart, due, view, how)))
    sale = complete(ctx, cart).sale
    walk.drawer_fen += _cash(sale)
    if view is not None and how != "story":  # a story's sale stays whole
        walk.recent = [*walk.recent[-20:], sale]
    return sale


def _cash(sale: Sale) -> int:
    return sum(t.amount_fen for t in sale.tenders if t.kind is TenderKind.CASH)


def _tenders(walk: Walk, cart: Cart, due: int, view: MemberView | None,
             how: str) -> list[TenderRequest]:
    """Points or stored value first when the member has them, the rest in money."""
    rng, paid, found = walk.rng, 0, []
    if view is not None and how in ("any", "points"):
        points = _points_to_use(walk, due, view.balances.points, how == "points")
        if points:
            found.append(TenderRequest(TenderKind.POINTS, points=points))
            paid = points * _fen_per_point(walk)
    wallet = view.balances.wallet_principal_fen + view.balances.wallet_bonus_fen if view else 0
    if view is not None and wallet > 0 and how in ("any", "wallet") and due > paid:
        amount = min(wallet, due - paid)
        found.append(TenderRequest(TenderKind.WALLET, amount_fen=amount,
                                   pin_proof=_typed_pin(walk, cart, view, amount)))
        paid += amount
    if due > paid:
        found.append(_money(rng, due - paid, how))
    return found


def _typed_pin(walk: Walk, cart: Cart, view: MemberView, amount: int) -> str:
    """The member types their PIN on the pad (the demo members keep the first one: the mobile's
    last six digits) and the PIN service proves it for this payment, as at the till."""
    if not wallet_rules.needs_pin(amount, walk.ctx.pack.wallet):
        return ""
    digits = "".join(ch for ch in view.member.mobile if ch.isdigit())
    return member_pin.prove(walk.ctx, view.member.id, digits[-6:], walk.cashier,
                            sale_id=cart.id, amount_fen=amount).token


def _fen_per_point(walk: Walk) -> int:
    rules = walk.ctx.pack.points
    return rules.cash_fen_per_step // rules.cash_points_step


def _points_to_use(walk: Walk, due: int, balance: int, always: bool) -> int:
    """Now and then a member pays part of the sale with points, in whole steps."""
    if not always and walk.rng.random() >= 0.2:
        return 0
    step = walk.ctx.pack.points.cash_points_step
    most = min(balance, due // _fen_per_point(walk))
    return most // step * step if most >= step else 0


def _money(rng: random.Random, amount: int, how: str) -> TenderRequest:
    kinds = {"cash": TenderKind.CASH, "bank_card": TenderKind.BANK_CARD,
             "mobile": TenderKind.MOBILE}
    kind = kinds.get("bank_card" if how == "story" else how) or rng.choices(
        list(kinds.values()), (45, 20, 35))[0]
    if kind is TenderKind.CASH:
        given = -(-amount // 10000) * 10000  # the customer hands over whole ¥100 notes
        return TenderRequest(kind, given_fen=given)
    return TenderRequest(kind, reference=f"{rng.randrange(10 ** 6):06d}")


def _desk_work(walk: Walk, force: bool) -> None:
    """A customer brings something back; the front desk tops up, gives gifts, spins the wheel;
    the manager corrects a balance. Each happens on some days (all of them on a forced day)."""
    chance = walk.rng.random
    if walk.recent and (force or chance() < 0.12):
        _return_one(walk, force)
    steps = ((0.05, _desk_top_up), (0.08, _desk_gift), (0.02, _desk_voucher),
             (0.12, _desk_spin), (0.08, _desk_bonus), (0.04, _desk_adjust))
    for odds, step in steps:
        if force or chance() < odds:
            step(walk)


def _return_one(walk: Walk, latest: bool) -> None:
    """One unit of a recent member sale (`latest`: today's last) comes back with its receipt;
    only what the drawer can pay back in cash (a refund goes back to the original tenders)."""
    sale = walk.recent.pop(-1 if latest else walk.rng.randrange(len(walk.recent)))
    lines = [ln for ln in sale.lines if ln.final_fen // ln.qty <= walk.drawer_fen]
    if not lines:
        return
    line = walk.rng.choice(lines)
    done = return_with_receipt(walk.ctx, sale.receipt_no, {line.line_no: 1}, walk.cashier,
                               walk.shift_id)
    walk.drawer_fen += _cash(done.sale)


def _member(walk: Walk, points: int = 0) -> Person | None:
    """A shopping member with at least `points` points, or None."""
    able = [p for p in walk.people if p.plan.appetite > 0]
    walk.rng.shuffle(able)
    for person in able:
        with walk.ctx.reader() as uow:
            if uow.members.balances(person.member_id).points >= points:
                return person
    return None


def _desk_top_up(walk: Walk) -> None:
    person = _member(walk)
    if person is not None:
        amount = walk.rng.choice((100000, 100000, 200000, 500000))
        top_up(walk.ctx, person.member_id, amount, walk.desk,
               *_any_tender(walk.rng, person.member_id),
               confirmed=True)  # the desk read ¥5,000 back to the customer


def _desk_gift(walk: Walk) -> None:
    gift = walk.rng.choice(("GIFT-BAG", "GIFT-BAG", "GIFT-SCARF"))
    with walk.ctx.reader() as uow:
        found = uow.gifts.get(gift)
    person = _member(walk, found.points_price) if found and found.stock > 0 else None
    if found is not None and person is not None:
        rewards.redeem_gift(walk.ctx, person.member_id, gift, walk.desk)


def _desk_voucher(walk: Walk) -> None:
    smallest = min(v.points for v in walk.ctx.pack.points.vouchers)
    person = _member(walk, smallest)
    if person is not None:
        rewards.redeem_voucher(walk.ctx, person.member_id, smallest, walk.desk)


def _desk_spin(walk: Walk) -> None:
    """The daily free spin, and now and then one more that costs points."""
    cost = 20  # enough for a paid spin whatever the first one wins
    person = _member(walk, cost * 6 if walk.showing else cost)
    if person is None:
        return
    if not walk.showing:
        for _ in range(walk.rng.choice((1, 1, 2))):
            draws.spin(walk.ctx, person.member_id, WHEEL, walk.desk)
        return
    # The showcase day shows a points prize: spin (paid after the free one) until one comes,
    # whatever the seeded wheel gives after the rules changed how many codes came before.
    for _ in range(6):
        done = draws.spin(walk.ctx, person.member_id, WHEEL, walk.desk)
        if done.prize is not None and done.prize.kind is PrizeKind.POINTS:
            break


def _desk_bonus(walk: Walk) -> None:
    person = _member(walk)
    if person is not None:
        reason = walk.rng.choice(("review", "share"))
        rewards.bonus_points(walk.ctx, person.member_id, reason, walk.desk)


def _desk_adjust(walk: Walk) -> None:
    person = _member(walk)
    if person is not None:
        points = walk.rng.choice((50, 100, 200))
        rewards.adjust_points(walk.ctx, person.member_id, points,
                              walk.rng.choice(ADJUST_REASONS), walk.manager)


def _showcase(walk: Walk) -> None:
    """The day before today shows every kind of figure the day's reports can hold."""
    minute = 10 * 60 + 30
    for how in ("any", "bank_card", "mobile", "cash"):
        walk.at(*divmod(minute, 60))
        _sell(walk, _shopper(walk, 1) if how == "any" else None,
              demo_people.basket(walk.rng, False), how)
        minute += 70
    wants = (("coupon", lambda v: bool(v.coupons)), ("wallet", _has_wallet),
             ("points", lambda v: v.balances.points >= 1000))  # last: it is brought back
    served: set[str] = set()
    for how, wanted in wants:
        walk.at(*divmod(minute, 60))
        person = _member_with(walk, wanted, served)
        _sell(walk, person, demo_people.basket(walk.rng, True), how if person else "any")
        served |= {person.member_id} if person else set()
        minute += 70
    walk.at(20, 40)
    _desk_work(walk, force=True)


def _has_wallet(view: MemberView) -> bool:
    return view.balances.wallet_principal_fen + view.balances.wallet_bonus_fen > 0


def _member_with(walk: Walk, wanted: Callable[[MemberView], bool],
                 served: set[str]) -> Person | None:
    """A member who fits, preferably one not served yet today (the report shows several)."""
    fits = [p for p in walk.people
            if p.plan.appetite > 0 and wanted(member_view(walk.ctx, p.member_id))]
    fresh = [p for p in fits if p.member_id not in served]
    chosen = fresh or fits
    return chosen[0] if chosen else None
