"""The columns of every store table, in the schema's order, but those a trigger fills.

Written by `python -m db.build_columns` from db/rows_*.py, the one place that names them;
tests/integration/db/test_columns.py fails when the two differ. Plain tuples, so that the till opens
its store without building SQLAlchemy's declarative classes.
"""

from __future__ import annotations

COLUMNS: dict[str, tuple[str, ...]] = {
    "alliance_coupons": (
        "code", "card_number", "issuer", "template", "amount_fen", "valid_from", "valid_to",
        "used_sale_id",
    ),
    "alliance_roster": (
        "card_number", "issuer", "issuer_member_id", "name_masked", "tier",
    ),
    "alliance_terms": (
        "id", "issuer_brand", "data",
    ),
    "audit_log": (
        "seq", "id", "at", "action", "staff_id", "target", "details", "approved_by", "prev_hash",
        "hash",
    ),
    "card_blocks": (
        "prefix", "first_serial", "last_serial", "allotted_at",
    ),
    "card_conflicts": (
        "number", "other_member_id", "member_id", "seen_at",
    ),
    "card_stock": (
        "id", "prefix", "first_serial", "last_serial",
    ),
    "cards": (
        "number", "member_id", "state", "expiry", "kind", "is_staff", "replaced_by", "issued_at",
    ),
    "chain_marks": (
        "name", "seq", "mac", "seal",
    ),
    "closed_days": (
        "business_date", "closed_at", "staff_id", "z",
    ),
    "counters": (
        "terminal_id", "name", "value",
    ),
    "coupon_templates": (
        "code", "name", "kind", "amount_fen", "rate", "min_spend_fen", "stackable", "valid_days",
        "valid_months", "valid_from", "valid_to", "classes", "channels", "gift_sku",
    ),
    "coupons": (
        "code", "template_code", "kind", "amount_fen", "rate", "min_spend_fen", "stackable",
        "valid_from", "valid_to", "state", "issued_at", "member_id", "issued_reason", "classes",
        "gift_sku", "redeemed_sale_id", "redeemed_at",
    ),
    "draw_prizes": (
        "draw_code", "code", "position", "name", "kind", "weight", "points", "coupon_template",
        "allotted", "given",
    ),
    "draw_spins": (
        "id", "draw_code", "member_id", "at", "business_date", "free", "cost_points", "roll",
        "out_of", "prize_code", "prize_kind", "points_won", "coupon_code", "staff_id",
    ),
    "draws": (
        "code", "name", "cost_points", "free_spins_per_day", "starts", "ends", "active",
    ),
    "gifts": (
        "code", "name", "cost_fen", "points_price", "stock", "active",
    ),
    "held_sales": (
        "id", "held_at", "held_by", "total_fen", "items", "member_id", "cart",
    ),
    "ho_allotments": (
        "code", "allotted",
    ),
    "ho_balances": (
        "member_id", "points", "wallet_principal_fen", "wallet_bonus_fen", "buckets", "blocked",
        "version", "acked_through_seq", "pulled_at",
    ),
    "import_jobs": (
        "key", "id", "staff_id", "started_at", "rows", "last_row", "imported", "finished_at",
    ),
    "member_aliases": (
        "alias_id", "canonical_id",
    ),
    "member_balances": (
        "member_id", "points", "wallet_principal_fen", "wallet_bonus_fen",
    ),
    "member_figures": (
        "member_id", "last_purchase", "orders_ever", "orders", "revenue_fen", "categories",
    ),
    "member_figures_window": (
        "id", "since", "until",
    ),
    "member_pins": (
        "member_id", "pin_hash", "set_at", "set_by", "failures", "failed_on",
    ),
    "member_search_terms": (
        "kind", "term", "member_id",
    ),
    "members": (
        "id", "name", "mobile", "joined_on", "tier", "tier_since", "status", "gender",
        "birth_year", "birth_month", "birth_day", "id_number_enc", "occupation", "income_band",
        "address", "email", "referrer_id", "source", "consent_marketing", "consent_marketing_at",
        "consent_alliance", "consent_alliance_at", "privacy_accepted_at", "tags", "notes",
        "home_store", "staff_id", "created_at", "deposit_rate", "deposit_until",
    ),
    "offline_spends": (
        "id", "member_id", "business_date", "points", "wallet_fen", "at", "after_seq", "offline",
    ),
    "outbox": (
        "terminal_id", "seq", "event_id", "type", "payload", "member_id", "occurred_at", "acked",
        "acked_at",
    ),
    "points_days": (
        "business_date", "kind", "points", "entries",
    ),
    "points_draws": (
        "entry_id", "lot_id", "sale_id", "points",
    ),
    "points_ledger": (
        "id", "member_id", "kind", "points", "at", "business_date", "reason", "sale_id",
        "staff_id", "last_day",
    ),
    "points_lots": (
        "id", "member_id", "earned_on", "expires_on", "points", "remaining", "source", "sale_id",
    ),
    "products": (
        "sku", "name", "price_fen", "product_class", "category", "barcode", "pinyin_initials",
        "campaign_price_fen", "is_weighed", "active",
    ),
    "roles": (
        "code", "name",
    ),
    "sale_lines": (
        "sale_id", "line_no", "sku", "name", "product_class", "category", "qty", "unit_price_fen",
        "list_fen", "discount_fen", "coupon_fen", "final_fen", "points_earned", "reasons",
        "original_line_no", "paid_fen",
    ),
    "sales": (
        "id", "receipt_no", "kind", "at", "business_date", "store_code", "terminal_code",
        "cashier_id", "total_fen", "rounding_fen", "member_id", "shift_id", "original_sale_id",
        "points_earned", "qualifying_fen", "coupons_redeemed", "applied", "rulepack",
        "approved_by", "member_tier", "birthday",
    ),
    "shifts": (
        "id", "cashier_id", "opened_at", "business_date", "float_fen", "closed_at", "counted_fen",
        "expected_fen",
    ),
    "staff": (
        "id", "number", "name", "role", "pin_hash", "active", "card_number",
    ),
    "store_settings": (
        "id", "merchant_id", "store_id", "store_code", "store_name", "terminal_id",
        "terminal_code", "region_code", "rulepack", "tz", "day_close", "card_secret_hex",
        "receipt", "card_brand", "cashier_signup",
    ),
    "sync_state": (
        "id", "server_url", "terminal_id", "enrolled_at", "cursor", "acked_through_seq",
        "last_push_at", "last_pull_at", "last_contact_at", "last_error", "revoked",
        "server_offset_ms", "hlc", "grant_valid_until", "grant_limits",
    ),
    "sync_versions": (
        "entity", "entity_id", "version",
    ),
    "tenders": (
        "sale_id", "tender_no", "kind", "amount_fen", "reference", "points",
        "wallet_principal_fen", "wallet_bonus_fen", "coupon_code", "given_fen", "change_fen",
    ),
    "terminals": (
        "id", "store_id", "code", "name", "active",
    ),
    "tier_changes": (
        "id", "member_id", "at", "from_tier", "to_tier", "reason",
    ),
    "wallet_ledger": (
        "id", "member_id", "kind", "principal_fen", "bonus_fen", "at", "business_date", "sale_id",
        "staff_id", "reference", "tender_kind",
    ),
}
