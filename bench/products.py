"""A generated clothing catalogue: Chinese names with their pinyin initials, EAN-13 barcodes."""

from __future__ import annotations

import random

from bench.vocab import (
    CATEGORIES,
    CLASS_WEIGHTS,
    COLOURS,
    MATERIALS,
    SIZES,
    STYLES,
    ean13,
    price_tag,
    weighted,
)
from db.pinyin import pinyin_initials

PRODUCT_COLUMNS = ("sku", "name", "price_fen", "product_class", "category", "barcode",
                   "pinyin_initials", "campaign_price_fen", "is_weighed", "active")
RETIRED_SHARE = 0.02  # products no longer sold: the till refuses them, the bench skips them

_CLASSES, _CLASS_CUM = weighted(CLASS_WEIGHTS)


def sku_of(index: int) -> str:
    return f"P{index:06d}"


def product_row(rng: random.Random, index: int, initials: dict[str, str]) -> tuple[object, ...]:
    """One catalogue row; `initials` caches the pinyin initials of each word of a name."""
    category = rng.choice(CATEGORIES)
    words = (rng.choice(STYLES), rng.choice(COLOURS), rng.choice(MATERIALS),
             rng.choice(category.items), " ", rng.choice(SIZES))
    name = "".join(words)
    # Word by word is what db.pinyin gives the whole name (tests/integration/
    # test_bench_generator.py checks it), at a fraction of the cost for 100k names.
    found = "".join(_initials(word, initials) for word in words)
    product_class = rng.choices(_CLASSES, cum_weights=_CLASS_CUM)[0]
    return (
        sku_of(index), name, price_tag(rng, category.low_fen, category.high_fen),
        str(product_class), category.name, ean13(f"69{index:010d}"), found, None, 0,
        int(rng.random() >= RETIRED_SHARE),
    )


def _initials(word: str, cache: dict[str, str]) -> str:
    found = cache.get(word)
    if found is None:
        found = cache[word] = pinyin_initials(word)
    return found
