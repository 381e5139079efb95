"""Sync with head office: enrolment state and cursor, head office's balances, entity versions,
merged member aliases, gift allotments, and offline spending counted against allowances.

Revision ID: 0003
Revises: 0002
Create Date: 2025-05-06

A till that never enrols keeps these tables empty and works exactly as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table('sync_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('server_url', sa.String(length=200), server_default='', nullable=False),
        sa.Column('terminal_id', sa.String(length=36), server_default='', nullable=False),
        sa.Column('enrolled_at', sa.String(length=32), nullable=True),
        sa.Column('cursor', sa.String(length=200), server_default='', nullable=False),
        sa.Column('acked_through_seq', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('last_push_at', sa.String(length=32), nullable=True),
        sa.Column('last_pull_at', sa.String(length=32), nullable=True),
        sa.Column('last_contact_at', sa.String(length=32), nullable=True),
        sa.Column('last_error', sa.String(length=60), server_default='', nullable=False),
        sa.Column('revoked', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.Column('server_offset_ms', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('hlc', sa.String(length=120), server_default='', nullable=False),
        sa.Column('grant_valid_until', sa.String(length=32), nullable=True),
        sa.Column('grant_limits', sa.Text(), server_default='{}', nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_sync_state_single_row')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state'))
    )
    op.create_table('ho_balances',
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('wallet_principal_fen', sa.Integer(), nullable=False),
        sa.Column('wallet_bonus_fen', sa.Integer(), nullable=False),
        sa.Column('buckets', sa.Text(), server_default='[]', nullable=False),
        sa.Column('blocked', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('acked_through_seq', sa.Integer(), nullable=False),
        sa.Column('pulled_at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('member_id', name=op.f('pk_ho_balances'))
    )
    op.create_table('sync_versions',
        sa.Column('entity', sa.String(length=30), nullable=False),
        sa.Column('entity_id', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('entity', 'entity_id', name=op.f('pk_sync_versions'))
    )
    op.create_table('member_aliases',
        sa.Column('alias_id', sa.String(length=36), nullable=False),
        sa.Column('canonical_id', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('alias_id', name=op.f('pk_member_aliases'))
    )
    op.create_index(op.f('ix_member_aliases_canonical_id'), 'member_aliases', ['canonical_id'])
    op.create_table('ho_allotments',
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('allotted', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_ho_allotments'))
    )
    op.create_table('offline_spends',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('member_id', sa.String(length=36), nullable=False),
        sa.Column('business_date', sa.String(length=10), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('wallet_fen', sa.Integer(), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('after_seq', sa.Integer(), nullable=False),
        sa.Column('offline', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_spends'))
    )
    op.create_index(op.f('ix_offline_spends_member_id_business_date'), 'offline_spends',
                    ['member_id', 'business_date'])
    op.create_index(op.f('ix_offline_spends_after_seq'), 'offline_spends', ['after_seq'])


def downgrade() -> None:
    for table in ("offline_spends", "ho_allotments", "member_aliases", "sync_versions",
                  "ho_balances", "sync_state"):
        op.drop_table(table)
