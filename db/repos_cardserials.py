"""The till's card serial blocks and its store's pre-printed stock (domain/serials.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.repos_driver import fetch_one
from db.rows import CardBlockRow
from db.rows_base import insert_row
from domain.cards import NUMBER_LENGTH, parse_card_number
from domain.serials import PREFIX_LENGTH, SerialBlock

_ENROLLED = "SELECT 1 FROM sync_state WHERE id = 1 AND enrolled_at IS NOT NULL"
# Numbers of one prefix sort by serial (then the check digit): a range on the primary key.
_HIGHEST = ("SELECT MAX(number) FROM cards WHERE number >= ? AND number <= ? "
            "AND length(number) = ?")
_REGISTERED = ("SELECT 1 FROM card_stock WHERE prefix = ? AND first_serial <= ? "
               "AND last_serial >= ? LIMIT 1")


class SqlCardSerialRepo:
    def __init__(self, session: Session, now: Callable[[], datetime]) -> None:
        self._s = session
        self._now = now

    def enrolled(self) -> bool:
        return fetch_one(self._s, _ENROLLED, ()) is not None

    def blocks(self, prefix: str) -> list[SerialBlock]:
        rows = self._s.scalars(select(CardBlockRow).where(CardBlockRow.prefix == prefix)
                               .order_by(CardBlockRow.first_serial))
        return [SerialBlock(r.prefix, r.first_serial, r.last_serial) for r in rows]

    def add_blocks(self, blocks: Sequence[SerialBlock]) -> None:
        for block in blocks:
            if self._s.get(CardBlockRow, (block.prefix, block.first)) is None:
                insert_row(self._s, CardBlockRow(prefix=block.prefix, first_serial=block.first,
                                                 last_serial=block.last,
                                                 allotted_at=self._now()))

    def highest(self, block: SerialBlock) -> int | None:
        low = f"{block.prefix}{block.first:05d}0"
        high = f"{block.prefix}{block.last:05d}9"
        row = fetch_one(self._s, _HIGHEST, (low, high, NUMBER_LENGTH))
        if row is None or row[0] is None:
            return None
        return int(str(row[0])[PREFIX_LENGTH:NUMBER_LENGTH - 1])

    def registered(self, number: str) -> bool:
        parsed = parse_card_number(number)
        found = fetch_one(self._s, _REGISTERED, (number[:PREFIX_LENGTH], parsed.serial,
                                                 parsed.serial))
        return found is not None
