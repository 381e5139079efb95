"""Member profile edits made at the front desk travel between stores through head office:
the change reaches the other till, concurrent edits settle by hybrid clock, an opt-out wins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from domain.hlc import Stamp
from domain.services.profiles import update_member
from headoffice.tables import members
from tests.sync.fixtures import Tenant, enrolled_pair, member_at_both
from tests.sync.harness import Server, Till


def _profile(server: Server, member: str) -> dict[str, object]:
    with server.engine.connect() as conn:
        return dict(conn.scalar(sa.select(members.c.profile).where(members.c.id == member)))


def test_an_edit_at_store_a_reaches_store_b_and_the_id_number_stays_at_a(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    a.advance(minutes=1)
    update_member(a.ctx, member, {"name": "张三丰", "email": "zsf@Example.CN",
                                  "tags": "VIP，老客", "consent_marketing": True,
                                  "id_number": "11010519491231002X"}, a.desk)
    a.sync()
    b.sync()

    at_b = b.member(member)
    assert (at_b.name, at_b.email, at_b.tags) == ("张三丰", "zsf@example.cn", ("VIP", "老客"))
    assert at_b.consent_marketing is True  # signed up without it: an opt-in is no conflict
    assert (at_b.birth_year, at_b.birth_month, at_b.birth_day) == (1949, 12, 31)
    assert at_b.id_number is None and a.member(member).id_number == "11010519491231002X"
    assert "id_number" not in _profile(server, member)
    assert a.problems() == [] and b.problems() == []


def test_concurrent_edits_settle_field_by_field_on_the_later_stamp(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    b.sync()
    a.advance(minutes=1)
    b.advance(minutes=2)  # B's edit of the address is the later one
    update_member(a.ctx, member, {"address": "A店改的地址", "occupation": "医生"}, a.desk)
    update_member(b.ctx, member, {"address": "B店改的地址"}, b.desk)
    b.sync()  # the later edit arrives first ...
    a.sync()  # ... and the earlier one does not overwrite it
    b.sync()

    for till in (a, b):
        merged = till.member(member)
        assert (merged.address, merged.occupation) == ("B店改的地址", "医生")
    assert _profile(server, member)["address"] == "B店改的地址"


def test_a_local_edit_is_shown_until_head_office_has_it_whatever_a_pull_brings(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    update_member(a.ctx, member, {"notes": "周末来店"}, a.desk)
    update_member(b.ctx, member, {"occupation": "律师"}, b.desk)
    b.sync()
    assert a.client is not None
    a.client.pull_all()  # B's edit comes in before A has pushed its own

    pulled = a.member(member)
    assert (pulled.notes, pulled.occupation) == ("周末来店", "律师")
    a.sync()
    b.sync()
    assert (b.member(member).notes, b.member(member).occupation) == ("周末来店", "律师")


def test_an_opt_out_wins_over_another_tills_opt_in_of_the_same_day_and_keeps_its_time(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    # Stamps are the tills' clocks on head office's time (the offset each sync measures);
    # the minutes advanced here stay inside the five head office accepts ahead of it.
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    b.sync()
    b.advance(minutes=1)
    update_member(b.ctx, member, {"consent_marketing": True}, b.desk)  # never asked: just LWW
    b.advance(minutes=1)
    out = update_member(b.ctx, member, {"consent_marketing": False}, b.desk)
    a.advance(minutes=3)  # A's opt-in is a minute later, offline, not knowing of it
    update_member(a.ctx, member, {"consent_marketing": True}, a.desk)
    b.sync()
    a.sync()
    b.sync()

    for till in (a, b):
        merged = till.member(member)
        assert (merged.consent_marketing, merged.consent_marketing_at) == (
            False, out.consent_marketing_at)
    assert _profile(server, member)["consent_marketing"] is False
    # The member changes their mind again at B, which saw its own opt-out: that one counts.
    b.advance(minutes=1)
    again = update_member(b.ctx, member, {"consent_marketing": True}, b.desk)
    b.sync()
    a.sync()
    assert (a.member(member).consent_marketing, a.member(member).consent_marketing_at) == (
        True, again.consent_marketing_at)


def test_a_till_with_a_day_fast_clock_does_not_carry_the_others_stamps_ahead(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    assert a.client is not None and b.client is not None
    a.client.hlc.observe(Stamp(int((datetime.now(UTC) + timedelta(days=1)).timestamp() * 1000),
                               0, "somewhere"))
    update_member(a.ctx, member, {"notes": "快钟"}, a.desk)
    a.sync()  # the push carries A's day-fast clock to head office
    b.sync()  # and head office answers B with its own clock
    update_member(b.ctx, member, {"notes": "正常"}, b.desk)
    b.sync()
    a.sync()

    soon = int((datetime.now(UTC) + timedelta(minutes=5)).timestamp() * 1000)
    assert b.client.hlc.last.ms < soon
    assert a.member(member).notes == b.member(member).notes == "正常"
