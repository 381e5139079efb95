"""Which card numbers this till may issue: its brand, its serial blocks, how many are left.

An enrolled till numbers its cards with the brand head office gave its merchant and issues only
from the blocks head office allotted it (renewed by sync); a store that never enrolled uses its
rule pack's brand and is the only issuer of it, so its block is the whole range of its prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import cards as card_rules
from domain import serials
from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.records import StoreSettings
from domain.rulepack import RulePack
from domain.serials import BlockUse
from domain.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class Serials:
    """What the card page shows: the next number (None when there is none) and how many are
    left at this till."""

    prefix: str
    next_number: str | None
    left: int
    enrolled: bool


def card_brand(settings: StoreSettings, pack: RulePack) -> str:
    return settings.card_brand or pack.cards.brand


def honoured_brands(settings: StoreSettings, pack: RulePack) -> tuple[str, ...]:
    """The brands a swipe here may carry: head office's for this merchant, and the pack's, which
    numbered the store's cards before it enrolled (they stay good at their own store)."""
    return tuple(dict.fromkeys((card_brand(settings, pack), pack.cards.brand)))


def card_prefix(settings: StoreSettings, pack: RulePack) -> str:
    """`BB L RRRR` of the cards this till issues now."""
    return card_brand(settings, pack) + pack.cards.level + settings.region_code


def block_uses(uow: UnitOfWork, prefix: str) -> list[BlockUse]:
    """This till's blocks for `prefix` and how far each is used."""
    if uow.card_serials.enrolled():
        blocks = uow.card_serials.blocks(prefix)
    else:
        blocks = [serials.whole_range(prefix)]
    return [BlockUse(b, uow.card_serials.highest(b)) for b in blocks]


def serials_in(ctx: ServiceContext, uow: UnitOfWork) -> Serials:
    settings = uow.settings.get()
    prefix = card_prefix(settings, ctx.pack)
    uses = block_uses(uow, prefix)
    serial = serials.next_serial(uses)
    number = None if serial is None else card_rules.make_card_number(
        prefix[:2], prefix[2], prefix[3:], serial)
    return Serials(prefix, number, serials.serials_left(uses), uow.card_serials.enrolled())


def card_serials(ctx: ServiceContext) -> Serials:
    """The next number and what is left, without taking anything (the card page's line)."""
    with ctx.reader() as uow:
        return serials_in(ctx, uow)


def take_number(ctx: ServiceContext, uow: UnitOfWork) -> str:
    """The next number from this till's blocks, inside the caller's transaction.

    Raises:
        DomainError: card.no_serials (`left` = 0, `prefix`; an enrolled till must reach head
            office for a new block), card.serials_exhausted (a standalone store used its whole
            prefix).
    """
    found = serials_in(ctx, uow)
    if found.next_number is not None:
        return found.next_number
    if not found.enrolled:
        raise DomainError("card.serials_exhausted", prefix=found.prefix)
    raise DomainError("card.no_serials", left=found.left, prefix=found.prefix)


def check_preprinted(ctx: ServiceContext, uow: UnitOfWork, number: str) -> None:
    """A pre-printed card is given out only where its number is known to be this store's:
    registered to it at head office (pulled, so this works offline), or, at a store that never
    enrolled, of its own brand (it is the only issuer of that brand)."""
    parsed = card_rules.parse_card_number(number)
    if uow.card_serials.enrolled():
        if not uow.card_serials.registered(parsed.number):
            raise DomainError("card.not_registered", field="card_number", number=parsed.number)
    elif parsed.brand not in honoured_brands(uow.settings.get(), ctx.pack):
        raise DomainError("card.not_ours", field="card_number")
