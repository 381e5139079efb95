"""Points and wallet ledgers; each entry moves the balances projection in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from db.mapping import (
    lot_from_row,
    lot_to_row,
    points_entry_from_row,
    points_entry_params,
    wallet_entry_from_row,
    wallet_entry_params,
)
from db.rows import BalanceRow, PointsEntryRow, PointsLotRow, WalletEntryRow
from db.rows_base import insert_row, table_of
from domain.errors import NotFound
from domain.records import PointsEntry, PointsLot, WalletEntry


class SqlPointsRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def lots(self, member_id: str) -> list[PointsLot]:
        stmt = (select(PointsLotRow).where(PointsLotRow.member_id == member_id)
                .order_by(PointsLotRow.earned_on, PointsLotRow.id))
        return [lot_from_row(r) for r in self._s.scalars(stmt)]

    def save_lots(self, member_id: str, lots: Sequence[PointsLot]) -> None:
        """Insert lots not seen before; for known ones only `remaining` may change."""
        stmt = select(PointsLotRow).where(PointsLotRow.member_id == member_id)
        known = {row.id: row for row in self._s.scalars(stmt)}
        for lot in lots:
            if lot.member_id != member_id:
                raise ValueError(f"lot {lot.id} belongs to {lot.member_id}, not {member_id}")
            row = known.get(lot.id)
            if row is None:
                insert_row(self._s, lot_to_row(lot))
            else:
                row.remaining = lot.remaining

    def add_entry(self, entry: PointsEntry) -> None:
        self._s.execute(table_of(PointsEntryRow).insert(), points_entry_params(entry))
        move_balances(self._s, entry.member_id, points=_BALANCES.c.points + entry.points)

    def entries(self, member_id: str) -> list[PointsEntry]:
        stmt = (select(PointsEntryRow).where(PointsEntryRow.member_id == member_id)
                .order_by(PointsEntryRow.at, PointsEntryRow.id))
        return [points_entry_from_row(r) for r in self._s.scalars(stmt)]

    def members_with_lots_expiring_by(self, day: date) -> list[str]:
        """Members holding unspent points whose last valid day is on or before `day`."""
        stmt = (select(PointsLotRow.member_id)
                .where(PointsLotRow.remaining > 0, PointsLotRow.expires_on.is_not(None),
                       PointsLotRow.expires_on <= day)
                .distinct().order_by(PointsLotRow.member_id))
        return list(self._s.scalars(stmt))


class SqlWalletRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add_entry(self, entry: WalletEntry) -> None:
        self._s.execute(table_of(WalletEntryRow).insert(), wallet_entry_params(entry))
        move_balances(
            self._s, entry.member_id,
            wallet_principal_fen=_BALANCES.c.wallet_principal_fen + entry.principal_fen,
            wallet_bonus_fen=_BALANCES.c.wallet_bonus_fen + entry.bonus_fen)

    def entries(self, member_id: str) -> list[WalletEntry]:
        stmt = (select(WalletEntryRow).where(WalletEntryRow.member_id == member_id)
                .order_by(WalletEntryRow.at, WalletEntryRow.id))
        return [wallet_entry_from_row(r) for r in self._s.scalars(stmt)]

    def by_staff_since(self, staff_id: str, since: datetime) -> list[WalletEntry]:
        stmt = (select(WalletEntryRow)
                .where(WalletEntryRow.staff_id == staff_id, WalletEntryRow.at >= since)
                .order_by(WalletEntryRow.at, WalletEntryRow.id))
        return [wallet_entry_from_row(r) for r in self._s.scalars(stmt)]


_BALANCES = table_of(BalanceRow)


def move_balances(session: Session, member_id: str, **moves: ColumnElement[int]) -> None:
    """One `UPDATE member_balances SET x = x + :d` for the member, in the open transaction.

    A Core statement, like the ledger INSERT before it and the projection row's own INSERT
    (MemberRepo.add): all three run at once, so no ORM flush is involved.
    """
    stmt = update(_BALANCES).where(_BALANCES.c.member_id == member_id).values(**moves)
    moved = session.execute(stmt)
    # A ledger row without a projection to move would make the balance lie; refuse it.
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise NotFound("member.not_found", member_id=member_id)
