"""Card numbers are unique across the chain, offline too: two tills of one store, two stores of
one region and two merchants at one head office each issue cards offline, sync, and every card
identifies its own member at every till (real head office on PostgreSQL and SQLite)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import sqlalchemy as sa

from domain.services import cardissue
from domain.services.context import to_wire
from domain.services.members import find_by_card
from headoffice.tables import cards, events, recon_cases, terminals
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till

_mobiles = itertools.count(13700000001)


def _issue_offline(till: Till, count: int) -> dict[str, str]:
    """`count` new members each given a new card at `till`, which is offline: number -> member."""
    issued = {}
    for _ in range(count):
        member = till.register("顾客", str(next(_mobiles)))
        issued[cardissue.issue_card(till.ctx, member, till.desk).card.number] = member
    return issued


def _identifies(till: Till, number: str, look_up: bool) -> str:
    """The member a card number identifies at `till` (a till of another store looks a member
    new to it up at head office first; a till of the same store has them from the pull)."""
    with till.app.store.reader() as uow:
        known = uow.cards.get(number) is not None
    if not known and look_up:
        assert till.client is not None
        till.client.lookup(card=number)
    return find_by_card(till.ctx, number).member.id


def _every_card_is_its_members(tills: list[Till], issued: dict[str, str],
                               look_up: bool = True) -> None:
    for till in tills:
        assert {n: _identifies(till, n, look_up) for n in issued} == issued


def _other_tenant(server: Server, tenant: Tenant) -> Tenant:
    other = Tenant(tenant.merchant + "X", tenant.a + "X", tenant.b + "X")
    server.add_stores(other.a, other.b, merchant=other.merchant)
    return other


def test_two_tills_of_one_store_issue_offline_and_every_number_is_unique(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    one, two = make_till("A1"), make_till("A2")
    one.enroll(server, tenant.a)
    two.enroll(server, tenant.a)
    first, second = _issue_offline(one, 3), _issue_offline(two, 3)
    assert not set(first) & set(second)
    for till in (one, two, one):
        till.sync()
    _every_card_is_its_members([one, two], first | second, look_up=False)
    assert one.problems() == [] and two.problems() == []


def test_two_stores_of_one_region_issue_offline_and_every_number_is_unique(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    assert a.app.settings.region_code == b.app.settings.region_code
    at_a, at_b = _issue_offline(a, 3), _issue_offline(b, 3)
    assert not set(at_a) & set(at_b)
    for till in (a, b, a):
        till.sync()
    _every_card_is_its_members([a, b], at_a | at_b)
    assert a.problems() == [] and b.problems() == []


def test_two_merchants_at_one_head_office_issue_offline_and_every_number_is_unique(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    other = _other_tenant(server, tenant)
    a, c = make_till("A"), make_till("C")
    a.enroll(server, tenant.a)
    c.enroll(server, other.a)
    at_a, at_c = _issue_offline(a, 3), _issue_offline(c, 3)
    assert not set(at_a) & set(at_c)
    assert {n[:2] for n in at_a}.isdisjoint({n[:2] for n in at_c})  # a brand per merchant
    for till in (a, c, a):
        till.sync()
    _every_card_is_its_members([a], at_a)
    _every_card_is_its_members([c], at_c)
    with server.engine.connect() as conn:
        holders = dict(conn.execute(sa.select(cards.c.number, cards.c.member_id).where(
            cards.c.number.in_([*at_a, *at_c]))).all())
    assert holders == at_a | at_c


def test_another_merchants_till_sending_our_numbers_leaves_our_cards_with_our_members(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    """The reported attack, replayed: merchant 2's till claims merchant 1's card numbers for
    its own members. Head office keeps each card with its member and opens a case for
    each merchant."""
    other = _other_tenant(server, tenant)
    a, c = make_till("A"), make_till("C")
    a.enroll(server, tenant.a)
    c.enroll(server, other.a)
    ours = _issue_offline(a, 2)
    a.sync()
    theirs = [c.register("冒名", str(next(_mobiles))) for _ in ours]
    with c.app.store.uow() as uow:
        for number, member in zip(ours, theirs, strict=True):
            forged = {"number": number, "member_id": member, "state": "active",
                      "expiry": "3005", "kind": "stripe", "is_staff": False,
                      "replaced_by": None, "issued_at": to_wire(c.clock.now())}
            uow.outbox.append("card.issued", forged, member_id=member,
                              occurred_at_iso=c.clock.now().isoformat())
        uow.commit()
    c.sync()
    a.sync()

    with server.engine.connect() as conn:
        holders = dict(conn.execute(sa.select(cards.c.number, cards.c.member_id).where(
            cards.c.number.in_(list(ours)))).all())
        codes = list(conn.scalars(sa.select(events.c.code).where(
            events.c.type == "card.issued", events.c.terminal_id == c.app.settings.terminal_id)))
        opened = conn.execute(sa.select(recon_cases.c.kind, recon_cases.c.details).where(
            recon_cases.c.kind == "card.duplicate_number")).all()
    assert holders == ours
    # Another merchant's card is refused by the tenancy table before any card rule runs
    # (headoffice/tenancy_rules.py): quarantined, no case about our members opened by them.
    assert codes == ["card.other_merchant"] * len(ours)
    assert [d for _, d in opened if d["number"] in ours] == []
    with server.engine.connect() as conn:
        ho_terminals = dict(conn.execute(sa.select(terminals.c.id, terminals.c.merchant_id)).all())
        ours_m, theirs_m = (ho_terminals[t.app.settings.terminal_id] for t in (a, c))
        told = dict(conn.execute(sa.select(recon_cases.c.kind, recon_cases.c.merchant_id).where(
            recon_cases.c.kind.in_(["tenancy.refused", "tenancy.named_by_other"]),
            recon_cases.c.merchant_id.in_([ours_m, theirs_m]))).all())
    # Each merchant hears of it: theirs replaces the cards it issued, ours sees who tried.
    assert told == {"tenancy.refused": theirs_m, "tenancy.named_by_other": ours_m}
    assert len(theirs) == len(ours)
    _every_card_is_its_members([a], ours)
    assert a.problems() == []
