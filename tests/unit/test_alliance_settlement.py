"""Alliance settlement: worked months with figures done by hand, and over random trade the
statements of the whole alliance net to zero with every entry on exactly two of them."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.alliance import Agreement
from domain.alliance_settlement import (
    Entry,
    EntryKind,
    PairBalance,
    Statement,
    check_entry,
    entry_amount,
    next_period,
    period_of,
    settle,
    statements,
)
from domain.errors import ValidationError

FASHION, CAFE, SALON = "M001", "M002", "M003"
CAFE_HONOURS_FASHION = Agreement(
    issuer=FASHION, partner=CAFE, starts_on=date(2026, 1, 1), discount_bp={"regular": 1000},
    points_per_yuan=1, points_spendable=True, point_value_fen=1, commission_bp=500)
K = EntryKind


def _entry(n: int, kind: EntryKind, issuer: str, partner: str, amount: int, points: int = 0,
           period: str = "2026-12") -> Entry:
    return Entry(id=f"e{n:03d}", kind=kind, issuer=issuer, partner=partner, period=period,
                 amount_fen=amount, points=points, source=f"sale-{n}")


def _december() -> list[Entry]:
    """A fashion member pays ¥86.50 at the café: 86 points (the café owes 86 × 1 fen) and 5 %
    commission (432.5 → 433 fen); spends 500 points at the café (fashion owes 500 fen); a
    ¥20.00 coupon the salon funded is redeemed at fashion (salon owes 2000 fen); the café
    sale is returned (−86 points, −433 commission)."""
    agreement = CAFE_HONOURS_FASHION
    earned = agreement.points_earned(8650)
    return [
        _entry(1, K.POINTS_ISSUED_BY_PARTNER, FASHION, CAFE,
               entry_amount(agreement, K.POINTS_ISSUED_BY_PARTNER, earned, 0, 0), earned),
        _entry(2, K.COMMISSION, FASHION, CAFE, entry_amount(agreement, K.COMMISSION, 0, 8650, 0)),
        _entry(3, K.POINTS_SPENT_AT_PARTNER, FASHION, CAFE,
               entry_amount(agreement, K.POINTS_SPENT_AT_PARTNER, 500, 0, 0), 500),
        _entry(4, K.COUPON_FUNDED_REDEEMED, SALON, FASHION, 2000),
        _entry(5, K.POINTS_ISSUED_BY_PARTNER, FASHION, CAFE, -86, -86),
        _entry(6, K.COMMISSION, FASHION, CAFE, entry_amount(agreement, K.COMMISSION, 0, -8650, 0)),
    ]


def test_the_worked_month_amounts_are_the_hand_figures() -> None:
    assert [(e.amount_fen, e.points) for e in _december()] == [
        (86, 86), (433, 0), (500, 500), (2000, 0), (-86, -86), (-433, 0)]


def test_the_worked_month_settles_pair_by_pair() -> None:
    balances = settle("2026-12", _december())
    # fashion/café: the café's 86 + 433 is returned in full; fashion owes the 500 spent.
    assert [(b.debtor, b.creditor, b.amount_fen) for b in balances] == [
        (FASHION, CAFE, 500), (SALON, FASHION, 2000)]
    assert balances[0].entry_ids == ("e001", "e002", "e003", "e005", "e006")
    assert balances[1].entry_ids == ("e004",)


def test_the_worked_month_statements_net_to_zero() -> None:
    found = statements("2026-12", _december())
    fashion, cafe, salon = found[FASHION], found[CAFE], found[SALON]
    assert fashion.by_counterparty == ((CAFE, -500), (SALON, 2000))
    assert (fashion.receivable_fen, fashion.payable_fen, fashion.net_fen) == (2000, 500, 1500)
    assert [line.amount_fen for line in fashion.lines] == [86, 433, -500, 2000, -86, -433]
    assert [line.source for line in fashion.lines] == [f"sale-{n}" for n in range(1, 7)]
    assert cafe.net_fen == 500 and salon.net_fen == -2000
    assert fashion.net_fen + cafe.net_fen + salon.net_fen == 0


def test_other_periods_are_not_in_a_statement() -> None:
    late = _entry(7, K.COUPON_FUNDED_REDEEMED, CAFE, SALON, 999, period="2027-01")
    assert set(statements("2026-12", [*_december(), late])) == {FASHION, CAFE, SALON}
    assert [(b.debtor, b.amount_fen) for b in settle("2027-01", [*_december(), late])] == [
        (CAFE, 999)]


def test_agreement_refuses_points_it_does_not_allow() -> None:
    no_points = Agreement(issuer=FASHION, partner=SALON, starts_on=date(2026, 1, 1),
                          commission_bp=250)
    with pytest.raises(ValidationError) as err:
        entry_amount(no_points, K.POINTS_SPENT_AT_PARTNER, 100, 0, 0)
    assert err.value.code == "alliance.points_not_spendable_here"
    with pytest.raises(ValidationError) as err:
        entry_amount(no_points, K.POINTS_ISSUED_BY_PARTNER, 100, 0, 0)
    assert err.value.code == "alliance.points_not_earned_here"
    # 2.5 % of ¥1.99 is 4.975 fen: half-up to 5; a return of it is -5.
    assert no_points.commission_fen(199) == 5 and no_points.commission_fen(-199) == -5


def test_entry_checks() -> None:
    with pytest.raises(ValidationError) as err:
        check_entry(_entry(1, K.COMMISSION, CAFE, CAFE, 10))
    assert err.value.code == "alliance.same_merchant"
    with pytest.raises(ValidationError) as err:
        check_entry(_entry(1, K.COMMISSION, FASHION, CAFE, 10, period="2026-13"))
    assert err.value.params == {"field": "period", "value": "2026-13"}
    with pytest.raises(ValidationError) as err:
        check_entry(_entry(1, K.COMMISSION, FASHION, CAFE, 10, points=3))
    assert err.value.code == "alliance.points_on_money_entry"


def test_periods() -> None:
    assert period_of(date(2026, 12, 31)) == "2026-12"
    assert next_period("2026-12") == "2027-01"
    assert next_period("2027-01") == "2027-02"


MERCHANTS = st.sampled_from(["M1", "M2", "M3", "M4", "M5"])
ENTRIES = st.lists(st.tuples(st.sampled_from(list(EntryKind)), MERCHANTS, MERCHANTS,
                             st.integers(-10**9, 10**9), st.sampled_from(["2026-11", "2026-12"])),
                   max_size=60)


@given(ENTRIES)
def test_statements_of_the_alliance_net_to_zero(raw: list[tuple[EntryKind, str, str, int, str]]
                                                ) -> None:
    entries = [Entry(id=f"e{n}", kind=kind, issuer=a, partner=b, period=period,
                     amount_fen=amount, points=0, source=f"s{n}")
               for n, (kind, a, b, amount, period) in enumerate(raw) if a != b]
    found = statements("2026-12", entries)
    december = [e for e in entries if e.period == "2026-12"]
    assert sum(s.net_fen for s in found.values()) == 0
    assert sum(s.receivable_fen for s in found.values()) == sum(
        s.payable_fen for s in found.values())
    # Every entry of the period is on exactly two statements, + on one and − on the other.
    seen = Counter(line.entry_id for s in found.values() for line in s.lines)
    assert seen == Counter({e.id: 2 for e in december})
    signed = Counter[str]()
    for s in found.values():
        for line in s.lines:
            signed[line.entry_id] += line.amount_fen
    assert all(signed[e.id] == 0 for e in december)
    _pairs_agree_with_statements(found, settle("2026-12", entries))


def _pairs_agree_with_statements(found: dict[str, Statement], balances: list[PairBalance]
                                 ) -> None:
    net: Counter[str] = Counter()
    for balance in balances:
        assert balance.amount_fen >= 0 and balance.debtor != balance.creditor
        net[balance.creditor] += balance.amount_fen
        net[balance.debtor] -= balance.amount_fen
    assert {m: s.net_fen for m, s in found.items()} == {
        m: net[m] for m in found}
