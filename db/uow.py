"""The unit of work: one BEGIN IMMEDIATE transaction with every repository bound to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.audit import SqlAuditRepo
from db.crypto import FieldCipher
from db.outbox import SqlOutbox
from db.reports import SqlReportRepo
from db.repos_alliance import SqlAllianceRepo
from db.repos_cardserials import SqlCardSerialRepo
from db.repos_draws import SqlDrawRepo
from db.repos_driver import driver
from db.repos_imports import SqlImportRepo
from db.repos_ledgers import SqlPointsRepo, SqlWalletRepo
from db.repos_members import SqlCardRepo, SqlCouponRepo, SqlMemberRepo, SqlTierRepo
from db.repos_merge import SqlMemberMerge
from db.repos_pull import SqlPulledRepo
from db.repos_sales import SqlSaleRepo
from db.repos_store import (
    SqlCounters,
    SqlGiftRepo,
    SqlProductRepo,
    SqlSettingsRepo,
    SqlShiftRepo,
    SqlStaffRepo,
    TerminalRef,
)
from db.repos_sync import SqlOfflineGate, SqlStampSource
from db.repos_sync_outbox import SqlHeldIds, SqlSyncOutbox
from db.repos_sync_state import SqlSyncStateRepo
from db.repos_till import SqlDayRepo, SqlHeldSaleRepo, SqlMemberPinRepo
from db.seals import Sealer
from domain.allowances import OfflineGate
from domain.clock import Clock
from domain.hlc import StampSource
from domain.ports import (
    AllianceRepo,
    AuditRepo,
    CardRepo,
    CardSerialRepo,
    Counters,
    CouponRepo,
    DayRepo,
    DrawRepo,
    GiftRepo,
    HeldSaleRepo,
    ImportRepo,
    MemberPinRepo,
    MemberRepo,
    Outbox,
    PointsRepo,
    ProductRepo,
    ReportRepo,
    SaleRepo,
    SettingsRepo,
    ShiftRepo,
    StaffRepo,
    TierRepo,
    WalletRepo,
)


class SqlUnitOfWork:
    """`with store.uow() as uow: ...; uow.commit()` — anything not committed is rolled back.

    The transaction (and the write lock) starts at the first statement, not at `__enter__`,
    so building a unit of work that is never used costs nothing.
    """

    def __init__(self, sessions: sessionmaker[Session], cipher: FieldCipher, clock: Clock,
                 sealer: Sealer | None = None) -> None:
        self.session = sessions()
        s = self.session
        # Typed as the ports: the Protocol's attributes are settable, so mypy wants them exact.
        terminal = TerminalRef(s)
        self.settings: SettingsRepo = SqlSettingsRepo(s, terminal, cipher)
        self.products: ProductRepo = SqlProductRepo(s)
        self.members: MemberRepo = SqlMemberRepo(s, cipher)
        self.cards: CardRepo = SqlCardRepo(s)
        self.card_serials: CardSerialRepo = SqlCardSerialRepo(s, clock.now)
        self.points: PointsRepo = SqlPointsRepo(s)
        self.wallet: WalletRepo = SqlWalletRepo(s)
        self.sales: SaleRepo = SqlSaleRepo(s)
        self.coupons: CouponRepo = SqlCouponRepo(s)
        self.staff: StaffRepo = SqlStaffRepo(s)
        self.shifts: ShiftRepo = SqlShiftRepo(s)
        self.audit_trail = SqlAuditRepo(s, sealer)
        self.audit: AuditRepo = self.audit_trail
        self.gifts: GiftRepo = SqlGiftRepo(s)
        self.tiers: TierRepo = SqlTierRepo(s)
        counters = SqlCounters(s, terminal)
        self.counters: Counters = counters
        self.outbox: Outbox = SqlOutbox(s, terminal, counters, clock)
        self.draws: DrawRepo = SqlDrawRepo(s)
        self.reports: ReportRepo = SqlReportRepo(s)
        # Offline allowances (domain/allowances.py) read and record through this gate.
        self.offline: OfflineGate = SqlOfflineGate(s, terminal)
        # Member profile edits are stamped by the hybrid logical clock (domain/hlc.py).
        self.hlc: StampSource = SqlStampSource(s, terminal)
        self.held: HeldSaleRepo = SqlHeldSaleRepo(s)
        self.member_pins: MemberPinRepo = SqlMemberPinRepo(s)
        self.days: DayRepo = SqlDayRepo(s)
        # The sync client's side of the store (sync/ reaches the database only through these).
        self.sync_state = SqlSyncStateRepo(s)
        self.sync_outbox = SqlSyncOutbox(s)
        self.pulled = SqlPulledRepo(s)
        self.held_ids = SqlHeldIds(s)
        # Head office's member merges follow the schema's references (db/repos_merge.py).
        self.member_merge = SqlMemberMerge(s)
        self.imports: ImportRepo = SqlImportRepo(s, cipher)
        # An alliance partner's agreements and the issuers' roster (docs/alliance.md).
        self.alliance: AllianceRepo = SqlAllianceRepo(s)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        # Closing rolls back whatever was not committed, exception or not.
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    @property
    def engine(self) -> Engine:
        """The engine of the store database this unit of work works on."""
        return self.session.get_bind().engine

    def database_path(self) -> Path:
        return Path(str(self.engine.url.database))

    def backup_to(self, target: sqlite3.Connection) -> None:
        """SQLite's online backup of the store into `target`, a consistent snapshot."""
        driver(self.session).backup(target)

    def rollback(self) -> None:
        self.session.rollback()
