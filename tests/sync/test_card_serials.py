"""Serial blocks, pre-printed stock and duplicate numbers with a real head office: blocks run low
and sync renews them, a till with none left refuses with the count, pre-printed cards register
to one store, and numbers issued twice before enrolment are kept apart, reported by
`kaika verify` at the till and by `kaika-headoffice check`."""

from __future__ import annotations

import itertools
import json
import subprocess
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from domain.cards import make_card_number
from domain.errors import DomainError
from domain.services import cardissue
from domain.services.cardserials import card_serials
from domain.services.members import find_by_card
from headoffice.tables import card_blocks, cards, events, recon_cases
from tests.sync.fixtures import Tenant
from tests.sync.harness import BIN, Server, Till
from tests.sync.test_card_numbers import _issue_offline


def _ho(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "kaika-headoffice"), *args], capture_output=True,
                          text=True, timeout=120)


def _blocks(server: Server, till: Till) -> list[tuple[int, int]]:
    with server.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(card_blocks.c.first_serial, card_blocks.c.last_serial).where(
                card_blocks.c.terminal_id == till.app.settings.terminal_id)
            .order_by(card_blocks.c.first_serial))]


def test_blocks_run_low_sync_renews_them_and_with_none_left_issuing_is_refused_with_the_count(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server = make_server(card_block_size=4)
    a, b = make_till("A"), make_till("B")
    a.enroll(server, "S001")
    b.enroll(server, "S001")
    assert card_serials(a.ctx).left == 4  # the block came with the enrolment answer
    first = _issue_offline(a, 3)
    assert card_serials(a.ctx).left == 1
    a.sync()  # fewer than half a block left: sync brings another
    assert card_serials(a.ctx).left == 5
    assert a.client is not None
    a.client.renew_blocks()  # asking again allots nothing more while enough are left
    assert len(_blocks(server, a)) == 2

    more = _issue_offline(a, 5)  # offline, every number used
    member = a.register("没号", "13911112222")
    with pytest.raises(DomainError) as refused:
        cardissue.issue_card(a.ctx, member, a.desk)
    assert (refused.value.code, refused.value.params["left"]) == ("card.no_serials", 0)
    with pytest.raises(DomainError) as also:
        cardissue.replace_card(a.ctx, next(iter(first)), a.desk)
    assert also.value.code == "card.no_serials"
    assert card_serials(a.ctx).next_number is None

    a.sync()
    issued = first | more | {cardissue.issue_card(a.ctx, member, a.desk).card.number: member}
    b.sync()
    at_b = _issue_offline(b, 2)
    for till in (a, b, a):
        till.sync()
    assert len(issued) == 9 and len(at_b) == 2 and not set(issued) & set(at_b)
    spans = sorted(_blocks(server, a) + _blocks(server, b))
    assert all(high < low for (_, high), (low, _) in itertools.pairwise(spans))
    assert {n: find_by_card(b.ctx, n).member.id for n in issued} == issued


def test_pre_printed_cards_register_to_one_store_and_link_only_there(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    with a.app.store.reader() as uow:
        brand = uow.settings.get().card_brand
    region = a.app.settings.region_code
    low, high = (make_card_number(brand, "0", region, s) for s in (90000, 90099))
    done = _ho("cards", "register", "--db", server.db_url, "--store", tenant.a,
               "--from", low, "--to", high)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["count"] == 100
    again = _ho("cards", "register", "--db", server.db_url, "--store", tenant.b,
                "--from", make_card_number(brand, "0", region, 90050), "--to",
                make_card_number(brand, "0", region, 90149))
    assert again.returncode == 1 and "card.range_taken" in again.stderr
    a.sync()
    b.sync()

    printed = make_card_number(brand, "0", region, 90007)
    member_a, member_b = a.register("预印", "13922223333"), b.register("别店", "13922224444")
    assert cardissue.link_card(a.ctx, member_a, printed, a.desk).number == printed  # offline
    with pytest.raises(DomainError) as refused:
        cardissue.link_card(b.ctx, member_b, make_card_number(brand, "0", region, 90008),
                           b.desk)
    assert refused.value.code == "card.not_registered"
    with pytest.raises(DomainError) as not_printed:  # a number of A's own block is no stock
        cardissue.link_card(a.ctx, member_a, make_card_number(brand, "0", region, 3),
                           a.desk)
    assert not_printed.value.code == "card.not_registered"
    a.sync()
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(cards.c.member_id).where(cards.c.number == printed)) == (
            member_a)
    # New blocks skip the registered stock.
    assert all(not (low <= 90000 <= high or low <= 90099 <= high)
               for low, high in _blocks(server, a) + _blocks(server, b))


def test_numbers_issued_twice_before_enrolment_stay_with_their_members_and_are_reported(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    """Two standalone shops each numbered cards with the pack's brand from serial 1, then
    joined one merchant: head office keeps the first it heard of, quarantines the other with
    a case, and both the till that holds the other and head office's check report it."""
    server = make_server()
    a, b = make_till("A", store_code="S001"), make_till("B", store_code="S002")
    at_a, at_b = _issue_offline(a, 1), _issue_offline(b, 1)
    ((number, ours),), ((same, theirs),) = at_a.items(), at_b.items()
    assert number == same  # each was the only issuer of its brand
    a.enroll(server, "S001")
    a.sync()
    b.enroll(server, "S002")
    b.sync()

    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(cards.c.member_id).where(cards.c.number == number)) == ours
        code = conn.scalar(sa.select(events.c.code).where(
            events.c.type == "card.issued",
            events.c.terminal_id == b.app.settings.terminal_id))
        case = conn.execute(sa.select(recon_cases.c.id, recon_cases.c.details).where(
            recon_cases.c.kind == "card.duplicate_number")).one()
    assert code == "card.other_member"
    assert (case.details["held_by"]["member_id"], case.details["claimed_by"]["member_id"]) == (
        ours, theirs)

    # B's store now serves A's member: head office sends her card; B keeps its own holder.
    mobile = a.member(ours).mobile
    assert b.client is not None and b.client.lookup(mobile=mobile) == ours
    assert find_by_card(b.ctx, number).member.id == theirs
    assert find_by_card(a.ctx, number).member.id == ours
    assert [p.to_dict() for p in b.problems()] == [{
        "code": "card.duplicate_number", "params": {
            "number": number, "member_id": theirs, "other_member_id": ours,
            "source": "head_office"}}]
    assert a.problems() == []

    checked = _ho("check", "--db", server.db_url)
    assert checked.returncode == 1, checked.stderr
    (finding,) = json.loads(checked.stdout)
    assert (finding["number"], finding["case_id"]) == (number, case.id)  # no second case
    assert {c["member_id"] for c in finding["claims"]} == {ours, theirs}


def test_a_till_enrolled_before_blocks_refuses_until_its_next_sync_brings_brand_and_block(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    """Migration 0007 leaves an enrolled till with no brand and no block: it must not go on
    numbering from its own cards, and one sync puts it right."""
    a = make_till("A")
    a.enroll(server, tenant.a)
    with a.app.store.uow() as uow:
        uow.session.execute(sa.text("UPDATE store_settings SET card_brand = ''"))
        uow.session.execute(sa.text("DELETE FROM card_blocks"))
        uow.commit()
    member = a.register("升级", "13933334444")
    with pytest.raises(DomainError) as refused:
        cardissue.issue_card(a.ctx, member, a.desk)
    assert (refused.value.code, refused.value.params["left"]) == ("card.no_serials", 0)
    a.sync()
    with a.app.store.reader() as uow:
        brand = uow.settings.get().card_brand
    assert brand and cardissue.issue_card(a.ctx, member, a.desk).card.number.startswith(brand)


def test_a_till_claiming_numbers_it_was_not_allotted_is_refused_and_cannot_use_the_range_up(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    """A till of the same merchant sends numbers outside its blocks: one in the other till's
    block is refused with a case; one far up the range, nobody's, is kept but costs the other
    tills nothing; a malformed one is refused."""
    server = make_server(card_block_size=4)
    a, b = make_till("A"), make_till("B")
    a.enroll(server, "S001")
    b.enroll(server, "S002")
    (b_low, _), = _blocks(server, b)
    with a.app.store.reader() as uow:
        prefix = uow.settings.get().card_brand + "0" + a.app.settings.region_code
    claims = {make_card_number(prefix[:2], "0", prefix[3:], b_low): "card.not_allotted",
              make_card_number(prefix[:2], "0", prefix[3:], 99999): None,
              "13O3101000013": "card.bad_number"}
    member = a.register("越界", "13944445555")
    with a.app.store.uow() as uow:
        for number in claims:
            uow.outbox.append("card.issued", {
                "number": number, "member_id": member, "state": "active", "expiry": "3005"},
                member_id=member, occurred_at_iso=a.clock.now().isoformat())
        uow.commit()
    a.sync()

    with server.engine.connect() as conn:
        codes = dict(conn.execute(sa.select(events.c.payload["number"].as_string(),
                                            events.c.code).where(
            events.c.type == "card.issued", events.c.status == "quarantined")).tuples().all())
        opened = conn.execute(sa.select(recon_cases.c.details).where(
            recon_cases.c.kind == "card.not_allotted")).scalars().all()
    assert codes == {n: c for n, c in claims.items() if c}
    (case,) = opened
    assert case["reserved_for"]["terminal_id"] == b.app.settings.terminal_id
    _issue_offline(b, 3)
    b.sync()  # B's next block is the next four, not past serial 99999
    assert _blocks(server, b)[-1] == (b_low + 4, b_low + 7)  # A has the block before B's
