"""Head office's answers, signed: what is signed, how head office signs it, how a till checks it.

Every answer carries `X-Kaika-Answer-Signature`: one `PUBLIC_KEY:SIGNATURE` pair per key head
office holds (base64url, comma separated), each Ed25519 over `answer_text`: the request it
answers (method, target, terminal, nonce), the answer's status, its `X-Kaika-Server-Time` and
the SHA-256 of its body. A genuine answer recorded earlier therefore proves nothing about any
other request (the till's nonce is new each time), and no byte of status, body or time can be
changed. A till accepts an answer signed by any key it trusts (the keys listed at enrolment and
in later allowance grants): signing with every key lets head office roll to a new key while
tills still trust the old one (docs/headoffice.md, "Head office's keys").

The enrolment answer is also bound to the one-time code (`X-Kaika-Enrol-Proof`, HMAC-SHA256
keyed by the code over the same text): the till has no key yet, and a man in the middle who
does not know the code cannot substitute keys of its own.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from sync.signing import KeyPair, b64, unb64, verify_raw

HEADER_ANSWER_SIGNATURE = "X-Kaika-Answer-Signature"
HEADER_ENROL_PROOF = "X-Kaika-Enrol-Proof"
_PAIR, _SEP = ":", ","


@dataclass(frozen=True, slots=True)
class Answered:
    """The request an answer belongs to, as the till sent it."""

    method: str
    target: str  # path and query string, as sent
    terminal: str  # `X-Kaika-Terminal` ("" at enrolment)
    nonce: str  # `X-Kaika-Nonce`


def answer_text(to: Answered, status: int, server_time: str, body: bytes) -> bytes:
    """What head office signs: the request answered, then the answer itself."""
    digest = hashlib.sha256(body).hexdigest()
    return (f"kaika-answer-1\n{to.method.upper()}\n{to.target}\n{to.terminal}\n{to.nonce}\n"
            f"{status}\n{server_time}\n{digest}").encode()


def normal_code(code: str) -> str:
    """An enrolment code as head office hashes it: letters and digits, upper case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def sign(keys: Iterable[KeyPair], text: bytes) -> str:
    """The signature header's value: every key's signature, named by its public half."""
    return _SEP.join(f"{k.public_text()}{_PAIR}{b64(k.private.sign(text))}" for k in keys)


def enrol_proof(code: str, text: bytes) -> str:
    return b64(hmac.new(normal_code(code).encode(), text, hashlib.sha256).digest())


def signed_by(header: str, trusted: Iterable[str], text: bytes) -> str | None:
    """The trusted key whose signature in `header` verifies `text`; None if there is none."""
    wanted = set(trusted)
    for pair in header.split(_SEP):
        key, _, signature = pair.strip().partition(_PAIR)
        if key in wanted and verify_raw(key, signature, text):
            return key
    return None


def proof_holds(header: str, code: str, text: bytes) -> bool:
    try:
        given = unb64(header)
    except ValueError:
        return False
    return hmac.compare_digest(given, unb64(enrol_proof(code, text)))

