"""The till's side of tamper evidence at head office: the chain head sent with every push.

Each push carries where the audit chain and the outbox stand, and the link at the head head
office acknowledged last (the anchor) as this database has it now. After head office answered,
the head sent becomes the new anchor, kept sealed in `chain_marks` (db/audit.py), so a chain
cut or rewritten since shows at head office on the next push: the anchor's entry is gone or
its link changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the unit of work (the ORM) only once head office has answered
    from db.store_peek import StorePeek
    from db.uow import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class Head:
    """`sync.schema.ChainHead`'s fields, read before pydantic is needed (asdict is its JSON)."""

    audit_seq: int
    audit_mac: str
    outbox_seq: int
    anchor_seq: int | None
    anchor_mac: str | None


def read(peek: StorePeek, terminal_id: str) -> Head:
    """The head to send, read in the same transaction as the batch."""
    trail = peek.audit_trail
    head = trail.head() or (0, "")
    anchor = trail.acked_mark()
    return Head(audit_seq=head[0], audit_mac=head[1],
                outbox_seq=peek.sync_outbox.last_seq(terminal_id),
                anchor_seq=anchor[0] if anchor else None,
                anchor_mac=trail.link_at(anchor[0]) if anchor else None)


def acknowledged(uow: SqlUnitOfWork, sent: Head) -> None:
    """Head office took the push: what was sent is what it now holds for this till."""
    if sent.audit_seq:
        uow.audit_trail.mark_acked(sent.audit_seq, sent.audit_mac)

