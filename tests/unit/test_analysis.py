"""RFMW bands, key/light/never-bought, the 20/80 share, birthdays and dormant members."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import analysis
from domain.analysis import MemberFacts
from domain.errors import ValidationError

TODAY = date(2025, 5, 6)


def facts(member: str, last: date | None = None, orders: int = 0, revenue: int = 0,
          categories: int = 0, ever: int | None = None, birthday: tuple[int, int] | None = None,
          consent: bool = False) -> MemberFacts:
    return MemberFacts(member, member, "13800138000", "普通会员", date(2020, 1, 1),
                       birthday[0] if birthday else None, birthday[1] if birthday else None,
                       consent, 0, last, orders if ever is None else ever, orders, revenue,
                       categories)


def test_recency_bands_and_status_follow_the_90_180_270_360_lines() -> None:
    people = [facts(f"m{d}", date.fromordinal(TODAY.toordinal() - d), 1, 100, 1)
              for d in (0, 90, 91, 180, 181, 270, 271, 360, 361)] + [facts("never")]
    scored = {s.member_id: s for s in analysis.score(people, TODAY)}
    assert [scored[f"m{d}"].recency_band for d in (0, 90, 91, 180, 181, 270, 271, 360, 361)] == [
        1, 1, 2, 2, 3, 3, 4, 4, 5]
    assert [scored[f"m{d}"].status for d in (90, 91, 360, 361)] == [
        "active", "dormant", "dormant", "lost"]
    assert (scored["never"].status, scored["never"].recency_band) == ("never", 5)


def test_frequency_width_and_segments() -> None:
    people = [facts("one", TODAY, 1, 100, 1), facts("two", TODAY, 2, 100, 2),
              facts("five", TODAY, 5, 100, 7), facts("old", date(2020, 1, 1), 0, 0, 0, ever=4),
              facts("none")]
    scored = {s.member_id: s for s in analysis.score(people, TODAY)}
    assert [scored[m].frequency for m in ("one", "two", "five", "old")] == [1, 2, 3, 0]
    assert [scored[m].width for m in ("one", "two", "five", "old")] == [1, 2, 3, 0]
    assert [scored[m].segment for m in ("one", "two", "five", "old", "none")] == [
        "light", "light", "key", "light", "never"]


def test_monetary_thirds_of_the_average_ticket() -> None:
    people = [facts(f"m{i}", TODAY, 1, 1000 * i) for i in range(1, 7)] + [facts("n")]
    scored = {s.member_id: s.monetary for s in analysis.score(people, TODAY)}
    assert [scored[f"m{i}"] for i in range(1, 7)] == [1, 1, 2, 2, 3, 3]
    assert scored["n"] == 0


def test_top_20_percent_share_of_revenue() -> None:
    revenues = [50000, 20000, 10000, 8000, 5000, 3000, 2000, 1000, 600, 400]
    people = [facts(f"m{i}", TODAY, 1, r) for i, r in enumerate(revenues)] + [facts("x")]
    top = analysis.top_share(people)
    assert (top.buyers, top.top, top.top_revenue_fen, top.revenue_fen) == (10, 2, 70000, 100000)
    assert top.ratio == Decimal("0.700")
    assert [f.member_id for f in analysis.segment("top20", people, TODAY)] == ["m0", "m1"]


@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=40))
def test_the_top_share_is_never_less_than_its_headcount_share(revenues: list[int]) -> None:
    top = analysis.top_share([facts(f"m{i}", TODAY, 1, r) for i, r in enumerate(revenues)])
    assert top.top_revenue_fen * top.buyers >= top.revenue_fen * top.top


def test_birthdays_in_the_next_days_include_today_and_wrap_the_year() -> None:
    people = [facts("today", birthday=(5, 6)), facts("week", birthday=(5, 12)),
              facts("late", birthday=(5, 13)), facts("none")]
    assert [f.member_id for _, f in analysis.birthdays_within(people, TODAY, 7)] == [
        "today", "week"]
    new_year = [facts("jan", birthday=(1, 2)), facts("leap", birthday=(2, 29))]
    found = analysis.birthdays_within(new_year, date(2024, 12, 30), 4)
    assert [(d, f.member_id) for d, f in found] == [(date(2025, 1, 2), "jan")]
    assert analysis.next_birthday(2, 29, date(2025, 2, 1)) == date(2025, 2, 28)
    with pytest.raises(ValidationError):
        analysis.birthdays_within(people, TODAY, 0)


def test_dormant_members_bought_before_but_not_lately() -> None:
    people = [facts("recent", date(2025, 4, 1), 1, 100), facts("idle", date(2024, 10, 1), 0, 0,
                                                                   ever=3),
              facts("never")]
    assert [f.member_id for f in analysis.dormant(people, TODAY, 90)] == ["idle"]
    assert [f.member_id for f in analysis.segment("dormant", people, TODAY, days=30)] == [
        "idle", "recent"]
    with pytest.raises(ValidationError) as err:
        analysis.segment("vip", people, TODAY)
    assert err.value.code == "analysis.segment_unknown"


def test_summary_counts_every_member_once() -> None:
    people = [facts("a", TODAY, 3, 900, 2, birthday=(5, 7)), facts("b", date(2024, 1, 1), 0, 0,
                                                                     ever=1), facts("c")]
    summary = analysis.summarize(people, TODAY)
    assert summary.members == 3
    assert summary.statuses == (("active", 1), ("lost", 1), ("never", 1))
    assert summary.segments == (("key", 1), ("light", 1), ("never", 1))
    assert summary.birthdays == 1 and summary.top.top == 1
    assert sum(n for _, n in summary.recency_bands) == 3
    assert replace(people[0], orders=0).orders == 0
