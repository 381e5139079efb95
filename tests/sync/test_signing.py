"""Request and answer signatures: made by the right key, refused when anything signed changed."""

from __future__ import annotations

import pytest

from sync import answers
from sync.answers import Answered
from sync.signing import KeyPair, valid_public_key, verify

BODY = b'{"batch_id":"b1","events":[]}'


def test_a_signature_verifies_with_the_public_half_only() -> None:
    keys = KeyPair.generate()
    again = KeyPair.from_private_text(keys.private_text())
    signature = again.sign("POST", "/v1/sync/push", 1_700_000_000_000, "n1", BODY)
    assert verify(keys.public_text(), signature, "post", "/v1/sync/push", 1_700_000_000_000,
                  "n1", BODY)
    assert valid_public_key(keys.public_text()) and not valid_public_key("abc")


@pytest.mark.parametrize(("method", "target", "stamp", "nonce", "body"), [
    ("GET", "/v1/sync/push", 1_700_000_000_000, "n1", BODY),
    ("POST", "/v1/sync/pull", 1_700_000_000_000, "n1", BODY),
    ("POST", "/v1/sync/push", 1_700_000_000_001, "n1", BODY),
    ("POST", "/v1/sync/push", 1_700_000_000_000, "n2", BODY),
    ("POST", "/v1/sync/push", 1_700_000_000_000, "n1", BODY + b" "),
])
def test_changing_anything_signed_breaks_the_signature(
        method: str, target: str, stamp: int, nonce: str, body: bytes) -> None:
    keys = KeyPair.generate()
    signature = keys.sign("POST", "/v1/sync/push", 1_700_000_000_000, "n1", BODY)
    assert not verify(keys.public_text(), signature, method, target, stamp, nonce, body)


def test_the_tills_own_clock_is_signed_so_nobody_can_add_change_or_strip_it() -> None:
    keys = KeyPair.generate()
    signature = keys.sign("GET", "/v1/sync/pull", 1, "n", b"", till_time_ms=7_200_001)
    public = keys.public_text()
    assert verify(public, signature, "GET", "/v1/sync/pull", 1, "n", b"", 7_200_001)
    assert not verify(public, signature, "GET", "/v1/sync/pull", 1, "n", b"", 1)
    assert not verify(public, signature, "GET", "/v1/sync/pull", 1, "n", b"")
    plain = keys.sign("GET", "/v1/sync/pull", 1, "n", b"")
    assert not verify(public, plain, "GET", "/v1/sync/pull", 1, "n", b"", 1)


def test_another_tills_key_does_not_verify() -> None:
    mine, theirs = KeyPair.generate(), KeyPair.generate()
    signature = theirs.sign("POST", "/v1/sync/push", 1, "n", BODY)
    assert not verify(mine.public_text(), signature, "POST", "/v1/sync/push", 1, "n", BODY)


# --- head office's answers ---------------------------------------------------------------------

TO = Answered("GET", "/v1/sync/pull?cursor=&limit=500", "t-1", "n-1")


@pytest.mark.parametrize(("to", "status", "server_time", "body"), [
    (Answered("POST", TO.target, TO.terminal, TO.nonce), 200, "1700000000000", BODY),
    (Answered(TO.method, "/v1/sync/pull?cursor=x", TO.terminal, TO.nonce), 200, "1700000000000",
     BODY),
    (Answered(TO.method, TO.target, "t-2", TO.nonce), 200, "1700000000000", BODY),
    (Answered(TO.method, TO.target, TO.terminal, "n-2"), 200, "1700000000000", BODY),
    (TO, 409, "1700000000000", BODY),
    (TO, 200, "2488000000000", BODY),
    (TO, 200, "1700000000000", BODY + b" "),
])
def test_an_answer_signature_binds_the_request_and_every_part_of_the_answer(
        to: Answered, status: int, server_time: str, body: bytes) -> None:
    key = KeyPair.generate()
    header = answers.sign([key], answers.answer_text(TO, 200, "1700000000000", BODY))
    assert answers.signed_by(header, [key.public_text()],
                             answers.answer_text(TO, 200, "1700000000000", BODY))
    assert answers.signed_by(header, [key.public_text()],
                             answers.answer_text(to, status, server_time, body)) is None


def test_an_answer_signed_by_two_keys_is_accepted_by_either_and_by_no_stranger() -> None:
    old, new, stranger = KeyPair.generate(), KeyPair.generate(), KeyPair.generate()
    text = answers.answer_text(TO, 200, "1", BODY)
    header = answers.sign([old, new], text)
    assert answers.signed_by(header, [old.public_text()], text) == old.public_text()
    assert answers.signed_by(header, [new.public_text()], text) == new.public_text()
    assert answers.signed_by(header, [stranger.public_text()], text) is None
    # A stranger's signature listed under a trusted key's name does not pass either.
    borrowed = f"{old.public_text()}:{answers.sign([stranger], text).split(':')[1]}"
    assert answers.signed_by(borrowed, [old.public_text()], text) is None
    assert answers.signed_by("garbage", [old.public_text()], text) is None


def test_the_enrolment_proof_needs_the_code() -> None:
    text = answers.answer_text(Answered("POST", "/v1/terminals/enroll", "", "n"), 200, "1", BODY)
    proof = answers.enrol_proof("ABCD-EFGH-JKMN", text)
    assert answers.proof_holds(proof, "abcd efgh jkmn", text)  # typed as head office hashes it
    assert not answers.proof_holds(proof, "ABCD-EFGH-JKMP", text)
    assert not answers.proof_holds(proof, "ABCD-EFGH-JKMN", text + b"x")
    assert not answers.proof_holds("!!", "ABCD-EFGH-JKMN", text)
