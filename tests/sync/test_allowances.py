"""Offline allowances: the pure rules, and the till's checkout refusing what they refuse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from db.rows_sync import HoBalanceRow, SyncStateRow
from domain.allowances import Grant, OfflineState, Spend, check, is_online, worst_overdraft
from domain.errors import DomainError
from domain.records import TenderKind
from domain.rulepack import OfflineRules
from domain.services.cart import TenderRequest
from tests.sync.harness import Till

NOW = datetime(2025, 5, 6, 2, 0, tzinfo=UTC)
RULES = OfflineRules()  # the packs' defaults: 3,000 / ¥500 per sale, 5,000 / ¥1,000 per day


def _state(**kw: object) -> OfflineState:
    base: dict[str, object] = {"enrolled": True, "last_contact": NOW - timedelta(hours=1),
                               "grant": Grant(RULES, NOW + timedelta(hours=23))}
    base.update(kw)
    return OfflineState(**base)  # type: ignore[arg-type]


def _refused(spend: Spend, state: OfflineState) -> DomainError:
    with pytest.raises(DomainError) as caught:
        check(spend, state, NOW)
    return caught.value


def test_within_every_limit_is_allowed() -> None:
    check(Spend(3000, 50000), _state(member_day=Spend(2000, 50000),
                                     terminal=Spend(47000, 950000)), NOW)


@pytest.mark.parametrize(("spend", "used", "scope", "unit", "limit"), [
    (Spend(3001, 0), {}, "sale", "points", 3000),
    (Spend(0, 50001), {}, "sale", "wallet_fen", 50000),
    (Spend(2001, 0), {"member_day": Spend(3000, 0)}, "member_day", "points", 5000),
    (Spend(0, 100), {"member_day": Spend(0, 99901)}, "member_day", "wallet_fen", 100000),
    (Spend(100, 0), {"terminal": Spend(49901, 0)}, "terminal", "points", 50000),
    (Spend(0, 1), {"terminal": Spend(0, 1000000)}, "terminal", "wallet_fen", 1000000),
])
def test_each_limit_refuses_with_its_scope_and_figures(
        spend: Spend, used: dict[str, Spend], scope: str, unit: str, limit: int) -> None:
    err = _refused(spend, _state(**used))
    assert (err.code, err.params["scope"], err.params["unit"], err.params["limit"]) == (
        "offline.limit_exceeded", scope, unit, limit)


def test_no_grant_a_lapsed_grant_a_blocked_member_or_a_revoked_till_spend_nothing() -> None:
    assert _refused(Spend(100), _state(grant=None)).code == "offline.no_allowance"
    lapsed = _state(grant=Grant(RULES, NOW - timedelta(seconds=1)))
    assert _refused(Spend(100), lapsed).code == "offline.allowance_expired"
    assert _refused(Spend(100), _state(member_blocked=True)).code == "offline.member_blocked"
    assert _refused(Spend(100), _state(revoked=True)).code == "offline.terminal_revoked"


def test_online_means_head_office_answered_within_the_grace_period() -> None:
    assert is_online(_state(last_contact=NOW - timedelta(seconds=60)), NOW, RULES)
    assert not is_online(_state(last_contact=NOW - timedelta(seconds=61)), NOW, RULES)
    assert not is_online(_state(last_contact=None), NOW, RULES)


def test_the_worst_overdraft_is_the_daily_allowance_times_the_tills() -> None:
    assert worst_overdraft(RULES, 2) == Spend(10000, 200000)


# --- at the till ---------------------------------------------------------------------------


def _enrolled(till: Till, contact: datetime, blocked_member: str | None = None) -> None:
    """A till that enrolled and last heard from head office at `contact` (its own clock)."""
    limits = {k: getattr(RULES, k) for k in RULES.__dataclass_fields__}
    with till.app.store.uow() as uow:
        uow.session.add(SyncStateRow(id=1, server_url="http://ho", terminal_id="t",
                                     enrolled_at=contact, last_contact_at=contact,
                                     grant_valid_until=contact + timedelta(hours=24),
                                     grant_limits=limits))
        if blocked_member:
            uow.session.add(HoBalanceRow(member_id=blocked_member, points=0,
                                         wallet_principal_fen=0, wallet_bonus_fen=0,
                                         blocked=True, version=1, acked_through_seq=0,
                                         pulled_at=contact))
        uow.commit()


def _points_sale(till: Till, member: str, points: int) -> object:
    return till.sale(member, ("COAT", 1), tenders=(
        TenderRequest(TenderKind.POINTS, points=points), TenderRequest(TenderKind.CASH)))


def test_an_offline_till_refuses_a_sale_beyond_the_allowance_and_keeps_nothing(
        make_till: Callable[..., Till]) -> None:
    till = make_till()
    member = till.register("王五", "13700137000")
    till.sale(member, ("COAT", 3))  # ￥3,000: 9,000 points (x 3), and 银卡 (8.5折) from now
    _enrolled(till, till.clock.now())
    till.advance(minutes=5)  # offline: no answer from head office for five minutes

    _points_sale(till, member, 3000)
    with pytest.raises(DomainError) as caught:
        _points_sale(till, member, 2100)  # 3,000 + 2,100 > 5,000 for the day

    assert (caught.value.code, caught.value.params["scope"]) == ("offline.limit_exceeded",
                                                                 "member_day")
    # ￥850 less ￥300 in points: 550 points x 2 earned; the refused sale left no trace.
    assert till.balances(member)[0] == 9000 - 3000 + 1100
    _points_sale(till, member, 2000)  # exactly up to the day's 5,000 is fine


def test_an_online_till_is_not_limited_and_a_never_enrolled_till_neither(
        make_till: Callable[..., Till]) -> None:
    standalone = make_till("solo")
    member = standalone.register("赵六", "13600136000")
    standalone.sale(member, ("COAT", 3))
    _points_sale(standalone, member, 6000)  # no head office: its own balance is the truth
    online = make_till("online")
    other = online.register("钱七", "13500135000")
    online.sale(other, ("COAT", 3))
    _enrolled(online, online.clock.now())
    _points_sale(online, other, 6000)  # heard from head office just now
    # ￥850 less ￥600 in points: 250 points x 2 earned.
    assert standalone.balances(member)[0] == online.balances(other)[0] == 9000 - 6000 + 500


def test_a_member_head_office_found_overdrawn_cannot_spend_offline(
        make_till: Callable[..., Till]) -> None:
    till = make_till()
    member = till.register("孙八", "13400134000")
    till.sale(member, ("COAT", 1))
    _enrolled(till, till.clock.now(), blocked_member=member)
    till.advance(minutes=2)
    with pytest.raises(DomainError) as caught:
        _points_sale(till, member, 100)
    assert caught.value.code == "offline.member_blocked"
    till.sale(member, ("SCARF", 1))  # paying cash is never limited


def test_the_packs_offline_table_is_read_and_a_mistake_is_refused_with_its_key() -> None:
    import tomllib

    from domain.errors import RulePackError
    from domain.packload import PACK_DIR, load_pack, parse_pack

    assert load_pack("retail").offline == RULES
    data = tomllib.loads((PACK_DIR / "fashion.toml").read_text(encoding="utf-8"))
    data["offline"] = {"per_sale_points": 800}
    assert parse_pack(data, "x.toml").offline.per_sale_points == 800  # the rest keep defaults
    data["offline"] = {"per_sale_points": -1}
    with pytest.raises(RulePackError) as negative:
        parse_pack(data, "x.toml")
    data["offline"] = {"per_sale_pionts": 800}
    with pytest.raises(RulePackError) as typo:
        parse_pack(data, "x.toml")
    assert (negative.value.params["key"], negative.value.params["problem"]) == (
        "offline.per_sale_points", "too_small")
    assert (typo.value.params["key"], typo.value.params["problem"]) == (
        "offline.per_sale_pionts", "unknown_key")
