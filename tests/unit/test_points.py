"""Points (DOMAIN §7, §13 examples 1–5 and 7): earning, lots, spending, expiry, returns."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.catalog import ProductClass
from domain.errors import DomainError, ValidationError
from domain.packload import load_pack
from domain.points import (
    EarnLine,
    cash_value_fen,
    check_redeem,
    earn,
    expires_on,
    expiring_soon,
    expiry_plan,
    is_birthday,
    lot_points_after_debt,
    paid_per_line,
    points_to_take_back,
    restore_plan,
    spend_plan,
    takeback_plan,
)
from domain.records import PointsLot
from domain.rulepack import BirthdayScope, Combine, Occasion, PointsExpiry, RulePack

FASHION = load_pack("fashion")
SILVER = FASHION.tier("银卡")
GOLD = FASHION.tier("金卡")
PLAIN = FASHION.tier("普通会员")
DAY = date(2025, 3, 12)
C = ProductClass


def lines(*paid: int, klass: ProductClass = C.REGULAR) -> list[EarnLine]:
    return [EarnLine(i + 1, klass, fen) for i, fen in enumerate(paid)]


def with_points(pack: RulePack, **changes: Any) -> RulePack:
    return dataclasses.replace(pack, points=dataclasses.replace(pack.points, **changes))


def lot(lot_id: str, earned: date, remaining: int, *, expires: date | None = None,
        never: bool = False, sale_id: str | None = None, points: int | None = None) -> PointsLot:
    default = None if never else date(earned.year + 1, 12, 31)
    return PointsLot(id=lot_id, member_id="m", earned_on=earned,
                     expires_on=expires or default,
                     points=remaining if points is None else points, remaining=remaining,
                     sale_id=sale_id)


# --- worked examples ---------------------------------------------------------------------


def test_example_1_ladder_doubles() -> None:
    earning = earn(lines(12750, 8500), SILVER, False, DAY, FASHION)
    assert (earning.points, earning.base_points, earning.eligible_fen) == (425, 212, 21250)
    assert earning.multiplier == 2
    assert earning.per_line == ((1, 255), (2, 170))
    assert earning.reasons[0] == {"code": "points.ladder",
                                  "params": {"multiplier": "2", "min_eligible_fen": 20000}}


def test_example_2_birthday_and_ladder_do_not_stack() -> None:
    earning = earn(lines(22500), GOLD, True, DAY, FASHION)
    assert earning.points == 450 and earning.multiplier == 2
    codes = [r["code"] for r in earning.reasons]
    assert codes == ["points.ladder", "points.birthday", "points.combined"]


def test_example_2_under_a_multiplying_pack() -> None:
    pack = with_points(FASHION, combine=Combine.MULTIPLY)
    assert earn(lines(22500), GOLD, True, DAY, pack).points == 900


def test_example_3_special_half_rate_below_ladder() -> None:
    earning = earn([EarnLine(1, C.SPECIAL, 10000), EarnLine(2, C.REGULAR, 8500)], SILVER, False,
                   DAY, FASHION)
    assert (earning.points, earning.eligible_fen, earning.multiplier) == (135, 18500, Decimal(1))
    assert earning.per_line == ((1, 50), (2, 85))


def test_example_4_points_as_cash_then_earning_on_cash() -> None:
    balance = 3450
    assert check_redeem(3000, balance, 41200, FASHION) == 30000
    paid = paid_per_line([41200], 30000)
    assert paid == [11200]
    earned = earn(lines(*paid), PLAIN, False, DAY, FASHION).points
    assert earned == 112
    assert balance - 3000 + earned == 562


def test_example_5_lots_spent_soonest_first_and_expiry() -> None:
    first = lot("a", date(2024, 3, 1), 500, expires=expires_on(date(2024, 3, 1), FASHION))
    second = lot("b", date(2025, 6, 1), 800, expires=expires_on(date(2025, 6, 1), FASHION))
    assert (first.expires_on, second.expires_on) == (date(2025, 12, 31), date(2026, 12, 31))
    assert spend_plan([second, first], 600) == [("a", 500), ("b", 100)]
    first.remaining, second.remaining = 0, 700
    assert expiry_plan([first, second], date(2026, 1, 1)) == []
    assert expiry_plan([first, second], date(2026, 12, 31)) == []
    assert expiry_plan([first, second], date(2027, 1, 1)) == [("b", 700)]


def test_example_7_return_takes_back_the_difference() -> None:
    kept = [EarnLine(2, C.REGULAR, 8500)]
    assert earn(kept, SILVER, False, DAY, FASHION).points == 85
    assert points_to_take_back(425, kept, SILVER, False, DAY, FASHION) == 340


# --- earning rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(("paid", "points"), [
    (19999, 199), (20000, 400), (99999, 1999), (100000, 3000), (123456, 3703),
])
def test_ladder_steps(paid: int, points: int) -> None:
    assert earn(lines(paid), PLAIN, False, DAY, FASHION).points == points


def test_group_buy_and_no_points_earn_nothing_and_are_not_eligible() -> None:
    earning = earn([EarnLine(1, C.GROUP_BUY, 50000), EarnLine(2, C.NO_POINTS, 30000),
                    EarnLine(3, C.REGULAR, 10000)], PLAIN, False, DAY, FASHION)
    assert (earning.points, earning.eligible_fen) == (100, 10000)
    assert earning.per_line == ((1, 0), (2, 0), (3, 100))


def test_rounding_down_happens_once_for_the_whole_sale() -> None:
    # two special lines of ¥1.01 each earn 0.505 points apiece: 1 point together, not 0
    earning = earn(lines(101, 101, klass=C.SPECIAL), PLAIN, False, DAY, FASHION)
    assert earning.points == 1 and sum(p for _, p in earning.per_line) == 1


def test_tier_multiplier_always_applies() -> None:
    vip = dataclasses.replace(SILVER, points_multiplier=Decimal("1.5"))
    assert earn(lines(10000), vip, False, DAY, FASHION).points == 150
    assert earn(lines(30000), vip, False, DAY, FASHION).points == 900  # 300 × 2 × 1.5


WEDNESDAYS = Occasion("wed_double", Decimal(2), weekdays=(3,), months=(2, 3, 4))


@pytest.mark.parametrize(("day", "points"), [
    (date(2025, 2, 5), 200),   # a Wednesday in February
    (date(2025, 2, 6), 100),   # Thursday
    (date(2025, 4, 30), 200),  # a Wednesday in April
    (date(2025, 5, 7), 100),   # a Wednesday in May: out of season
])
def test_double_points_wednesdays_february_to_april(day: date, points: int) -> None:
    pack = with_points(FASHION, occasions=(WEDNESDAYS,))
    assert earn(lines(10000), PLAIN, False, day, pack).points == points


def test_occasion_combines_with_ladder_per_pack() -> None:
    wednesday = date(2025, 2, 5)
    maxed = with_points(FASHION, occasions=(WEDNESDAYS,))
    assert earn(lines(25000), PLAIN, False, wednesday, maxed).points == 500
    multiplied = with_points(FASHION, occasions=(WEDNESDAYS,), combine=Combine.MULTIPLY)
    assert earn(lines(25000), PLAIN, True, wednesday, multiplied).points == 2000  # 250×2×2×2


def test_occasion_limited_to_tiers() -> None:
    gold_only = dataclasses.replace(WEDNESDAYS, tiers=("金卡",))
    pack = with_points(FASHION, occasions=(gold_only,))
    wednesday = date(2025, 2, 5)
    assert earn(lines(10000), GOLD, False, wednesday, pack).points == 200
    assert earn(lines(10000), SILVER, False, wednesday, pack).points == 100


def test_paid_per_line_spreads_non_money_in_proportion() -> None:
    assert paid_per_line([12750, 8500], 5000) == [9750, 6500]
    assert paid_per_line([100, 0], 0) == [100, 0]
    with pytest.raises(ValidationError):
        paid_per_line([100], 101)


def test_negative_paid_is_refused() -> None:
    with pytest.raises(ValidationError):
        earn(lines(-100), PLAIN, False, DAY, FASHION)


# --- birthdays ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("month", "day", "on", "scope", "expected"), [
    (3, 8, date(2025, 3, 8), BirthdayScope.DAY, True),
    (3, 8, date(2025, 3, 9), BirthdayScope.DAY, False),
    (3, 8, date(2025, 3, 20), BirthdayScope.MONTH, True),
    (2, 29, date(2025, 2, 28), BirthdayScope.DAY, True),   # common year: 28 February
    (2, 29, date(2025, 3, 1), BirthdayScope.DAY, False),
    (2, 29, date(2024, 2, 28), BirthdayScope.DAY, False),  # leap year: only the 29th
    (2, 29, date(2024, 2, 29), BirthdayScope.DAY, True),
    (None, None, date(2025, 3, 8), BirthdayScope.DAY, False),
    (3, None, date(2025, 3, 8), BirthdayScope.DAY, False),
])
def test_is_birthday(month: int | None, day: int | None, on: date, scope: BirthdayScope,
                     expected: bool) -> None:
    assert is_birthday(month, day, on, scope) is expected


# --- expiry ------------------------------------------------------------------------------------


def test_expiry_modes() -> None:
    earned = date(2025, 6, 1)
    assert expires_on(earned, FASHION) == date(2026, 12, 31)
    year_end = with_points(FASHION, expiry=PointsExpiry.YEAR_END)
    assert expires_on(earned, year_end) == date(2025, 12, 31)
    assert expires_on(earned, with_points(FASHION, expiry=PointsExpiry.NEVER)) is None


def test_year_end_clearing_takes_every_lot_of_the_year() -> None:
    pack = with_points(FASHION, expiry=PointsExpiry.YEAR_END)
    lots = [lot("a", date(2025, 1, 5), 100, expires=expires_on(date(2025, 1, 5), pack)),
            lot("b", date(2025, 12, 31), 40, expires=expires_on(date(2025, 12, 31), pack))]
    assert expiry_plan(lots, date(2025, 12, 31)) == []
    assert expiry_plan(lots, date(2026, 1, 1)) == [("a", 100), ("b", 40)]


def test_expiring_soon_warns_within_the_window() -> None:
    lots = [lot("a", date(2024, 3, 1), 300), lot("b", date(2024, 9, 1), 200),
            lot("c", date(2025, 1, 1), 50), lot("d", date(2024, 1, 1), 0)]
    assert expiring_soon(lots, date(2025, 11, 1), 60) == [(date(2025, 12, 31), 500)]
    assert expiring_soon(lots, date(2025, 11, 1), 59) == []
    assert expiring_soon(lots, date(2026, 1, 1), 60) == []


# --- spending and taking back ----------------------------------------------------------------


def test_spend_plan_puts_never_expiring_lots_last_and_refuses_too_much() -> None:
    lots = [lot("forever", date(2023, 1, 1), 100, never=True),
            lot("old", date(2024, 5, 1), 100), lot("older", date(2024, 2, 1), 100)]
    assert spend_plan(lots, 250) == [("older", 100), ("old", 100), ("forever", 50)]
    with pytest.raises(DomainError) as err:
        spend_plan(lots, 301)
    assert (err.value.code, err.value.params) == ("points.insufficient",
                                                  {"needed": 301, "available": 300})
    with pytest.raises(ValidationError):
        spend_plan(lots, 0)


def test_takeback_starts_with_the_sale_lot_and_reports_the_shortfall() -> None:
    lots = [lot("early", date(2024, 1, 1), 50), lot("sale", date(2025, 3, 12), 100,
                                                    sale_id="s1", points=425)]
    takes, shortfall = takeback_plan(lots, 425, "s1")
    assert takes == [("sale", 100), ("early", 50)]
    assert shortfall == 275
    assert takeback_plan(lots, 120, None) == ([("early", 50), ("sale", 70)], 0)


def test_negative_balance_blocks_redemption_and_is_repaid_first() -> None:
    with pytest.raises(DomainError) as err:
        check_redeem(100, -275, 50000, FASHION)
    assert err.value.code == "points.negative_balance"
    assert lot_points_after_debt(-275, 85) == 0
    assert lot_points_after_debt(-50, 85) == 35
    assert lot_points_after_debt(10, 85) == 85


@pytest.mark.parametrize(("points", "balance", "due", "code"), [
    (150, 1000, 50000, "points.step"),
    (0, 1000, 50000, "points.step"),
    (1100, 1000, 50000, "points.insufficient"),
    (3000, 5000, 29999, "points.exceeds_due"),
])
def test_redeem_refusals(points: int, balance: int, due: int, code: str) -> None:
    with pytest.raises(DomainError) as err:
        check_redeem(points, balance, due, FASHION)
    assert err.value.code == code


def test_cash_value() -> None:
    assert cash_value_fen(562, FASHION) == 5620
    assert cash_value_fen(3000, FASHION) == 30000


# --- invariants ------------------------------------------------------------------------------

earn_lines = st.lists(st.builds(EarnLine, st.integers(1, 99), st.sampled_from(list(C)),
                                st.integers(0, 500000)), max_size=8)


@given(earn_lines, st.booleans(), st.dates(date(2024, 1, 1), date(2026, 12, 31)),
       st.sampled_from(Combine))
def test_points_never_negative_and_per_line_sums(
        sale: list[EarnLine], birthday: bool, day: date, combine: Combine) -> None:
    pack = with_points(FASHION, combine=combine, occasions=(WEDNESDAYS,))
    earning = earn(sale, GOLD, birthday, day, pack)
    assert earning.points >= 0 and earning.base_points >= 0
    assert sum(p for _, p in earning.per_line) == earning.points
    assert all(p >= 0 for _, p in earning.per_line)


lot_st = st.builds(
    lambda i, earned, rem, never, sale: PointsLot(
        id=f"l{i}", member_id="m", earned_on=earned,
        expires_on=None if never else date(earned.year + 1, 12, 31), points=rem, remaining=rem,
        sale_id="s1" if sale else None),
    st.integers(), st.dates(date(2023, 1, 1), date(2026, 12, 31)), st.integers(0, 2000),
    st.booleans(), st.booleans())
lots_st = st.lists(lot_st, max_size=8, unique_by=lambda lot: lot.id)


@given(lots_st, st.integers(1, 10000))
def test_spend_plan_never_takes_more_than_a_lot_holds(lots: list[PointsLot], points: int) -> None:
    held = {lot.id: lot.remaining for lot in lots}
    if points > sum(held.values()):
        with pytest.raises(DomainError):
            spend_plan(lots, points)
        return
    takes = spend_plan(lots, points)
    assert sum(n for _, n in takes) == points
    assert all(0 < n <= held[lot_id] for lot_id, n in takes)


@given(lots_st, st.integers(0, 10000), st.sampled_from(["s1", None]))
def test_takeback_plus_shortfall_is_the_points(lots: list[PointsLot], points: int,
                                                sale_id: str | None) -> None:
    held = {lot.id: lot.remaining for lot in lots}
    takes, shortfall = takeback_plan(lots, points, sale_id)
    assert sum(n for _, n in takes) + shortfall == points and shortfall >= 0
    assert all(0 < n <= held[lot_id] for lot_id, n in takes)


@given(lots_st, st.dates(date(2023, 1, 1), date(2028, 12, 31)))
def test_expiry_never_touches_a_lot_inside_its_validity(lots: list[PointsLot], on: date) -> None:
    held = {lot.id: lot for lot in lots}
    for lot_id, points in expiry_plan(lots, on):
        expiry = held[lot_id].expires_on
        assert expiry is not None and expiry < on
        assert points == held[lot_id].remaining > 0
    valid = {lot.id for lot in lots if lot.expires_on is None or lot.expires_on >= on}
    assert not valid & {lot_id for lot_id, _ in expiry_plan(lots, on)}
    assert all(d - on <= timedelta(days=60) for d, _ in expiring_soon(lots, on, 60))


# --- refunds back to their lots (issue 11 item 2) --------------------------------------------


def test_refund_goes_back_to_the_lots_drawn_latest_expiring_first() -> None:
    old = lot("old", date(2024, 3, 1), 0, points=500)  # valid to 2025-12-31, all spent
    new = lot("new", date(2025, 1, 15), 500, points=800)  # valid to 2026-12-31, 300 spent
    drawn = [("old", 500), ("new", 300)]
    assert restore_plan([old, new], drawn, 800) == ([("new", 300), ("old", 500)], 0)
    # A partial refund undoes the end of the spend: the later lot first.
    assert restore_plan([old, new], drawn, 400) == ([("new", 300), ("old", 100)], 0)


def test_refund_beyond_the_recorded_draws_is_left_over() -> None:
    old = lot("old", date(2024, 3, 1), 0, points=500)
    assert restore_plan([old], [("old", 200)], 300) == ([("old", 200)], 100)
    assert restore_plan([old], [], 300) == ([], 300)  # a sale from before draws were kept
    assert restore_plan([], [("gone", 200)], 200) == ([], 200)  # a lot this till lacks


def test_refund_never_fills_a_lot_beyond_what_it_held() -> None:
    half = lot("half", date(2025, 1, 15), 700, points=800)  # only 100 missing
    assert restore_plan([half], [("half", 300)], 300) == ([("half", 100)], 200)
    with pytest.raises(ValidationError):
        restore_plan([half], [("half", 300)], -1)
