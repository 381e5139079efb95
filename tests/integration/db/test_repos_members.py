"""Members (with the encrypted ID number), balances, cards, tier history and coupons."""

from __future__ import annotations

import dataclasses
import stat
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import StatementError

from db.store import StoreDb
from domain.errors import DomainError, NotFound, ValidationError
from domain.records import (
    Balances,
    Card,
    CardState,
    Coupon,
    CouponState,
    Member,
    MemberStatus,
    PointsEntry,
    TierChange,
    WalletEntry,
)
from domain.serials import SerialBlock

AddMember = Callable[..., Member]


def test_member_round_trips_every_field(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    with store.uow() as uow:
        found = uow.members.get(member.id)
    assert found == member
    assert found is not None and found.consent_marketing_at is not None
    assert found.consent_marketing_at.tzinfo is UTC
    assert found.status is MemberStatus.ACTIVE and found.tags == ("vip", "外套")


def test_times_in_other_zones_come_back_as_the_same_instant_in_utc(
        store: StoreDb, add_member: AddMember) -> None:
    shanghai = timezone(timedelta(hours=8))
    member = add_member(created_at=datetime(2025, 3, 8, 10, 0, tzinfo=shanghai))
    with store.uow() as uow:
        found = uow.members.get(member.id)
    assert found is not None and found.created_at == datetime(2025, 3, 8, 2, 0, tzinfo=UTC)
    assert found.created_at.utcoffset() == timedelta(0)


def test_naive_times_are_refused(store: StoreDb, make_member: AddMember) -> None:
    with store.uow() as uow, pytest.raises(StatementError, match="naive datetime"):
        uow.members.add(make_member(created_at=datetime(2025, 3, 8, 10, 0)))


def test_id_number_is_stored_encrypted_with_a_private_key_file(
        store: StoreDb, add_member: AddMember) -> None:
    member = add_member(id_number="11010519491231002X")
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT id_number_enc FROM members WHERE id = :id"),
                              {"id": member.id}).scalar_one()
        dump = "\n".join(conn.connection.driver_connection.iterdump())  # type: ignore[union-attr]
    assert stored.startswith("gAAAA")  # a Fernet token
    assert "11010519491231002X" not in dump
    key = store.path.with_name("store.db.key")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_store_without_id_numbers_still_makes_its_key_for_the_seals(
        tmp_path: Path, make_member: AddMember) -> None:
    from .conftest import store_settings
    with StoreDb.open(tmp_path / "k.db") as store:
        with store.uow() as uow:
            # A card secret is sealed with the key (test_housekeeping.py), so none here.
            uow.settings.save(store_settings(card_secret_hex=""))
            assert not (tmp_path / "k.db.key").exists()
            uow.members.add(make_member(id_number=None))  # its balance row is sealed
            uow.commit()
        key = tmp_path / "k.db.key"
        assert key.exists() and stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_missing_or_wrong_key_is_reported_not_replaced(
        store: StoreDb, add_member: AddMember, tmp_path: Path) -> None:
    member = add_member()
    other = StoreDb.open(store.path, key_path=tmp_path / "elsewhere.key")
    with other, other.uow() as uow, pytest.raises(DomainError) as missing:
        uow.members.get(member.id)
    assert missing.value.code == "store.key_missing"
    assert not (tmp_path / "elsewhere.key").exists()
    wrong = tmp_path / "wrong.key"
    wrong.write_bytes(b"3q2-7wXNtGvAc1HqE6r8IbXl9Fw0z1vO3s3ZVd8nB1M=\n")
    other = StoreDb.open(store.path, key_path=wrong)
    with other, other.uow() as uow, pytest.raises(DomainError) as mismatch:
        uow.members.get(member.id)
    assert mismatch.value.code == "store.key_mismatch"


def test_lookup_by_mobile_and_mobile_is_unique(
        store: StoreDb, add_member: AddMember, make_member: AddMember) -> None:
    member = add_member(mobile="13800138000")
    with store.uow() as uow:
        assert uow.members.by_mobile("13800138000") == member
        assert uow.members.by_mobile("13900139000") is None
        with pytest.raises(ValidationError) as caught:
            uow.members.add(make_member(mobile="13800138000"))
    assert (caught.value.code, caught.value.params) == (
        "member.mobile_taken", {"field": "mobile", "member_id": member.id})


def test_new_member_has_a_zero_projection_and_save_keeps_it(
        store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    with store.uow() as uow:
        assert uow.members.balances(member.id) == Balances(member_id=member.id)
        uow.members.save(dataclasses.replace(member, name="张三丰", status=MemberStatus.FROZEN))
        uow.commit()
    with store.uow() as uow:
        found = uow.members.get(member.id)
        assert found is not None and (found.name, found.status) == ("张三丰", MemberStatus.FROZEN)
        assert uow.members.balances(member.id) == Balances(member_id=member.id)
        with pytest.raises(NotFound):
            uow.members.balances("nobody")


def test_tier_reviews_list_active_members_of_reviewed_tiers_reached_on_or_before_a_day(
        store: StoreDb, add_member: AddMember) -> None:
    due = add_member(tier_since=date(2024, 3, 8), tier="银卡")
    add_member(tier_since=date(2024, 3, 9), tier="银卡")
    add_member(tier_since=date(2024, 1, 1), status=MemberStatus.CLOSED, tier="银卡")
    add_member(tier_since=date(2023, 1, 1), tier="普通会员")  # the floor: never reviewed
    earlier = add_member(tier_since=date(2023, 12, 1), tier="金卡")
    with store.uow() as uow:
        found = uow.members.tier_since_on_or_before(date(2024, 3, 8), ("银卡", "金卡"))
        assert [m.id for m in found] == [earlier.id, due.id]
        assert uow.members.tier_since_on_or_before(date(2024, 3, 8), ()) == []


def _card(number: str, member_id: str, **kw: object) -> Card:
    fields: dict[str, object] = {"state": CardState.ACTIVE, "expiry": "2712",
                                 "issued_at": datetime(2025, 1, 1, tzinfo=UTC)}
    fields.update(kw)
    return Card(number=number, member_id=member_id, **fields)  # type: ignore[arg-type]


def test_card_leads_to_member_and_balances(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    card = _card("1231010000017", member.id, kind="qr", is_staff=True)
    with store.uow() as uow:
        uow.cards.add(card)
        uow.points.add_entry(PointsEntry(id="p1", member_id=member.id, kind="earn", points=425,
                                         at=datetime(2025, 3, 8, tzinfo=UTC),
                                         business_date=date(2025, 3, 8)))
        uow.wallet.add_entry(WalletEntry(id="w1", member_id=member.id, kind="topup",
                                         principal_fen=100000, bonus_fen=5000,
                                         at=datetime(2025, 3, 8, tzinfo=UTC),
                                         business_date=date(2025, 3, 8)))
        uow.commit()
    with store.uow() as uow:
        found = uow.cards.get("1231010000017")
        assert found == card
        assert found is not None and uow.members.get(found.member_id) == member
        assert uow.members.balances(found.member_id) == Balances(member.id, 425, 100000, 5000)
        assert uow.cards.get("9999999999999") is None


def test_card_replacement_links_old_to_new(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    old = _card("1231010000017", member.id, issued_at=datetime(2024, 1, 1, tzinfo=UTC))
    with store.uow() as uow:
        uow.cards.add(old)
        uow.commit()
    new = _card("1231010000025", member.id)
    with store.uow() as uow:
        uow.cards.save(dataclasses.replace(old, state=CardState.REPLACED,
                                           replaced_by=new.number))
        uow.cards.add(new)  # after the old card points at it: the foreign key waits for COMMIT
        uow.commit()
    with store.uow() as uow:
        cards = uow.cards.for_member(member.id)
    assert [(c.number, c.state, c.replaced_by) for c in cards] == [
        ("1231010000017", CardState.REPLACED, "1231010000025"),
        ("1231010000025", CardState.ACTIVE, None)]


def test_the_highest_serial_in_a_block_reads_only_that_block_of_that_prefix(
        store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    block, other = SerialBlock("1231010", 1, 500), SerialBlock("1231010", 501, 1000)
    with store.uow() as uow:
        assert uow.card_serials.highest(block) is None
        for number in ("1231010000017", "1231010004203", "1231020099994", "12310100000"):
            uow.cards.add(_card(number, member.id))
        assert uow.card_serials.highest(block) == 420
        assert uow.card_serials.highest(other) is None
        assert uow.card_serials.highest(SerialBlock("1231020", 1, 99999)) == 9999
        assert uow.card_serials.highest(SerialBlock("1331010", 1, 99999)) is None


def test_tier_history_in_time_order(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    later = TierChange(id="t2", member_id=member.id, at=datetime(2025, 3, 8, tzinfo=UTC),
                       from_tier="银卡", to_tier="金卡", reason="upgrade")
    first = TierChange(id="t1", member_id=member.id, at=datetime(2024, 1, 1, tzinfo=UTC),
                       from_tier="", to_tier="普通会员", reason="signup")
    with store.uow() as uow:
        uow.tiers.add_change(later)
        uow.tiers.add_change(first)
        uow.commit()
    with store.uow() as uow:
        assert uow.tiers.history(member.id) == [first, later]
        assert uow.tiers.history("other") == []


def _coupon(code: str, member_id: str | None, valid_to: date, **kw: object) -> Coupon:
    fields: dict[str, object] = {
        "template_code": "C50", "kind": "cash", "amount_fen": 5000, "rate": None,
        "min_spend_fen": 20000, "stackable": False, "valid_from": date(2025, 1, 1),
        "valid_to": valid_to, "state": CouponState.ISSUED,
        "issued_at": datetime(2025, 1, 1, 2, tzinfo=UTC), "member_id": member_id,
        "issued_reason": "signup"}
    fields.update(kw)
    return Coupon(code=code, **fields)  # type: ignore[arg-type]


def test_coupons_round_trip_redeem_and_expire(store: StoreDb, add_member: AddMember) -> None:
    member = add_member()
    cash = _coupon("CP1", member.id, date(2025, 3, 31))
    percent = _coupon("CP2", member.id, date(2025, 2, 28), kind="percent",
                      rate=Decimal("0.85"), classes=("regular",), gift_sku=None)
    anonymous = _coupon("CP3", None, date(2025, 1, 31))
    with store.uow() as uow:
        for coupon in (cash, percent, anonymous):
            uow.coupons.add(coupon)
        uow.commit()
    with store.uow() as uow:
        assert uow.coupons.get("CP2") == percent
        assert [c.code for c in uow.coupons.for_member(member.id)] == ["CP1", "CP2"]
        assert [c.code for c in uow.coupons.issued_valid_to_before(date(2025, 3, 1))] == [
            "CP3", "CP2"]
        redeemed = dataclasses.replace(percent, state=CouponState.REDEEMED,
                                       redeemed_sale_id="sale-1",
                                       redeemed_at=datetime(2025, 2, 1, tzinfo=UTC))
        uow.coupons.save(redeemed)
        uow.commit()
    with store.uow() as uow:
        assert uow.coupons.get("CP2") == redeemed
        assert [c.code for c in uow.coupons.issued_valid_to_before(date(2025, 3, 1))] == ["CP3"]


AWARE = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([UTC, timezone(timedelta(hours=8))]))
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)


def test_members_round_trip_whatever_they_hold(store: StoreDb, make_member: AddMember) -> None:
    """Property: any member written comes back equal (times as the same instant in UTC)."""

    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(name=TEXT, id_number=st.none() | TEXT, tags=st.lists(TEXT, max_size=3).map(tuple),
           created=st.none() | AWARE, rate=st.none() | st.decimals("0", "1", places=3),
           status=st.sampled_from(MemberStatus), birth_year=st.none() | st.integers(1900, 2024))
    def check(name: str, id_number: str | None, tags: tuple[str, ...], created: datetime | None,
              rate: Decimal | None, status: MemberStatus, birth_year: int | None) -> None:
        member = make_member(name=name, id_number=id_number, tags=tags, created_at=created,
                             deposit_rate=rate, status=status, birth_year=birth_year)
        with store.uow() as uow:
            uow.members.add(member)
            uow.commit()
        with store.reader() as uow:
            found = uow.members.get(member.id)
        assert found == member
        assert found is not None and (created is None or found.created_at.tzinfo is UTC)

    check()
