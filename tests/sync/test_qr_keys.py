"""The dynamic member QR's keys: a till learns its merchant's public QR keys at enrolment and
through grants, accepts codes head office signed for its merchant, and refuses another
merchant's, a replay, a stale code and the old card-secret format. Real head-office processes."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable

import pytest

from domain import dynamicqr
from domain.errors import DomainError
from domain.services import cardissue
from domain.services.members import find_by_code
from headoffice import keys
from sync import credentials, qrkeys
from sync.signing import KeyPair
from tests.sync.fixtures import Tenant
from tests.sync.harness import BIN, Server, Till


@pytest.fixture(scope="module")
def backend() -> str:
    return "postgres"


def _merchant_key(server: Server, till: Till) -> KeyPair:
    with till.app.store.reader() as uow:
        merchant_id = uow.settings.get().merchant_id
    return qrkeys.merchant_pairs(keys.read_file(server.key_file).pairs, merchant_id)[0]


def _card(till: Till) -> str:
    member = till.register("张三", "13800138000")
    return cardissue.issue_card(till.ctx, member, till.desk).card.number


def test_a_till_learns_its_merchants_qr_key_and_accepts_only_that_merchants_codes(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    mine = _merchant_key(server, till)
    saved = credentials.load(credentials.path_for(till.app.store.path))
    assert saved.qr_keys == (mine.public_text(),)
    assert mine.public_text() not in saved.server_keys  # not the answer key itself
    number = _card(till)
    now = till.clock.now()
    good = dynamicqr.make_payload(number, now, mine.private.sign, os.urandom(6))
    assert find_by_code(till.ctx, good).card is not None
    other = qrkeys.merchant_pairs(keys.read_file(server.key_file).pairs, "another-merchant")[0]
    forged = dynamicqr.make_payload(number, now, other.private.sign, os.urandom(6))
    with pytest.raises(DomainError, match=r"card\.qr_bad_signature"):
        find_by_code(till.ctx, forged)
    with pytest.raises(DomainError, match=r"scan\.unrecognized"):  # the old HMAC format
        find_by_code(till.ctx, "KK1" + "A" * 42)


def test_replayed_and_stale_codes_are_refused_at_the_till(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    number, key = _card(till), _merchant_key(server, till)
    seen = dynamicqr.SeenNonces(till.clock, till.ctx.pack.cards.dynamic_qr_ttl_s)
    code = dynamicqr.make_payload(number, till.clock.now(), key.private.sign, os.urandom(6))
    ttl = till.ctx.pack.cards.dynamic_qr_ttl_s
    # What the till's sale and desk do with a scanned code (domain/services/till.py).
    seen.admit(dynamicqr.read_payload(code, till.clock.now(), till.ctx.qr_verify, ttl))
    assert find_by_code(till.ctx, code).card is not None
    with pytest.raises(DomainError, match=r"card\.qr_replayed"):
        seen.admit(dynamicqr.read_payload(code, till.clock.now(), till.ctx.qr_verify, ttl))
    stale = dynamicqr.make_payload(number, till.clock.now(), key.private.sign, os.urandom(6))
    till.advance(seconds=ttl + 31)
    with pytest.raises(DomainError, match=r"card\.qr_expired"):
        find_by_code(till.ctx, stale)


def test_an_unenrolled_till_says_it_has_no_qr_keys(make_till: Callable[..., Till]) -> None:
    till = make_till()
    number = _card(till)
    code = dynamicqr.make_payload(number, till.clock.now(), KeyPair.generate().private.sign,
                                  os.urandom(6))
    with pytest.raises(DomainError, match=r"card\.qr_keys_missing"):
        find_by_code(till.ctx, code)


def test_every_till_of_the_merchant_learns_the_same_key_and_a_rotation_through_grants(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server = make_server("sqlite", stores=("S001", "S002"))
    first, second = make_till("A"), make_till("B", store_code="S002")
    first.enroll(server, "S001")
    second.enroll(server, "S002")
    keys_of = [credentials.load(credentials.path_for(t.app.store.path)).qr_keys
               for t in (first, second)]
    assert keys_of[0] == keys_of[1] and len(keys_of[0]) == 1  # one merchant, one key
    old = keys_of[0][0]
    subprocess.run([str(BIN / "kaika-headoffice"), "keygen", "--add", str(server.key_file)],
                   capture_output=True, text=True, check=True)
    server.kill()
    server.start()
    first.connect(server.url)
    assert first.client is not None
    grant = first.client.renew()
    learnt = credentials.load(credentials.path_for(first.app.store.path)).qr_keys
    assert learnt == tuple(grant.qr_keys) and len(learnt) == 2 and learnt[0] == old
    # Head office still signs with the first (old) key: a till that has not renewed yet
    # accepts the code all the same.
    number = _card(second)
    signer = _merchant_key(server, second)
    assert signer.public_text() == old
    code = dynamicqr.make_payload(number, second.clock.now(), signer.private.sign,
                                  os.urandom(6))
    assert find_by_code(second.ctx, code).card is not None
