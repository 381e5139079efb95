"""Mappers of the store's own things: settings and terminal, staff, shifts, catalogue, gifts,
coupon templates, lucky draws, card blocks, import jobs. Each reads a row by column name; the
columns come from the schema (db/rows_store.py, db/rows_draws.py, db/rows_sync.py ...)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from db.columns import COLUMNS
from db.mapping_values import (
    day,
    day_of,
    decimal_of,
    dump_json,
    iso,
    json_of,
    parse_utc,
    rate_text,
    time_of,
    utc,
    utc_text,
    wall_clock,
)
from db.pinyin import pinyin_initials
from db.repos_driver import Named
from domain.catalog import Product, ProductClass
from domain.import_jobs import ImportJob
from domain.luckydraw import Draw, Prize, PrizeKind, Spin
from domain.records import CouponKind, CouponTemplate, Gift, Role, Shift, Staff, StoreSettings
from domain.serials import SerialBlock

SETTINGS_COLUMNS = COLUMNS["store_settings"]
TERMINAL_COLUMNS = COLUMNS["terminals"]
STAFF_COLUMNS = COLUMNS["staff"]
SHIFT_COLUMNS = COLUMNS["shifts"]
PRODUCT_COLUMNS = COLUMNS["products"]
GIFT_COLUMNS = COLUMNS["gifts"]
TEMPLATE_COLUMNS = COLUMNS["coupon_templates"]
DRAW_COLUMNS = COLUMNS["draws"]
PRIZE_COLUMNS = COLUMNS["draw_prizes"]
SPIN_COLUMNS = COLUMNS["draw_spins"]
BLOCK_COLUMNS = COLUMNS["card_blocks"]
JOB_COLUMNS = COLUMNS["import_jobs"]


def settings_from(r: Named) -> StoreSettings:
    return StoreSettings(
        merchant_id=r["merchant_id"], store_id=r["store_id"], store_code=r["store_code"],
        store_name=r["store_name"], terminal_id=r["terminal_id"],
        terminal_code=r["terminal_code"], region_code=r["region_code"],
        rulepack=r["rulepack"], tz=r["tz"], day_close=_clock(r["day_close"]),
        card_secret_hex=r["card_secret_hex"], receipt=json_of(r["receipt"]),
        card_brand=r["card_brand"], cashier_signup=bool(r["cashier_signup"]))


def settings_params(s: StoreSettings) -> dict[str, Any]:
    """The one settings row (id 1)."""
    return {
        "id": 1, "merchant_id": s.merchant_id, "store_id": s.store_id,
        "store_code": s.store_code, "store_name": s.store_name, "terminal_id": s.terminal_id,
        "terminal_code": s.terminal_code, "region_code": s.region_code,
        "rulepack": s.rulepack, "tz": s.tz, "day_close": wall_clock(s.day_close),
        "card_secret_hex": s.card_secret_hex, "receipt": dump_json(dict(s.receipt)),
        "card_brand": s.card_brand, "cashier_signup": int(s.cashier_signup),
    }


def terminal_params(s: StoreSettings) -> dict[str, Any]:
    """The terminal the settings name, registered under its code, active."""
    return {"id": s.terminal_id, "store_id": s.store_id, "code": s.terminal_code,
            "name": s.terminal_code, "active": 1}


def _clock(text: str) -> time:
    return time.fromisoformat(text)


def staff_from(r: Named) -> Staff:
    return Staff(id=r["id"], number=r["number"], name=r["name"], role=Role(r["role"]),
                 pin_hash=r["pin_hash"], active=bool(r["active"]),
                 card_number=r["card_number"])


def staff_params(s: Staff) -> dict[str, Any]:
    return {"id": s.id, "number": s.number, "name": s.name, "role": s.role.value,
            "pin_hash": s.pin_hash, "active": int(s.active), "card_number": s.card_number}


def shift_from(r: Named) -> Shift:
    return Shift(id=r["id"], cashier_id=r["cashier_id"], opened_at=parse_utc(r["opened_at"]),
                 business_date=day(r["business_date"]), float_fen=r["float_fen"],
                 closed_at=time_of(r["closed_at"]), counted_fen=r["counted_fen"],
                 expected_fen=r["expected_fen"])


def shift_params(s: Shift) -> dict[str, Any]:
    return {"id": s.id, "cashier_id": s.cashier_id, "opened_at": utc_text(s.opened_at),
            "business_date": iso(s.business_date), "float_fen": s.float_fen,
            "closed_at": utc(s.closed_at), "counted_fen": s.counted_fen,
            "expected_fen": s.expected_fen}


def product_from(r: Named) -> Product:
    return Product(
        sku=r["sku"], name=r["name"], price_fen=r["price_fen"],
        product_class=ProductClass(r["product_class"]), category=r["category"],
        barcode=r["barcode"], pinyin_initials=r["pinyin_initials"],
        campaign_price_fen=r["campaign_price_fen"], is_weighed=bool(r["is_weighed"]),
        active=bool(r["active"]))


def product_params(p: Product) -> dict[str, Any]:
    """Empty pinyin initials are computed from the name; given ones are kept (lower-cased);
    an empty barcode is stored as none, so it never matches a scan."""
    return {
        "sku": p.sku, "name": p.name, "price_fen": p.price_fen,
        "product_class": p.product_class.value, "category": p.category,
        "barcode": p.barcode or None,
        "pinyin_initials": p.pinyin_initials.strip().lower() or pinyin_initials(p.name),
        "campaign_price_fen": p.campaign_price_fen, "is_weighed": int(p.is_weighed),
        "active": int(p.active),
    }


def gift_from(r: Named) -> Gift:
    return Gift(code=r["code"], name=r["name"], cost_fen=r["cost_fen"],
                points_price=r["points_price"], stock=r["stock"], active=bool(r["active"]))


def gift_params(g: Gift) -> dict[str, Any]:
    return {"code": g.code, "name": g.name, "cost_fen": g.cost_fen,
            "points_price": g.points_price, "stock": g.stock, "active": int(g.active)}


def template_from(r: Named) -> CouponTemplate:
    return CouponTemplate(
        code=r["code"], name=r["name"], kind=CouponKind(r["kind"]), amount_fen=r["amount_fen"],
        rate=decimal_of(r["rate"]), min_spend_fen=r["min_spend_fen"],
        stackable=bool(r["stackable"]), valid_days=r["valid_days"],
        valid_months=r["valid_months"], valid_from=day_of(r["valid_from"]),
        valid_to=day_of(r["valid_to"]), classes=tuple(json_of(r["classes"])),
        channels=tuple(json_of(r["channels"])), gift_sku=r["gift_sku"])


def template_params(t: CouponTemplate) -> dict[str, Any]:
    return {
        "code": t.code, "name": t.name, "kind": str(t.kind), "amount_fen": t.amount_fen,
        "rate": rate_text(t.rate), "min_spend_fen": t.min_spend_fen,
        "stackable": int(t.stackable), "valid_days": t.valid_days,
        "valid_months": t.valid_months, "valid_from": iso(t.valid_from),
        "valid_to": iso(t.valid_to), "classes": dump_json(list(t.classes)),
        "channels": dump_json(list(t.channels)), "gift_sku": t.gift_sku,
    }


def draw_from(r: Named) -> Draw:
    return Draw(code=r["code"], name=r["name"], cost_points=r["cost_points"],
                free_spins_per_day=r["free_spins_per_day"], starts=day_of(r["starts"]),
                ends=day_of(r["ends"]), active=bool(r["active"]))


def draw_params(d: Draw) -> dict[str, Any]:
    return {"code": d.code, "name": d.name, "cost_points": d.cost_points,
            "free_spins_per_day": d.free_spins_per_day, "starts": iso(d.starts),
            "ends": iso(d.ends), "active": int(d.active)}


def prize_from(r: Named) -> Prize:
    """A prize; its place on the wheel (`position`) is the repository's to keep."""
    return Prize(draw_code=r["draw_code"], code=r["code"], name=r["name"],
                 kind=PrizeKind(r["kind"]), weight=r["weight"], points=r["points"],
                 coupon_template=r["coupon_template"], allotted=r["allotted"],
                 given=r["given"])


def prize_params(p: Prize, position: int) -> dict[str, Any]:
    return {"draw_code": p.draw_code, "code": p.code, "position": position, "name": p.name,
            "kind": p.kind.value, "weight": p.weight, "points": p.points,
            "coupon_template": p.coupon_template, "allotted": p.allotted, "given": p.given}


def spin_from(r: Named) -> Spin:
    return Spin(id=r["id"], draw_code=r["draw_code"], member_id=r["member_id"],
                at=parse_utc(r["at"]), business_date=day(r["business_date"]),
                free=bool(r["free"]), cost_points=r["cost_points"], roll=r["roll"],
                out_of=r["out_of"], prize_code=r["prize_code"],
                prize_kind=PrizeKind(r["prize_kind"]), points_won=r["points_won"],
                coupon_code=r["coupon_code"], staff_id=r["staff_id"])


def spin_params(s: Spin) -> dict[str, Any]:
    return {"id": s.id, "draw_code": s.draw_code, "member_id": s.member_id,
            "at": utc_text(s.at), "business_date": iso(s.business_date), "free": int(s.free),
            "cost_points": s.cost_points, "roll": s.roll, "out_of": s.out_of,
            "prize_code": s.prize_code, "prize_kind": s.prize_kind.value,
            "points_won": s.points_won, "coupon_code": s.coupon_code, "staff_id": s.staff_id}


def block_from(r: Named) -> SerialBlock:
    return SerialBlock(r["prefix"], r["first_serial"], r["last_serial"])


def block_params(b: SerialBlock, allotted_at: datetime) -> dict[str, Any]:
    return {"prefix": b.prefix, "first_serial": b.first, "last_serial": b.last,
            "allotted_at": utc_text(allotted_at)}


def job_from(r: Named) -> ImportJob:
    return ImportJob(key=r["key"], id=r["id"], staff_id=r["staff_id"],
                     started_at=parse_utc(r["started_at"]), rows=r["rows"],
                     last_row=r["last_row"], imported=r["imported"],
                     finished_at=time_of(r["finished_at"]))


def job_params(j: ImportJob) -> dict[str, Any]:
    return {"key": j.key, "id": j.id, "staff_id": j.staff_id,
            "started_at": utc_text(j.started_at), "rows": j.rows, "last_row": j.last_row,
            "imported": j.imported, "finished_at": utc(j.finished_at)}
