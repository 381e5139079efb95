"""A payment PIN a till held before PINs travelled (no `member.patched` carries its hash) is
announced at enrolment, dated when it was set, so head office and the other stores learn it
without letting it beat a PIN chosen since at another store."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa

from domain.hlc import Stamp
from domain.records import MemberPin
from domain.services import member_pin
from headoffice.tables import members
from tests.sync.fixtures import TILL_START, Tenant
from tests.sync.harness import Server, Till

MOBILE = "13800138000"
MOBILE_PIN = "138000"  # the mobile's last six digits: the PIN of a member without their own


def _old_pin(till: Till, member_id: str, pin: str) -> MemberPin:
    """A PIN as a till saved it before its hash went to head office: the row, no event."""
    saved = MemberPin(member_id, till.ctx.hash_pin(pin), set_at=till.clock.now(), set_by="desk")
    with till.app.store.uow() as uow:
        uow.member_pins.save(saved)
        uow.commit()
    return saved


def _pin_events(till: Till) -> list[dict[str, object]]:
    """The queued `member.patched` events that carry a PIN hash, oldest first."""
    with till.app.store.reader() as uow:
        rows = uow.session.execute(sa.text(
            "SELECT payload FROM outbox WHERE type = 'member.patched' ORDER BY seq"))
        payloads = [p if isinstance(p, dict) else json.loads(p) for (p,) in rows]
    return [p for p in payloads if "pin_hash" in p["fields"]]


def _pays(till: Till, member_id: str, pin: str) -> bool:
    return member_pin.check_pin(till.ctx, till.member(member_id), pin)


def _head_office_pin(server: Server, member_id: str) -> tuple[object, object]:
    with server.engine.connect() as conn:
        row = conn.execute(sa.select(members.c.pin_hash, members.c.pin_set_at).where(
            members.c.id == member_id)).one()
    return row.pin_hash, row.pin_set_at


def test_a_pin_held_before_enrolment_reaches_head_office_and_pays_at_the_other_store(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    b.enroll(server, tenant.b)
    member = a.register("张三", MOBILE)  # A used on its own for a while
    old = _old_pin(a, member, "802461")
    assert _pin_events(a) == []
    a.advance(days=3)

    a.enroll(server, tenant.a)
    [sent] = _pin_events(a)
    a.sync()

    assert old.set_at is not None
    assert sent["member_id"] == member and sent["fields"] == {
        "pin_hash": old.pin_hash, "pin_set_at": old.set_at.isoformat()}
    assert _head_office_pin(server, member) == (old.pin_hash, old.set_at)
    assert b.client is not None and b.client.lookup(mobile=MOBILE) == member
    assert _pays(b, member, "802461")
    assert not _pays(b, member, MOBILE_PIN)
    assert a.problems() == [] and b.problems() == []


def test_the_announced_pin_is_stamped_when_it_was_set_not_when_it_was_announced(
        make_till: Callable[..., Till], server: Server, tenant: Tenant) -> None:
    a = make_till("A")
    member = a.register("张三", MOBILE)
    old = _old_pin(a, member, "802461")
    a.advance(days=3)
    a.enroll(server, tenant.a)

    [sent] = _pin_events(a)
    with a.app.store.reader() as uow:
        offset = int(uow.session.scalar(sa.text("SELECT server_offset_ms FROM sync_state")))
    assert old.set_at is not None
    stamp = Stamp.parse(str(sent["hlc"]))
    # On head office's clock, as every stamp of this till: three days before enrolment.
    assert stamp.ms == int(old.set_at.timestamp() * 1000) + offset


def test_a_pin_already_queued_is_not_announced_again_nor_the_mobile_digits(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a = make_till("A")
    chose = a.register("张三", MOBILE)
    member_pin.set_pin(a.ctx, chose, "802461", a.desk)  # its event is queued already
    mobile_only = a.register("李四", "13900139000")
    assert not _pays(a, mobile_only, "000000")  # a wrong try: a PIN row without a PIN

    a.enroll(server, tenant.a)

    assert [e["member_id"] for e in _pin_events(a)] == [chose]
    a.sync()
    assert _head_office_pin(server, mobile_only) == (None, None)


def test_an_old_pin_announced_late_does_not_beat_a_pin_chosen_since_at_another_store(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a = make_till("A")
    b = make_till("B", start=TILL_START - timedelta(minutes=10))
    a.enroll(server, tenant.a)
    first = a.register("王五", MOBILE)
    a.sync()
    twin = b.register("王五", MOBILE)  # the same person signed up at B, not yet enrolled
    _old_pin(b, twin, "246801")  # chosen ten minutes before A's ...
    later = member_pin.set_pin(a.ctx, first, "975310", a.desk)  # ... this one
    a.sync()
    b.advance(minutes=10)

    b.enroll(server, tenant.b)  # the old PIN is announced now, after A's
    b.sync()  # B's member becomes A's alias; the later PIN, A's, stays everywhere
    a.sync()

    assert _head_office_pin(server, first)[0] == later.pin_hash
    for till in (a, b):
        assert _pays(till, first, "975310")
        assert not _pays(till, first, "246801")
