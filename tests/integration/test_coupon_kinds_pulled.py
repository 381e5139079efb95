"""Coupon kinds are an enum (domain/records.py CouponKind): a pulled template or coupon of a
kind this till does not know (a newer head office's) is skipped, the rest of the page applied."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from desktop.bootstrap import App
from domain import coupons as coupon_rules
from domain.records import CouponKind
from sync.apply import Applier
from sync.schema import Change


def pull(app: App, *changes: Change) -> int:
    settings, now = app.settings, app.ctx.clock.now()
    with app.store.uow() as uow:
        done = Applier(uow, 0, now, now.date(), ZoneInfo(settings.tz), app.ctx.pack,
                       settings.terminal_id).apply(list(changes))
        uow.commit()
    return done


def template(code: str, kind: str) -> Change:
    return Change(entity="coupon_template", id=code, version=1,
                  data={"code": code, "name": code, "kind": kind, "amount_fen": 1000,
                        "valid_days": 30})


def test_a_kind_is_read_as_the_enum_or_not_at_all() -> None:
    assert [coupon_rules.kind_of(k.value) for k in CouponKind] == list(CouponKind)
    assert coupon_rules.kind_of("bundle") is None and coupon_rules.kind_of(None) is None


def test_an_unknown_kind_is_skipped_and_the_rest_applied(app: App) -> None:
    assert pull(app, template("NEW1", "bundle"), template("C10", "cash")) == 1
    with app.ctx.reader() as uow:
        assert uow.coupons.template("NEW1") is None
        stored = uow.coupons.template("C10")
    assert stored is not None and stored.kind is CouponKind.CASH
