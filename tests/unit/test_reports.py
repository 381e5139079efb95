"""Report computations on hand-built ledgers and sales: every figure, and that they add up."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from domain import reports
from domain.packload import load_pack
from domain.records import (
    PointsEntry,
    Sale,
    SaleKind,
    SaleLine,
    Shift,
    Tender,
    TenderKind,
    WalletEntry,
)

PACK = load_pack("fashion")
DAY = date(2025, 5, 6)
AT = datetime(2025, 5, 6, 3, tzinfo=UTC)
KINDS = ("earn", "bonus", "spend", "gift", "voucher", "draw", "refund", "expire", "adjust",
         "takeback", "import", "mystery")


def entry(kind: str, points: int, member: str = "m1", staff: str | None = "s1",
          sale: str | None = None, reason: str = "") -> PointsEntry:
    return PointsEntry(f"{kind}{points}{member}", member, kind, points, AT, DAY, reason, sale,
                       staff)


def line(no: int, klass: str, paid: int, reasons: tuple[dict[str, object], ...] = (),
         list_fen: int | None = None) -> SaleLine:
    return SaleLine(no, f"SKU{no}", "x", klass, "外套", 1, list_fen or paid, list_fen or paid,
                    0, 0, paid, reasons=reasons, paid_fen=paid)  # type: ignore[arg-type]


def sale(sale_id: str, lines: list[SaleLine], tenders: list[Tender], member: str | None = "m1",
         kind: SaleKind = SaleKind.SALE, cashier: str = "s1") -> Sale:
    return Sale(sale_id, f"R-{sale_id}", kind, AT, DAY, "S001", "T01", cashier, lines, tenders,
                sum(ln.final_fen for ln in lines), member_id=member)


def test_base_points_follow_class_rates_and_round_down_once() -> None:
    s = sale("a", [line(1, "regular", 12750), line(2, "special", 10099)], [])
    assert reports.base_points(s, PACK) == 127 + 50  # 127.50 + 50.495 = 177.995 → 177


def test_each_heading_of_the_points_report() -> None:
    s = sale("a", [line(1, "regular", 21250)], [Tender(TenderKind.CASH, 21250)])
    entries = [entry("earn", 425, sale="a"), entry("bonus", 20, reason="referral"),
               entry("bonus", 5, member="m2", reason="checkin:gala"), entry("spend", -300),
               entry("gift", -100), entry("draw", -10), entry("expire", -700, staff=None),
               entry("adjust", 50), entry("adjust", -30), entry("takeback", -85),
               entry("refund", 300), entry("import", 1000, member="m3")]
    r = reports.points_report(DAY, "S001", 5000, 5575, entries, [s], PACK, {"s1": "1001 王"},
                              {"m1": ("张*", "138****8000")})
    assert (r.earned_base, r.earned_multiplier) == (212, 213)
    assert r.bonus == (("checkin", 5), ("referral", 20))
    assert r.spent == (("cash", 300), ("gifts", 100), ("vouchers", 0), ("draws", 10))
    assert (r.expired, r.adjusted_up, r.adjusted_down, r.taken_back) == (700, 50, 30, 85)
    assert (r.refunded, r.imported, r.other) == (300, 1000, 0)
    assert r.movement == 575 and r.adds_up()
    assert r.closing_cash_fen == 55750
    assert [(e.member_id, e.points, e.name) for e in r.top_earners] == [
        ("m1", 445, "张*"), ("m2", 5, "")]
    (c,) = r.cashiers
    assert (c.name, c.sales, c.issued, c.redeemed, c.taken_back) == ("1001 王", 1, 450, 410, 85)


def test_a_report_that_misses_an_entry_does_not_add_up() -> None:
    r = reports.points_report(DAY, "S001", 100, 150, [entry("earn", 40)], [], PACK, {}, {})
    assert r.earned_base == 40 and not r.adds_up()


@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(-5000, 5000)), max_size=30),
       st.integers(-1000, 100000))
def test_open_plus_movements_is_always_the_ledger_total(moves: list[tuple[str, int]],
                                                       opening: int) -> None:
    entries = [entry(kind, points, member=f"m{i % 4}") for i, (kind, points) in enumerate(moves)]
    closing = opening + sum(p for _, p in moves)
    r = reports.points_report(DAY, "S001", opening, closing, entries, [], PACK, {}, {})
    assert r.adds_up()
    assert len(r.top_earners) <= reports.TOP_EARNERS


def test_top_earners_are_ten_at_most_highest_first() -> None:
    entries = [entry("earn", 10 * i, member=f"m{i:02d}") for i in range(1, 15)]
    assert reports.top_earner_ids(entries) == [f"m{i:02d}" for i in range(14, 4, -1)]


def test_z_report_tenders_discounts_wallet_and_shifts() -> None:
    member_off = {"code": "discount.tier", "params": {"off_fen": 1500, "rate": "0.85"}}
    manual = {"code": "discount.manual", "params": {"off_fen": 200}}
    sold = sale("a", [line(1, "regular", 8300, (member_off, manual), list_fen=10000)],
                [Tender(TenderKind.POINTS, 1000, points=100), Tender(TenderKind.CASH, 7300)])
    back = sale("b", [line(1, "regular", -7300)], [Tender(TenderKind.CASH, -7300)],
                kind=SaleKind.RETURN)
    wallet = [WalletEntry("w1", "m1", "topup", 100000, 5000, AT, DAY, tender_kind="mobile"),
              WalletEntry("w2", "m1", "close", -2000, -100, AT, DAY, tender_kind="cash")]
    shifts = [Shift("sh", "s1", AT, DAY, 50000, AT, counted_fen=57100, expected_fen=57000),
              Shift("sh2", "s2", AT, DAY, 10000)]
    z = reports.z_report(DAY, "S001", [sold, back], wallet, [], shifts, {"s1": "王"})
    assert z.discounts == (("manual", 200), ("tier", 1500)) and z.discounts_fen == 1700
    assert [(t.kind, t.sales_fen, t.refunds_fen, t.count, t.points) for t in z.tenders] == [
        ("cash", 7300, -7300, 1, 0), ("points", 1000, 0, 1, 100)]
    assert (z.sales_fen, z.returns_fen, z.net_fen, z.gross_fen) == (8300, -7300, 1000, 10000)
    assert (z.topup_principal_fen, z.topup_bonus_fen, z.wallet_refunded_fen) == (
        100000, 5000, 2000)
    assert z.topups_by_tender == (("mobile", 100000),)
    assert (z.expected_cash_fen, z.counted_cash_fen, z.over_short_fen) == (57000, 57100, 100)
    assert z.open_shifts == 1 and z.shifts[1].over_short_fen is None
