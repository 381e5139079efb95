"""The head-office schema (SQLAlchemy Core): what the migrations in headoffice/migrations build.

Keys are chosen for sharding later (Citus): member-owned tables lead with `member_id`, store
tables with `store_id`, so every event touches one distribution key. Idempotency lives in
these keys: an event id, a sale id, a ledger entry id is inserted once, whatever the retries.
"""

from __future__ import annotations

import sqlalchemy as sa

from headoffice.types import Json, UtcTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)

Id = sa.String(36)
Big = sa.BigInteger


def _col(name: str, type_: object, **kw: object) -> sa.Column[object]:
    kw.setdefault("nullable", False)
    return sa.Column(name, type_, **kw)  # type: ignore[arg-type]


merchants = sa.Table(
    "merchants", metadata,
    _col("id", Id, primary_key=True),
    _col("code", sa.String(16), unique=True),
    _col("name", sa.String(100)),
    _col("rulepack", sa.String(40), server_default="fashion"),
    _col("created_at", UtcTime()),
    _col("brand", sa.String(2), unique=True),  # BB of its card numbers (DOMAIN §4)
)

stores = sa.Table(
    "stores", metadata,
    _col("id", Id, primary_key=True),
    _col("merchant_id", Id, index=True),
    _col("code", sa.String(16), unique=True),
    _col("name", sa.String(100)),
    _col("region_code", sa.String(4), server_default="3101"),
    _col("tz", sa.String(64), server_default="Asia/Shanghai"),
    _col("day_close", sa.String(5), server_default="04:00"),
    _col("created_at", UtcTime()),
)

terminals = sa.Table(
    "terminals", metadata,
    _col("id", Id, primary_key=True),
    _col("merchant_id", Id),
    _col("store_id", Id),
    _col("code", sa.String(16)),
    _col("public_key", sa.String(64)),
    _col("enrolled_at", UtcTime()),
    _col("revoked_at", UtcTime(), nullable=True),
    _col("acked_through_seq", Big, server_default="0"),
    _col("last_seen_at", UtcTime(), nullable=True),
    _col("clock_skew_ms", Big, nullable=True),
    _col("clock_flagged_at", UtcTime(), nullable=True),
    _col("app_version", sa.String(40), server_default=""),
    sa.UniqueConstraint("store_id", "code"),
)

# Every audit chain head a terminal sent with a push (h0007): a later push showing the chain
# shorter, another link at a seq seen here, or the outbox counter behind opens a case.
chain_heads = sa.Table(
    "chain_heads", metadata,
    _col("terminal_id", Id, primary_key=True),
    _col("seq", Big, primary_key=True, autoincrement=False),
    _col("mac", sa.String(64)),
    _col("outbox_seq", Big),
    _col("at", UtcTime()),
)

enrol_codes = sa.Table(
    "enrol_codes", metadata,
    _col("code_hash", sa.String(64), primary_key=True),
    _col("store_id", Id),
    _col("created_at", UtcTime()),
    _col("expires_at", UtcTime()),
    _col("used_at", UtcTime(), nullable=True),
    _col("terminal_id", Id, nullable=True),
    # Set: the code re-enrols this known terminal (a reinstall); unset: a new terminal only.
    _col("for_terminal_id", Id, nullable=True),
)

request_nonces = sa.Table(
    "request_nonces", metadata,
    _col("terminal_id", Id, primary_key=True),
    _col("nonce", sa.String(64), primary_key=True),
    _col("ts", UtcTime(), index=True),
)

events = sa.Table(
    "events", metadata,
    _col("event_id", sa.String(64), primary_key=True),
    _col("terminal_id", Id),
    _col("seq", Big),
    _col("type", sa.String(40)),
    _col("v", sa.Integer),
    _col("occurred_at", UtcTime()),
    _col("received_at", UtcTime()),
    _col("store_id", Id),
    _col("member_id", Id, nullable=True),
    _col("status", sa.String(12)),
    _col("code", sa.String(60), nullable=True),
    # Kept for events that were not applied (support looks at them); an applied event's
    # content is in the records it made.
    _col("payload", Json, nullable=True),
    # Why a quarantined event was refused beyond its code: the field (JSON path), the problem.
    _col("detail", Json, nullable=True),
    sa.Index(None, "terminal_id", "seq"),
    # Support lists what was not applied; the applied millions need no index entry.
    sa.Index("ix_events_not_applied", "status", "terminal_id",
             postgresql_where=sa.text("status <> 'applied'"),
             sqlite_where=sa.text("status <> 'applied'")),
)

sales = sa.Table(
    "sales", metadata,
    _col("store_id", Id, primary_key=True),
    _col("id", Id, primary_key=True),
    _col("terminal_id", Id),
    _col("kind", sa.String(10)),
    _col("receipt_no", sa.String(40)),
    _col("at", UtcTime()),
    _col("business_date", sa.Date),
    _col("member_id", Id, nullable=True),
    _col("total_fen", Big),
    _col("points_earned", Big, server_default="0"),
    _col("qualifying_fen", Big, server_default="0"),
    _col("original_sale_id", Id, nullable=True),
    _col("body", Json),
    sa.Index(None, "business_date"),
    sa.Index(None, "member_id"),
    sa.Index(None, "id"),  # a sale named by id alone (a return, an entry): tenancy_rules
)

members = sa.Table(
    "members", metadata,
    _col("id", Id, primary_key=True),
    _col("merchant_id", Id),
    _col("mobile", sa.String(20), nullable=True),
    _col("canonical_id", Id, nullable=True),  # set: this id is an alias of another member
    _col("home_store_id", Id, nullable=True),
    _col("created_at", UtcTime(), nullable=True),
    _col("tier", sa.String(40), server_default=""),
    _col("tier_since", sa.Date, nullable=True),
    _col("tier_at", UtcTime(), nullable=True),
    _col("profile", Json),  # the merged profile fields
    _col("stamps", Json),  # the HLC stamp of each profile field, last writer wins per field
    # The payment PIN's scrypt hash (stamped in `stamps` too): out of `profile`, so nothing
    # that shows a profile can show it; only the tills' member changes carry it.
    _col("pin_hash", sa.String(200), nullable=True),
    _col("pin_set_at", UtcTime(), nullable=True),
    _col("version", Big, server_default="1"),
    # One canonical member per mobile and merchant; a twin made offline becomes an alias.
    sa.Index("uq_members_merchant_mobile", "merchant_id", "mobile", unique=True,
             postgresql_where=sa.text("canonical_id IS NULL AND mobile IS NOT NULL"),
             sqlite_where=sa.text("canonical_id IS NULL AND mobile IS NOT NULL")),
    sa.Index(None, "canonical_id"),
)

member_interest = sa.Table(
    "member_interest", metadata,
    _col("member_id", Id, primary_key=True),
    _col("store_id", Id, primary_key=True),
    _col("since", UtcTime()),
)

member_balances = sa.Table(
    "member_balances", metadata,
    _col("member_id", Id, primary_key=True),
    _col("points", Big, server_default="0"),
    _col("wallet_principal_fen", Big, server_default="0"),
    _col("wallet_bonus_fen", Big, server_default="0"),
    _col("version", Big, server_default="0"),
    _col("updated_at", UtcTime()),
)

points_buckets = sa.Table(
    "points_buckets", metadata,
    _col("member_id", Id, primary_key=True),
    _col("last_day", sa.Date, primary_key=True),
    _col("remaining", Big),
)

points_ledger = sa.Table(
    "points_ledger", metadata,
    _col("member_id", Id, primary_key=True),
    _col("id", Id, primary_key=True),
    _col("store_id", Id),
    _col("terminal_id", Id, nullable=True),
    _col("kind", sa.String(20)),
    _col("points", Big),
    _col("claimed_points", Big, nullable=True),  # an expiry's figure as the till computed it
    _col("at", UtcTime()),
    _col("business_date", sa.Date),
    _col("sale_id", Id, nullable=True),
    _col("reason", sa.String(200), server_default=""),
    _col("staff_id", Id, nullable=True),
    _col("event_id", sa.String(64), nullable=True),
    _col("last_day", sa.Date, nullable=True),  # refunded points' own last valid day
    sa.Index(None, "store_id", "business_date"),
)

wallet_ledger = sa.Table(
    "wallet_ledger", metadata,
    _col("member_id", Id, primary_key=True),
    _col("id", Id, primary_key=True),
    _col("store_id", Id),
    _col("terminal_id", Id, nullable=True),
    _col("kind", sa.String(20)),
    _col("principal_fen", Big),
    _col("bonus_fen", Big),
    _col("at", UtcTime()),
    _col("business_date", sa.Date),
    _col("sale_id", Id, nullable=True),
    _col("staff_id", Id, nullable=True),
    _col("reference", sa.String(100), server_default=""),
    _col("tender_kind", sa.String(20), server_default=""),
    _col("event_id", sa.String(64), nullable=True),
    sa.Index(None, "store_id", "business_date"),
)

cards = sa.Table(
    "cards", metadata,
    _col("number", sa.String(19), primary_key=True),
    _col("member_id", Id, index=True),
    _col("state", sa.String(10)),
    _col("body", Json),
    _col("version", Big, server_default="1"),
    _col("store_id", Id, nullable=True),  # whose till told head office of it first
)

# Card serials (headoffice/cardblocks.py): one row per prefix `BB L RRRR`, locked while a
# block is allotted or stock registered under it, so two never overlap.
card_prefixes = sa.Table(
    "card_prefixes", metadata,
    _col("prefix", sa.String(7), primary_key=True),
)

card_blocks = sa.Table(
    "card_blocks", metadata,
    _col("prefix", sa.String(7), primary_key=True),
    _col("first_serial", sa.Integer, primary_key=True, autoincrement=False),
    _col("last_serial", sa.Integer),
    _col("merchant_id", Id),
    _col("store_id", Id),
    _col("terminal_id", Id, index=True),
    _col("allotted_at", UtcTime()),
)

card_stock = sa.Table(
    "card_stock", metadata,
    _col("id", Id, primary_key=True),
    _col("prefix", sa.String(7)),
    _col("first_serial", sa.Integer),
    _col("last_serial", sa.Integer),
    _col("merchant_id", Id),
    _col("store_id", Id),
    _col("registered_at", UtcTime()),
    sa.Index(None, "prefix", "first_serial"),
)

coupons = sa.Table(
    "coupons", metadata,
    _col("code", sa.String(40), primary_key=True),
    _col("member_id", Id, nullable=True, index=True),
    # A coupon may have no member: its merchant is kept (NULL only for a legacy row that no
    # store ever announced, which no merchant may touch).
    _col("merchant_id", Id, nullable=True),
    _col("template_code", sa.String(40), server_default=""),
    _col("state", sa.String(10)),
    _col("redeemed_sale_id", Id, nullable=True),
    _col("redeemed_store_id", Id, nullable=True),
    _col("body", Json),
    _col("version", Big, server_default="1"),
)

tier_changes = sa.Table(
    "tier_changes", metadata,
    _col("id", Id, primary_key=True),
    _col("member_id", Id, index=True),
    _col("store_id", Id),
    _col("at", UtcTime()),
    _col("from_tier", sa.String(40)),
    _col("to_tier", sa.String(40)),
    _col("reason", sa.String(20)),
)

shifts = sa.Table(
    "shifts", metadata,
    _col("id", Id, primary_key=True),
    _col("store_id", Id),
    _col("terminal_id", Id),
    _col("body", Json),
)

draw_spins = sa.Table(
    "draw_spins", metadata,
    _col("id", Id, primary_key=True),
    _col("store_id", Id),
    _col("member_id", Id, index=True),
    _col("draw_code", sa.String(40)),
    _col("prize_code", sa.String(40), server_default=""),
    _col("at", UtcTime()),
    _col("body", Json),
)

audit_entries = sa.Table(
    "audit_entries", metadata,
    _col("id", Id, primary_key=True),
    _col("store_id", Id),
    _col("terminal_id", Id),
    _col("at", UtcTime()),
    _col("action", sa.String(40)),
    _col("body", Json),
)

recon_cases = sa.Table(
    "recon_cases", metadata,
    _col("id", Id, primary_key=True),
    _col("merchant_id", Id),
    _col("kind", sa.String(40)),
    _col("member_id", Id, nullable=True, index=True),
    _col("status", sa.String(10)),
    _col("amount", Big, server_default="0"),
    _col("details", Json),
    _col("opened_at", UtcTime()),
    _col("updated_at", UtcTime()),
    _col("resolved_at", UtcTime(), nullable=True),
    _col("resolved_by", sa.String(100), nullable=True),
    _col("note", sa.Text, server_default=""),
    sa.Index(None, "status", "kind"),
)

store_feed_heads = sa.Table(
    "store_feed_heads", metadata,
    _col("store_id", Id, primary_key=True),
    _col("seq", Big, server_default="0"),
)

store_feed = sa.Table(
    "store_feed", metadata,
    _col("store_id", Id, primary_key=True),
    _col("seq", Big, primary_key=True, autoincrement=False),
    _col("entity", sa.String(30)),
    _col("entity_id", sa.String(64)),
    _col("created_at", UtcTime()),
)

merchant_feed_heads = sa.Table(
    "merchant_feed_heads", metadata,
    _col("merchant_id", Id, primary_key=True),
    _col("seq", Big, server_default="0"),
)

merchant_feed = sa.Table(
    "merchant_feed", metadata,
    _col("merchant_id", Id, primary_key=True),
    _col("seq", Big, primary_key=True, autoincrement=False),
    _col("entity", sa.String(30)),
    _col("entity_id", sa.String(64)),
    _col("created_at", UtcTime()),
)

# What head office publishes: catalogue, prices, rule packs, coupon templates, staff (per
# merchant) and prize stock allotments (per store). Pull serves the current `data`.
catalog_items = sa.Table(
    "catalog_items", metadata,
    _col("merchant_id", Id, primary_key=True),
    _col("entity", sa.String(30), primary_key=True),
    _col("entity_id", sa.String(64), primary_key=True),
    _col("version", Big),
    _col("data", Json),
)

store_items = sa.Table(
    "store_items", metadata,
    _col("store_id", Id, primary_key=True),
    _col("entity", sa.String(30), primary_key=True),
    _col("entity_id", sa.String(64), primary_key=True),
    _col("version", Big),
    _col("data", Json),
)

allowance_grants = sa.Table(
    "allowance_grants", metadata,
    _col("id", Id, primary_key=True),
    _col("terminal_id", Id),
    _col("granted_at", UtcTime()),
    _col("valid_until", UtcTime()),
    _col("limits", Json),
    sa.Index(None, "terminal_id", "granted_at"),
)

# The alliance and console tables live in their own modules on this metadata (the migrations
# and the schema test see one schema); imported last, when `metadata` and the helpers exist.
from headoffice import alliance_tables as _alliance_tables  # noqa: E402, F401
from headoffice import console_tables as _console_tables  # noqa: E402, F401
from headoffice import member_tables as _member_tables  # noqa: E402, F401
