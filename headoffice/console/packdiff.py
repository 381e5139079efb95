"""What a publication changes against what the merchant runs now, row by row in words a
marketing person reads: the rule pack's settings (`points.expiry: year_end → never`), products
and prices (in yuan), coupon templates, staff accounts, gifts and draws."""

from __future__ import annotations

import tomllib
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.packload import PACK_DIR
from headoffice.publish import Publication
from headoffice.tables import catalog_items, merchants

Row = dict[str, str]  # area, item, field, before, after
MONEY_FIELDS = ("price_fen", "campaign_price_fen", "amount_fen", "min_spend_fen", "cost_fen")


def changes(conn: Connection, merchant_id: str, doc: Publication) -> list[Row]:
    """Every difference the publication makes, the rule pack first; nothing: []."""
    rows: list[Row] = []
    if doc.rulepack is not None:
        rows += _pack_rows(conn, merchant_id, doc.rulepack.name, doc.rulepack.toml)
    for product in doc.products:
        rows += _item_rows(conn, merchant_id, "product", product.sku,
                           product.model_dump(mode="json", by_alias=False))
    for price in doc.prices:
        current = _current(conn, merchant_id, "product", price.sku) or {}
        rows += _item_rows(conn, merchant_id, "product", price.sku,
                           {**current, **price.model_dump(mode="json")})
    for template in doc.coupon_templates:
        rows += _item_rows(conn, merchant_id, "coupon_template", template.code,
                           template.model_dump(mode="json"))
    for person in doc.staff:  # never a PIN, not even its hash
        rows += _item_rows(conn, merchant_id, "staff", person.number,
                           person.model_dump(mode="json", exclude={"pin", "pin_hash"}),
                           skip=("id", "pin_hash"))
    for gift in doc.gifts:
        rows.append(_row("gift", f"{gift.store} {gift.code}", "", "",
                         f"{gift.name} ×{gift.allotted}"))
    for draw in doc.draws:
        rows.append(_row("draw", f"{draw.store} {draw.draw.get('code', '')}", "", "",
                         str(draw.draw.get("name", ""))))
    return rows


def _pack_rows(conn: Connection, merchant_id: str, name: str, toml: str | None) -> list[Row]:
    now_name = conn.scalar(sa.select(merchants.c.rulepack).where(
        merchants.c.id == merchant_id)) or "fashion"
    before = _flat(tomllib.loads(_pack_text(conn, merchant_id, now_name)))
    after = _flat(tomllib.loads(toml if toml is not None else _shipped(name)))
    rows = [_row("rulepack", name, "name", now_name, name)] if name != now_name else []
    for key in sorted((set(before) | set(after)) - {"name"}):  # the name: the row above
        if before.get(key) != after.get(key):
            rows.append(_row("rulepack", name, key, before.get(key, ""), after.get(key, "")))
    return rows


def _pack_text(conn: Connection, merchant_id: str, name: str) -> str:
    data = _current(conn, merchant_id, "rulepack", name)
    return str(data["toml"]) if data and data.get("toml") else _shipped(name)


def _shipped(name: str) -> str:
    path = PACK_DIR / f"{name}.toml"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _flat(value: Any, prefix: str = "") -> dict[str, str]:
    """`{"points": {"expiry": "never"}}` as `{"points.expiry": "never"}`; lists by index."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, inner in value.items():
            out.update(_flat(inner, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        out = {}
        for i, inner in enumerate(value):
            out.update(_flat(inner, f"{prefix}[{i}]"))
        return out
    return {prefix: _text(value)}


def _item_rows(conn: Connection, merchant_id: str, entity: str, key: str,
               after: dict[str, Any], skip: tuple[str, ...] = ()) -> list[Row]:
    before = _current(conn, merchant_id, entity, key)
    if before is None:
        return [_row(entity, key, "", "", _summary(after))]
    return [_row(entity, key, field, _shown(field, before.get(field)),
                 _shown(field, after.get(field)))
            for field in sorted(set(before) | set(after))
            if field not in skip and _text(before.get(field)) != _text(after.get(field))]


def _summary(data: dict[str, Any]) -> str:
    """A new item in one line: its name and price (or amount)."""
    money = next((f for f in MONEY_FIELDS if data.get(f) is not None), None)
    name = str(data.get("name", ""))
    return f"{name} {_shown(money, data[money])}".strip() if money else name


def _current(conn: Connection, merchant_id: str, entity: str,
             key: str) -> dict[str, Any] | None:
    found = conn.scalar(sa.select(catalog_items.c.data).where(
        catalog_items.c.merchant_id == merchant_id, catalog_items.c.entity == entity,
        catalog_items.c.entity_id == key))
    return dict(found) if found is not None else None


def _shown(field: str | None, value: Any) -> str:
    if field in MONEY_FIELDS and isinstance(value, int):
        return f"￥{value // 100}.{value % 100:02d}"
    return _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _row(area: str, item: str, field: str, before: Any, after: Any) -> Row:
    return {"area": area, "item": item, "field": field, "before": _text(before),
            "after": _text(after)}
