"""The member page's tables (h0012): one-time log-in codes and members' sessions."""

from __future__ import annotations

import sqlalchemy as sa

from headoffice.tables import Id, _col, metadata
from headoffice.types import UtcTime

# One-time log-in codes sent to a member's mobile (headoffice/member_web/codes.py). Only the
# code's salted SHA-256 is kept; a code is spent by its first right guess, dies after a few
# wrong ones and in minutes anyway. The rows are also the throttle's memory (per mobile, per
# client address), so it holds across replicas and restarts.
member_codes = sa.Table(
    "member_codes", metadata,
    _col("id", Id, primary_key=True),  # UUIDv7: in time order
    _col("merchant_id", Id),
    _col("mobile", sa.String(20)),
    _col("code_hash", sa.String(64)),
    _col("client", sa.String(64)),
    _col("created_at", UtcTime()),
    _col("expires_at", UtcTime()),
    _col("used_at", UtcTime(), nullable=True),
    _col("wrong", sa.Integer, server_default="0"),  # wrong guesses against this code
    sa.Index("ix_member_codes_mobile_at", "merchant_id", "mobile", "created_at"),
    sa.Index("ix_member_codes_client_at", "client", "created_at"),
)

# A member's session on the member page: the cookie holds 256 random bits, the table their
# SHA-256 (a copy of it opens nothing) and the session's own CSRF token.
member_sessions = sa.Table(
    "member_sessions", metadata,
    _col("token_hash", sa.String(64), primary_key=True),
    _col("member_id", Id, index=True),
    _col("merchant_id", Id),
    _col("csrf", sa.String(64)),
    _col("created_at", UtcTime()),
    _col("expires_at", UtcTime()),
)
