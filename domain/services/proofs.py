"""Proofs only the services mint: a manager's approval of one action for one staff member, a
member's wallet PIN checked for one payment, and a member card shown at the till (swiped,
scanned, or the phone's dynamic QR). Approvals and PINs are good once; each for a short time.

A proof is a plain frozen record the caller carries (a screen, a held sale), but it counts only
when it is the very record this process minted and kept in its `ProofBook` (on the
ServiceContext): a record made or altered by hand, one from another run of the program, one
already used or one older than its time is refused. Nothing here is persisted: after a restart
the manager approves again and the member types the PIN again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

APPROVAL_TTL = timedelta(minutes=5)  # the manager walks over, approves, the sale is paid
PIN_PROOF_TTL = timedelta(minutes=5)  # the member types the PIN, the payment goes through
CARD_SHOWN_TTL = timedelta(minutes=30)  # the card is shown at the start of a long sale


@dataclass(frozen=True, slots=True)
class Approval:
    """A manager's word for one action (`action` is the use case, e.g. "voids.void_sale")
    asked for by `requested_by`; `subject` ties it to one receipt, member or set of figures."""

    token: str
    action: str
    approver_id: str
    approver_name: str
    requested_by: str
    issued_at: datetime
    subject: str = ""


@dataclass(frozen=True, slots=True)
class PinProof:
    """The member's wallet PIN was right for a payment of at most `amount_fen` in sale
    `sale_id`."""

    token: str
    member_id: str
    sale_id: str
    amount_fen: int
    issued_at: datetime


@dataclass(frozen=True, slots=True)
class CardShown:
    """The member's card was shown at the till: read by the stripe reader or the scanner, or
    the phone's signed dynamic QR (`source` swipe, scan or qr) — not a number typed by hand.
    A wallet payment without it needs the member's PIN whatever the amount (DOMAIN §8)."""

    token: str
    member_id: str
    card_number: str
    source: str
    issued_at: datetime


Proof = Approval | PinProof | CardShown


class ProofBook:
    """The proofs minted in this process, and which of them are in use or used up."""

    def __init__(self) -> None:
        self._minted: dict[str, Proof] = {}
        self._taken: set[str] = set()  # claimed by a use case now running, or spent
        self._spent: set[str] = set()
        self._lock = threading.Lock()

    def mint(self, proof: Proof, now: datetime) -> Proof:
        with self._lock:
            self._forget_old(now)
            self._minted[proof.token] = proof
        return proof

    def minted(self, presented: object) -> Proof | None:
        """The minted record equal to `presented` (same type, every field), else None."""
        token = getattr(presented, "token", None)
        if not isinstance(token, str) or not isinstance(presented, (Approval, PinProof, CardShown)):
            return None
        found = self._minted.get(token)
        return found if found is not None and found == presented else None

    def minted_token(self, token: str) -> Proof | None:
        return self._minted.get(token) if isinstance(token, str) else None

    def is_free(self, token: str) -> bool:
        return token not in self._taken

    def claim(self, token: str) -> bool:
        """Reserve a proof for the use case now running; False when it is taken already."""
        with self._lock:
            if token in self._taken:
                return False
            self._taken.add(token)
            return True

    def release(self, token: str) -> None:
        """The use case did not happen: the proof may be used again (while it lasts)."""
        with self._lock:
            if token not in self._spent:
                self._taken.discard(token)

    def spend(self, token: str) -> None:
        with self._lock:
            self._taken.add(token)
            self._spent.add(token)

    def _forget_old(self, now: datetime) -> None:
        """Drop proofs long past their time, so a till open for weeks keeps a small book."""
        limit = now - 2 * max(APPROVAL_TTL, PIN_PROOF_TTL, CARD_SHOWN_TTL)
        old = [t for t, p in self._minted.items() if p.issued_at < limit]
        for token in old:
            del self._minted[token]
            self._taken.discard(token)
            self._spent.discard(token)


def fresh(proof: Proof, now: datetime) -> bool:
    """Within its time (a clock set back before it was issued does not make it fresh)."""
    ttl = (APPROVAL_TTL if isinstance(proof, Approval)
           else CARD_SHOWN_TTL if isinstance(proof, CardShown) else PIN_PROOF_TTL)
    return proof.issued_at <= now <= proof.issued_at + ttl
