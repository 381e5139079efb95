"""`GET /v1/sync/standing`: where a till stood at head office, asked after it was restored.

A till put back from a backup has forgotten what it sent after the backup was taken: the
events head office acknowledged (their seqs) and the receipts it printed. It asks here and
skips its counters past both, so it never sends a seq head office already holds for another
event nor prints a receipt number twice (sync/standing.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from headoffice.batch import Terminal
from headoffice.tables import sales, terminals
from sync.schema import StandingResponse


def read(conn: Connection, terminal: Terminal) -> tuple[int, str | None]:
    """(the highest seq accepted from the terminal, its last receipt number or None).

    A terminal's receipt numbers share one prefix and a zero-padded counter, so the largest
    is the last. Read by store (the sales' key) then terminal: a restore is rare, and a
    store's sales are a small part of the table."""
    acked = conn.scalar(sa.select(terminals.c.acked_through_seq).where(
        terminals.c.id == terminal.id)) or 0
    last = conn.scalar(sa.select(sa.func.max(sales.c.receipt_no)).where(
        sales.c.store_id == terminal.store_id, sales.c.terminal_id == terminal.id))
    return int(acked), (str(last) if last is not None else None)


def answer(conn: Connection, terminal: Terminal, now: datetime) -> StandingResponse:
    acked, last = read(conn, terminal)
    return StandingResponse(acked_through_seq=acked, last_receipt_no=last,
                            server_time=now)
