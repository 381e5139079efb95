"""Sales and returns round-trip with lines, tenders, reasons and explanations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from db.store import StoreDb
from domain.records import Member, Sale, SaleKind, SaleLine, Tender, TenderKind

AddMember = Callable[..., Member]
AT = datetime(2025, 3, 8, 2, 0, tzinfo=UTC)


def _sale(sale_id: str, receipt_no: str, member_id: str | None, *, at: datetime = AT,
          shift_id: str | None = "sh1") -> Sale:
    """DOMAIN §13 example 1: 银卡, ¥150 + ¥100 regular, 8.5折 → ¥212.50, 425 points."""
    lines = [
        SaleLine(line_no=1, sku="A", name="外套", product_class="regular", category="outerwear",
                 qty=1, unit_price_fen=15000, list_fen=15000, discount_fen=2250, coupon_fen=0,
                 final_fen=12750, points_earned=255, paid_fen=12000,
                 reasons=({"code": "discount.tier", "params": {"tier": "银卡", "rate": "0.85"}},)),
        SaleLine(line_no=2, sku="B", name="围巾", product_class="regular", category="",
                 qty=1, unit_price_fen=10000, list_fen=10000, discount_fen=1500, coupon_fen=0,
                 final_fen=8500, points_earned=170),
    ]
    tenders = [
        Tender(kind=TenderKind.POINTS, amount_fen=1000, points=100),
        Tender(kind=TenderKind.WALLET, amount_fen=10000, wallet_principal_fen=9091,
               wallet_bonus_fen=909),
        Tender(kind=TenderKind.CASH, amount_fen=10250, given_fen=20000, change_fen=9750),
    ]
    return Sale(id=sale_id, receipt_no=receipt_no, kind=SaleKind.SALE, at=at,
                business_date=(at + timedelta(hours=4)).date(), store_code="S012",
                terminal_code="T02", cashier_id="c1", lines=lines, tenders=tenders,
                total_fen=21250, member_id=member_id, shift_id=shift_id, points_earned=425,
                qualifying_fen=20250, coupons_redeemed=("CP1",),
                applied=({"code": "ladder", "params": {"multiplier": 2}},), rulepack="fashion",
                approved_by="m1", member_tier="银卡", birthday=True)


def _return_of(sale: Sale, sale_id: str, receipt_no: str, at: datetime) -> Sale:
    """DOMAIN §13 example 7: the ¥150 item comes back; 340 points are taken back."""
    line = SaleLine(line_no=1, sku="A", name="外套", product_class="regular", category="",
                    qty=-1, unit_price_fen=15000, list_fen=-15000, discount_fen=-2250,
                    coupon_fen=0, final_fen=-12750, points_earned=-340, original_line_no=1)
    return Sale(id=sale_id, receipt_no=receipt_no, kind=SaleKind.RETURN, at=at,
                business_date=at.date(), store_code="S012", terminal_code="T02",
                cashier_id="c1", lines=[line],
                tenders=[Tender(kind=TenderKind.CASH, amount_fen=-12750)], total_fen=-12750,
                member_id=sale.member_id, original_sale_id=sale.id, points_earned=-340)


def test_a_sale_round_trips_exactly(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    sale = _sale("s1", "S012-T02-000001", member.id)
    with store.uow() as uow:
        uow.sales.add(sale)
        uow.commit()
    with store.uow() as uow:
        found = uow.sales.get("s1")
        assert uow.sales.by_receipt("S012-T02-000001") == found
        assert uow.sales.get("nope") is None and uow.sales.by_receipt("nope") is None
    assert found == sale
    assert found is not None
    assert [t.kind for t in found.tenders] == [TenderKind.POINTS, TenderKind.WALLET,
                                               TenderKind.CASH]
    assert found.lines[0].reasons[0]["params"]["rate"] == "0.85"
    assert found.at.tzinfo is UTC and found.coupons_redeemed == ("CP1",)


def test_returns_shifts_dates_and_member_ranges(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    first = _sale("s1", "R1", member.id)
    second = _sale("s2", "R2", None, at=AT + timedelta(days=1), shift_id="sh2")
    back = _return_of(first, "r1", "R3", AT + timedelta(days=2))
    with store.uow() as uow:
        for sale in (back, second, first):
            uow.sales.add(sale)
        uow.commit()
    with store.uow() as uow:
        assert uow.sales.returns_of("s1") == [back]
        assert uow.sales.returns_of("s2") == []
        assert _ids(uow.sales.in_shift("sh1")) == ["s1"]
        assert _ids(uow.sales.on_date(date(2025, 3, 9))) == ["s2"]
        assert _ids(uow.sales.member_sales(member.id, date(2025, 3, 8), date(2025, 3, 10))) == [
            "s1", "r1"]
        assert _ids(uow.sales.member_sales(member.id, date(2025, 3, 9), date(2025, 3, 9))) == []


def _ids(sales: list[Sale]) -> list[str]:
    return [s.id for s in sales]


def test_receipt_numbers_are_unique(store: StoreDb) -> None:
    with store.uow() as uow:
        uow.sales.add(_sale("s1", "R1", None))
        with pytest.raises(IntegrityError, match="receipt_no"):
            uow.sales.add(_sale("s2", "R1", None))  # sales are written at once, not at commit
