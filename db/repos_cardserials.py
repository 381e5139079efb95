"""The till's card serial blocks and its store's pre-printed stock (domain/serials.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from db.mapping_store import BLOCK_COLUMNS, block_from, block_params
from db.repos_driver import fetch_all_named, fetch_one, insert_sql, select_sql, write_many
from domain.cards import NUMBER_LENGTH, parse_card_number
from domain.serials import PREFIX_LENGTH, SerialBlock

_ENROLLED = "SELECT 1 FROM sync_state WHERE id = 1 AND enrolled_at IS NOT NULL"
# Numbers of one prefix sort by serial (then the check digit): a range on the primary key.
_HIGHEST = ("SELECT MAX(number) FROM cards WHERE number >= ? AND number <= ? "
            "AND length(number) = ?")
_BLOCKS = select_sql("card_blocks", BLOCK_COLUMNS, "prefix = ?", "first_serial")
_ADD_BLOCK = insert_sql("card_blocks", BLOCK_COLUMNS) + " ON CONFLICT DO NOTHING"
_REGISTERED = ("SELECT 1 FROM card_stock WHERE prefix = ? AND first_serial <= ? "
               "AND last_serial >= ? LIMIT 1")


class SqlCardSerialRepo:
    def __init__(self, session: Session, now: Callable[[], datetime]) -> None:
        self._s = session
        self._now = now

    def enrolled(self) -> bool:
        return fetch_one(self._s, _ENROLLED, ()) is not None

    def blocks(self, prefix: str) -> list[SerialBlock]:
        return [block_from(r) for r in fetch_all_named(self._s, _BLOCKS, (prefix,))]

    def add_blocks(self, blocks: Sequence[SerialBlock]) -> None:
        """Blocks already held (same prefix and first serial) are left as they are."""
        now = self._now()
        write_many(self._s, _ADD_BLOCK, lambda: [block_params(b, now) for b in blocks])

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
