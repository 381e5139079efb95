"""Every row of the store database in one place; `metadata` is what migrations must produce."""

from __future__ import annotations

from db.rows_alliance import AllianceCardRow, AllianceTermsRow
from db.rows_base import Base
from db.rows_draws import DrawRow, PrizeRow, SpinRow
from db.rows_members import (
    BalanceRow,
    CardRow,
    CouponRow,
    MemberRow,
    MemberSearchTermRow,
    PointsDayRow,
    PointsDrawRow,
    PointsEntryRow,
    PointsLotRow,
    TierChangeRow,
    WalletEntryRow,
)
from db.rows_sales import AuditRow, ChainMarkRow, OutboxRow, SaleLineRow, SaleRow, TenderRow
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
from db.rows_sync import (
    CardBlockRow,
    CardConflictRow,
    CardStockRow,
    HoAllotmentRow,
    HoBalanceRow,
    MemberAliasRow,
    OfflineSpendRow,
    SyncStateRow,
    SyncVersionRow,
)
from db.rows_till import (
    ClosedDayRow,
    HeldSaleRow,
    ImportJobRow,
    MemberFiguresRow,
    MemberFiguresWindowRow,
    MemberPinRow,
)

metadata = Base.metadata

__all__ = [
    "AllianceCardRow",
    "AllianceTermsRow",
    "AuditRow",
    "BalanceRow",
    "Base",
    "CardBlockRow",
    "CardConflictRow",
    "CardRow",
    "CardStockRow",
    "ChainMarkRow",
    "ClosedDayRow",
    "CounterRow",
    "CouponRow",
    "CouponTemplateRow",
    "DrawRow",
    "GiftRow",
    "HeldSaleRow",
    "HoAllotmentRow",
    "HoBalanceRow",
    "ImportJobRow",
    "MemberAliasRow",
    "MemberFiguresRow",
    "MemberFiguresWindowRow",
    "MemberPinRow",
    "MemberRow",
    "MemberSearchTermRow",
    "OfflineSpendRow",
    "OutboxRow",
    "PointsDayRow",
    "PointsDrawRow",
    "PointsEntryRow",
    "PointsLotRow",
    "PrizeRow",
    "ProductRow",
    "RoleRow",
    "SaleLineRow",
    "SaleRow",
    "ShiftRow",
    "SpinRow",
    "StaffRow",
    "StoreSettingsRow",
    "SyncStateRow",
    "SyncVersionRow",
    "TenderRow",
    "TerminalRow",
    "TierChangeRow",
    "WalletEntryRow",
    "metadata",
]
