"""The head-office schema: tenants, terminals, the event log, merged members and ledgers,
reconciliation cases, change feeds, published catalogue, allowances.

Revision ID: h0001
Revises:
Create Date: 2025-05-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from headoffice.types import Json, UtcTime

revision = "h0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# One canonical member per merchant and mobile; aliases (merged twins) are exempt.
_CANONICAL = sa.text("canonical_id IS NULL AND mobile IS NOT NULL")
# Only events that were not applied are looked up by status (support's quarantine list).
_NOT_APPLIED = sa.text("status <> 'applied'")


def upgrade() -> None:
    op.create_table('allowance_grants',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('granted_at', UtcTime(), nullable=False),
    sa.Column('valid_until', UtcTime(), nullable=False),
    sa.Column('limits', Json, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allowance_grants'))
    )
    op.create_index(op.f('ix_allowance_grants_terminal_id_granted_at'), 'allowance_grants',
                    ['terminal_id', 'granted_at'])

    op.create_table('audit_entries',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('at', UtcTime(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('body', Json, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    op.create_table('cards',
    sa.Column('number', sa.String(length=19), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('body', Json, nullable=False),
    sa.Column('version', sa.BigInteger(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_cards'))
    )
    op.create_index(op.f('ix_cards_member_id'), 'cards', ['member_id'])

    op.create_table('catalog_items',
    sa.Column('merchant_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('data', Json, nullable=False),
    sa.PrimaryKeyConstraint('merchant_id', 'entity', 'entity_id', name=op.f('pk_catalog_items'))
    )
    op.create_table('coupons',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('template_code', sa.String(length=40), server_default='', nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('redeemed_sale_id', sa.String(length=36), nullable=True),
    sa.Column('redeemed_store_id', sa.String(length=36), nullable=True),
    sa.Column('body', Json, nullable=False),
    sa.Column('version', sa.BigInteger(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_coupons'))
    )
    op.create_index(op.f('ix_coupons_member_id'), 'coupons', ['member_id'])

    op.create_table('enrol_codes',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', UtcTime(), nullable=False),
    sa.Column('expires_at', UtcTime(), nullable=False),
    sa.Column('used_at', UtcTime(), nullable=True),
    sa.Column('terminal_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_enrol_codes'))
    )
    op.create_table('events',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('v', sa.Integer(), nullable=False),
    sa.Column('occurred_at', UtcTime(), nullable=False),
    sa.Column('received_at', UtcTime(), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=True),
    sa.Column('payload', Json, nullable=True),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_events'))
    )
    op.create_index('ix_events_not_applied', 'events', ['status', 'terminal_id'],
                    postgresql_where=_NOT_APPLIED, sqlite_where=_NOT_APPLIED)
    op.create_index(op.f('ix_events_terminal_id_seq'), 'events', ['terminal_id', 'seq'])

    op.create_table('member_balances',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('points', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('wallet_principal_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('wallet_bonus_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('version', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('updated_at', UtcTime(), nullable=False),
    sa.PrimaryKeyConstraint('member_id', name=op.f('pk_member_balances'))
    )
    op.create_table('member_interest',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('since', UtcTime(), nullable=False),
    sa.PrimaryKeyConstraint('member_id', 'store_id', name=op.f('pk_member_interest'))
    )
    op.create_table('members',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('merchant_id', sa.String(length=36), nullable=False),
    sa.Column('mobile', sa.String(length=20), nullable=True),
    sa.Column('canonical_id', sa.String(length=36), nullable=True),
    sa.Column('home_store_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', UtcTime(), nullable=True),
    sa.Column('tier', sa.String(length=40), server_default='', nullable=False),
    sa.Column('tier_since', sa.Date(), nullable=True),
    sa.Column('tier_at', UtcTime(), nullable=True),
    sa.Column('profile', Json, nullable=False),
    sa.Column('stamps', Json, nullable=False),
    sa.Column('version', sa.BigInteger(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members'))
    )
    op.create_index(op.f('ix_members_canonical_id'), 'members', ['canonical_id'])
    op.create_index('uq_members_merchant_mobile', 'members', ['merchant_id', 'mobile'],
                    unique=True, postgresql_where=_CANONICAL, sqlite_where=_CANONICAL)

    op.create_table('merchant_feed',
    sa.Column('merchant_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcTime(), nullable=False),
    sa.PrimaryKeyConstraint('merchant_id', 'seq', name=op.f('pk_merchant_feed'))
    )
    op.create_table('merchant_feed_heads',
    sa.Column('merchant_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('merchant_id', name=op.f('pk_merchant_feed_heads'))
    )
    op.create_table('merchants',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('rulepack', sa.String(length=40), server_default='fashion', nullable=False),
    sa.Column('created_at', UtcTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merchants')),
    sa.UniqueConstraint('code', name=op.f('uq_merchants_code'))
    )
    op.create_table('points_buckets',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('remaining', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('member_id', 'last_day', name=op.f('pk_points_buckets'))
    )
    op.create_table('points_ledger',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('points', sa.BigInteger(), nullable=False),
    sa.Column('claimed_points', sa.BigInteger(), nullable=True),
    sa.Column('at', UtcTime(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('sale_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.String(length=200), server_default='', nullable=False),
    sa.Column('staff_id', sa.String(length=36), nullable=True),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('member_id', 'id', name=op.f('pk_points_ledger'))
    )
    op.create_index(op.f('ix_points_ledger_store_id_business_date'), 'points_ledger',
                    ['store_id', 'business_date'])

    op.create_table('recon_cases',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('merchant_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('details', Json, nullable=False),
    sa.Column('opened_at', UtcTime(), nullable=False),
    sa.Column('updated_at', UtcTime(), nullable=False),
    sa.Column('resolved_at', UtcTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recon_cases'))
    )
    op.create_index(op.f('ix_recon_cases_member_id'), 'recon_cases', ['member_id'])
    op.create_index(op.f('ix_recon_cases_status_kind'), 'recon_cases', ['status', 'kind'])

    op.create_table('request_nonces',
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('ts', UtcTime(), nullable=False),
    sa.PrimaryKeyConstraint('terminal_id', 'nonce', name=op.f('pk_request_nonces'))
    )
    op.create_index(op.f('ix_request_nonces_ts'), 'request_nonces', ['ts'])

    op.create_table('sales',
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('at', UtcTime(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('total_fen', sa.BigInteger(), nullable=False),
    sa.Column('points_earned', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('qualifying_fen', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('original_sale_id', sa.String(length=36), nullable=True),
    sa.Column('body', Json, nullable=False),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_sales'))
    )
    op.create_index(op.f('ix_sales_business_date'), 'sales', ['business_date'])
    op.create_index(op.f('ix_sales_member_id'), 'sales', ['member_id'])

    op.create_table('shifts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=False),
    sa.Column('body', Json, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts'))
    )
    op.create_table('store_feed',
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcTime(), nullable=False),
    sa.PrimaryKeyConstraint('store_id', 'seq', name=op.f('pk_store_feed'))
    )
    op.create_table('store_feed_heads',
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('store_id', name=op.f('pk_store_feed_heads'))
    )
    op.create_table('store_items',
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('data', Json, nullable=False),
    sa.PrimaryKeyConstraint('store_id', 'entity', 'entity_id', name=op.f('pk_store_items'))
    )
    op.create_table('stores',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('merchant_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('region_code', sa.String(length=4), server_default='3101', nullable=False),
    sa.Column('tz', sa.String(length=64), server_default='Asia/Shanghai', nullable=False),
    sa.Column('day_close', sa.String(length=5), server_default='04:00', nullable=False),
    sa.Column('created_at', UtcTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stores')),
    sa.UniqueConstraint('code', name=op.f('uq_stores_code'))
    )
    op.create_index(op.f('ix_stores_merchant_id'), 'stores', ['merchant_id'])

    op.create_table('terminals',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('merchant_id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('enrolled_at', UtcTime(), nullable=False),
    sa.Column('revoked_at', UtcTime(), nullable=True),
    sa.Column('acked_through_seq', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('last_seen_at', UtcTime(), nullable=True),
    sa.Column('clock_skew_ms', sa.BigInteger(), nullable=True),
    sa.Column('clock_flagged_at', UtcTime(), nullable=True),
    sa.Column('app_version', sa.String(length=40), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terminals')),
    sa.UniqueConstraint('store_id', 'code', name=op.f('uq_terminals_store_id_code'))
    )
    op.create_table('tier_changes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('at', UtcTime(), nullable=False),
    sa.Column('from_tier', sa.String(length=40), nullable=False),
    sa.Column('to_tier', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tier_changes'))
    )
    op.create_index(op.f('ix_tier_changes_member_id'), 'tier_changes', ['member_id'])

    op.create_table('wallet_ledger',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('principal_fen', sa.BigInteger(), nullable=False),
    sa.Column('bonus_fen', sa.BigInteger(), nullable=False),
    sa.Column('at', UtcTime(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('sale_id', sa.String(length=36), nullable=True),
    sa.Column('staff_id', sa.String(length=36), nullable=True),
    sa.Column('reference', sa.String(length=100), server_default='', nullable=False),
    sa.Column('tender_kind', sa.String(length=20), server_default='', nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('member_id', 'id', name=op.f('pk_wallet_ledger'))
    )
    op.create_index(op.f('ix_wallet_ledger_store_id_business_date'), 'wallet_ledger',
                    ['store_id', 'business_date'])



def downgrade() -> None:
    for table in (
        "wallet_ledger",
        "tier_changes",
        "terminals",
        "stores",
        "store_items",
        "store_feed_heads",
        "store_feed",
        "shifts",
        "sales",
        "request_nonces",
        "recon_cases",
        "points_ledger",
        "points_buckets",
        "merchants",
        "merchant_feed_heads",
        "merchant_feed",
        "members",
        "member_interest",
        "member_balances",
        "events",
        "enrol_codes",
        "coupons",
        "catalog_items",
        "cards",
        "audit_entries",
        "allowance_grants",
    ):
        op.drop_table(table)
