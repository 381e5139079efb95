"""Points and wallet ledgers; each entry moves the balances projection in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session

from db.mapping_members import (
    LOT_COLUMNS,
    POINTS_COLUMNS,
    WALLET_COLUMNS,
    lot_from,
    lot_params,
    points_entry_from,
    points_entry_params,
    wallet_entry_from,
    wallet_entry_params,
)
from db.mapping_values import utc_text
from db.repos_driver import (
    execute,
    execute_many,
    fetch_all,
    fetch_all_named,
    fetch_one,
    insert_sql,
    select_sql,
    upsert_sql,
    write,
    write_many,
)
from domain.errors import NotFound
from domain.records import PointsEntry, PointsLot, WalletEntry


class SqlPointsRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def lots(self, member_id: str) -> list[PointsLot]:
        return [lot_from(r) for r in fetch_all_named(self._s, _LOTS, (member_id,))]

    def save_lots(self, member_id: str, lots: Sequence[PointsLot]) -> None:
        """Insert lots not seen before; for known ones only `remaining` may change."""
        for lot in lots:
            if lot.member_id != member_id:
                raise ValueError(f"lot {lot.id} belongs to {lot.member_id}, not {member_id}")
        write_many(self._s, _SAVE_LOT, lambda: [lot_params(lot) for lot in lots])

    def add_entry(self, entry: PointsEntry) -> None:
        write(self._s, INSERT_POINTS, lambda: points_entry_params(entry))
        move_balances(self._s, entry.member_id, points=entry.points)

    def entries(self, member_id: str) -> list[PointsEntry]:
        rows = fetch_all_named(self._s, _POINTS_OF, (member_id,))
        return [points_entry_from(r) for r in rows]

    def add_draws(self, draws: Sequence[tuple[str, str, str, int]]) -> None:
        """(entry id, lot id, sale id, points): taken from a lot (> 0) or given back (< 0)."""
        write_many(self._s, _INSERT_DRAW, lambda: [
            {"entry_id": e, "lot_id": lot, "sale_id": sale, "points": n}
            for e, lot, sale, n in draws])

    def draws(self, sale_id: str) -> list[tuple[str, int]]:
        """(lot id, points) a sale's payments took from each lot and no refund gave back yet."""
        return [(str(r[0]), int(r[1])) for r in fetch_all(self._s, _DRAWS, (sale_id,))]

    def members_with_lots_expiring_by(self, day: date) -> list[str]:
        """Members holding unspent points whose last valid day is on or before `day`."""
        return [str(r[0]) for r in fetch_all(self._s, _EXPIRING_BY, (day.isoformat(),))]

    def lapsing_lots(self, before: date, members: int) -> list[tuple[str, str, int]]:
        """(lot id, member id, remaining) of every unspent lot whose last valid day is before
        `before`, of about `members` members, those whose points lapsed first (partial
        index, migration 0013)."""
        rows = fetch_all(self._s, _LAPSING, {"day": before.isoformat(), "n": members})
        return [(str(lot_id), str(member_id), int(left)) for lot_id, member_id, left in rows]

    def lapsing_members(self, before: date) -> int:
        """How many members hold unspent lots whose last valid day is before `before`."""
        row = fetch_one(self._s, _LAPSING_MEMBERS, (before.isoformat(),))
        return int(row[0]) if row else 0

    def empty_lots(self, lot_ids: Sequence[str]) -> None:
        """Set the remaining points of these lots to zero (they expired); one statement run
        over the batch, each row resealed by its trigger."""
        execute_many(self._s, _EMPTY_LOT, [(lot_id,) for lot_id in lot_ids])

    def add_entries(self, entries: Sequence[PointsEntry]) -> None:
        """Append many entries and move each member's balance, two statements for the lot."""
        write_many(self._s, INSERT_POINTS, lambda: [points_entry_params(e) for e in entries])
        moved = execute_many(self._s, _MOVE_POINTS,
                                   [(e.points, e.member_id) for e in entries])
        if moved != len(entries):  # a ledger row without its projection would make it lie
            raise NotFound("member.not_found", member_id=entries[0].member_id)


class SqlWalletRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add_entry(self, entry: WalletEntry) -> None:
        write(self._s, INSERT_WALLET, lambda: wallet_entry_params(entry))
        move_balances(self._s, entry.member_id, wallet_principal_fen=entry.principal_fen,
                      wallet_bonus_fen=entry.bonus_fen)

    def entries(self, member_id: str) -> list[WalletEntry]:
        rows = fetch_all_named(self._s, _WALLET_OF, (member_id,))
        return [wallet_entry_from(r) for r in rows]

    def by_staff_since(self, staff_id: str, since: datetime) -> list[WalletEntry]:
        # Stored times are fixed-width UTC text, so text order is time order.
        rows = fetch_all_named(self._s, _WALLET_BY_STAFF, (staff_id, utc_text(since)))
        return [wallet_entry_from(r) for r in rows]


_LOTS = select_sql("points_lots", LOT_COLUMNS, "member_id = ?", "earned_on, id")
# A known lot keeps everything but what is left of it (`remaining`).
_SAVE_LOT = upsert_sql("points_lots", LOT_COLUMNS, ("id",), ("remaining",))
INSERT_POINTS = insert_sql("points_ledger", POINTS_COLUMNS)
_POINTS_OF = select_sql("points_ledger", POINTS_COLUMNS, "member_id = ?", "at, id")
_EXPIRING_BY = ("SELECT DISTINCT member_id FROM points_lots WHERE remaining > 0 "
                "AND expires_on IS NOT NULL AND expires_on <= ? ORDER BY member_id")
# The first `n` unspent lapsed lots by last valid day choose the members (an index range that
# a batch empties, so the next batch starts where this one stopped); then all of their lapsed
# lots, so each member's expiry is one entry whatever the batch size.
# Members come from the index in its own order, (last valid day, member): a range each batch
# empties, so the next batch starts where this one stopped (a member with lots lapsing on
# two days may count twice towards `n`); then all of their lapsed lots, so each member's
# expiry is one entry whatever the batch size.
_LAPSING = """
    WITH chosen AS (
        SELECT member_id FROM points_lots
        WHERE remaining > 0 AND expires_on IS NOT NULL AND expires_on < :day
        GROUP BY expires_on, member_id ORDER BY expires_on, member_id LIMIT :n)
    SELECT l.id, l.member_id, l.remaining
    FROM points_lots l
    WHERE l.member_id IN chosen
      AND l.remaining > 0 AND l.expires_on IS NOT NULL AND l.expires_on < :day
    ORDER BY l.member_id, l.earned_on"""
_LAPSING_MEMBERS = ("SELECT COUNT(DISTINCT member_id) FROM points_lots "
                    "WHERE remaining > 0 AND expires_on IS NOT NULL AND expires_on < ?")
_EMPTY_LOT = "UPDATE points_lots SET remaining = 0 WHERE id = ?"
_MOVE_POINTS = "UPDATE member_balances SET points = points + ? WHERE member_id = ?"
_INSERT_DRAW = insert_sql("points_draws", ("entry_id", "lot_id", "sale_id", "points"))
_DRAWS = ("SELECT lot_id, SUM(points) FROM points_draws WHERE sale_id = ? GROUP BY lot_id "
          "HAVING SUM(points) > 0 ORDER BY lot_id")
INSERT_WALLET = insert_sql("wallet_ledger", WALLET_COLUMNS)
_WALLET_OF = select_sql("wallet_ledger", WALLET_COLUMNS, "member_id = ?", "at, id")
_WALLET_BY_STAFF = select_sql("wallet_ledger", WALLET_COLUMNS, "staff_id = ? AND at >= ?",
                              "at, id")
_BALANCE_FIGURES = frozenset({"points", "wallet_principal_fen", "wallet_bonus_fen"})


def move_balances(session: Session, member_id: str, **moves: int) -> None:
    """One `UPDATE member_balances SET x = x + :d` for the member, in the open transaction.

    Plain SQL, like the ledger INSERT before it and the projection row's own INSERT
    (MemberRepo.add), so the two always move together.
    """
    unknown = set(moves) - _BALANCE_FIGURES
    if unknown:
        raise ValueError(f"not a balance: {sorted(unknown)}")
    sets = ", ".join(f"{name} = {name} + :{name}" for name in sorted(moves))
    moved = execute(session, f"UPDATE member_balances SET {sets} WHERE member_id = :member_id",
                    {**moves, "member_id": member_id})
    # A ledger row without a projection to move would make the balance lie; refuse it.
    if moved != 1:
        raise NotFound("member.not_found", member_id=member_id)
