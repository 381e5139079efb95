"""A member's payment PIN set at one store works at every store of the chain: its hash travels
through head office (last PIN by hybrid clock), the mobile's digits stop paying everywhere, each
store keeps its own wrong tries, and head office keeps the hash out of everything but the
tills' member changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from domain.errors import DomainError
from domain.services import member_pin
from headoffice.tables import events, members
from sync.payloads import REDACTED
from tests.sync.fixtures import MOBILE, Tenant, enrolled_pair, member_at_both
from tests.sync.harness import Server, Till

MOBILE_PIN = "138000"  # the mobile's last six digits: the PIN of a member without their own


def _pays(till: Till, member_id: str, pin: str) -> bool:
    """What the till's PIN pad asks (TillEnv.check_pin is this function)."""
    return member_pin.check_pin(till.ctx, till.member(member_id), pin)


def _at_head_office(server: Server, member_id: str) -> sa.Row[tuple[object, ...]]:
    with server.engine.connect() as conn:
        row = conn.execute(sa.select(members.c.profile, members.c.stamps, members.c.pin_hash,
                                     members.c.pin_set_at).where(members.c.id == member_id))
        return row.one()


def _hash_at(till: Till, member_id: str) -> str | None:
    with till.app.store.reader() as uow:
        found = uow.member_pins.get(member_id)
    return found.pin_hash if found else None


def test_a_pin_set_at_store_a_pays_at_store_b_and_the_mobile_digits_no_longer_do(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    assert _pays(b, member, MOBILE_PIN)  # before: the mobile's digits pay at B
    a.advance(minutes=1)
    saved = member_pin.set_pin(a.ctx, member, "802461", a.desk)
    a.sync()
    b.sync()

    assert _hash_at(b, member) == saved.pin_hash
    state = member_pin.pin_state(b.ctx, member)
    assert state.own and state.set_at == saved.set_at
    assert not _pays(b, member, MOBILE_PIN)
    assert _pays(b, member, "802461")
    ho = _at_head_office(server, member)
    assert ho.pin_hash == saved.pin_hash and ho.pin_set_at == saved.set_at
    assert "pin_hash" not in ho.profile and "pin_hash" in ho.stamps
    assert a.problems() == [] and b.problems() == []


def test_the_online_look_up_of_a_member_new_to_the_till_brings_their_pin(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = a.register("李四", MOBILE)
    member_pin.set_pin(a.ctx, member, "730519", a.desk)
    a.sync()
    assert b.member(member) is None

    assert b.client is not None and b.client.lookup(mobile=MOBILE) == member
    assert not _pays(b, member, MOBILE_PIN)
    assert _pays(b, member, "730519")


def test_of_two_pins_set_at_two_stores_the_later_one_pays_everywhere(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    b.sync()
    a.advance(minutes=1)
    b.advance(minutes=2)  # B's PIN is the later one
    member_pin.set_pin(a.ctx, member, "246801", a.desk)
    later = member_pin.set_pin(b.ctx, member, "975310", b.desk)
    b.sync()  # the later PIN arrives first ...
    a.sync()  # ... and the earlier one does not replace it
    b.sync()

    for till in (a, b):
        assert _hash_at(till, member) == later.pin_hash
        assert _pays(till, member, "975310")
        assert not _pays(till, member, "246801")
    assert _at_head_office(server, member).pin_set_at == later.set_at


def test_a_pin_set_here_and_not_yet_pushed_survives_a_pull_of_an_earlier_one(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    b.sync()
    a.advance(minutes=1)
    b.advance(minutes=2)
    member_pin.set_pin(a.ctx, member, "246801", a.desk)
    a.sync()
    assert b.client is not None
    member_pin.set_pin(b.ctx, member, "975310", b.desk)
    b.client.pull_all()  # A's PIN comes in before B has pushed its own

    assert _pays(b, member, "975310") and not _pays(b, member, "246801")
    b.sync()
    a.sync()
    assert _pays(a, member, "975310") and not _pays(a, member, "246801")


def test_wrong_tries_and_the_days_lock_at_store_b_stay_b_s_own(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    for _ in range(member_pin.MAX_TRIES - 1):
        assert not _pays(b, member, "000000")
    assert not _pays(a, member, "111111")
    member_pin.set_pin(a.ctx, member, "802461", a.desk)  # a new PIN lifts A's count only
    a.sync()
    b.sync()

    assert member_pin.tries_left(a.ctx, member) == member_pin.MAX_TRIES
    assert member_pin.tries_left(b.ctx, member) == 1
    with pytest.raises(DomainError) as locked:
        _pays(b, member, MOBILE_PIN)  # the old PIN is now a wrong one: the fifth
    assert locked.value.code == "wallet.pin_locked"
    with pytest.raises(DomainError):
        _pays(b, member, "802461")  # locked at B for the day, whatever PIN
    assert _pays(a, member, "802461")


def test_head_office_keeps_no_pin_hash_of_an_event_it_could_not_apply(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    other = make_till("C")
    server.add_stores("X" + tenant.a[1:], merchant="X" + tenant.merchant[1:])
    other.enroll(server, "X" + tenant.a[1:])
    leaked = member_pin.set_pin(a.ctx, member, "802461", a.desk).pin_hash
    assert leaked is not None
    other.patch(member, {"pin_hash": leaked}, "1746496800000-00000-elsewhere")
    other.sync()  # another merchant's till naming this member: quarantined, kept for support

    with server.engine.connect() as conn:
        kept = conn.execute(sa.select(events.c.code, events.c.payload).where(
            events.c.type == "member.patched", events.c.status == "quarantined",
            events.c.member_id == member)).one()
    assert kept.code == "member.other_merchant"
    assert kept.payload["fields"]["pin_hash"] == REDACTED
    assert _at_head_office(server, member).pin_hash is None  # A has not pushed its own yet


def test_a_pin_set_on_a_twin_signed_up_offline_follows_it_into_the_member_it_joins(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    first = a.register("王五", MOBILE)
    twin = b.register("王五", MOBILE)  # offline at both stores: head office will make one
    b.advance(minutes=1)
    saved = member_pin.set_pin(b.ctx, twin, "802461", b.desk)
    a.sync()  # A's sign-up arrives first: canonical
    b.sync()  # B's becomes its alias; B's rows, its PIN among them, move to A's id
    a.sync()

    assert b.member(twin) is None and _hash_at(b, twin) is None
    for till in (a, b):
        assert _hash_at(till, first) == saved.pin_hash
        assert _pays(till, first, "802461") and not _pays(till, first, MOBILE_PIN)
    assert a.problems() == [] and b.problems() == []
