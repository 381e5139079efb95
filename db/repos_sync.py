"""The till's offline gate (what the allowance rules need) and its source of edit stamps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from db.outbox import SEQ_COUNTER
from db.repos_driver import execute, fetch_one, insert_sql
from db.repos_store import TerminalRef
from db.repos_sync_state import SqlSyncStateRepo, SyncState
from db.types import utc_text
from domain.allowances import Grant, OfflineState, Spend
from domain.hlc import Stamp, tick
from domain.rulepack import OfflineRules

_LIMIT_NAMES = frozenset(OfflineRules.__dataclass_fields__)
_COUNTER = "SELECT value FROM counters WHERE terminal_id = ? AND name = ?"
_RECORD = insert_sql("offline_spends", ("member_id", "business_date", "points", "wallet_fen",
                                        "at", "after_seq", "offline"))
_BLOCKED = "SELECT blocked FROM ho_balances WHERE member_id = ?"
_SPENT = "SELECT coalesce(sum(points), 0), coalesce(sum(wallet_fen), 0) FROM offline_spends "
_MEMBER_DAY = _SPENT + "WHERE member_id = ? AND business_date = ? AND offline = 1"
_TERMINAL = _SPENT + "WHERE after_seq >= ?"
_LAST_EDIT = ("SELECT json_extract(payload, '$.hlc') FROM outbox "
              "WHERE member_id = ? AND type = 'member.patched' ORDER BY seq DESC LIMIT 1")


class SqlOfflineGate:
    """Implements `domain.allowances.OfflineGate` over the sync tables."""

    def __init__(self, session: Session, terminal: TerminalRef) -> None:
        self._s = session
        self._terminal = terminal
        self._sync = SqlSyncStateRepo(session)

    def state(self, member_id: str, day: date, now: datetime) -> OfflineState:
        sync = self._sync.get()
        if sync is None or sync.enrolled_at is None:
            return OfflineState(enrolled=False)
        return OfflineState(
            enrolled=True, last_contact=sync.last_contact_at, revoked=sync.revoked,
            grant=_grant(sync), member_blocked=self._blocked(member_id),
            member_day=self._spent(_MEMBER_DAY, (member_id, day.isoformat())),
            terminal=self._spent(_TERMINAL, (sync.acked_through_seq,)))

    def record(self, member_id: str, day: date, spend: Spend, now: datetime,
               offline: bool) -> None:
        after = fetch_one(self._s, _COUNTER, (self._terminal.get(), SEQ_COUNTER))
        execute(self._s, _RECORD, {
            "member_id": member_id, "business_date": day.isoformat(), "points": spend.points,
            "wallet_fen": spend.wallet_fen, "at": utc_text(now),
            "after_seq": int(after[0]) if after else 0, "offline": int(offline)})

    def _blocked(self, member_id: str) -> bool:
        row = fetch_one(self._s, _BLOCKED, (member_id,))
        return bool(row and row[0])

    def _spent(self, sql: str, params: tuple[object, ...]) -> Spend:
        row = fetch_one(self._s, sql, params) or (0, 0)
        return Spend(int(row[0]), int(row[1]))


def _grant(sync: SyncState) -> Grant | None:
    """Head office's grant, its expiry moved onto this till's clock."""
    if sync.grant_valid_until is None:
        return None
    limits = {k: int(v) for k, v in sync.grant_limits.items() if k in _LIMIT_NAMES}
    return Grant(limits=OfflineRules(**limits),
                 valid_until=sync.grant_valid_until - timedelta(
                     milliseconds=sync.server_offset_ms))


class SqlStampSource:
    """Implements `domain.hlc.StampSource`: a member edit's stamp follows every stamp this till
    made for that member (its outbox) and what the sync client last learnt (head office's
    stamps and clock offset), so edits order correctly even on a till whose clock is wrong."""

    def __init__(self, session: Session, terminal: TerminalRef) -> None:
        self._s = session
        self._terminal = terminal
        self._sync = SqlSyncStateRepo(session)

    def next_stamp(self, member_id: str, now: datetime) -> Stamp:
        sync = self._sync.get()
        offset = sync.server_offset_ms if sync is not None else 0
        seen = [Stamp.parse(text) for text in (sync.hlc if sync is not None else "",
                                               self._last_edit(member_id)) if text]
        wall = int(now.timestamp() * 1000) + offset
        return tick(max(seen, default=None), wall, self._terminal.get())

    def _last_edit(self, member_id: str) -> str:
        row = fetch_one(self._s, _LAST_EDIT, (member_id,))
        return str(row[0]) if row and isinstance(row[0], str) else ""
