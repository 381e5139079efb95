"""What head office owns and sends to the tills: catalogue and prices, the rule pack, coupon
templates, staff accounts (merchant-wide) and prize stock allotments (per store).

`kaika-headoffice publish FILE.json` reads one document (see docs/headoffice.md); each item
becomes a new version of its entity and a row in the merchant's or the store's feed. Staff PINs
may be given in clear in the file: only their scrypt hash is kept and sent.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as PydanticError
from sqlalchemy import Connection, Engine

from domain import pins
from domain.catalog import ProductClass
from domain.errors import NotFound, RulePackError
from domain.ids import new_id_str
from domain.inputs import InputError, utf8_text
from domain.packload import parse_pack
from domain.records import CouponKind
from headoffice.feed import FeedWriter
from headoffice.tables import catalog_items, merchants, store_items, stores


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProductDoc(Doc):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    sku: str
    name: str
    price_fen: int = Field(ge=0)
    product_class: ProductClass = Field(default=ProductClass.REGULAR, alias="class")

    @field_validator("product_class", mode="before")
    @classmethod
    def _underscore(cls, value: Any) -> Any:
        """`group-buy` is DOMAIN §6's own spelling of `group_buy`."""
        return value.replace("-", "_") if isinstance(value, str) else value
    category: str = ""
    barcode: str | None = None
    pinyin_initials: str = ""
    is_weighed: bool = False
    active: bool = True
    campaign_price_fen: int | None = Field(default=None, ge=0)


class PriceDoc(Doc):
    sku: str
    price_fen: int = Field(ge=0)
    campaign_price_fen: int | None = Field(default=None, ge=0)


class TemplateDoc(Doc):
    code: str
    name: str
    kind: CouponKind
    amount_fen: int = Field(default=0, ge=0)
    rate: Decimal | None = Field(default=None, gt=0, le=1)  # the rate paid: "1.5" would raise
    min_spend_fen: int = Field(default=0, ge=0)
    stackable: bool = True
    valid_days: int | None = Field(default=None, ge=1)
    valid_months: int | None = Field(default=None, ge=1)
    valid_from: date | None = None
    valid_to: date | None = None
    classes: list[str] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)
    gift_sku: str | None = None


class StaffDoc(Doc):
    number: str
    name: str
    role: Literal["cashier", "front_desk", "manager", "admin"]
    pin: str | None = None
    pin_hash: str | None = None
    active: bool = True
    card_number: str | None = None


class GiftDoc(Doc):
    store: str
    code: str
    name: str
    cost_fen: int = Field(ge=0)
    points_price: int = Field(ge=0)
    allotted: int = Field(ge=0)  # everything allotted to the store so far, not a delta
    active: bool = True


class DrawDoc(Doc):
    store: str
    draw: dict[str, Any]
    prizes: list[dict[str, Any]]


class RulePackDoc(Doc):
    name: str
    toml: str | None = None  # None: one of the packs shipped with Kaika


class Publication(Doc):
    merchant: str | None = None
    rulepack: RulePackDoc | None = None
    products: list[ProductDoc] = Field(default_factory=list)
    prices: list[PriceDoc] = Field(default_factory=list)
    coupon_templates: list[TemplateDoc] = Field(default_factory=list)
    staff: list[StaffDoc] = Field(default_factory=list)
    gifts: list[GiftDoc] = Field(default_factory=list)
    draws: list[DrawDoc] = Field(default_factory=list)

    @model_validator(mode="after")
    def _each_once(self) -> Publication:
        """A SKU, barcode or code twice would let the second silently replace the first."""
        for name, items, key in (("products", self.products, "sku"),
                                 ("products", self.products, "barcode"),
                                 ("coupon_templates", self.coupon_templates, "code"),
                                 ("staff", self.staff, "number"), ("gifts", self.gifts, "code")):
            values = [getattr(item, key) for item in items if getattr(item, key) is not None]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"duplicate {name}[].{key}: {', '.join(map(str, twice))}")
        return self


def checked(data: bytes, file: str) -> tuple[Publication | None, list[str]]:
    """The publication in `data`, or every problem with its JSON path and what is allowed
    (`FILE: $.products[2].price_fen: ...`): the command line and the console check alike,
    before anything is stored."""
    try:
        doc = Publication.model_validate_json(utf8_text(data, file))
    except InputError as err:
        return None, [err.message]
    except PydanticError as err:
        return None, [f"{file}: {_path(p['loc'])}: {p['msg']}"
                      for p in err.errors(include_url=False)]
    if doc.rulepack is not None and doc.rulepack.toml is not None:
        try:
            parse_pack(tomllib.loads(doc.rulepack.toml), f"{file}: $.rulepack.toml")
        except (tomllib.TOMLDecodeError, RulePackError) as err:
            return None, [f"{file}: $.rulepack.toml: {err}"]
    return doc, []


def _path(loc: Any) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def publish(engine: Engine, doc: Publication, merchant_code: str | None,
            now: datetime) -> dict[str, int]:
    """Store and announce everything in `doc`; returns how many items of each kind."""
    with engine.begin() as conn:
        return publish_in(conn, doc, merchant_code, now)


def publish_in(conn: Connection, doc: Publication, merchant_code: str | None,
               now: datetime) -> dict[str, int]:
    """`publish` inside the caller's transaction (the console marks its draft in the same)."""
    code = merchant_code or doc.merchant
    merchant_id = conn.scalar(sa.select(merchants.c.id).where(merchants.c.code == code))
    if merchant_id is None:
        raise NotFound("merchant.unknown", code=code)
    feed = FeedWriter()
    pub = _Publisher(conn, merchant_id, feed)
    if doc.rulepack is not None:
        pub.rulepack(doc.rulepack)
    for product in doc.products:
        pub.merchant_item("product", product.sku, product.model_dump(mode="json"))
    for price in doc.prices:
        pub.price(price)
    for template in doc.coupon_templates:
        pub.merchant_item("coupon_template", template.code, template.model_dump(mode="json"))
    for staff in doc.staff:
        pub.staff(staff)
    for gift in doc.gifts:
        pub.store_item(gift.store, "gift", gift.code,
                       gift.model_dump(mode="json", exclude={"store"}))
    for draw in doc.draws:
        pub.store_item(draw.store, "draw", str(draw.draw["code"]),
                       {"draw": draw.draw, "prizes": draw.prizes})
    feed.flush(conn, now)
    return {k: len(getattr(doc, k)) for k in ("products", "prices", "coupon_templates", "staff",
                                              "gifts", "draws")}


class _Publisher:
    def __init__(self, conn: Connection, merchant_id: str, feed: FeedWriter) -> None:
        self.conn = conn
        self.merchant_id = merchant_id
        self.feed = feed

    def merchant_item(self, entity: str, entity_id: str, data: dict[str, Any]) -> None:
        merchant_item(self.conn, self.feed, self.merchant_id, entity, entity_id, data)

    def store_item(self, store_code: str, entity: str, entity_id: str,
                   data: dict[str, Any]) -> None:
        store_id = self.conn.scalar(sa.select(stores.c.id).where(
            stores.c.code == store_code, stores.c.merchant_id == self.merchant_id))
        if store_id is None:
            raise NotFound("store.unknown", code=store_code)
        _put(self.conn, store_items, {"store_id": store_id}, entity, entity_id, data)
        self.feed.store(store_id, entity, entity_id)

    def rulepack(self, doc: RulePackDoc) -> None:
        if doc.toml is not None:
            parse_pack(tomllib.loads(doc.toml), f"publish:{doc.name}")  # refuse a broken pack
        self.merchant_item("rulepack", doc.name, {"name": doc.name, "toml": doc.toml})
        self.conn.execute(merchants.update().where(merchants.c.id == self.merchant_id)
                          .values(rulepack=doc.name))

    def price(self, doc: PriceDoc) -> None:
        current = _data(self.conn, catalog_items, {"merchant_id": self.merchant_id}, "product",
                        doc.sku)
        if current is None:
            raise NotFound("product.unknown", code=doc.sku)
        self.merchant_item("product", doc.sku, {**current, "price_fen": doc.price_fen,
                                                "campaign_price_fen": doc.campaign_price_fen})

    def staff(self, doc: StaffDoc) -> None:
        known = _data(self.conn, catalog_items, {"merchant_id": self.merchant_id}, "staff",
                      doc.number)
        pin_hash = doc.pin_hash or (pins.hash_pin(doc.pin) if doc.pin else None)
        if pin_hash is None:
            pin_hash = known["pin_hash"] if known else pins.hash_pin(new_id_str())
        self.merchant_item("staff", doc.number, {
            "id": known["id"] if known else new_id_str(), "number": doc.number,
            "name": doc.name, "role": doc.role, "pin_hash": pin_hash, "active": doc.active,
            "card_number": doc.card_number})


def merchant_item(conn: Connection, feed: FeedWriter, merchant_id: str, entity: str,
                  entity_id: str, data: dict[str, Any]) -> None:
    """A new version of a merchant's item, announced in its feed (flush `feed` after)."""
    _put(conn, catalog_items, {"merchant_id": merchant_id}, entity, entity_id, data)
    feed.merchant(merchant_id, entity, entity_id)


def _data(conn: Connection, table: sa.Table, owner: dict[str, str], entity: str,
          entity_id: str) -> dict[str, Any] | None:
    where = [table.c[k] == v for k, v in owner.items()]
    found = conn.scalar(sa.select(table.c.data).where(
        *where, table.c.entity == entity, table.c.entity_id == entity_id))
    return dict(found) if found is not None else None


def _put(conn: Connection, table: sa.Table, owner: dict[str, str], entity: str, entity_id: str,
         data: dict[str, Any]) -> None:
    where = [table.c[k] == v for k, v in owner.items()]
    version = conn.scalar(sa.select(table.c.version).where(
        *where, table.c.entity == entity, table.c.entity_id == entity_id))
    if version is None:
        conn.execute(table.insert().values(**owner, entity=entity, entity_id=entity_id,
                                           version=1, data=data))
    else:
        conn.execute(table.update().where(*where, table.c.entity == entity,
                                           table.c.entity_id == entity_id)
                     .values(version=version + 1, data=data))
