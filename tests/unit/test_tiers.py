"""Tiers (DOMAIN §5, §13 example 6): entry, anniversary review, hysteresis, qualifying spend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError, ValidationError
from domain.packload import load_pack
from domain.tiers import (
    add_months,
    anniversary,
    qualifying_fen,
    review,
    review_year,
    upgrade_for_sale,
    window_spend,
    year_figures,
)

FASHION = load_pack("fashion")
LADDER = load_pack("ladder10")
RETAIL = load_pack("retail")
YEAR = (date(2025, 1, 10), date(2026, 1, 9))


def spread(total_fen: int, days: int, start: date = YEAR[0]) -> list[tuple[date, int]]:
    """`total_fen` spent over `days` distinct dates inside the review year."""
    each, first = divmod(total_fen, days)
    return [(start + timedelta(days=7 * i), each + (first if i == 0 else 0))
            for i in range(days)]


# --- example 6: multi-level downgrade at the anniversary -------------------------------------


@pytest.mark.parametrize(("spend_yuan", "days", "tier"), [
    (60000, 12, "双钻"),  # meets 双钻 retention (50,000 on 10 days): stays
    (40000, 12, "一钻"),  # fails 双钻, meets 一钻 (15,000 on 10 days)
    (60000, 8, "金牌"),   # too few days for any diamond: 金牌 (5,000, no day rule)
])
def test_example_6_ladder10_review(spend_yuan: int, days: int, tier: str) -> None:
    history = spread(spend_yuan * 100, days)
    kept, figures = review("双钻", history, *YEAR, LADDER)
    assert kept.name == tier
    assert figures == {"spend_fen": spend_yuan * 100, "order_days": days}


def test_entry_and_retention_hysteresis() -> None:
    history = spread(6000000, 12)
    # ¥60,000 keeps a 双钻 member but does not lift a 一钻 member (entry is ¥100,000)
    assert review("一钻", history, *YEAR, LADDER)[0].name == "一钻"
    assert upgrade_for_sale("一钻", 500000, history, date(2025, 12, 1), LADDER) is None
    assert review("双钻", history, *YEAR, LADDER)[0].name == "双钻"


def test_review_never_drops_below_the_signup_tier() -> None:
    assert review("钻石卡", [], *YEAR, FASHION)[0].name == "普通会员"
    assert review("注册会员", [], *YEAR, LADDER)[0].name == "注册会员"
    assert review("铁牌", [], *YEAR, LADDER)[0].name == "铁牌"  # retention 0/0 always met
    assert review("会员", [], *YEAR, RETAIL)[0].name == "会员"


def test_fashion_review_drops_as_far_as_needed() -> None:
    assert review("钻石卡", spread(600000, 3), *YEAR, FASHION)[0].name == "金卡"
    assert review("钻石卡", spread(300000, 3), *YEAR, FASHION)[0].name == "银卡"
    assert review("钻石卡", spread(1000000, 1), *YEAR, FASHION)[0].name == "钻石卡"


def test_year_figures_count_days_with_a_net_positive_order() -> None:
    history = [(date(2025, 2, 1), 10000), (date(2025, 2, 1), -10000),  # returned same day
               (date(2025, 3, 1), 5000), (date(2025, 3, 2), -2000),    # a later return
               (date(2026, 1, 10), 99999)]                             # after the year
    assert year_figures(history, *YEAR) == {"spend_fen": 3000, "order_days": 1}


# --- upgrades at the sale ------------------------------------------------------------------


@pytest.mark.parametrize(("sale_fen", "tier"), [
    (249999, None), (250000, "银卡"), (400000, "金卡"), (799999, "金卡"), (800000, "钻石卡"),
])
def test_fashion_single_sale_entry(sale_fen: int, tier: str | None) -> None:
    on = date(2025, 6, 1)
    found = upgrade_for_sale("普通会员", sale_fen, [(on, sale_fen)], on, FASHION)
    assert (found.name if found else None) == tier


def test_fashion_window_entry_counts_twelve_months_net_of_returns() -> None:
    on = date(2025, 6, 1)
    history = [(date(2024, 6, 1), 200000),   # exactly 12 months back: outside the window
               (date(2024, 6, 2), 150000), (date(2025, 1, 5), 100000),
               (date(2025, 2, 1), -20000), (on, 60000)]
    assert window_spend(history, on, 12) == 290000
    assert upgrade_for_sale("普通会员", 60000, history, on, FASHION) is None
    history.append((on, 10000))
    assert upgrade_for_sale("普通会员", 10000, history, on, FASHION).name == "银卡"  # type: ignore[union-attr]


def test_upgrade_skips_levels_and_only_goes_up() -> None:
    on = date(2025, 6, 1)
    assert upgrade_for_sale("注册会员", 100, [(on, 100)], on, LADDER).name == "铁牌"  # type: ignore[union-attr]
    history = [(on, 600000)]
    assert upgrade_for_sale("铁牌", 600000, history, on, LADDER).name == "金牌"  # type: ignore[union-attr]
    assert upgrade_for_sale("金卡", 300000, [(on, 300000)], on, FASHION) is None


def test_a_return_never_upgrades() -> None:
    on = date(2025, 6, 1)
    assert upgrade_for_sale("普通会员", -5000, [(on, 900000)], on, FASHION) is None
    assert upgrade_for_sale("注册会员", 0, [], on, LADDER) is None


def test_unknown_tier() -> None:
    with pytest.raises(DomainError) as err:
        upgrade_for_sale("铂金卡", 100, [], date(2025, 1, 1), FASHION)
    assert err.value.params == {"tier": "铂金卡", "rulepack": "fashion"}


# --- anniversaries -------------------------------------------------------------------------


@pytest.mark.parametrize(("since", "on", "expected"), [
    (date(2025, 1, 10), date(2025, 1, 10), date(2026, 1, 10)),
    (date(2025, 1, 10), date(2026, 1, 10), date(2026, 1, 10)),
    (date(2025, 1, 10), date(2026, 1, 11), date(2027, 1, 10)),
    (date(2024, 2, 29), date(2024, 3, 1), date(2025, 2, 28)),
    (date(2024, 2, 29), date(2025, 3, 1), date(2026, 2, 28)),
    (date(2024, 2, 29), date(2027, 3, 1), date(2028, 2, 29)),
])
def test_anniversary(since: date, on: date, expected: date) -> None:
    assert anniversary(since, on) == expected


def test_review_year_runs_from_the_previous_anniversary() -> None:
    assert review_year(date(2025, 1, 10), date(2026, 1, 10)) == YEAR
    assert review_year(date(2024, 2, 29), date(2026, 2, 28)) == (date(2025, 2, 28),
                                                                 date(2026, 2, 27))


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(0, 3000))
def test_anniversary_is_on_or_after_and_within_a_year(since: date, days: int) -> None:
    on = since + timedelta(days=days)
    found = anniversary(since, on)
    assert on <= found <= max(on, add_months(since, 12)) + timedelta(days=366)
    assert found > since and found.month == since.month


# --- qualifying spend ---------------------------------------------------------------------


def test_qualifying_spend_excludes_non_money_tenders_and_wallet_bonus() -> None:
    paid = {"cash": 11200, "bank_card": 5000, "mobile": 3000, "wallet": 10000,
            "points": 30000, "coupon": 5000, "gift_card": 2000}
    assert qualifying_fen(paid, 500) == 28700
    assert qualifying_fen({"cash": -8500}, 0) == -8500


def test_unknown_tender_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        qualifying_fen({"cheque": 100}, 0)
    assert err.value.params == {"field": "tender", "value": "cheque"}


def test_the_day_close_of_28_february_reviews_tiers_of_29_february() -> None:
    from domain.services.maintenance import latest_due_since

    assert latest_due_since(date(2025, 2, 28)) == date(2024, 2, 29)  # 2024 was a leap year
    assert latest_due_since(date(2025, 3, 1)) == date(2024, 3, 1)
    assert latest_due_since(date(2024, 2, 29)) == date(2023, 2, 28)
    assert latest_due_since(date(2026, 2, 28)) == date(2025, 2, 28)
