"""Every field of every stored record has a column: a field added to a record without one
would silently come back as its default (a return would recompute points from nothing)."""

from __future__ import annotations

import dataclasses

import pytest

from db.rows import (
    AuditRow,
    Base,
    CardRow,
    CouponRow,
    CouponTemplateRow,
    GiftRow,
    MemberRow,
    OutboxRow,
    PointsEntryRow,
    PointsLotRow,
    ProductRow,
    SaleLineRow,
    SaleRow,
    ShiftRow,
    StaffRow,
    StoreSettingsRow,
    TenderRow,
    TierChangeRow,
    WalletEntryRow,
)
from domain import records
from domain.catalog import Product

# record, row, {field: column} where the names differ, fields stored elsewhere
CASES: list[tuple[type, type[Base], dict[str, str], set[str]]] = [
    (records.StoreSettings, StoreSettingsRow, {}, set()),
    (records.Staff, StaffRow, {}, set()),
    (records.Shift, ShiftRow, {}, set()),
    (Product, ProductRow, {}, set()),
    (records.Gift, GiftRow, {}, set()),
    (records.CouponTemplate, CouponTemplateRow, {}, set()),
    (records.Member, MemberRow, {"id_number": "id_number_enc"}, set()),
    (records.Card, CardRow, {}, set()),
    (records.TierChange, TierChangeRow, {}, set()),
    (records.PointsLot, PointsLotRow, {}, set()),
    (records.PointsEntry, PointsEntryRow, {}, set()),
    (records.WalletEntry, WalletEntryRow, {}, set()),
    (records.Coupon, CouponRow, {}, set()),
    (records.Sale, SaleRow, {}, {"lines", "tenders"}),  # child tables
    (records.SaleLine, SaleLineRow, {}, set()),
    (records.Tender, TenderRow, {}, set()),
    (records.AuditEntry, AuditRow, {}, set()),
    (records.OutboxEvent, OutboxRow, {}, set()),
]


@pytest.mark.parametrize(("record", "row", "renamed", "elsewhere"), CASES,
                         ids=[c[0].__name__ for c in CASES])
def test_every_record_field_has_a_column(record: type, row: type[Base],
                                         renamed: dict[str, str], elsewhere: set[str]) -> None:
    columns = {c.key for c in row.__table__.columns}
    fields = {f.name for f in dataclasses.fields(record)} - elsewhere
    assert {renamed.get(name, name) for name in fields} - columns == set()
