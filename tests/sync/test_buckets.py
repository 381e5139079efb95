"""Points buckets: the invariant both head office and the tills rely on, and expiry taken once."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sync.buckets import NEVER, Buckets

days = st.sampled_from([date(2025, 12, 31), date(2026, 12, 31), None])
entries = st.lists(st.tuples(st.sampled_from(["earn", "spend", "takeback", "expire"]),
                             st.integers(-3000, 3000), days,
                             st.sampled_from([date(2026, 1, 1), date(2027, 1, 1)])),
                   max_size=40)


@given(entries)
def test_buckets_always_hold_the_positive_part_of_the_balance(
        moves: list[tuple[str, int, date | None, date]]) -> None:
    b = Buckets()
    total = 0
    for kind, points, last_day, on in moves:
        total += b.apply(kind, points, last_day, on)
        assert b.total() == max(b.balance, 0)
        assert all(n > 0 for n in b.by_day.values())
    assert b.balance == total


def test_spending_takes_the_soonest_expiring_points_first() -> None:
    b = Buckets()
    b.credit(500, date(2025, 12, 31))
    b.credit(800, date(2026, 12, 31))
    assert b.debit(600) == 0
    assert b.by_day == {date(2026, 12, 31): 700}


def test_expiring_the_same_day_twice_takes_the_points_once() -> None:
    b = Buckets()
    b.credit(500, date(2025, 12, 31))
    b.credit(800, None)
    assert b.apply("expire", -500, None, date(2026, 1, 1)) == -500
    assert b.apply("expire", -500, None, date(2026, 1, 1)) == 0
    assert (b.balance, b.by_day) == (800, {NEVER: 800})


def test_a_debt_is_repaid_before_new_points_make_a_bucket() -> None:
    b = Buckets()
    b.credit(100, date(2026, 12, 31))
    assert b.debit(300) == 200  # 200 more than there was: an overdraft or a take-back
    b.credit(250, date(2026, 12, 31))
    assert (b.balance, b.by_day) == (50, {date(2026, 12, 31): 50})


def test_a_take_back_takes_its_sales_own_bucket_first() -> None:
    b = Buckets()
    b.credit(700, date(2025, 12, 31))
    b.credit(19, date(2026, 12, 31))  # what the returned sale earned
    assert b.apply("takeback", -19, date(2026, 12, 31), date(2026, 1, 5)) == -19
    assert b.by_day == {date(2025, 12, 31): 700}
    assert b.debit(100, date(2027, 12, 31)) == 0  # no such bucket: soonest first
    assert b.by_day == {date(2025, 12, 31): 600}
