"""Row ↔ record mapping for the store's own things: settings, staff, shifts, catalogue, gifts."""

from __future__ import annotations

from db.pinyin import pinyin_initials
from db.rows import (
    CouponTemplateRow,
    GiftRow,
    ProductRow,
    ShiftRow,
    StaffRow,
    StoreSettingsRow,
)
from domain.catalog import Product, ProductClass
from domain.records import CouponTemplate, Gift, Role, Shift, Staff, StoreSettings


def settings_to_row(s: StoreSettings) -> StoreSettingsRow:
    return StoreSettingsRow(
        id=1, merchant_id=s.merchant_id, store_id=s.store_id, store_code=s.store_code,
        store_name=s.store_name, terminal_id=s.terminal_id, terminal_code=s.terminal_code,
        region_code=s.region_code, rulepack=s.rulepack, tz=s.tz, day_close=s.day_close,
        card_secret_hex=s.card_secret_hex, receipt=dict(s.receipt), card_brand=s.card_brand,
        cashier_signup=s.cashier_signup)


def settings_from_row(r: StoreSettingsRow) -> StoreSettings:
    return StoreSettings(
        merchant_id=r.merchant_id, store_id=r.store_id, store_code=r.store_code,
        store_name=r.store_name, terminal_id=r.terminal_id, terminal_code=r.terminal_code,
        region_code=r.region_code, rulepack=r.rulepack, tz=r.tz, day_close=r.day_close,
        card_secret_hex=r.card_secret_hex, receipt=dict(r.receipt), card_brand=r.card_brand,
        cashier_signup=bool(r.cashier_signup))


def staff_to_row(s: Staff) -> StaffRow:
    return StaffRow(id=s.id, number=s.number, name=s.name, role=s.role.value,
                    pin_hash=s.pin_hash, active=s.active, card_number=s.card_number)


def staff_from_row(r: StaffRow) -> Staff:
    return Staff(id=r.id, number=r.number, name=r.name, role=Role(r.role), pin_hash=r.pin_hash,
                 active=r.active, card_number=r.card_number)


def shift_to_row(s: Shift) -> ShiftRow:
    return ShiftRow(id=s.id, cashier_id=s.cashier_id, opened_at=s.opened_at,
                    business_date=s.business_date, float_fen=s.float_fen, closed_at=s.closed_at,
                    counted_fen=s.counted_fen, expected_fen=s.expected_fen)


def shift_from_row(r: ShiftRow) -> Shift:
    return Shift(id=r.id, cashier_id=r.cashier_id, opened_at=r.opened_at,
                 business_date=r.business_date, float_fen=r.float_fen, closed_at=r.closed_at,
                 counted_fen=r.counted_fen, expected_fen=r.expected_fen)


def product_to_row(p: Product) -> ProductRow:
    """Empty pinyin initials are computed from the name; given ones are kept (lower-cased)."""
    initials = p.pinyin_initials.strip().lower() or pinyin_initials(p.name)
    return ProductRow(
        sku=p.sku, name=p.name, price_fen=p.price_fen, product_class=p.product_class.value,
        category=p.category, barcode=p.barcode or None, pinyin_initials=initials,
        campaign_price_fen=p.campaign_price_fen, is_weighed=p.is_weighed, active=p.active)


def product_from_row(r: ProductRow) -> Product:
    return Product(
        sku=r.sku, name=r.name, price_fen=r.price_fen,
        product_class=ProductClass(r.product_class), category=r.category, barcode=r.barcode,
        pinyin_initials=r.pinyin_initials, is_weighed=r.is_weighed, active=r.active,
        campaign_price_fen=r.campaign_price_fen)


def gift_to_row(g: Gift) -> GiftRow:
    return GiftRow(code=g.code, name=g.name, cost_fen=g.cost_fen, points_price=g.points_price,
                   stock=g.stock, active=g.active)


def gift_from_row(r: GiftRow) -> Gift:
    return Gift(code=r.code, name=r.name, cost_fen=r.cost_fen, points_price=r.points_price,
                stock=r.stock, active=r.active)


def template_to_row(t: CouponTemplate) -> CouponTemplateRow:
    return CouponTemplateRow(
        code=t.code, name=t.name, kind=t.kind, amount_fen=t.amount_fen, rate=t.rate,
        min_spend_fen=t.min_spend_fen, stackable=t.stackable, valid_days=t.valid_days,
        valid_months=t.valid_months, valid_from=t.valid_from, valid_to=t.valid_to,
        classes=list(t.classes),
        channels=list(t.channels), gift_sku=t.gift_sku)


def template_from_row(r: CouponTemplateRow) -> CouponTemplate:
    return CouponTemplate(
        code=r.code, name=r.name, kind=r.kind, amount_fen=r.amount_fen, rate=r.rate,
        min_spend_fen=r.min_spend_fen, stackable=r.stackable, valid_days=r.valid_days,
        valid_months=r.valid_months, valid_from=r.valid_from, valid_to=r.valid_to,
        classes=tuple(r.classes),
        channels=tuple(r.channels), gift_sku=r.gift_sku)
