"""The head-office console's tables (h0011): staff accounts, their sessions, the audit trail."""

from __future__ import annotations

import sqlalchemy as sa

from headoffice.tables import Id, _col, metadata
from headoffice.types import UtcTime

# The head-office console (h0011): staff accounts with one role each, their server-side
# sessions (the cookie carries a random token; only its SHA-256 is stored, so a copy of this
# table opens no session) and the audit trail of every log-in, failure and change made there.
staff = sa.Table(
    "staff", metadata,
    _col("id", Id, primary_key=True),
    _col("login", sa.String(64), unique=True),
    _col("name", sa.String(100)),
    _col("role", sa.String(20)),  # admin, marketing, member_service, auditor
    _col("password_hash", sa.String(200)),  # scrypt$n$r$p$salt$hash (headoffice/staff.py)
    _col("created_at", UtcTime()),
    _col("disabled_at", UtcTime(), nullable=True),
    # None: the head-office operator's staff, who see every merchant; else that merchant's only.
    _col("merchant_id", Id, nullable=True),
)

staff_sessions = sa.Table(
    "staff_sessions", metadata,
    _col("token_hash", sa.String(64), primary_key=True),
    _col("staff_id", Id, index=True),
    _col("csrf", sa.String(64)),
    _col("client", sa.String(64)),
    _col("created_at", UtcTime()),
    _col("expires_at", UtcTime()),
)

console_audit = sa.Table(
    "console_audit", metadata,
    _col("id", Id, primary_key=True),  # UUIDv7: in time order
    _col("at", UtcTime()),
    _col("staff_id", Id, nullable=True),  # None: a failed log-in for no such account
    _col("login", sa.String(64)),  # as typed at a log-in, the account's otherwise
    _col("client", sa.String(64)),  # the client address, "cli" for kaika-headoffice
    _col("action", sa.String(40)),  # login.ok, login.failed, terminal.revoked...
    _col("target", sa.String(100), server_default=""),
    _col("detail", sa.String(500), server_default=""),
    sa.Index("ix_console_audit_login_at", "login", "at"),
    sa.Index("ix_console_audit_client_at", "client", "at"),
)
