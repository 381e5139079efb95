"""Setting up a store database: its identity, and a catalogue, staff and members to start."""

from __future__ import annotations

from domain.catalog import Product
from domain.errors import NotFound
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import StoreSettings
from domain.services.context import ServiceContext, audit


def init_store(ctx: ServiceContext, settings: StoreSettings) -> StoreSettings:
    """Write the store's settings once; a database that already has them is left alone."""
    with ctx.uow() as uow:
        existing = _existing(uow)
        if existing is not None:
            return existing
        uow.settings.save(settings)
        audit(ctx, uow, "store_initialised", None, target=settings.store_code,
              rulepack=settings.rulepack)
        uow.commit()
    return settings


def _existing(uow: UnitOfWork) -> StoreSettings | None:
    try:
        return uow.settings.get()
    except NotFound:  # a new database has no settings row yet
        return None


def new_settings(store_code: str = "S001", terminal_code: str = "T01", name: str = "Kaika",
                 region_code: str = "3101", rulepack: str = "fashion") -> StoreSettings:
    """Fresh identities for a store and its first terminal (UUIDv7, made here)."""
    return StoreSettings(merchant_id=new_id_str(), store_id=new_id_str(), store_code=store_code,
                         store_name=name, terminal_id=new_id_str(), terminal_code=terminal_code,
                         region_code=region_code, rulepack=rulepack)


def add_products(ctx: ServiceContext, products: list[Product]) -> None:
    with ctx.uow() as uow:
        for product in products:
            if uow.products.get(product.sku) is None:
                uow.products.add(product)
            else:
                uow.products.save(product)
        uow.commit()

