"""Products and their pricing classes (DOMAIN §6)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProductClass(StrEnum):
    """How a product takes member discounts and earns points."""

    REGULAR = "regular"  # 正价: member discount, 1 point per yuan by default
    SPECIAL = "special"  # 特价: no member discount, 0.5 point per yuan by default
    NEW = "new"  # new arrival: member discount only when a card is presented
    GROUP_BUY = "group_buy"  # 团购: no discount, no points
    NO_DISCOUNT = "no_discount"
    NO_POINTS = "no_points"


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    name: str
    price_fen: int
    product_class: ProductClass = ProductClass.REGULAR
    category: str = ""
    barcode: str | None = None
    pinyin_initials: str = ""
    is_weighed: bool = False
    active: bool = True
    campaign_price_fen: int | None = None  # the price during a campaign, if it has one


def is_gtin(code: str) -> bool:
    """An EAN-8, UPC-A, EAN-13 or GTIN-14 with its GS1 check digit right (a product barcode,
    not a card or mobile number that happens to be digits)."""
    if len(code) not in (8, 12, 13, 14) or not code.isascii() or not code.isdigit():
        return False
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(code[:-1])))
    return (10 - total % 10) % 10 == int(code[-1])
