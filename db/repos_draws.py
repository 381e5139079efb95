"""The lucky-draw repository: draws, prizes with their store stock, and recorded spins."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from db.mapping_store import (
    DRAW_COLUMNS,
    PRIZE_COLUMNS,
    SPIN_COLUMNS,
    draw_from,
    draw_params,
    prize_from,
    prize_params,
    spin_from,
    spin_params,
)
from db.repos_driver import (
    fetch_all_named,
    fetch_named,
    fetch_one,
    insert_sql,
    select_sql,
    upsert_sql,
    write,
)
from domain.luckydraw import Draw, Prize, Spin


class SqlDrawRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, code: str) -> Draw | None:
        row = fetch_named(self._s, _DRAW, (code,))
        return None if row is None else draw_from(row)

    def save(self, draw: Draw) -> None:
        write(self._s, _SAVE_DRAW, lambda: draw_params(draw))

    def prizes(self, draw_code: str) -> list[Prize]:
        return [prize_from(r) for r in fetch_all_named(self._s, _PRIZES, (draw_code,))]

    def save_prize(self, prize: Prize) -> None:
        """A new prize goes to the end of the wheel; a known one keeps its place. The stock
        CHECK is enforced by the statement, at the call that broke it."""
        row = fetch_one(self._s, _PLACE, (prize.draw_code, prize.code, prize.draw_code))
        position = int(row[0]) if row is not None else 1
        write(self._s, _SAVE_PRIZE, lambda: prize_params(prize, position))

    def add_spin(self, spin: Spin) -> None:
        write(self._s, _INSERT_SPIN, lambda: spin_params(spin))

    def spins(self, member_id: str, draw_code: str, business_date: date) -> list[Spin]:
        rows = fetch_all_named(self._s, _SPINS,
                               (member_id, draw_code, business_date.isoformat()))
        return [spin_from(r) for r in rows]

    def all(self) -> list[Draw]:
        return [draw_from(r) for r in fetch_all_named(self._s, _ALL_DRAWS, ())]


_DRAW = select_sql("draws", DRAW_COLUMNS, "code = ?")
_ALL_DRAWS = select_sql("draws", DRAW_COLUMNS, "1", "code")
_SAVE_DRAW = upsert_sql("draws", DRAW_COLUMNS, ("code",))
_PRIZES = select_sql("draw_prizes", PRIZE_COLUMNS, "draw_code = ?", "position, code")
# The prize's own place if it has one, else one past the wheel's last.
_PLACE = ("SELECT COALESCE((SELECT position FROM draw_prizes WHERE draw_code = ? AND code = ?),"
          " (SELECT COALESCE(MAX(position), 0) + 1 FROM draw_prizes WHERE draw_code = ?))")
_SAVE_PRIZE = upsert_sql("draw_prizes", PRIZE_COLUMNS, ("draw_code", "code"))
_INSERT_SPIN = insert_sql("draw_spins", SPIN_COLUMNS)
_SPINS = select_sql("draw_spins", SPIN_COLUMNS,
                    "member_id = ? AND draw_code = ? AND business_date = ?", "at, id")
