"""What pulling from head office keeps beside the records it applies: the version of each
entity applied last, head office's balances, gift allotments, card stock and card conflicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db.repos_driver import execute, fetch_one, upsert_sql
from db.types import dump_json, utc_text

_VERSION = "SELECT version FROM sync_versions WHERE entity = ? AND entity_id = ?"
_SET_VERSION = upsert_sql("sync_versions", ("entity", "entity_id", "version"),
                          ("entity", "entity_id"))
HO_BALANCE_COLUMNS = ("member_id", "points", "wallet_principal_fen", "wallet_bonus_fen",
                      "buckets", "blocked", "version", "acked_through_seq", "pulled_at")
_SET_HO_BALANCE = upsert_sql("ho_balances", HO_BALANCE_COLUMNS, ("member_id",))
_ALLOTTED = "SELECT allotted FROM ho_allotments WHERE code = ?"
_SET_ALLOTTED = upsert_sql("ho_allotments", ("code", "allotted"), ("code",))
_SET_STOCK = upsert_sql("card_stock", ("id", "prefix", "first_serial", "last_serial"), ("id",))
_CONFLICT = ("INSERT OR IGNORE INTO card_conflicts (number, other_member_id, member_id, seen_at) "
             "VALUES (?, ?, ?, ?)")


class SqlPulledRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def newer(self, entity: str, entity_id: str, version: int) -> bool:
        """True (and recorded) if `version` is newer than the one applied last."""
        row = fetch_one(self._s, _VERSION, (entity, entity_id))
        if row is not None and int(row[0]) >= version:
            return False
        execute(self._s, _SET_VERSION, {"entity": entity, "entity_id": entity_id,
                                        "version": version})
        return True

    def save_ho_balance(self, member_id: str, *, points: int, wallet_principal_fen: int,
                        wallet_bonus_fen: int, buckets: list[Any], blocked: bool, version: int,
                        acked_through_seq: int, pulled_at: datetime) -> None:
        """Head office's figures for the member, as it last sent them."""
        execute(self._s, _SET_HO_BALANCE, {
            "member_id": member_id, "points": points,
            "wallet_principal_fen": wallet_principal_fen, "wallet_bonus_fen": wallet_bonus_fen,
            "buckets": dump_json(buckets), "blocked": int(blocked), "version": version,
            "acked_through_seq": acked_through_seq, "pulled_at": utc_text(pulled_at)})

    def allotted(self, gift_code: str) -> int:
        """The gift stock head office allotted this store so far (0 before any)."""
        row = fetch_one(self._s, _ALLOTTED, (gift_code,))
        return int(row[0]) if row else 0

    def set_allotted(self, gift_code: str, allotted: int) -> None:
        execute(self._s, _SET_ALLOTTED, {"code": gift_code, "allotted": allotted})

    def save_card_stock(self, stock_id: str, prefix: str, first: int, last: int) -> None:
        """Pre-printed numbers registered to this store (`link_card` accepts them)."""
        execute(self._s, _SET_STOCK, {"id": stock_id, "prefix": prefix, "first_serial": first,
                                      "last_serial": last})

    def note_card_conflict(self, number: str, other_member_id: str, member_id: str,
                           seen_at: datetime) -> None:
        """Head office sent a card this till holds for another member (`kaika verify`)."""
        execute(self._s, _CONFLICT, (number, other_member_id, member_id, utc_text(seen_at)))
