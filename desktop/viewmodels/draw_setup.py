"""A manager sets up the store's own lucky draw, without Qt: the typed form checked row by row
with the domain's rules, then saved with define_draw (audited)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.viewmodels.env import TillEnv
from domain.errors import DomainError, ValidationError
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import CouponTemplate, Staff
from domain.services import draw_setup, draws

# Where each field of a Prize is typed on a row of the form.
COLUMN_OF = {"name": "name", "kind": "kind", "points": "value", "coupon_template": "value",
             "weight": "weight", "allotted": "stock"}


@dataclass(frozen=True, slots=True)
class PrizeRow:
    """One row of the prize table as typed. `value` is the points for a points prize and the
    coupon template's code for a coupon prize; gifts and "thanks" need none."""

    name: str
    kind: PrizeKind
    value: str = ""
    weight: str = ""
    stock: str = ""  # empty: no limit, which only "thanks" may have


@dataclass(frozen=True, slots=True)
class DrawForm:
    code: str
    name: str
    starts: date
    ends: date
    free_spins: int
    cost_points: int
    rows: tuple[PrizeRow, ...]


class RowRefused(Exception):
    """A prize row the rules refuse: which row (from 1), which column, and why."""

    def __init__(self, row: int, column: str, error: DomainError) -> None:
        super().__init__(row, column, error.code)
        self.row, self.column, self.error = row, column, error


class DrawSetup:
    """Checks the whole form before anything is written; nothing is saved on a refusal."""

    def __init__(self, env: TillEnv, staff: Staff) -> None:
        self.env, self.staff = env, staff

    def templates(self) -> list[CouponTemplate]:
        """Coupon templates a prize may issue: the rule pack's, then those stored here."""
        return draw_setup.prize_templates(self.env.ctx)

    def starter_rows(self) -> tuple[PrizeRow, ...]:
        """A new form starts with the usual "thanks for playing" slice to edit or keep."""
        return (PrizeRow("谢谢参与", PrizeKind.THANKS, weight="50"),)

    def build(self, form: DrawForm) -> tuple[Draw, list[Prize]]:
        """The draw and its prizes (codes P1, P2… in table order), or the first refusal:
        the rules are draw_setup's (domain/services); this only parses the typed rows."""
        code = form.code.strip().upper()
        draw = Draw(code, form.name.strip(), cost_points=form.cost_points,
                    free_spins_per_day=form.free_spins, starts=form.starts, ends=form.ends)
        draw_setup.check_draw_head(self.env.ctx, draw)
        prizes = [_parsed(code, index, row) for index, row in enumerate(form.rows)]
        try:
            draw_setup.check_new_draw(self.env.ctx, draw, prizes)
        except DomainError as err:
            index = _row_of(err, prizes)
            if index is None:
                raise
            raise _refused(index, err) from err
        return draw, prizes

    def save(self, form: DrawForm) -> Draw:
        draw, prizes = self.build(form)
        draws.define_draw(self.env.ctx, draw, prizes, self.staff.id, new=True)
        return draw


def _parsed(draw_code: str, index: int, row: PrizeRow) -> Prize:
    try:
        return _parse(draw_code, f"P{index + 1}", row)
    except DomainError as err:
        raise _refused(index, err) from err


def _refused(index: int, err: DomainError) -> RowRefused:
    """A prize row's refusal named by its row (from 1) and column."""
    field = str(err.params.get("field", "name"))
    return RowRefused(index + 1, COLUMN_OF.get(field, "name"), err)


def _row_of(err: DomainError, prizes: list[Prize]) -> int | None:
    code = err.params.get("prize")
    return next((i for i, p in enumerate(prizes) if p.code == code), None)


def _parse(draw_code: str, code: str, row: PrizeRow) -> Prize:
    name = row.name.strip()
    points = _whole(row.value, "points", code) if row.kind is PrizeKind.POINTS else 0
    template = (row.value.strip() or None) if row.kind is PrizeKind.COUPON else None
    stock = _whole(row.stock, "allotted", code) if row.stock.strip() else None
    return Prize(draw_code, code, name, row.kind, weight=_whole(row.weight, "weight", code),
                 points=points, coupon_template=template, allotted=stock)


def _whole(text: str, field: str, prize: str) -> int:
    """A whole number as typed (a minus sign allowed: the rules name what is too low)."""
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"-?\d{1,9}", cleaned):
        raise ValidationError("draw.number_invalid", field=field, prize=prize, value=text)
    return int(cleaned)
