"""The lucky draw's rules: the wheel, stock, free spins and the cost of a spin."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import luckydraw as rules
from domain.errors import DomainError, ValidationError
from domain.luckydraw import Draw, Prize, PrizeKind, Spin

DRAW = Draw("W", "wheel", cost_points=20, free_spins_per_day=1)


def prize(code: str, weight: int, allotted: int | None = 5, given: int = 0,
          kind: PrizeKind = PrizeKind.POINTS) -> Prize:
    return Prize("W", code, code, kind, weight, points=10 if kind is PrizeKind.POINTS else 0,
                 allotted=allotted, given=given)


def spin(free: bool) -> Spin:
    return Spin("s", "W", "m", datetime(2025, 5, 6, tzinfo=UTC), date(2025, 5, 6), free,
                0 if free else 20, 0, 10, "THX", PrizeKind.THANKS)


def test_an_out_of_stock_prizes_weight_goes_to_thanks() -> None:
    wheel = rules.wheel([prize("A", 1, allotted=1, given=1), prize("B", 2),
                         prize("THX", 7, allotted=None, kind=PrizeKind.THANKS)])
    assert [(p.code if p else None, w) for p, w in wheel] == [("B", 2), ("THX", 8)]


def test_without_a_thanks_prize_an_empty_segment_keeps_the_odds() -> None:
    wheel = rules.wheel([prize("A", 3, allotted=2, given=2), prize("B", 1)])
    assert [(p.code if p else None, w) for p, w in wheel] == [("B", 1), (None, 3)]
    assert rules.pick(wheel, 0) is not None and rules.pick(wheel, 1) is None


def test_pick_walks_the_segments_in_order() -> None:
    wheel = rules.wheel([prize("A", 1), prize("B", 2), prize("C", 3)])
    assert [getattr(rules.pick(wheel, r), "code", None) for r in range(6)] == [
        "A", "B", "B", "C", "C", "C"]
    with pytest.raises(ValueError):
        rules.pick(wheel, 6)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 3)),
                min_size=1, max_size=6), st.integers(0, 10**6))
def test_the_wheel_never_lands_on_a_prize_out_of_stock(
        specs: list[tuple[int, int, int]], seed: int) -> None:
    prizes = [prize(f"P{i}", w, allotted=a, given=min(g, a)) for i, (w, a, g) in enumerate(specs)]
    wheel = rules.wheel(prizes)
    total = rules.total_weight(wheel)
    assert total == sum(p.weight for p in prizes)  # the odds of what is left never change
    if total:
        won = rules.pick(wheel, seed % total)
        assert won is None or won.in_stock


def test_free_spins_count_per_day_with_the_tiers_extra() -> None:
    assert rules.free_spins_left(DRAW, 0, []) == 1
    assert rules.free_spins_left(DRAW, 0, [spin(True)]) == 0
    assert rules.free_spins_left(DRAW, 1, [spin(True), spin(False)]) == 1
    assert rules.spin_cost(DRAW, 1) == 0 and rules.spin_cost(DRAW, 0) == 20


def test_a_draw_is_open_only_between_its_dates() -> None:
    draw = Draw("W", "wheel", starts=date(2025, 5, 1), ends=date(2025, 5, 31))
    rules.check_open(draw, date(2025, 5, 31))
    for day, code in ((date(2025, 4, 30), "draw.not_started"), (date(2025, 6, 1), "draw.ended")):
        with pytest.raises(DomainError) as err:
            rules.check_open(draw, day)
        assert err.value.code == code


@pytest.mark.parametrize(("prizes", "code"), [
    ([], "draw.no_prizes"),
    ([prize("A", 0)], "draw.no_prizes"),
    ([prize("A", 1), prize("A", 1)], "draw.prize_duplicate"),
    ([prize("A", 1, allotted=None)], "draw.stock_required"),
    ([Prize("W", "C", "c", PrizeKind.COUPON, 1, allotted=1)], "draw.prize_template_missing"),
    ([Prize("W", "P", "p", PrizeKind.POINTS, 1, allotted=1)], "draw.prize_points_invalid"),
])
def test_a_draw_that_cannot_run_fairly_is_refused(prizes: list[Prize], code: str) -> None:
    with pytest.raises(ValidationError) as err:
        rules.check_draw(DRAW, prizes)
    assert err.value.code == code
