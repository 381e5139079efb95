"""A manager sets up the store's own lucky draw, without Qt: the typed form checked row by row
with the domain's rules, then saved with define_draw (audited)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.viewmodels.env import TillEnv
from domain import luckydraw
from domain.errors import DomainError, ValidationError
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import CouponTemplate, Staff
from domain.services import draws

CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")  # the draws table keeps at most 40 characters
NAME_MAX = 200
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
        ctx = self.env.ctx
        found = {t.code: t for t in ctx.pack.coupons.templates}
        with ctx.reader() as uow:
            for template in uow.coupons.templates():
                found.setdefault(template.code, template)
        return list(found.values())

    def starter_rows(self) -> tuple[PrizeRow, ...]:
        """A new form starts with the usual "thanks for playing" slice to edit or keep."""
        return (PrizeRow("谢谢参与", PrizeKind.THANKS, weight="50"),)

    def build(self, form: DrawForm) -> tuple[Draw, list[Prize]]:
        """The draw and its prizes (codes P1, P2… in table order), or the first refusal."""
        code = self._check_head(form)
        draw = Draw(code, form.name.strip(), cost_points=form.cost_points,
                    free_spins_per_day=form.free_spins, starts=form.starts, ends=form.ends)
        if not form.rows:
            raise ValidationError("draw.no_prizes", field="prizes", draw=code)
        known = {t.code for t in self.templates()}
        prizes = [self._prize(code, index, row, known) for index, row in enumerate(form.rows)]
        luckydraw.check_draw(draw, prizes)
        return draw, prizes

    def save(self, form: DrawForm) -> Draw:
        draw, prizes = self.build(form)
        draws.define_draw(self.env.ctx, draw, prizes, self.staff.id)
        return draw

    def _check_head(self, form: DrawForm) -> str:
        code = form.code.strip().upper()
        if not code:
            raise ValidationError("draw.code_required", field="code")
        if not CODE.fullmatch(code):
            raise ValidationError("draw.code_invalid", field="code", draw=code)
        with self.env.ctx.reader() as uow:
            if uow.draws.get(code) is not None:  # a new draw never overwrites a running one
                raise ValidationError("draw.code_taken", field="code", draw=code)
        name = form.name.strip()
        if not name:
            raise ValidationError("draw.name_required", field="name")
        if len(name) > NAME_MAX:
            raise ValidationError("draw.name_too_long", field="name", max=NAME_MAX)
        if form.ends < form.starts:
            raise ValidationError("draw.dates_invalid", field="ends", draw=code)
        if form.ends < self.env.ctx.today():
            raise ValidationError("draw.ends_past", field="ends", draw=code)
        return code

    def _prize(self, draw_code: str, index: int, row: PrizeRow, known: set[str]) -> Prize:
        try:
            prize = _parse(draw_code, f"P{index + 1}", row)
            _check_row(prize, known)
        except DomainError as err:
            field = str(err.params.get("field", "name"))
            raise RowRefused(index + 1, COLUMN_OF.get(field, "name"), err) from err
        return prize


def _parse(draw_code: str, code: str, row: PrizeRow) -> Prize:
    name = row.name.strip()
    if not name:
        raise ValidationError("draw.prize_name_required", field="name", prize=code)
    if len(name) > NAME_MAX:
        raise ValidationError("draw.name_too_long", field="name", max=NAME_MAX)
    points = _whole(row.value, "points", code) if row.kind is PrizeKind.POINTS else 0
    template = (row.value.strip() or None) if row.kind is PrizeKind.COUPON else None
    stock = _whole(row.stock, "allotted", code) if row.stock.strip() else None
    return Prize(draw_code, code, name, row.kind, weight=_whole(row.weight, "weight", code),
                 points=points, coupon_template=template, allotted=stock)


def _check_row(prize: Prize, known: set[str]) -> None:
    # A weight of 0 never comes up: from head office it parks a prize, on a new draw it is a
    # slip of the finger, so the form refuses it with the domain's own weight code.
    if prize.weight == 0:
        raise ValidationError("draw.weight_invalid", field="weight", prize=prize.code)
    luckydraw.check_prize(prize)
    if prize.coupon_template is not None and prize.coupon_template not in known:
        raise ValidationError("draw.prize_template_unknown", field="coupon_template",
                              prize=prize.code, template=prize.coupon_template)


def _whole(text: str, field: str, prize: str) -> int:
    """A whole number as typed (a minus sign allowed: the rules name what is too low)."""
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"-?\d{1,9}", cleaned):
        raise ValidationError("draw.number_invalid", field=field, prize=prize, value=text)
    return int(cleaned)
