"""A pulled page that keeps failing to apply: tried again for a few rounds, then applied change
by change with the ones that still fail set aside on the audit trail, so one bad change cannot
hold back every later price, rule pack and balance (the cursor moves past it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import OperationalError

from domain.ids import new_id_str
from domain.records import AuditEntry
from sync.apply import in_order
from sync.http import SyncError
from sync.schema import Change

log = logging.getLogger(__name__)
MAX_PAGE_ATTEMPTS = 5
SET_ASIDE = "sync.changes_set_aside"  # the sync status's last error after a page set aside
AUDIT_ACTION = "sync_set_aside"


def counts(err: Exception) -> bool:
    """A failure that trying the same page again will not cure (a constraint, a payload this
    till cannot read); a lost link or a locked or full disk is waited out instead."""
    return not isinstance(err, SyncError | OperationalError)


class PageAttempts:
    """Failed attempts per page (by the cursor it was pulled from), for this run of the till."""

    def __init__(self, limit: int = MAX_PAGE_ATTEMPTS) -> None:
        self.limit = limit
        self._failed: dict[str, int] = {}

    def failed(self, cursor: str) -> bool:
        """Count a failure; True once the page is to be applied apart."""
        self._failed[cursor] = self._failed.get(cursor, 0) + 1
        return self._failed[cursor] >= self.limit

    def done(self, cursor: str) -> None:
        self._failed.pop(cursor, None)


def apply_apart(apply_one: Callable[[Change], int],
                changes: list[Change]) -> tuple[int, list[dict[str, Any]]]:
    """Each change in its own transaction; returns how many applied and those set aside."""
    applied, aside = 0, []
    for change in in_order(changes):
        try:
            applied += apply_one(change)
        except Exception as err:
            if not counts(err):
                raise
            log.warning("pulled change set aside: %s %s v%s", change.entity, change.id,
                        change.version, exc_info=True)
            aside.append({"entity": change.entity, "id": change.id, "version": change.version,
                          "error": type(err).__name__})
    return applied, aside


def set_aside_entry(aside: list[dict[str, Any]], cursor: str, now: datetime) -> AuditEntry:
    """The audit entry naming what was not applied (head office resends a change when it
    changes again; until then these stay as the till last had them)."""
    return AuditEntry(id=new_id_str(), at=now, action=AUDIT_ACTION, staff_id=None,
                      target=cursor[:200], details={"changes": aside}, approved_by=None)
