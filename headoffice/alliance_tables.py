"""The alliance tables (h0010): alliances, their merchants, agreements, trade entries, settled
periods and the statements made when a period closes."""

from __future__ import annotations

import sqlalchemy as sa

from headoffice.tables import Big, Id, _col, metadata
from headoffice.types import Json, UtcTime

alliances = sa.Table(
    "alliances", metadata,
    _col("id", Id, primary_key=True),
    _col("code", sa.String(16), unique=True),
    _col("name", sa.String(100)),
    _col("created_at", UtcTime()),
    # Bumped by every close: a transaction that read before a close and then records an entry
    # fails to lock the changed row under REPEATABLE READ (and is retried) instead of writing
    # into the period just closed.
    _col("version", Big, server_default="0"),
)

alliance_merchants = sa.Table(
    "alliance_merchants", metadata,
    _col("alliance_id", Id, primary_key=True),
    _col("merchant_id", Id, primary_key=True),
    _col("joined_at", UtcTime()),
)

alliance_agreements = sa.Table(
    "alliance_agreements", metadata,
    _col("id", Id, primary_key=True),
    _col("alliance_id", Id),
    _col("issuer_id", Id),
    _col("partner_id", Id),
    _col("starts_on", sa.Date),
    _col("ends_on", sa.Date, nullable=True),
    _col("terms", Json),  # domain.alliance.Agreement.to_dict(), merchants by code
    _col("created_at", UtcTime()),
    sa.Index(None, "alliance_id", "issuer_id", "partner_id"),
)

# One row per settled fact. `period` is the month it settles in: the month it happened, or the
# first open month after it when that one was closed already (a closed period is never
# rewritten). The same fact from a retried event is recorded once: (alliance, kind, source).
alliance_entries = sa.Table(
    "alliance_entries", metadata,
    _col("id", Id, primary_key=True),
    _col("alliance_id", Id),
    _col("period", sa.String(7)),
    _col("kind", sa.String(30)),
    _col("issuer_id", Id),
    _col("partner_id", Id),
    _col("amount_fen", Big),
    _col("points", Big, server_default="0"),
    _col("sale_fen", Big, server_default="0"),  # the sale a commission is on (h0012)
    _col("source", sa.String(80)),
    _col("occurred_on", sa.Date),
    _col("agreement_id", Id, nullable=True),
    _col("recorded_at", UtcTime()),
    _col("note", sa.String(200), server_default=""),
    sa.UniqueConstraint("alliance_id", "kind", "source"),
    sa.Index(None, "alliance_id", "period"),
)

alliance_periods = sa.Table(
    "alliance_periods", metadata,
    _col("alliance_id", Id, primary_key=True),
    _col("period", sa.String(7), primary_key=True),
    _col("closed_at", UtcTime()),
    _col("closed_by", sa.String(100)),
)

alliance_statements = sa.Table(
    "alliance_statements", metadata,
    _col("alliance_id", Id, primary_key=True),
    _col("period", sa.String(7), primary_key=True),
    _col("merchant_id", Id, primary_key=True),
    _col("receivable_fen", Big),
    _col("payable_fen", Big),
    _col("net_fen", Big),
    _col("lines", Json),  # every line with its entry id and source, as closed
    _col("made_at", UtcTime()),
)
