"""A new lucky draw set up at the store by a manager: every rule checked before it is stored."""

from __future__ import annotations

import re
from collections.abc import Sequence

from domain import luckydraw
from domain.errors import ValidationError
from domain.luckydraw import Draw, Prize
from domain.ports import UnitOfWork
from domain.records import CouponTemplate
from domain.services.context import ServiceContext

CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")  # the draws table keeps at most 40 characters
NAME_MAX = 200


def prize_templates(ctx: ServiceContext) -> list[CouponTemplate]:
    """Coupon templates a prize may issue: the rule pack's, then those stored here."""
    with ctx.reader() as uow:
        return _templates(ctx, uow)


def check_new_draw(ctx: ServiceContext, draw: Draw, prizes: Sequence[Prize]) -> None:
    """Refuse a new draw before anything is written: a code that is not one or is taken
    (a new draw never overwrites a running one), no name or too long a name, an end before
    its start or in the past, a prize of weight 0 or with an unknown coupon template, and
    whatever `luckydraw.check_draw` refuses. Writes nothing."""
    with ctx.reader() as uow:
        check_in(ctx, uow, draw, prizes)


def check_draw_head(ctx: ServiceContext, draw: Draw) -> None:
    """The draw's own fields alone (code, name, dates), before its prizes are read."""
    with ctx.reader() as uow:
        _head_in(ctx, uow, draw)


def check_in(ctx: ServiceContext, uow: UnitOfWork, draw: Draw, prizes: Sequence[Prize]) -> None:
    """`check_new_draw` inside the caller's transaction (`draws.define_draw(new=True)`)."""
    _head_in(ctx, uow, draw)
    if not prizes:
        raise ValidationError("draw.no_prizes", field="prizes", draw=draw.code)
    known = {t.code for t in _templates(ctx, uow)}
    for prize in prizes:
        _check_prize(prize, known)
    luckydraw.check_draw(draw, prizes)


def _head_in(ctx: ServiceContext, uow: UnitOfWork, draw: Draw) -> None:
    if not draw.code:
        raise ValidationError("draw.code_required", field="code")
    if not CODE.fullmatch(draw.code):
        raise ValidationError("draw.code_invalid", field="code", draw=draw.code)
    if uow.draws.get(draw.code) is not None:
        raise ValidationError("draw.code_taken", field="code", draw=draw.code)
    if not draw.name.strip():
        raise ValidationError("draw.name_required", field="name")
    if len(draw.name) > NAME_MAX:
        raise ValidationError("draw.name_too_long", field="name", max=NAME_MAX)
    if draw.starts and draw.ends and draw.ends < draw.starts:
        raise ValidationError("draw.dates_invalid", field="ends", draw=draw.code)
    if draw.ends and draw.ends < ctx.today():
        raise ValidationError("draw.ends_past", field="ends", draw=draw.code)


def _check_prize(prize: Prize, known: set[str]) -> None:
    if not prize.name.strip():
        raise ValidationError("draw.prize_name_required", field="name", prize=prize.code)
    if len(prize.name) > NAME_MAX:
        raise ValidationError("draw.name_too_long", field="name", max=NAME_MAX,
                              prize=prize.code)
    # A weight of 0 never comes up: from head office it parks a prize, on a new draw it is a
    # slip of the finger, so it is refused with the domain's own weight code.
    if prize.weight == 0:
        raise ValidationError("draw.weight_invalid", field="weight", prize=prize.code)
    luckydraw.check_prize(prize)
    if prize.coupon_template is not None and prize.coupon_template not in known:
        raise ValidationError("draw.prize_template_unknown", field="coupon_template",
                              prize=prize.code, template=prize.coupon_template)


def _templates(ctx: ServiceContext, uow: UnitOfWork) -> list[CouponTemplate]:
    found = {t.code: t for t in ctx.pack.coupons.templates}
    for template in uow.coupons.templates():
        found.setdefault(template.code, template)
    return list(found.values())
