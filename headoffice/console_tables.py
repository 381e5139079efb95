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

# Rule packs and catalogue from the console (h0012): a checked publication waits here as a
# draft until marketing publishes it, at once or from an effective day (Beijing date); the
# document is Publication's JSON (headoffice/publish.py), published by the same code as the CLI.
pack_drafts = sa.Table(
    "pack_drafts", metadata,
    _col("id", Id, primary_key=True),
    _col("merchant_id", Id),
    _col("file_name", sa.String(200)),
    _col("doc", sa.Text),  # the uploaded JSON as checked
    _col("status", sa.String(10)),  # draft, scheduled, published
    _col("effective_on", sa.Date, nullable=True),
    _col("created_by", sa.String(64)),
    _col("created_at", UtcTime()),
    _col("published_at", UtcTime(), nullable=True),
    sa.Index("ix_pack_drafts_status_effective_on", "status", "effective_on"),
)

# Bulk coupons to a segment (h0012): one row per issue, keyed by the form's own id, so a
# repeated POST or a double click finds its row and issues nothing more.
coupon_batches = sa.Table(
    "coupon_batches", metadata,
    _col("id", Id, primary_key=True),
    _col("merchant_id", Id),
    _col("template_code", sa.String(40)),
    _col("segment", sa.String(500)),  # the segment as the page described it
    _col("issued", sa.Integer),
    _col("created_by", sa.String(64)),
    _col("created_at", UtcTime()),
)
