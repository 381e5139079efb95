"""The store schema: settings, staff, catalogue, members, ledgers, sales, audit, outbox.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out table by table (not metadata.create_all) so this step stays what it was when it
shipped, whatever the row classes become later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

ROLES = (
    ("cashier", "收银员"),
    ("front_desk", "前台"),
    ("manager", "店长"),
    ("admin", "管理员"),
)


def upgrade() -> None:
    op.create_table('audit_log',
        sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('staff_id', sa.String(length=36), nullable=True),
        sa.Column('target', sa.String(length=200), server_default='', nullable=False),
        sa.Column('details', sa.Text(), server_default='{}', nullable=False),
        sa.Column('approved_by', sa.String(length=36), nullable=True),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log')),
        sa.UniqueConstraint('hash', name=op.f('uq_audit_log_hash')),
        sa.UniqueConstraint('id', name=op.f('uq_audit_log_id'))
    )

    op.create_table('counters',
        sa.Column('terminal_id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('terminal_id', 'name', name=op.f('pk_counters'))
    )

    op.create_table('coupon_templates',
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('amount_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('rate', sa.String(length=40), nullable=True),
        sa.Column('min_spend_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('stackable', sa.Boolean(), server_default=sa.text('1'), nullable=False),
        sa.Column('valid_days', sa.Integer(), nullable=True),
        sa.Column('valid_from', sa.String(length=10), nullable=True),
        sa.Column('valid_to', sa.String(length=10), nullable=True),
        sa.Column('classes', sa.Text(), server_default='[]', nullable=False),
        sa.Column('channels', sa.Text(), server_default='[]', nullable=False),
        sa.Column('gift_sku', sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_coupon_templates'))
    )

    op.create_table('gifts',
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('cost_fen', sa.Integer(), nullable=False),
        sa.Column('points_price', sa.Integer(), nullable=False),
        sa.Column('stock', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('1'), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_gifts'))
    )

    op.create_table('members',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('mobile', sa.String(length=20), nullable=False),
        sa.Column('joined_on', sa.String(length=10), nullable=False),
        sa.Column('tier', sa.String(length=40), nullable=False),
        sa.Column('tier_since', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('gender', sa.String(length=10), server_default='', nullable=False),
        sa.Column('birth_year', sa.Integer(), nullable=True),
        sa.Column('birth_month', sa.Integer(), nullable=True),
        sa.Column('birth_day', sa.Integer(), nullable=True),
        sa.Column('id_number_enc', sa.Text(), nullable=True),
        sa.Column('occupation', sa.String(length=100), server_default='', nullable=False),
        sa.Column('income_band', sa.String(length=40), server_default='', nullable=False),
        sa.Column('address', sa.String(length=300), server_default='', nullable=False),
        sa.Column('email', sa.String(length=200), server_default='', nullable=False),
        sa.Column('referrer_id', sa.String(length=36), nullable=True),
        sa.Column('source', sa.String(length=20), server_default='store', nullable=False),
        sa.Column('consent_marketing', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.Column('consent_marketing_at', sa.String(length=32), nullable=True),
        sa.Column('privacy_accepted_at', sa.String(length=32), nullable=True),
        sa.Column('tags', sa.Text(), server_default='[]', nullable=False),
        sa.Column('notes', sa.Text(), server_default='', nullable=False),
        sa.Column('home_store', sa.String(length=16), server_default='', nullable=False),
        sa.Column('staff_id', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.String(length=32), nullable=True),
        sa.Column('deposit_rate', sa.String(length=40), nullable=True),
        sa.Column('deposit_until', sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_members')),
        sa.UniqueConstraint('mobile', name=op.f('uq_members_mobile'))
    )
    op.create_index(op.f('ix_members_status_tier_since'), 'members', ['status', 'tier_since'])


    op.create_table('outbox',
        sa.Column('terminal_id', sa.String(length=36), nullable=False),
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('event_id', sa.String(length=36), nullable=False),
        sa.Column('type', sa.String(length=40), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=True),
        sa.Column('occurred_at', sa.String(length=32), nullable=False),
        sa.Column('acked', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.PrimaryKeyConstraint('terminal_id', 'seq', name=op.f('pk_outbox')),
        sa.UniqueConstraint('event_id', name=op.f('uq_outbox_event_id'))
    )
    op.create_index(op.f('ix_outbox_member_id'), 'outbox', ['member_id'])
    op.create_index(op.f('ix_outbox_terminal_id_acked_seq'), 'outbox', ['terminal_id', 'acked', 'seq'])


    op.create_table('products',
        sa.Column('sku', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('price_fen', sa.Integer(), nullable=False),
        sa.Column('product_class', sa.String(length=20), nullable=False),
        sa.Column('category', sa.String(length=60), server_default='', nullable=False),
        sa.Column('barcode', sa.String(length=40), nullable=True),
        sa.Column('pinyin_initials', sa.String(length=100), server_default='', nullable=False),
        sa.Column('campaign_price_fen', sa.Integer(), nullable=True),
        sa.Column('is_weighed', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('1'), nullable=False),
        sa.PrimaryKeyConstraint('sku', name=op.f('pk_products'))
    )
    op.create_index(op.f('ix_products_barcode'), 'products', ['barcode'])


    op.create_table('roles',
        sa.Column('code', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_roles'))
    )

    op.create_table('shifts',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('cashier_id', sa.String(length=36), nullable=False),
        sa.Column('opened_at', sa.String(length=32), nullable=False),
        sa.Column('business_date', sa.String(length=10), nullable=False),
        sa.Column('float_fen', sa.Integer(), nullable=False),
        sa.Column('closed_at', sa.String(length=32), nullable=True),
        sa.Column('counted_fen', sa.Integer(), nullable=True),
        sa.Column('expected_fen', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts'))
    )
    op.create_index(op.f('ix_shifts_cashier_id_closed_at'), 'shifts', ['cashier_id', 'closed_at'])


    op.create_table('terminals',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('store_id', sa.String(length=36), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('name', sa.String(length=100), server_default='', nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('1'), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_terminals')),
        sa.UniqueConstraint('store_id', 'code', name=op.f('uq_terminals_store_id_code'))
    )

    op.create_table('cards',
        sa.Column('number', sa.String(length=19), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('expiry', sa.String(length=4), nullable=False),
        sa.Column('kind', sa.String(length=10), server_default='stripe', nullable=False),
        sa.Column('is_staff', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.Column('replaced_by', sa.String(length=19), nullable=True),
        sa.Column('issued_at', sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_cards_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.ForeignKeyConstraint(['replaced_by'], ['cards.number'], name=op.f('fk_cards_replaced_by_cards'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('number', name=op.f('pk_cards'))
    )
    op.create_index(op.f('ix_cards_member_id'), 'cards', ['member_id'])


    op.create_table('coupons',
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('template_code', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('amount_fen', sa.Integer(), nullable=False),
        sa.Column('rate', sa.String(length=40), nullable=True),
        sa.Column('min_spend_fen', sa.Integer(), nullable=False),
        sa.Column('stackable', sa.Boolean(), nullable=False),
        sa.Column('valid_from', sa.String(length=10), nullable=False),
        sa.Column('valid_to', sa.String(length=10), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('issued_at', sa.String(length=32), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=True),
        sa.Column('issued_reason', sa.String(length=20), server_default='', nullable=False),
        sa.Column('classes', sa.Text(), server_default='[]', nullable=False),
        sa.Column('gift_sku', sa.String(length=40), nullable=True),
        sa.Column('redeemed_sale_id', sa.String(length=36), nullable=True),
        sa.Column('redeemed_at', sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_coupons_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_coupons'))
    )
    op.create_index(op.f('ix_coupons_member_id'), 'coupons', ['member_id'])
    op.create_index(op.f('ix_coupons_state_valid_to'), 'coupons', ['state', 'valid_to'])


    op.create_table('member_balances',
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('points', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('wallet_principal_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('wallet_bonus_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_balances_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('member_id', name=op.f('pk_member_balances'))
    )

    op.create_table('points_ledger',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('business_date', sa.String(length=10), nullable=False),
        sa.Column('reason', sa.String(length=200), server_default='', nullable=False),
        sa.Column('sale_id', sa.String(length=36), nullable=True),
        sa.Column('staff_id', sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_points_ledger_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_points_ledger'))
    )
    op.create_index(op.f('ix_points_ledger_business_date'), 'points_ledger', ['business_date'])
    op.create_index(op.f('ix_points_ledger_member_id_at'), 'points_ledger', ['member_id', 'at'])


    op.create_table('points_lots',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('earned_on', sa.String(length=10), nullable=False),
        sa.Column('expires_on', sa.String(length=10), nullable=True),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('remaining', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=20), server_default='earn', nullable=False),
        sa.Column('sale_id', sa.String(length=36), nullable=True),
        sa.CheckConstraint('remaining >= 0 AND remaining <= points', name=op.f('ck_points_lots_remaining_in_range')),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_points_lots_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_points_lots'))
    )
    op.create_index(op.f('ix_points_lots_expires_on_member_id'), 'points_lots', ['expires_on', 'member_id'])
    op.create_index(op.f('ix_points_lots_member_id_earned_on'), 'points_lots', ['member_id', 'earned_on'])


    op.create_table('sales',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('receipt_no', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('business_date', sa.String(length=10), nullable=False),
        sa.Column('store_code', sa.String(length=16), nullable=False),
        sa.Column('terminal_code', sa.String(length=16), nullable=False),
        sa.Column('cashier_id', sa.String(length=36), nullable=False),
        sa.Column('total_fen', sa.Integer(), nullable=False),
        sa.Column('rounding_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=True),
        sa.Column('shift_id', sa.String(length=36), nullable=True),
        sa.Column('original_sale_id', sa.String(length=36), nullable=True),
        sa.Column('points_earned', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('qualifying_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('coupons_redeemed', sa.Text(), server_default='[]', nullable=False),
        sa.Column('applied', sa.Text(), server_default='[]', nullable=False),
        sa.Column('rulepack', sa.String(length=40), server_default='', nullable=False),
        sa.Column('approved_by', sa.String(length=36), nullable=True),
        sa.Column('member_tier', sa.String(length=40), server_default='', nullable=False),
        sa.Column('birthday', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_sales_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sales')),
        sa.UniqueConstraint('receipt_no', name=op.f('uq_sales_receipt_no'))
    )
    op.create_index(op.f('ix_sales_business_date'), 'sales', ['business_date'])
    op.create_index(op.f('ix_sales_member_id_business_date'), 'sales', ['member_id', 'business_date'])
    op.create_index(op.f('ix_sales_original_sale_id'), 'sales', ['original_sale_id'])
    op.create_index(op.f('ix_sales_shift_id'), 'sales', ['shift_id'])


    op.create_table('staff',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('number', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('pin_hash', sa.String(length=255), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('1'), nullable=False),
        sa.Column('card_number', sa.String(length=19), nullable=True),
        sa.ForeignKeyConstraint(['role'], ['roles.code'], name=op.f('fk_staff_role_roles'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
        sa.UniqueConstraint('number', name=op.f('uq_staff_number'))
    )

    op.create_table('store_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('merchant_id', sa.String(length=36), nullable=False),
        sa.Column('store_id', sa.String(length=36), nullable=False),
        sa.Column('store_code', sa.String(length=16), nullable=False),
        sa.Column('store_name', sa.String(length=100), nullable=False),
        sa.Column('terminal_id', sa.String(length=36), nullable=False),
        sa.Column('terminal_code', sa.String(length=16), nullable=False),
        sa.Column('region_code', sa.String(length=4), nullable=False),
        sa.Column('rulepack', sa.String(length=40), nullable=False),
        sa.Column('tz', sa.String(length=64), nullable=False),
        sa.Column('day_close', sa.String(length=8), nullable=False),
        sa.Column('card_secret_hex', sa.String(length=128), server_default='', nullable=False),
        sa.Column('receipt', sa.Text(), server_default='{}', nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_store_settings_single_row')),
        sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_store_settings_terminal_id_terminals'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_store_settings'))
    )

    op.create_table('tier_changes',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('from_tier', sa.String(length=40), nullable=False),
        sa.Column('to_tier', sa.String(length=40), nullable=False),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_tier_changes_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tier_changes'))
    )
    op.create_index(op.f('ix_tier_changes_member_id_at'), 'tier_changes', ['member_id', 'at'])


    op.create_table('wallet_ledger',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('principal_fen', sa.Integer(), nullable=False),
        sa.Column('bonus_fen', sa.Integer(), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('business_date', sa.String(length=10), nullable=False),
        sa.Column('sale_id', sa.String(length=36), nullable=True),
        sa.Column('staff_id', sa.String(length=36), nullable=True),
        sa.Column('reference', sa.String(length=100), server_default='', nullable=False),
        sa.Column('tender_kind', sa.String(length=20), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_wallet_ledger_member_id_members'), initially='DEFERRED', deferrable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_ledger'))
    )
    op.create_index(op.f('ix_wallet_ledger_business_date'), 'wallet_ledger', ['business_date'])
    op.create_index(op.f('ix_wallet_ledger_member_id_at'), 'wallet_ledger', ['member_id', 'at'])


    op.create_table('sale_lines',
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('line_no', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('sku', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('product_class', sa.String(length=20), nullable=False),
        sa.Column('category', sa.String(length=60), server_default='', nullable=False),
        sa.Column('qty', sa.Integer(), nullable=False),
        sa.Column('unit_price_fen', sa.Integer(), nullable=False),
        sa.Column('list_fen', sa.Integer(), nullable=False),
        sa.Column('discount_fen', sa.Integer(), nullable=False),
        sa.Column('coupon_fen', sa.Integer(), nullable=False),
        sa.Column('final_fen', sa.Integer(), nullable=False),
        sa.Column('points_earned', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('reasons', sa.Text(), server_default='[]', nullable=False),
        sa.Column('original_line_no', sa.Integer(), nullable=True),
        sa.Column('paid_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_sale_lines_sale_id_sales'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('sale_id', 'line_no', name=op.f('pk_sale_lines'))
    )

    op.create_table('tenders',
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('tender_no', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('amount_fen', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=100), server_default='', nullable=False),
        sa.Column('points', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('wallet_principal_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('wallet_bonus_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('coupon_code', sa.String(length=40), nullable=True),
        sa.Column('given_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('change_fen', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_tenders_sale_id_sales'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('sale_id', 'tender_no', name=op.f('pk_tenders'))
    )

    roles = sa.table("roles", sa.column("code", sa.String), sa.column("name", sa.String))
    op.bulk_insert(roles, [{"code": code, "name": name} for code, name in ROLES])


def downgrade() -> None:
    for table in (
        "tenders", "sale_lines", "sales", "wallet_ledger", "points_ledger", "points_lots",
        "tier_changes", "coupons", "cards", "member_balances", "members", "staff", "roles",
        "store_settings", "terminals", "shifts", "products", "gifts", "coupon_templates",
        "counters", "outbox", "audit_log",
    ):
        op.drop_table(table)
