"""The rule pack each merchant runs (for points expiry and the offline allowances it grants)."""

from __future__ import annotations

import threading
import time
import tomllib
from collections.abc import Callable
from datetime import time as dt_time
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.packload import load_pack, parse_pack
from domain.rulepack import RulePack
from headoffice.tables import catalog_items, merchants, stores


class PackBook:
    """Packs by merchant and store calendars, cached by this process for `ttl_s` seconds (a
    newly published pack is in force everywhere within that time)."""

    def __init__(self, ttl_s: float = 30.0) -> None:
        self.ttl_s = ttl_s
        self._cache: dict[tuple[str, str, int], RulePack] = {}
        self._recent: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def _remembered(self, key: str, load: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            hit = self._recent.get(key)
        if hit is not None and now - hit[0] < self.ttl_s:
            return hit[1]
        value = load()
        with self._lock:
            self._recent[key] = (now, value)
        return value

    def calendar(self, conn: Connection, store_id: str) -> tuple[ZoneInfo, dt_time]:
        """The store's time zone and day-close hour."""
        def load() -> tuple[ZoneInfo, dt_time]:
            row = conn.execute(sa.select(stores.c.tz, stores.c.day_close).where(
                stores.c.id == store_id)).one()
            hour, minute = (int(x) for x in row.day_close.split(":"))
            return ZoneInfo(row.tz), dt_time(hour, minute)
        result: tuple[ZoneInfo, dt_time] = self._remembered(f"store:{store_id}", load)
        return result

    def for_merchant(self, conn: Connection, merchant_id: str) -> RulePack:
        pack: RulePack = self._remembered(f"pack:{merchant_id}",
                                          lambda: self._load(conn, merchant_id))
        return pack

    def _load(self, conn: Connection, merchant_id: str) -> RulePack:
        name = conn.scalar(sa.select(merchants.c.rulepack).where(merchants.c.id == merchant_id))
        name = name or "fashion"
        custom = conn.execute(sa.select(catalog_items.c.version, catalog_items.c.data).where(
            catalog_items.c.merchant_id == merchant_id, catalog_items.c.entity == "rulepack",
            catalog_items.c.entity_id == name)).first()
        key = (merchant_id, name, custom.version if custom else 0)
        with self._lock:
            found = self._cache.get(key)
        if found is not None:
            return found
        pack = (parse_pack(tomllib.loads(custom.data["toml"]), f"headoffice:{name}")
                if custom else load_pack(name))
        with self._lock:
            self._cache[key] = pack
        return pack
