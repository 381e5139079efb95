"""A member import in batches: the job that remembers how far it got, and what one batch writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.errors import DomainError
from domain.importing import Table
from domain.records import Card, Member, PointsEntry, PointsLot, TierChange, WalletEntry

BATCH_ROWS = 2000  # members per transaction: the write lock is released between batches


class RowsTaken(DomainError):
    """The store refused a batch's insert: one of its mobiles or cards was taken after the
    rows were checked (a member signed up at the desk meanwhile)."""

    def __init__(self) -> None:
        super().__init__("import.rows_taken")


@dataclass(frozen=True, slots=True)
class ImportJob:
    """One file imported with one mapping (`key`); `last_row` is the sheet row through which
    every good row is committed, so a run cut off anywhere continues after it."""

    key: str
    id: str
    staff_id: str
    started_at: datetime
    rows: int  # good rows when the job started
    last_row: int = 0
    imported: int = 0  # members committed so far, over every run of the job
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MemberBatch:
    """New members with their opening ledgers, cards and tier history, written together."""

    members: list[Member] = field(default_factory=list)
    tier_changes: list[TierChange] = field(default_factory=list)
    lots: list[PointsLot] = field(default_factory=list)
    points: list[PointsEntry] = field(default_factory=list)
    wallet: list[WalletEntry] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    """A batch as the store's inserts take it, made before the write lock (by the store's
    `prepare_import`, before the batch's transaction): what is inside is the store's business;
    `payloads` are the events' wire texts in order, `event_ids` their ids."""

    inserts: tuple[tuple[str, list[Any]], ...]
    payloads: tuple[str, ...]
    event_ids: tuple[str, ...] = ()


def job_key(table: Table, mapping: Mapping[str, str]) -> str:
    """SHA-256 of the file's cells and the mapping: the same file mapped the same way is the
    same job, whether it came as CSV or XLSX, from the CLI or the screen."""
    digest = hashlib.sha256()
    head = {"header": table.header, "first_row": table.first_row, "map": sorted(mapping.items())}
    digest.update(json.dumps(head, ensure_ascii=False).encode("utf-8"))
    for row in table.rows:
        digest.update(b"\n")
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()
