"""Card identity at head office: a sync never moves a card from one member to another, and a
new number is taken only where it was meant to be issued.

Checked for each `card.issued` / `card.changed` before it is merged (headoffice/facts.py):

- a number head office already has for another member (aliases resolved) is quarantined as
  `card.other_member` and opens a `card.duplicate_number` case for the merchant that holds it,
  naming both members, both stores and the event; the card stays with its member;
- a number head office does not have yet is refused (`card.not_allotted`, a case of that kind
  for the sender's merchant) when it lies in another terminal's block or another store's
  pre-printed stock, or carries another merchant's brand (`card.other_brand`); anything else
  (issued before blocks existed, or before the store enrolled, or imported) is accepted, and
  blocks allotted later skip it (headoffice/cardblocks.py);
- a malformed number is quarantined as `card.bad_number`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from domain.cards import NUMBER_LENGTH, parse_card_number
from domain.errors import ValidationError
from domain.serials import PREFIX_LENGTH
from headoffice.batch import Batch, Item
from headoffice.cases import open_case
from headoffice.sql import among
from headoffice.tables import card_blocks, card_stock, cards, members, merchants
from sync.payloads import CardV1


@dataclass(frozen=True, slots=True)
class Holder:
    member_id: str  # canonical
    merchant_id: str
    store_id: str | None


@dataclass(frozen=True, slots=True)
class Reserved:
    """A range of one prefix set aside for a terminal (block) or a store (stock)."""

    first: int
    last: int
    merchant_id: str
    store_id: str
    terminal_id: str | None  # None: pre-printed stock of the store


class CardBook:
    """Who holds each number of a batch, and what is reserved under their prefixes."""

    def __init__(self, b: Batch, numbers: list[str]) -> None:
        self.b = b
        wanted = sorted(set(numbers))
        self.holders = _holders(b, wanted)
        self.reserved = _reserved(b, wanted)
        self.brands = dict(b.conn.execute(sa.select(merchants.c.brand, merchants.c.id).where(
            merchants.c.brand.in_(sorted({n[:2] for n in wanted})))).tuples().all())

    def refused(self, item: Item[CardV1], number: str, member_id: str) -> bool:
        """True (the event marked quarantined, a case opened) when the event may not give
        `number` to `member_id`; otherwise the number is recorded as the member's."""
        try:
            parse_card_number(number)
        except ValidationError:
            self.b.mark(item.event_id, "quarantined", "card.bad_number")
            return True
        held = self.holders.get(number)
        if held is not None and held.member_id != member_id:
            self._duplicate(item, number, member_id, held)
            return True
        if held is None:
            code, owner = self._owner(number)
            if code is not None:
                self._not_allotted(item, number, member_id, code, owner)
                return True
            self.holders[number] = Holder(member_id, self.b.terminal.merchant_id,
                                          self.b.terminal.store_id)
        return False

    def _owner(self, number: str) -> tuple[str | None, dict[str, Any]]:
        t = self.b.terminal
        brand_owner = self.brands.get(number[:2])
        if brand_owner is not None and brand_owner != t.merchant_id:
            return "card.other_brand", {"merchant_id": brand_owner}
        serial = int(number[PREFIX_LENGTH:-1])
        for r in self.reserved.get(number[:PREFIX_LENGTH], []):
            if not r.first <= serial <= r.last:
                continue
            mine = r.terminal_id == t.id if r.terminal_id else r.store_id == t.store_id
            if not mine:
                return "card.not_allotted", {"merchant_id": r.merchant_id,
                                             "store_id": r.store_id,
                                             "terminal_id": r.terminal_id}
        return None, {}

    def _claimant(self, item: Item[CardV1], member_id: str) -> dict[str, Any]:
        t = self.b.terminal
        return {"member_id": member_id, "merchant_id": t.merchant_id, "store_id": t.store_id,
                "terminal_id": t.id, "event_id": item.event_id, "type": item.event.type}

    def _duplicate(self, item: Item[CardV1], number: str, member_id: str, held: Holder) -> None:
        self.b.mark(item.event_id, "quarantined", "card.other_member")
        open_case(self.b, "card.duplicate_number", held.member_id, 0, {
            "number": number, "event_id": item.event_id,
            "held_by": {"member_id": held.member_id, "merchant_id": held.merchant_id,
                        "store_id": held.store_id},
            "claimed_by": self._claimant(item, member_id)}, merchant_id=held.merchant_id)

    def _not_allotted(self, item: Item[CardV1], number: str, member_id: str, code: str,
                      owner: dict[str, Any]) -> None:
        self.b.mark(item.event_id, "quarantined", code)
        open_case(self.b, "card.not_allotted", member_id, 0, {
            "number": number, "event_id": item.event_id, "code": code, "reserved_for": owner,
            "claimed_by": self._claimant(item, member_id)})


def _holders(b: Batch, numbers: list[str]) -> dict[str, Holder]:
    found: dict[str, Holder] = {}
    for i in range(0, len(numbers), 500):
        rows = b.conn.execute(
            sa.select(cards.c.number, cards.c.store_id, cards.c.member_id,
                      members.c.canonical_id, members.c.merchant_id)
            .join(members, members.c.id == cards.c.member_id, isouter=True)
            .where(among(b.conn, cards.c.number, numbers[i:i + 500])))
        for r in rows:
            found[r.number] = Holder(str(r.canonical_id or r.member_id),
                                     str(r.merchant_id or ""), r.store_id)
    return found


def _reserved(b: Batch, numbers: list[str]) -> dict[str, list[Reserved]]:
    """Blocks and stock under the numbers' prefixes that reach their serials."""
    spans: dict[str, list[int]] = {}
    for number in numbers:
        if len(number) == NUMBER_LENGTH and number.isascii() and number.isdigit():
            spans.setdefault(number[:PREFIX_LENGTH], []).append(int(number[PREFIX_LENGTH:-1]))
    found: dict[str, list[Reserved]] = {p: [] for p in spans}
    for prefix, serials in spans.items():
        for table in (card_blocks, card_stock):
            terminal = table.c.terminal_id if table is card_blocks else sa.null()
            rows = b.conn.execute(sa.select(
                table.c.first_serial, table.c.last_serial, table.c.merchant_id,
                table.c.store_id, terminal.label("terminal_id")).where(
                table.c.prefix == prefix, table.c.first_serial <= max(serials),
                table.c.last_serial >= min(serials)))
            found[prefix] += [Reserved(r.first_serial, r.last_serial, r.merchant_id,
                                       r.store_id, r.terminal_id) for r in rows]
    return found
