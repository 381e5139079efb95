"""One realistic payload of every event type, in an order head office can apply them.

A member signs up, edits her profile, gets a card and loses it, receives three coupons, buys
with one of them (points earned), tops up her wallet, returns the sale (the coupon comes back),
one coupon expires and one is voided, her tier changes, the cashier closes the shift, she spins
the lucky draw, and the audit trail records it. Used by the golden test of the wire JSON and by
the contract test that applies every event at a real head office.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from domain.events import (
    AllianceCouponUse,
    AllianceTrade,
    AuditRecorded,
    CardChanged,
    CardIssued,
    CouponExpired,
    CouponIssued,
    CouponRedeemed,
    CouponRestored,
    CouponVoided,
    DrawSpun,
    EventPayload,
    MemberCreated,
    MemberPatched,
    PointsEntryPosted,
    ReturnCompleted,
    SaleCompleted,
    ShiftClosed,
    TierChanged,
    WalletEntryPosted,
)
from domain.luckydraw import PrizeKind, Spin
from domain.records import (
    AuditEntry,
    Card,
    CardState,
    Coupon,
    CouponState,
    Member,
    MemberStatus,
    PointsEntry,
    Sale,
    SaleKind,
    SaleLine,
    Shift,
    Tender,
    TenderKind,
    TierChange,
    WalletEntry,
)

AT = datetime(2025, 5, 6, 2, 30, 15, 123456, tzinfo=UTC)
DAY = date(2025, 5, 6)


@dataclass(frozen=True)
class Ids:
    """What must be unique (or allotted) where the events are applied."""

    member: str = "0196a3c0-0000-7000-8000-000000000001"
    card: str = "1044010000016"
    sale: str = "0196a3c0-0000-7000-8000-000000000002"
    refund: str = "0196a3c0-0000-7000-8000-000000000003"
    coupons: tuple[str, str, str] = ("CPN-SAMPLE-1", "CPN-SAMPLE-2", "CPN-SAMPLE-3")
    store_code: str = "S001"
    terminal_code: str = "T01"
    cashier: str = "0196a3c0-0000-7000-8000-000000000004"
    prefix: str = "0196a3c0-0000-7000-8000-00000000"  # + 4 digits: the other records' ids

    def id(self, n: int) -> str:
        return f"{self.prefix}{n:04d}"


def member(ids: Ids) -> Member:
    return Member(id=ids.member, name="张三", mobile="13800138000", joined_on=DAY,
                  tier="普通会员", tier_since=DAY, status=MemberStatus.ACTIVE, gender="F",
                  birth_year=1990, birth_month=3, birth_day=8, id_number="110101199003081234",
                  occupation="教师", address="上海市徐汇区", email="zs@example.com",
                  source="store", consent_marketing=True, consent_marketing_at=AT,
                  privacy_accepted_at=AT, tags=("VIP", "新客"), notes="喜欢深色",
                  home_store=ids.store_code, created_at=AT, deposit_rate=Decimal("0.95"),
                  deposit_until=date(2025, 12, 31))


def _coupon(ids: Ids, code: str) -> Coupon:
    return Coupon(code=code, template_code="CASH50", kind="cash", amount_fen=5000, rate=None,
                  min_spend_fen=20000, stackable=True, valid_from=DAY,
                  valid_to=date(2025, 6, 5), state=CouponState.ISSUED, issued_at=AT,
                  member_id=ids.member, issued_reason="signup", classes=("apparel",))


def sale(ids: Ids) -> Sale:
    line = SaleLine(line_no=1, sku="COAT-01", name="羊毛大衣", product_class="apparel",
                    category="outerwear", qty=1, unit_price_fen=59900, list_fen=59900,
                    discount_fen=2995, coupon_fen=5000, final_fen=51905, points_earned=519,
                    reasons=({"code": "member.discount", "rate": "0.95"},), paid_fen=51905)
    return Sale(id=ids.sale, receipt_no="S001-T01-000123", kind=SaleKind.SALE, at=AT,
                business_date=DAY, store_code=ids.store_code, terminal_code=ids.terminal_code,
                cashier_id=ids.cashier, lines=[line],
                tenders=[Tender(kind=TenderKind.CASH, amount_fen=52000, given_fen=52000,
                                change_fen=100),
                         Tender(kind=TenderKind.COUPON, amount_fen=0,
                                coupon_code=ids.coupons[0])],
                total_fen=51900, rounding_fen=-5, member_id=ids.member, shift_id=ids.id(10),
                points_earned=519, qualifying_fen=51905, coupons_redeemed=(ids.coupons[0],),
                applied=({"code": "member.discount", "params": {"tier": "普通会员"}},),
                rulepack="fashion", member_tier="普通会员")


def refund(ids: Ids) -> Sale:
    line = SaleLine(line_no=1, sku="COAT-01", name="羊毛大衣", product_class="apparel",
                    category="outerwear", qty=-1, unit_price_fen=59900, list_fen=-59900,
                    discount_fen=-2995, coupon_fen=-5000, final_fen=-51905,
                    points_earned=-519, original_line_no=1, paid_fen=-51905)
    return Sale(id=ids.refund, receipt_no="S001-T01-000124", kind=SaleKind.RETURN,
                at=AT + timedelta(hours=2), business_date=DAY, store_code=ids.store_code,
                terminal_code=ids.terminal_code, cashier_id=ids.cashier, lines=[line],
                tenders=[Tender(kind=TenderKind.CASH, amount_fen=-51900)], total_fen=-51900,
                member_id=ids.member, original_sale_id=ids.sale, points_earned=-519,
                qualifying_fen=-51905, rulepack="fashion", member_tier="普通会员")


def steps(ids: Ids = Ids()) -> list[EventPayload]:
    """Every event type once (coupon.issued three times), in an order that applies."""
    card = Card(number=ids.card, member_id=ids.member, state=CardState.ACTIVE, expiry="2805",
                kind="stripe", issued_at=AT)
    c1, c2, c3 = (_coupon(ids, code) for code in ids.coupons)
    later = AT + timedelta(hours=3)
    return [
        MemberCreated(member(ids)),
        MemberPatched(ids.member, {"notes": "换了新地址", "email": "zs@example.cn"},
                      "1746498615123-00000-T01"),
        CardIssued(card),
        CardChanged(Card(number=ids.card, member_id=ids.member, state=CardState.LOST,
                         expiry="2805", kind="stripe", issued_at=AT)),
        CouponIssued(c1), CouponIssued(c2), CouponIssued(c3),
        SaleCompleted(sale(ids)),
        CouponRedeemed(ids.coupons[0], ids.member, ids.sale, AT),
        PointsEntryPosted(PointsEntry(id=ids.id(20), member_id=ids.member, kind="earn",
                                      points=519, at=AT, business_date=DAY,
                                      reason="sale", sale_id=ids.sale, staff_id=ids.cashier)),
        WalletEntryPosted(WalletEntry(id=ids.id(21), member_id=ids.member, kind="topup",
                                      principal_fen=100000, bonus_fen=10000, at=AT,
                                      business_date=DAY, staff_id=ids.cashier,
                                      reference="POS 4471", tender_kind="bank_card")),
        ReturnCompleted(refund(ids)),
        CouponRestored(ids.coupons[0], ids.member, CouponState.ISSUED),
        CouponExpired(ids.coupons[1], ids.member),
        CouponVoided(ids.coupons[2], ids.member),
        TierChanged(TierChange(id=ids.id(30), member_id=ids.member, at=later,
                               from_tier="普通会员", to_tier="银卡", reason="upgrade"),
                    tier_since=DAY),
        ShiftClosed(Shift(id=ids.id(10), cashier_id=ids.cashier, opened_at=AT,
                          business_date=DAY, float_fen=50000, closed_at=later,
                          counted_fen=101900, expected_fen=101900)),
        DrawSpun(Spin(id=ids.id(40), draw_code="SPRING", member_id=ids.member, at=later,
                      business_date=DAY, free=True, cost_points=0, roll=17, out_of=100,
                      prize_code="P50", prize_kind=PrizeKind.POINTS, points_won=50,
                      staff_id=ids.cashier)),
        AuditRecorded(AuditEntry(id=ids.id(50), at=later, action="shift_closed",
                                 staff_id=ids.cashier, target=ids.id(10),
                                 details={"expected_fen": 101900, "counted_fen": 101900})),
        # The till's own merchant's card: at head office no agreement makes this a partner
        # trade, so it is refused (tests/headoffice/test_event_contract.py).
        AllianceTrade(sale_id=ids.sale, original_sale_id=None, issuer="M001",
                      card_number=ids.card, issuer_member_id=ids.member, agreement_id=ids.id(60),
                      at=later, business_date=DAY, sale_fen=51900, points_earned=519,
                      points_spent=0, earn_entry_id=ids.id(61), spend_entry_id=ids.id(62),
                      coupons=(AllianceCouponUse(code="CP0000000001", amount_fen=5000),)),
    ]
