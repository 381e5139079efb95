"""Report figures (DOMAIN §11): the daily points report, the Z-report, the member statement."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from domain.catalog import ProductClass
from domain.money import FEN_PER_YUAN, floor_int
from domain.points import cash_value_fen
from domain.points_detail import MemberDay
from domain.reasons import head
from domain.records import (
    Balances,
    Coupon,
    Member,
    PointsEntry,
    PointsLot,
    Sale,
    SaleKind,
    Shift,
    TenderKind,
    WalletEntry,
)
from domain.rulepack import RulePack

# Ledger kinds that spend points, and the heading each is reported under.
SPEND_HEADINGS = {"spend": "cash", "gift": "gifts", "voucher": "vouchers", "draw": "draws"}
IMPORT_KINDS = ("import", "seed")
TOP_EARNERS = 10


@dataclass(frozen=True, slots=True)
class CashierPoints:
    staff_id: str
    name: str
    sales: int
    member_sales: int
    issued: int  # earned and bonus points the cashier posted
    redeemed: int  # points spent at the cashier's hands (positive)
    taken_back: int


@dataclass(frozen=True, slots=True)
class Earner:
    member_id: str
    name: str  # masked by the caller: reports lie on counters
    mobile: str
    points: int


@dataclass(frozen=True, slots=True)
class PointsReport:
    """One business date's points: open + movements = close, checked against the ledger."""

    business_date: date
    store: str
    opening: int
    earned_base: int
    earned_multiplier: int  # ladder, birthday, occasion and tier multipliers on top of base
    bonus: tuple[tuple[str, int], ...]  # (reason, points)
    spent: tuple[tuple[str, int], ...]  # (cash | gifts | vouchers | draws, points > 0)
    refunded: int  # points tenders given back by returns
    expired: int  # > 0
    adjusted_up: int
    adjusted_down: int  # > 0
    taken_back: int  # by returns, > 0
    imported: int  # opening balances brought in by an import
    other: int  # any other kind of entry, so the sum always closes
    closing: int  # the ledger's own total at the end of the day
    closing_cash_fen: int
    members_served: int
    sales: int
    member_sales: int
    cashiers: tuple[CashierPoints, ...]
    top_earners: tuple[Earner, ...]
    members: tuple[MemberDay, ...] = ()  # per-member detail: opening, movements, closing

    @property
    def earned(self) -> int:
        return self.earned_base + self.earned_multiplier

    @property
    def bonus_total(self) -> int:
        return sum(points for _, points in self.bonus)

    @property
    def spent_total(self) -> int:
        return sum(points for _, points in self.spent)

    @property
    def adjusted(self) -> int:
        return self.adjusted_up - self.adjusted_down

    @property
    def movement(self) -> int:
        return (self.earned + self.bonus_total - self.spent_total + self.refunded - self.expired
                + self.adjusted - self.taken_back + self.imported + self.other)

    def adds_up(self) -> bool:
        return self.opening + self.movement == self.closing


def base_points(sale: Sale, pack: RulePack) -> int:
    """A sale's points before any multiplier: Σ class rate × money paid, rounded down."""
    rates = pack.points.class_rates
    exact = sum((rates.get(ProductClass(ln.product_class), Decimal(0)) * ln.paid_fen
                 for ln in sale.lines), Decimal(0))
    return floor_int(exact / FEN_PER_YUAN)


def bonus_reason(entry: PointsEntry) -> str:
    """"checkin:spring-gala" is reported under "checkin"; an empty reason under "other"."""
    return head(entry.reason)


def points_report(day: date, store: str, opening: int, closing: int,
                  entries: Sequence[PointsEntry], sales: Sequence[Sale], pack: RulePack,
                  staff: Mapping[str, str], earners: Mapping[str, tuple[str, str]],
                  members: tuple[MemberDay, ...] = ()) -> PointsReport:
    """The daily points report from the day's ledger entries and sales.

    Args:
        opening, closing: the ledger's totals before and at the end of `day`.
        staff: staff id -> name; earners: member id -> (shown name, shown mobile).
    """
    by_kind: dict[str, list[PointsEntry]] = defaultdict(list)
    for entry in entries:
        by_kind[entry.kind].append(entry)
    earned = _sum(by_kind["earn"])
    base = _earned_base(by_kind["earn"], {s.id: s for s in sales}, pack)
    adjust = [e.points for e in by_kind["adjust"]]
    known = {"earn", "bonus", "refund", "expire", "adjust", "takeback", *SPEND_HEADINGS,
             *IMPORT_KINDS}
    member_sales = [s for s in sales if s.kind is SaleKind.SALE and s.member_id]
    return PointsReport(
        business_date=day, store=store, opening=opening, earned_base=base,
        earned_multiplier=earned - base,
        bonus=_by_reason(by_kind["bonus"]),
        spent=tuple((heading, -_sum(by_kind[kind])) for kind, heading in SPEND_HEADINGS.items()),
        refunded=_sum(by_kind["refund"]), expired=-_sum(by_kind["expire"]),
        adjusted_up=sum(p for p in adjust if p > 0), adjusted_down=-sum(p for p in adjust if p < 0),
        taken_back=-_sum(by_kind["takeback"]),
        imported=sum(_sum(by_kind[k]) for k in IMPORT_KINDS),
        other=sum(e.points for e in entries if e.kind not in known),
        closing=closing, closing_cash_fen=cash_value_fen(max(closing, 0), pack),
        members_served=len({s.member_id for s in member_sales}),
        sales=sum(1 for s in sales if s.kind is SaleKind.SALE), member_sales=len(member_sales),
        cashiers=_cashiers(entries, sales, staff), top_earners=_earners(entries, earners),
        members=members)


def _sum(entries: Iterable[PointsEntry]) -> int:
    return sum(e.points for e in entries)


def _earned_base(earns: Sequence[PointsEntry], sales: Mapping[str, Sale], pack: RulePack) -> int:
    """Base points of each earning; an entry whose sale is not here counts as all base."""
    total = 0
    for entry in earns:
        sale = sales.get(entry.sale_id or "")
        total += entry.points if sale is None or not sale.lines else min(
            base_points(sale, pack), entry.points)
    return total


def _by_reason(entries: Sequence[PointsEntry]) -> tuple[tuple[str, int], ...]:
    sums: dict[str, int] = defaultdict(int)
    for entry in entries:
        sums[bonus_reason(entry)] += entry.points
    return tuple(sorted(sums.items()))


def _cashiers(entries: Sequence[PointsEntry], sales: Sequence[Sale],
              staff: Mapping[str, str]) -> tuple[CashierPoints, ...]:
    ids = {e.staff_id for e in entries if e.staff_id} | {s.cashier_id for s in sales
                                                         if s.cashier_id}
    rows = []
    for staff_id in ids:
        mine = [e for e in entries if e.staff_id == staff_id]
        sold = [s for s in sales if s.cashier_id == staff_id and s.kind is SaleKind.SALE]
        rows.append(CashierPoints(
            staff_id=staff_id, name=staff.get(staff_id, staff_id), sales=len(sold),
            member_sales=sum(1 for s in sold if s.member_id),
            issued=sum(e.points for e in mine if e.kind in ("earn", "bonus")),
            redeemed=-sum(e.points for e in mine if e.kind in SPEND_HEADINGS),
            taken_back=-sum(e.points for e in mine if e.kind == "takeback")))
    return tuple(sorted(rows, key=lambda r: (r.name, r.staff_id)))


def top_earner_ids(entries: Sequence[PointsEntry], limit: int = TOP_EARNERS) -> list[str]:
    """Members who earned the most points (sales and bonuses) that day, most first."""
    totals: Counter[str] = Counter()
    for entry in entries:
        if entry.kind in ("earn", "bonus"):
            totals[entry.member_id] += entry.points
    ranked = sorted((m for m, p in totals.items() if p > 0), key=lambda m: (-totals[m], m))
    return ranked[:limit]


def _earners(entries: Sequence[PointsEntry],
             shown: Mapping[str, tuple[str, str]]) -> tuple[Earner, ...]:
    totals: Counter[str] = Counter()
    for entry in entries:
        if entry.kind in ("earn", "bonus"):
            totals[entry.member_id] += entry.points
    return tuple(Earner(m, *shown.get(m, ("", "")), points=totals[m])
                 for m in top_earner_ids(entries))


# --- Z-report -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TenderTotal:
    kind: str
    sales_fen: int
    refunds_fen: int  # negative
    count: int
    points: int = 0  # points tenders: points taken net of points given back

    @property
    def net_fen(self) -> int:
        return self.sales_fen + self.refunds_fen


@dataclass(frozen=True, slots=True)
class ShiftCash:
    shift_id: str
    cashier: str
    float_fen: int
    expected_fen: int | None  # None while the shift is open
    counted_fen: int | None

    @property
    def over_short_fen(self) -> int | None:
        if self.expected_fen is None or self.counted_fen is None:
            return None
        return self.counted_fen - self.expected_fen


@dataclass(frozen=True, slots=True)
class ZReport:
    business_date: date
    store: str
    sales: int
    returns: int
    gross_fen: int  # list prices of what was sold
    discounts: tuple[tuple[str, int], ...]  # (tier | birthday | deposit | campaign_price |
    #                                          store | manual, fen)
    coupons_fen: int  # coupon discounts on the sales
    rounding_fen: int
    sales_fen: int  # what the sales came to
    returns_fen: int  # negative
    tenders: tuple[TenderTotal, ...]
    coupons_redeemed: int
    coupons_issued: tuple[tuple[str, int], ...]  # (reason, count)
    topups: int
    topup_principal_fen: int
    topup_bonus_fen: int
    topups_by_tender: tuple[tuple[str, int], ...]
    wallet_refunded_fen: int  # principal paid out when wallets were closed
    shifts: tuple[ShiftCash, ...]
    closed_at: datetime | None = None  # set once the day close froze these figures

    @property
    def net_fen(self) -> int:
        return self.sales_fen + self.returns_fen

    @property
    def discounts_fen(self) -> int:
        return sum(fen for _, fen in self.discounts)

    @property
    def expected_cash_fen(self) -> int:
        return sum(s.expected_fen or 0 for s in self.shifts if s.counted_fen is not None)

    @property
    def counted_cash_fen(self) -> int:
        return sum(s.counted_fen or 0 for s in self.shifts if s.counted_fen is not None)

    @property
    def over_short_fen(self) -> int:
        return self.counted_cash_fen - self.expected_cash_fen

    @property
    def open_shifts(self) -> int:
        return sum(1 for s in self.shifts if s.counted_fen is None)


def z_report(day: date, store: str, sales: Sequence[Sale], wallet: Sequence[WalletEntry],
             issued: Sequence[Coupon], shifts: Sequence[Shift],
             staff: Mapping[str, str]) -> ZReport:
    """Day close figures from the day's sales and returns, wallet ledger, coupons, shifts."""
    sold = [s for s in sales if s.kind is SaleKind.SALE]
    back = [s for s in sales if s.kind is SaleKind.RETURN]
    topups = [e for e in wallet if e.kind == "topup"]
    by_tender: Counter[str] = Counter()
    for entry in topups:
        by_tender[entry.tender_kind or TenderKind.CASH.value] += entry.principal_fen
    return ZReport(
        business_date=day, store=store, sales=len(sold), returns=len(back),
        gross_fen=sum(ln.list_fen for s in sold for ln in s.lines),
        discounts=discounts_by_kind(sold),
        coupons_fen=sum(ln.coupon_fen for s in sold for ln in s.lines),
        rounding_fen=sum(s.rounding_fen for s in sold),
        sales_fen=sum(s.total_fen for s in sold), returns_fen=sum(s.total_fen for s in back),
        tenders=_tenders(sold, back), coupons_redeemed=sum(len(s.coupons_redeemed) for s in sold),
        coupons_issued=tuple(sorted(Counter(head(c.issued_reason)
                                            for c in issued).items())),
        topups=len(topups), topup_principal_fen=sum(e.principal_fen for e in topups),
        topup_bonus_fen=sum(e.bonus_fen for e in topups),
        topups_by_tender=tuple(sorted(by_tender.items())),
        wallet_refunded_fen=-sum(e.principal_fen for e in wallet if e.kind == "close"),
        shifts=tuple(ShiftCash(s.id, staff.get(s.cashier_id, s.cashier_id), s.float_fen,
                               s.expected_fen, s.counted_fen)
                     for s in sorted(shifts, key=lambda s: s.opened_at)))


def discounts_by_kind(sales: Sequence[Sale]) -> tuple[tuple[str, int], ...]:
    """Line discounts summed by the reason the pricing engine recorded for them."""
    sums: Counter[str] = Counter()
    for sale in sales:
        for line in sale.lines:
            for reason in line.reasons:
                code = str(reason.get("code", ""))
                if code.startswith("discount."):
                    sums[code.removeprefix("discount.")] += int(reason["params"]["off_fen"])
    return tuple(sorted(sums.items()))


def _tenders(sold: Sequence[Sale], back: Sequence[Sale]) -> tuple[TenderTotal, ...]:
    totals: dict[str, list[int]] = {}
    for sales, column in ((sold, 0), (back, 1)):
        for sale in sales:
            for t in sale.tenders:
                row = totals.setdefault(t.kind.value, [0, 0, 0, 0])
                row[column] += t.amount_fen
                row[2] += column == 0
                row[3] += t.points
    order = [k.value for k in TenderKind]
    return tuple(TenderTotal(kind, *values) for kind, values in
                 sorted(totals.items(), key=lambda kv: order.index(kv[0])))


# --- member statement -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Statement:
    """What a member is shown about their account for a period (DOMAIN §11)."""

    member: Member
    card_number: str | None
    since: date
    until: date
    balances: Balances
    purchases: tuple[Sale, ...]
    points_entries: tuple[PointsEntry, ...]
    lots: tuple[PointsLot, ...]  # unspent, soonest expiry first
    wallet_entries: tuple[WalletEntry, ...]
    coupons: tuple[Coupon, ...]

    @property
    def spent_fen(self) -> int:
        return sum(s.total_fen for s in self.purchases)

    @property
    def points_in_period(self) -> int:
        return sum(e.points for e in self.points_entries)


def statement(member: Member, card_number: str | None, since: date, until: date,
              balances: Balances, sales: Sequence[Sale], entries: Sequence[PointsEntry],
              lots: Sequence[PointsLot], wallet: Sequence[WalletEntry],
              coupons: Sequence[Coupon]) -> Statement:
    """Keep the period's movements, the lots still holding points and every coupon."""
    def inside(day: date) -> bool:
        return since <= day <= until

    open_lots = sorted((lot for lot in lots if lot.remaining > 0),
                       key=lambda lot: (lot.expires_on or date.max, lot.earned_on))
    return Statement(
        member=member, card_number=card_number, since=since, until=until, balances=balances,
        purchases=tuple(s for s in sales if inside(s.business_date)),
        points_entries=tuple(e for e in entries if inside(e.business_date)),
        lots=tuple(open_lots),
        wallet_entries=tuple(e for e in wallet if inside(e.business_date)),
        coupons=tuple(sorted(coupons, key=lambda c: (c.valid_to, c.code))))
