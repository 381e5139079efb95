"""Points and wallet ledgers move the balances projection; lots keep their remaining points."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from db.store import StoreDb
from db.verify import verify
from domain.errors import NotFound
from domain.ids import new_id_str
from domain.records import Balances, Member, PointsEntry, PointsLot, WalletEntry

AddMember = Callable[..., Member]
AT = datetime(2025, 3, 8, 2, 0, tzinfo=UTC)


def _points(member_id: str, points: int, kind: str = "earn", at: datetime = AT,
            **kw: str | None) -> PointsEntry:
    return PointsEntry(id=new_id_str(), member_id=member_id, kind=kind, points=points, at=at,
                       business_date=at.date(), **kw)  # type: ignore[arg-type]


def _wallet(member_id: str, principal: int, bonus: int, kind: str = "topup") -> WalletEntry:
    return WalletEntry(id=new_id_str(), member_id=member_id, kind=kind, principal_fen=principal,
                       bonus_fen=bonus, at=AT, business_date=AT.date(), reference="ref-1",
                       tender_kind="mobile")


def test_points_entries_move_the_projection(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    earn = _points(member.id, 3450, sale_id="sale-1", reason="")
    spend = _points(member.id, -3000, kind="spend", at=AT + timedelta(minutes=5),
                    staff_id="c1", reason="points_as_cash")
    with store.uow() as uow:
        uow.points.add_entry(earn)
        uow.points.add_entry(spend)
        assert uow.members.balances(member.id).points == 450  # seen inside the transaction
        uow.commit()
    with store.uow() as uow:
        assert uow.points.entries(member.id) == [earn, spend]
        assert uow.members.balances(member.id) == Balances(member.id, points=450)


def test_a_member_and_a_signup_bonus_in_one_transaction(
        store: StoreDb, make_member: Callable[..., Member]) -> None:
    member = make_member()
    with store.uow() as uow:
        uow.members.add(member)
        uow.points.add_entry(_points(member.id, 20, kind="bonus", reason="signup"))
        assert uow.members.balances(member.id).points == 20
        uow.commit()
    with store.uow() as uow:
        assert uow.members.balances(member.id) == Balances(member.id, points=20)


def test_points_may_go_negative_after_a_takeback(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    with store.uow() as uow:
        uow.points.add_entry(_points(member.id, 100))
        uow.points.add_entry(_points(member.id, -340, kind="takeback"))
        uow.commit()
    with store.uow() as uow:
        assert uow.members.balances(member.id).points == -240


def test_wallet_entries_keep_principal_and_bonus_apart(
        store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    topup = _wallet(member.id, 500000, 50000)
    pay = _wallet(member.id, -18182, -1818, kind="payment")
    with store.uow() as uow:
        uow.wallet.add_entry(topup)
        uow.wallet.add_entry(pay)
        uow.commit()
    with store.uow() as uow:
        assert uow.wallet.entries(member.id) == [topup, pay]
        assert uow.members.balances(member.id) == Balances(member.id, 0, 481818, 48182)


def test_an_entry_for_an_unknown_member_is_refused(store: StoreDb) -> None:
    with store.uow() as uow:
        with pytest.raises(NotFound) as caught:
            uow.points.add_entry(_points("ghost", 10))
        assert caught.value.params == {"member_id": "ghost"}
        with pytest.raises(NotFound):
            uow.wallet.add_entry(_wallet("ghost", 10, 0))


def _lot(member_id: str, lot_id: str, earned: date, points: int,
         expires: date | None) -> PointsLot:
    return PointsLot(id=lot_id, member_id=member_id, earned_on=earned, expires_on=expires,
                     points=points, remaining=points, sale_id=None)


def test_lots_insert_update_and_come_back_oldest_first(
        store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    newer = _lot(member.id, "L2", date(2025, 6, 1), 800, date(2026, 12, 31))
    older = _lot(member.id, "L1", date(2024, 3, 1), 500, date(2025, 12, 31))
    with store.uow() as uow:
        uow.points.save_lots(member.id, [newer, older])
        uow.commit()
    # DOMAIN §13 example 5: 600 spent on 2025-07-01 takes 500 + 100
    older.remaining, newer.remaining = 0, 700
    bonus = PointsLot(id="L3", member_id=member.id, earned_on=date(2025, 7, 2),
                      expires_on=None, points=20, remaining=20, source="bonus")
    with store.uow() as uow:
        uow.points.save_lots(member.id, [older, newer, bonus])
        uow.commit()
    with store.uow() as uow:
        lots = uow.points.lots(member.id)
    assert [(lot.id, lot.remaining) for lot in lots] == [("L1", 0), ("L2", 700), ("L3", 20)]
    assert lots[1] == newer and lots[2] == bonus


def test_lots_of_another_member_are_refused(store: StoreDb, add_member: AddMember) -> None:
    member, other = add_member(), add_member()
    with store.uow() as uow, pytest.raises(ValueError, match="belongs to"):
        uow.points.save_lots(member.id, [_lot(other.id, "L9", date(2025, 1, 1), 5, None)])


def test_members_with_lots_expiring_by_a_day(store: StoreDb, add_member: AddMember) -> None:
    a, b, c, d = add_member(), add_member(), add_member(), add_member()
    spent = _lot(c.id, "Lc", date(2024, 1, 1), 10, date(2025, 12, 31))
    spent.remaining = 0
    with store.uow() as uow:
        uow.points.save_lots(a.id, [_lot(a.id, "La", date(2024, 1, 1), 10, date(2025, 12, 31))])
        uow.points.save_lots(b.id, [_lot(b.id, "Lb", date(2025, 1, 1), 10, date(2026, 12, 31))])
        uow.points.save_lots(c.id, [spent])
        uow.points.save_lots(d.id, [_lot(d.id, "Ld", date(2024, 1, 1), 10, None)])
        assert uow.points.members_with_lots_expiring_by(date(2025, 12, 30)) == []
        assert uow.points.members_with_lots_expiring_by(date(2025, 12, 31)) == [a.id]
        assert uow.points.members_with_lots_expiring_by(date(2026, 12, 31)) == sorted(
            [a.id, b.id])


def test_lot_remaining_above_its_points_is_refused_by_the_schema(
        store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    lot = _lot(member.id, "L1", date(2025, 1, 1), 10, None)
    lot.remaining = 11
    with store.uow() as uow, pytest.raises(IntegrityError, match="CHECK constraint failed"):
        uow.points.save_lots(member.id, [lot])


MOVES = st.lists(
    st.tuples(st.sampled_from(["points", "wallet"]), st.integers(-50_000, 50_000),
              st.integers(-5_000, 5_000)),
    min_size=1, max_size=12)


def test_every_balance_equals_the_sum_of_its_ledger(
        store: StoreDb, add_member: AddMember) -> None:
    """Property: whatever entries are written, committed or not, projection == ledger sums."""

    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(moves=MOVES, commit=st.booleans())
    def check(moves: list[tuple[str, int, int]], commit: bool) -> None:
        member = add_member()
        with store.uow() as uow:
            for kind, amount, bonus in moves:
                if kind == "points":
                    uow.points.add_entry(_points(member.id, amount))
                else:
                    uow.wallet.add_entry(_wallet(member.id, amount, bonus))
            if commit:
                uow.commit()
        with store.uow() as uow:
            balances = uow.members.balances(member.id)
            points = sum(e.points for e in uow.points.entries(member.id))
            wallet = uow.wallet.entries(member.id)
        assert balances.points == points
        assert balances.wallet_principal_fen == sum(e.principal_fen for e in wallet)
        assert balances.wallet_bonus_fen == sum(e.bonus_fen for e in wallet)
        assert len(wallet) == (sum(1 for m in moves if m[0] == "wallet") if commit else 0)

    check()
    # kaika verify agrees; lots are left out because this property wrote points without them.
    assert [p for p in verify(store) if not p.code.startswith("lots.")] == []
