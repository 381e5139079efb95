"""Card serial blocks from head office, kept at the till: at enrolment, and renewed by sync when
fewer than half of the latest block are left (domain/serials.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from domain import serials
from domain.ports import UnitOfWork
from domain.rulepack import RulePack
from domain.serials import SerialBlock
from domain.services import cardserials
from sync.schema import CardBlock

BLOCKS_PATH = "/v1/cards/blocks"


def keep(uow: UnitOfWork, brand: str, blocks: Sequence[CardBlock]) -> int:
    """Record head office's brand for this merchant and the blocks of it for this store's
    region; a block of another brand or region is not this till's to issue from and is left
    out. Returns how many blocks were offered that fit."""
    settings = uow.settings.get()
    if brand and settings.card_brand != brand:
        uow.settings.save(replace(settings, card_brand=brand))
    fit = [SerialBlock(b.prefix, b.first, b.last) for b in blocks
           if b.prefix[:2] == brand and b.prefix[3:] == settings.region_code and b.first <= b.last]
    uow.card_serials.add_blocks(fit)
    return len(fit)


def due(uow: UnitOfWork, pack: RulePack) -> bool:
    """Ask for another block: no brand yet (enrolled before brands), or running low."""
    settings = uow.settings.get()
    if not settings.card_brand:
        return True
    prefix = cardserials.card_prefix(settings, pack)
    return serials.renewal_due(cardserials.block_uses(uow, prefix))
