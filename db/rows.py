"""Every row of the store database in one place; `metadata` is what migrations must produce."""

from __future__ import annotations

from db.rows_base import Base
from db.rows_members import (
    BalanceRow,
    CardRow,
    CouponRow,
    MemberRow,
    PointsEntryRow,
    PointsLotRow,
    TierChangeRow,
    WalletEntryRow,
)
from db.rows_sales import AuditRow, OutboxRow, SaleLineRow, SaleRow, TenderRow
from db.rows_store import (
    CounterRow,
    CouponTemplateRow,
    GiftRow,
    ProductRow,
    RoleRow,
    ShiftRow,
    StaffRow,
    StoreSettingsRow,
    TerminalRow,
)

metadata = Base.metadata

__all__ = [
    "AuditRow",
    "BalanceRow",
    "Base",
    "CardRow",
    "CounterRow",
    "CouponRow",
    "CouponTemplateRow",
    "GiftRow",
    "MemberRow",
    "OutboxRow",
    "PointsEntryRow",
    "PointsLotRow",
    "ProductRow",
    "RoleRow",
    "SaleLineRow",
    "SaleRow",
    "ShiftRow",
    "StaffRow",
    "StoreSettingsRow",
    "TenderRow",
    "TerminalRow",
    "TierChangeRow",
    "WalletEntryRow",
    "metadata",
]
