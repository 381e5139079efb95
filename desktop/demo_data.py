"""The demo store: a small clothing-shop catalogue, staff for each role, members with cards."""

from __future__ import annotations

from domain.catalog import Product, ProductClass
from domain.records import CouponKind, Gift, Role, TenderKind
from domain.services.cardissue import issue_card
from domain.services.context import ServiceContext
from domain.services.members import register
from domain.services.setup import add_products
from domain.services.staff import add_staff
from domain.services.wallet import top_up

R, S, N, G = ProductClass.REGULAR, ProductClass.SPECIAL, ProductClass.NEW, ProductClass.GROUP_BUY

CATALOG = [
    Product("A1001", "羊毛外套", 59900, R, "外套", "6901234567892"),
    Product("A1002", "羽绒服", 89900, R, "外套", "6901234567908"),
    Product("B2001", "真丝衬衫", 29900, R, "衬衫", "6901234567915"),
    Product("B2002", "纯棉T恤", 9900, S, "T恤", "6901234567922"),
    Product("C3001", "牛仔裤", 25900, R, "裤子", "6901234567939"),
    Product("C3002", "休闲裤", 19900, N, "裤子", "6901234567946"),
    Product("D4001", "连衣裙", 39900, R, "裙子", "6901234567953"),
    Product("D4002", "半身裙", 15900, S, "裙子", "6901234567960"),
    Product("E5001", "针织衫", 22900, R, "毛衫", "6901234567977"),
    Product("F6001", "丝巾", 8900, R, "配饰", "6901234567984"),
    Product("F6002", "皮带", 12900, R, "配饰", "6901234567991"),
    Product("G7001", "团购袜子三双装", 3000, G, "配饰", "6901234568004"),
]

STAFF = [  # number, name, role, PIN — printed in the README for the demo only
    ("0001", "管理员", Role.ADMIN, "8024"),  # first: the store's first account adds the rest
    ("1001", "王收银", Role.CASHIER, "1357"),
    ("2001", "李店长", Role.MANAGER, "2468"),
    ("3001", "赵前台", Role.FRONT_DESK, "3579"),
]

MEMBERS = [
    {"name": "张三", "mobile": "13800138000", "birthday": "1990-03-08",
     "privacy_accepted": True, "consent_marketing": True},
    {"name": "李四", "mobile": "13900139000", "birthday": "1985-11-25",
     "privacy_accepted": True},
    {"name": "王五", "mobile": "13700137000", "privacy_accepted": True},
]

GIFTS = [
    Gift("GIFT-SCARF", "丝巾礼盒", 3000, 900, 20),
    Gift("GIFT-BAG", "帆布包", 1000, 300, 50),
]


def load_demo(ctx: ServiceContext) -> list[str]:
    """Fill an empty store; returns the demo members' card numbers. Running it twice is safe."""
    add_products(ctx, CATALOG)
    staff = _demo_staff(ctx)
    with ctx.uow() as uow:
        for gift in GIFTS:
            if uow.gifts.get(gift.code) is None:
                uow.gifts.add(gift)
        uow.commit()
    _demo_draw(ctx, staff["2001"])
    return [_demo_member(ctx, raw, i, staff["3001"]) for i, raw in enumerate(MEMBERS)]


def _demo_staff(ctx: ServiceContext) -> dict[str, str]:
    """The demo's accounts by number: the administrator is the store's first account (made by
    nobody), and makes the others, as on the Staff page. Already there: left as they are."""
    made: dict[str, str] = {}
    for number, name, role, pin in STAFF:
        with ctx.reader() as uow:
            found = uow.staff.by_number(number)
        by = made.get(STAFF[0][0])
        made[number] = found.id if found else add_staff(ctx, number, name, role, pin, by=by).id
    return made


def _demo_member(ctx: ServiceContext, raw: dict[str, object], index: int, desk: str) -> str:
    """A member signed up, given a card (the first one a top-up) by the front desk."""
    done = register(ctx, raw, desk)
    if not done.created:
        with ctx.uow() as uow:
            cards = uow.cards.for_member(done.member.id)
        if cards:
            return cards[0].number
    card = issue_card(ctx, done.member.id, desk).card
    if index == 0:
        # Paid by mobile: the demo store has no drawer open at the desk (cash needs one).
        top_up(ctx, done.member.id, 100000, desk, TenderKind.MOBILE, "WX-DEMO-0001")
    return card.number


def _demo_draw(ctx: ServiceContext, manager: str) -> None:
    """A spring lucky wheel with stock allotted to the store (left alone if already there)."""
    from domain.luckydraw import Draw, Prize, PrizeKind
    from domain.records import CouponTemplate
    from domain.services.draws import define_draw

    code = "DEMO-WHEEL"
    with ctx.uow() as uow:
        if uow.draws.get(code) is not None:
            return
        if uow.coupons.template("DRAW20") is None:
            uow.coupons.add_template(CouponTemplate(
                code="DRAW20", name="幸运券 ￥20", kind=CouponKind.CASH, amount_fen=2000,
                valid_days=30))
        uow.commit()
    prizes = [
        Prize(code, "P1", "丝巾礼盒", PrizeKind.GIFT, weight=2, allotted=3),
        Prize(code, "P2", "200积分", PrizeKind.POINTS, weight=8, points=200, allotted=40),
        Prize(code, "P3", "￥20代金券", PrizeKind.COUPON, weight=15, coupon_template="DRAW20",
              allotted=60),
        Prize(code, "P4", "50积分", PrizeKind.POINTS, weight=30, points=50, allotted=200),
        Prize(code, "P5", "谢谢参与", PrizeKind.THANKS, weight=45),
    ]
    define_draw(ctx, Draw(code, "春季大转盘", cost_points=10, free_spins_per_day=1), prizes,
                manager)
