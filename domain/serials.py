"""Serial blocks: which card numbers a terminal may issue (DOMAIN §4 `SSSSS`), and how many.

Head office allots each terminal blocks of serials under one card prefix `BB L RRRR` (brand,
level, region), never overlapping another terminal's, store's or merchant's; a terminal issues
only from its own blocks, so numbers made offline never collide. A store that never enrolled
is the only issuer of its brand: its one block is the whole range of its prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.cards import MAX_SERIAL, CardNumber, parse_card_number
from domain.errors import ValidationError

PREFIX_LENGTH = 7  # BB L RRRR


@dataclass(frozen=True, slots=True)
class SerialBlock:
    """Serials `first`..`last` (both included) under `prefix`."""

    prefix: str
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    def holds(self, serial: int) -> bool:
        return self.first <= serial <= self.last


@dataclass(frozen=True, slots=True)
class BlockUse:
    """A block and the highest serial of a card already in it (None: none yet)."""

    block: SerialBlock
    highest: int | None

    @property
    def next(self) -> int:
        """Numbers are taken in order; one below the highest in use is never gone back to."""
        return self.block.first if self.highest is None else self.highest + 1

    @property
    def left(self) -> int:
        return max(self.block.last - self.next + 1, 0)


def whole_range(prefix: str) -> SerialBlock:
    """A standalone store's block: it alone issues its brand, so every serial is its own."""
    return SerialBlock(prefix, 1, MAX_SERIAL)


def next_serial(uses: Iterable[BlockUse]) -> int | None:
    """The serial the next card gets: from the lowest block that has room; None when none has."""
    for use in sorted(uses, key=lambda u: u.block.first):
        if use.left > 0:
            return use.next
    return None


def serials_left(uses: Iterable[BlockUse]) -> int:
    return sum(use.left for use in uses)


def renewal_due(uses: Sequence[BlockUse]) -> bool:
    """Ask head office for another block once fewer than half of the latest block's size are
    left (or there is none): the till is never out of numbers while it can still sync."""
    if not uses:
        return True
    latest = max(uses, key=lambda u: u.block.first).block
    return serials_left(uses) < max(1, latest.size // 2)


def free_run(start: int, reserved: Iterable[tuple[int, int]], size: int) -> tuple[int, int] | None:
    """The first run of at most `size` serials from `start` on that touches no reserved range
    (sorted or not; both ends included); None when the prefix has nothing left."""
    first = max(start, 1)
    for low, high in sorted(reserved):
        if high < first:
            continue
        if low > first:
            return first, min(first + size - 1, low - 1)
        first = high + 1
    if first > MAX_SERIAL:
        return None
    return first, min(first + size - 1, MAX_SERIAL)


def runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Serials as ranges of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    found: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if found and found[-1][1] == n - 1:
            found[-1] = (found[-1][0], n)
        else:
            found.append((n, n))
    return found


def number_range(first_number: str, last_number: str) -> SerialBlock:
    """The serials from one printed card number to another, both of one prefix, in order.

    Raises:
        ValidationError: card.bad_number (a number is not ours: length, digits, check digit,
            `field` = from / to), card.range_invalid (`reason` = prefix | order).
    """
    low, high = _parsed(first_number, "from"), _parsed(last_number, "to")
    if low.number[:PREFIX_LENGTH] != high.number[:PREFIX_LENGTH]:
        raise ValidationError("card.range_invalid", field="to", reason="prefix")
    if high.serial < low.serial:
        raise ValidationError("card.range_invalid", field="to", reason="order")
    return SerialBlock(low.number[:PREFIX_LENGTH], low.serial, high.serial)


def _parsed(text: str, field: str) -> CardNumber:
    try:
        return parse_card_number(text)
    except ValidationError as err:
        raise ValidationError(err.code, **{**err.params, "field": field}) from None
