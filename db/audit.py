"""The tamper-evident audit trail: each row hashes its content together with the previous hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from db.mapping import audit_from_row
from db.rows import AuditRow
from db.rows_base import table_of
from db.txcache import TxCache
from db.types import dump_json, utc_text
from domain.records import AuditBreak, AuditEntry, AuditQuery

GENESIS_HASH = "0" * 64
_AUDIT = table_of(AuditRow)


def entry_hash(content: dict[str, Any], prev_hash: str) -> str:
    """sha256 over the canonical JSON (sorted keys, no spaces, UTF-8) of content + prev_hash."""
    canonical = dump_json({**content, "prev_hash": prev_hash})
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def row_content(row: AuditRow) -> dict[str, Any]:
    """What the hash covers: every column except seq and the two hashes."""
    return {
        "id": row.id, "at": utc_text(row.at), "action": row.action, "staff_id": row.staff_id,
        "target": row.target, "details": row.details, "approved_by": row.approved_by,
    }


def entry_content(entry: AuditEntry) -> dict[str, Any]:
    """The same content for an entry about to be written, exactly as it will read back."""
    return {
        "id": entry.id, "at": utc_text(entry.at), "action": entry.action,
        "staff_id": entry.staff_id, "target": entry.target,
        "details": _plain_json(entry.details), "approved_by": entry.approved_by,
    }


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first audit row whose links do not hold, and which link failed."""

    seq: int
    entry_id: str
    reason: str  # "prev_hash" (a row before it was removed or altered) | "hash" (row altered)


def first_break(rows: Iterable[AuditRow]) -> ChainBreak | None:
    """Walk the chain in seq order; None when every link holds."""
    expected_prev = GENESIS_HASH
    for row in rows:
        if row.prev_hash != expected_prev:
            return ChainBreak(row.seq, row.id, "prev_hash")
        if entry_hash(row_content(row), row.prev_hash) != row.hash:
            return ChainBreak(row.seq, row.id, "hash")
        expected_prev = row.hash
    return None


class SqlAuditRepo:
    """Appends are serialised by the BEGIN IMMEDIATE write lock, so the chain cannot fork."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._last = TxCache[str](session)

    def append(self, entry: AuditEntry) -> None:
        content = entry_content(entry)
        prev_hash = self.last_hash()
        digest = entry_hash(content, prev_hash)
        self._s.execute(_AUDIT.insert(), {**content, "at": entry.at, "prev_hash": prev_hash,
                                          "hash": digest})
        self._last.set(digest)

    def last_hash(self) -> str:
        """The newest hash; remembered after an append so a sale's entries cost no extra read."""
        cached = self._last.get()
        if cached is not None:
            return cached
        found = self._s.scalar(select(_AUDIT.c.hash).order_by(_AUDIT.c.seq.desc()).limit(1))
        return GENESIS_HASH if found is None else str(found)

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        """The trail, oldest first (managers' review screen, tests)."""
        stmt = select(AuditRow).order_by(AuditRow.seq).limit(limit)
        return [audit_from_row(r) for r in self._s.scalars(stmt)]

    def count(self, query: AuditQuery) -> int:
        stmt = select(func.count()).select_from(_AUDIT).where(*_conditions(query))
        return int(self._s.scalar(stmt) or 0)

    def page(self, query: AuditQuery, offset: int, limit: int) -> list[AuditEntry]:
        """Newest first by seq (the primary key), so a page costs one index walk."""
        stmt = (select(AuditRow).where(*_conditions(query)).order_by(AuditRow.seq.desc())
                .offset(offset).limit(limit))
        return [audit_from_row(r) for r in self._s.scalars(stmt)]

    def actions(self) -> list[str]:
        stmt = select(_AUDIT.c.action).distinct().order_by(_AUDIT.c.action)
        return [str(a) for a in self._s.scalars(stmt)]

    def first_break(self) -> AuditBreak | None:
        rows = self._s.scalars(select(AuditRow).order_by(AuditRow.seq).execution_options(
            yield_per=1000))
        found = first_break(rows)
        return None if found is None else AuditBreak(found.seq, found.entry_id, found.reason)


def _conditions(query: AuditQuery) -> list[ColumnElement[bool]]:
    """WHERE terms for a query; the time bounds compare the stored UTC text."""
    terms: list[ColumnElement[bool]] = []
    if query.since is not None:
        terms.append(_AUDIT.c.at >= query.since)
    if query.until is not None:
        terms.append(_AUDIT.c.at < query.until)
    if query.staff_id is not None:
        terms.append(_AUDIT.c.staff_id == query.staff_id)
    if query.action is not None:
        terms.append(_AUDIT.c.action == query.action)
    return terms


def _plain_json(details: dict[str, Any]) -> dict[str, Any]:
    """Details exactly as they will read back, so the hash is over what is stored."""
    plain: dict[str, Any] = json.loads(dump_json(details))
    return plain
