"""An event the database refuses to store (a value too long for its column, a character it
cannot hold): quarantined alone, its payload kept in an escaped form, a case opened for support.

Only refusals caused by what the batch holds are handled so (SQLSTATE classes 22 data
exception, 23 integrity, 54 program limit, and values the driver cannot encode); a database
that is down or a lost connection is not the event's fault and fails the request as before.
"""

from __future__ import annotations

import json
from typing import Any

from domain.text import bad_path
from headoffice.batch import Batch
from headoffice.cases import open_case
from headoffice.tables import events
from sync.payloads import redacted
from sync.schema import Event

CODE = "event.unstorable"
_CONTENT_CLASSES = ("22", "23", "54")


def refused_for_content(err: BaseException) -> bool:
    """Did the database (or its driver) refuse a value the batch carried?"""
    orig = getattr(err, "orig", None) or err
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str) and state:
        return state[:2] in _CONTENT_CLASSES
    return isinstance(orig, (UnicodeError, ValueError))


def reason(err: BaseException) -> dict[str, Any]:
    """What the database said, without the values it was given."""
    orig = getattr(err, "orig", None) or err
    diag = getattr(orig, "diag", None)
    message = getattr(diag, "message_primary", None) or type(orig).__name__
    return {"sqlstate": getattr(orig, "sqlstate", None), "message": str(message)[:200]}


def kept_payload(e: Event) -> Any:
    """The payload as the event log keeps it: a PIN hash masked, and a payload holding a
    character the database refuses kept as escaped JSON text, so nothing is lost."""
    payload = redacted(e.type, e.payload)
    if bad_path(payload) is None:
        return payload
    return {"escaped": json.dumps(payload, ensure_ascii=True)}


def quarantine(b: Batch, e: Event, err: BaseException) -> None:
    why = reason(err)
    b.conn.execute(events.insert().values(
        event_id=e.event_id, terminal_id=b.terminal.id, seq=e.seq, type=e.type, v=e.v,
        occurred_at=e.occurred_at, received_at=b.now, store_id=b.terminal.store_id,
        member_id=None, status="quarantined", code=CODE,
        payload={"escaped": json.dumps(redacted(e.type, e.payload), ensure_ascii=True)},
        detail=why))
    open_case(b, CODE, None, 0, {"event_id": e.event_id, "seq": e.seq, "type": e.type,
                                 "terminal_id": b.terminal.id, "store_id": b.terminal.store_id,
                                 **why})
