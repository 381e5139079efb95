"""The lucky-draw repository: draws, prizes with their store stock, and recorded spins."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.rows_base import insert_row
from db.rows_draws import DrawRow, PrizeRow, SpinRow
from domain.luckydraw import Draw, Prize, PrizeKind, Spin

_DRAW_FIELDS = ("code", "name", "cost_points", "free_spins_per_day", "starts", "ends", "active")
_PRIZE_FIELDS = ("draw_code", "code", "name", "weight", "points", "coupon_template", "allotted",
                 "given")
_SPIN_FIELDS = ("id", "draw_code", "member_id", "at", "business_date", "free", "cost_points",
                "roll", "out_of", "prize_code", "points_won", "coupon_code", "staff_id")


class SqlDrawRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, code: str) -> Draw | None:
        row = self._s.get(DrawRow, code)
        return None if row is None else Draw(**{f: getattr(row, f) for f in _DRAW_FIELDS})

    def save(self, draw: Draw) -> None:
        self._s.merge(DrawRow(**{f: getattr(draw, f) for f in _DRAW_FIELDS}))

    def prizes(self, draw_code: str) -> list[Prize]:
        stmt = (select(PrizeRow).where(PrizeRow.draw_code == draw_code)
                .order_by(PrizeRow.position, PrizeRow.code))
        return [Prize(**{f: getattr(r, f) for f in _PRIZE_FIELDS}, kind=PrizeKind(r.kind))
                for r in self._s.scalars(stmt)]

    def save_prize(self, prize: Prize) -> None:
        """A new prize goes to the end of the wheel; a known one keeps its place."""
        row = self._s.get(PrizeRow, (prize.draw_code, prize.code))
        if row is None:
            last = self._s.scalar(select(func.max(PrizeRow.position))
                                  .where(PrizeRow.draw_code == prize.draw_code))
            row = PrizeRow(draw_code=prize.draw_code, code=prize.code,
                           position=(last or 0) + 1)
            self._s.add(row)
        for name in _PRIZE_FIELDS[2:]:
            setattr(row, name, getattr(prize, name))
        row.kind = prize.kind.value
        self._s.flush()  # the stock CHECK is enforced here, at the call that broke it

    def add_spin(self, spin: Spin) -> None:
        insert_row(self._s, SpinRow(**{f: getattr(spin, f) for f in _SPIN_FIELDS},
                                    prize_kind=spin.prize_kind.value))

    def spins(self, member_id: str, draw_code: str, business_date: date) -> list[Spin]:
        stmt = (select(SpinRow)
                .where(SpinRow.member_id == member_id, SpinRow.draw_code == draw_code,
                       SpinRow.business_date == business_date)
                .order_by(SpinRow.at, SpinRow.id))
        return [Spin(**{f: getattr(r, f) for f in _SPIN_FIELDS},
                     prize_kind=PrizeKind(r.prize_kind)) for r in self._s.scalars(stmt)]

    def all(self) -> list[Draw]:
        rows = self._s.scalars(select(DrawRow).order_by(DrawRow.code))
        return [Draw(**{f: getattr(r, f) for f in _DRAW_FIELDS}) for r in rows]
