"""Tamper evidence at head office: each push's audit chain head held against the heads before.

A till's database can be edited by whoever holds the file; what head office has been told
cannot. Every push carries the till's chain head (seq and link), its outbox counter and the
link, as the till has it now, at the head head office acknowledged last (the anchor). Head
office keeps each head and opens a case for the terminal's merchant when a push shows:

- `terminal.chain_truncated`: the chain ends before a head sent earlier, or the anchor's entry
  is gone (the last entries were deleted);
- `terminal.chain_rewritten`: another link at a seq head office holds (an entry was changed and
  the chain relinked, or the chain was re-hashed);
- `terminal.outbox_rewound`: the outbox counter is behind a counter sent earlier or behind
  what head office has acknowledged (the outbox was cut and renumbered).

Head office holds no store key, so it cannot check a link itself; it checks that the links
never change. One open case per terminal and kind: a till that stays cut does not open a case
on every push. A re-enrolled (reinstalled) terminal starts a new chain (`forget`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from headoffice.batch import Terminal
from headoffice.cases import insert_case
from headoffice.sql import insert_ignore, retrying
from headoffice.tables import chain_heads, recon_cases, terminals
from sync.schema import ChainHead

TRUNCATED = "terminal.chain_truncated"
REWRITTEN = "terminal.chain_rewritten"
REWOUND = "terminal.outbox_rewound"
KINDS = (TRUNCATED, REWRITTEN, REWOUND)


def record(engine: Engine, terminal: Terminal, chain: ChainHead, now: datetime) -> list[str]:
    """Check the head against what the terminal sent before, keep it; the kinds of the cases
    opened (none when the chain only grew)."""
    return retrying(engine, lambda conn: _record(conn, terminal, chain, now))


def _record(conn: Connection, terminal: Terminal, chain: ChainHead,
            now: datetime) -> list[str]:
    found = _findings(conn, terminal.id, chain)
    opened = [kind for kind, details in found
              if _open_case(conn, terminal, kind, details, now)]
    if chain.audit_seq:
        insert_ignore(conn, chain_heads, [{
            "terminal_id": terminal.id, "seq": chain.audit_seq, "mac": chain.audit_mac,
            "outbox_seq": chain.outbox_seq, "at": now}])
    return opened


def _findings(conn: Connection, terminal_id: str,
              chain: ChainHead) -> list[tuple[str, dict[str, Any]]]:
    top, top_outbox = conn.execute(sa.select(
        sa.func.max(chain_heads.c.seq), sa.func.max(chain_heads.c.outbox_seq)).where(
        chain_heads.c.terminal_id == terminal_id)).one()
    found: list[tuple[str, dict[str, Any]]] = []
    if top is not None and chain.audit_seq < top:
        found.append((TRUNCATED, {"recorded_seq": int(top), "sent_seq": chain.audit_seq}))
    elif _link(conn, terminal_id, chain.audit_seq) not in (None, chain.audit_mac):
        found.append((REWRITTEN, {"seq": chain.audit_seq}))
    found += _anchor(conn, terminal_id, chain)
    acked = conn.scalar(sa.select(terminals.c.acked_through_seq).where(
        terminals.c.id == terminal_id)) or 0
    behind = max(int(top_outbox or 0), int(acked))
    if chain.outbox_seq < behind:
        found.append((REWOUND, {"recorded_seq": behind, "sent_seq": chain.outbox_seq}))
    return found


def _anchor(conn: Connection, terminal_id: str,
            chain: ChainHead) -> list[tuple[str, dict[str, Any]]]:
    """The entry head office acknowledged last, as the till has it now."""
    if chain.anchor_seq is None:
        return []
    held = _link(conn, terminal_id, chain.anchor_seq)
    if held is None:
        return []  # not a head kept here (another head office, or forgotten at re-enrolment)
    if chain.anchor_mac is None:
        return [(TRUNCATED, {"recorded_seq": chain.anchor_seq, "sent_seq": chain.audit_seq})]
    if chain.anchor_mac != held:
        return [(REWRITTEN, {"seq": chain.anchor_seq})]
    return []


def _link(conn: Connection, terminal_id: str, seq: int) -> str | None:
    found = conn.scalar(sa.select(chain_heads.c.mac).where(
        chain_heads.c.terminal_id == terminal_id, chain_heads.c.seq == seq))
    return None if found is None else str(found)


def _open_case(conn: Connection, terminal: Terminal, kind: str, details: dict[str, Any],
               now: datetime) -> bool:
    """A case naming the terminal and store, unless one of this kind is open for it."""
    open_ones = conn.scalars(sa.select(recon_cases.c.details).where(
        recon_cases.c.kind == kind, recon_cases.c.status == "open",
        recon_cases.c.merchant_id == terminal.merchant_id))
    if any(d.get("terminal_id") == terminal.id for d in open_ones):
        return False
    insert_case(conn, terminal.merchant_id, kind, None, 0, {
        "terminal_id": terminal.id, "terminal_code": terminal.code,
        "store_id": terminal.store_id, **details}, now)
    return True


def forget(conn: Connection, terminal_id: str) -> None:
    """A re-enrolled terminal (a reinstall) starts a new chain."""
    conn.execute(chain_heads.delete().where(chain_heads.c.terminal_id == terminal_id))
