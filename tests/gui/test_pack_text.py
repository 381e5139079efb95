"""The rule pack as a manager reads it names every option of the pack's enums in words (a
new option is a branch mypy finds missing in desktop/viewmodels/pack_text.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.viewmodels.pack_text import pack_html
from domain.packload import load_pack
from domain.records import CouponKind, CouponTemplate
from domain.rulepack import BirthdayScope, Combine, PointsExpiry, Rounding, RulePack

FASHION = load_pack("fashion")


def with_points(pack: RulePack, **changes: object) -> RulePack:
    return replace(pack, points=replace(pack.points, **changes))


@pytest.mark.parametrize(("scope", "words"), [(BirthdayScope.DAY, "on the day"),
                                               (BirthdayScope.MONTH, "all month")])
def test_the_birthday_scope_in_words(scope: BirthdayScope, words: str) -> None:
    assert words in pack_html(with_points(FASHION, birthday_scope=scope))


@pytest.mark.parametrize(("combine", "words"), [(Combine.MAX, "highest only"),
                                                 (Combine.MULTIPLY, "multiplied")])
def test_how_multipliers_combine_in_words(combine: Combine, words: str) -> None:
    assert words in pack_html(with_points(FASHION, combine=combine))


@pytest.mark.parametrize(("expiry", "words"), [
    (PointsExpiry.YEAR_PLUS_ONE, "31 December of the next year"),
    (PointsExpiry.YEAR_END, "31 December of the same year"),
    (PointsExpiry.NEVER, "<td>never</td>")])
def test_points_expiry_in_words(expiry: PointsExpiry, words: str) -> None:
    assert words in pack_html(with_points(FASHION, expiry=expiry))


@pytest.mark.parametrize(("rounding", "words"), [(Rounding.NONE, "<td>none</td>"),
                                                  (Rounding.JIAO, "down to the jiao"),
                                                  (Rounding.YUAN, "down to the yuan")])
def test_rounding_in_words(rounding: Rounding, words: str) -> None:
    pack = replace(FASHION, pricing=replace(FASHION.pricing, rounding=rounding))
    assert words in pack_html(pack)


def test_every_coupon_kind_shows_what_it_gives() -> None:
    made = {CouponKind.CASH: dict(amount_fen=5000), CouponKind.PERCENT: dict(rate=Decimal("0.9")),
            CouponKind.GIFT: dict(gift_sku="F6001")}
    assert set(made) == set(CouponKind)  # a new kind needs a line here too
    templates = tuple(CouponTemplate(code=f"T-{kind.value}", name=kind.value, kind=kind,
                                     valid_days=30, **made[kind])  # type: ignore[arg-type]
                      for kind in CouponKind)
    html = pack_html(replace(FASHION, coupons=replace(FASHION.coupons, templates=templates)))
    assert "￥50.00" in html and "gift F6001" in html
    assert "9折" in html or "10% off" in html
