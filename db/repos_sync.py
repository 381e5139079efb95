"""The till's offline gate (what the allowance rules need) and its source of edit stamps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.outbox import SEQ_COUNTER
from db.repos_store import TerminalRef
from db.rows import CounterRow, OutboxRow
from db.rows_sync import HoBalanceRow, OfflineSpendRow, SyncStateRow
from domain.allowances import Grant, OfflineState, Spend
from domain.hlc import Stamp, tick
from domain.rulepack import OfflineRules

_LIMIT_NAMES = frozenset(OfflineRules.__dataclass_fields__)


class SqlOfflineGate:
    """Implements `domain.allowances.OfflineGate` over the sync tables."""

    def __init__(self, session: Session, terminal: TerminalRef) -> None:
        self._s = session
        self._terminal = terminal

    def state(self, member_id: str, day: date, now: datetime) -> OfflineState:
        sync = self._s.get(SyncStateRow, 1)
        if sync is None or sync.enrolled_at is None:
            return OfflineState(enrolled=False)
        return OfflineState(
            enrolled=True, last_contact=sync.last_contact_at, revoked=sync.revoked,
            grant=_grant(sync), member_blocked=self._blocked(member_id),
            member_day=self._spent(OfflineSpendRow.member_id == member_id,
                                   OfflineSpendRow.business_date == day,
                                   OfflineSpendRow.offline.is_(True)),
            terminal=self._spent(OfflineSpendRow.after_seq >= sync.acked_through_seq))

    def record(self, member_id: str, day: date, spend: Spend, now: datetime,
               offline: bool) -> None:
        after = self._s.scalar(select(CounterRow.value).where(
            CounterRow.terminal_id == self._terminal.get(), CounterRow.name == SEQ_COUNTER))
        self._s.add(OfflineSpendRow(member_id=member_id, business_date=day, points=spend.points,
                                    wallet_fen=spend.wallet_fen, at=now, after_seq=after or 0,
                                    offline=offline))
        self._s.flush()

    def _blocked(self, member_id: str) -> bool:
        return bool(self._s.scalar(select(HoBalanceRow.blocked).where(
            HoBalanceRow.member_id == member_id)))

    def _spent(self, *where: object) -> Spend:
        points, wallet = self._s.execute(
            select(func.coalesce(func.sum(OfflineSpendRow.points), 0),
                   func.coalesce(func.sum(OfflineSpendRow.wallet_fen), 0))
            .where(*where)).one()  # type: ignore[arg-type]
        return Spend(int(points), int(wallet))


def _grant(sync: SyncStateRow) -> Grant | None:
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

    def next_stamp(self, member_id: str, now: datetime) -> Stamp:
        sync = self._s.get(SyncStateRow, 1)
        offset = sync.server_offset_ms if sync is not None else 0
        seen = [Stamp.parse(text) for text in (sync.hlc if sync is not None else "",
                                               self._last_edit(member_id)) if text]
        wall = int(now.timestamp() * 1000) + offset
        return tick(max(seen, default=None), wall, self._terminal.get())

    def _last_edit(self, member_id: str) -> str:
        payload = self._s.scalar(select(OutboxRow.payload).where(
            OutboxRow.member_id == member_id, OutboxRow.type == "member.patched")
            .order_by(OutboxRow.seq.desc()).limit(1))
        return str(payload.get("hlc") or "") if isinstance(payload, dict) else ""
