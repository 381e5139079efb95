"""The sync protocol's version, limits and header names (standard library only, so a till can
sign and send a request before pydantic and the wire models of sync/schema.py have loaded)."""

from __future__ import annotations

PROTOCOL_VERSION = 1
MAX_EVENTS_PER_BATCH = 500
MAX_PULL_LIMIT = 1000
HEADER_PROTOCOL = "X-Sync-Protocol"
HEADER_APP_VERSION = "X-App-Version"
