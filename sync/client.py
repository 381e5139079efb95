"""The till's sync client: push the outbox in order, pull and apply pages, renew allowances.

Every step commits locally only after head office answered, and head office's answers are
idempotent, so any step can fail at any point and simply be run again: the same events are
resent (head office answers `duplicate` for what it already applied), the same page is
re-pulled (applying it twice changes nothing).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.lock import SYNC_SUFFIX, StoreLock
from db.repos_sync_state import SyncState
from domain.clock import BusinessDay, Clock
from domain.errors import DomainError
from domain.hlc import HybridClock, Stamp
from domain.ids import new_id_str
from sync import chainhead, credentials
from sync.credentials import Credentials
from sync.http import HeadOffice, SyncError, Transport
from sync.protocol import MAX_EVENTS_PER_BATCH
from sync.status import RoundResult, SyncStatus

# Up to its first request a round needs none of the ORM, pydantic's wire models or the rule
# pack: they load once head office has answered, so `kaika sync --once` is on the network in a
# fraction of the time (docs/performance.md, "start fast"; tests/integration/test_start_imports.py).
if TYPE_CHECKING:
    from db.store import StoreDb
    from db.store_peek import Sender, StoreFile
    from db.uow import SqlUnitOfWork
    from domain.records import OutboxEvent, StoreSettings
    from domain.rulepack import RulePack
    from sync import pages
    from sync.apply import Applier
    from sync.schema import (
        AllowanceGrant,
        CardBlocksResponse,
        Change,
        PullResponse,
        PushRequest,
        PushResponse,
    )

PULL_LIMIT = 500


class SyncClient:
    def __init__(self, store: StoreDb | StoreFile, creds: Credentials, clock: Clock,
                 transport: Transport | None = None, batch_size: int = 500,
                 pull_limit: int = PULL_LIMIT) -> None:
        self.store = store
        self.creds = creds
        self.clock = clock
        self.batch_size = min(batch_size, MAX_EVENTS_PER_BATCH)
        self.pull_limit = pull_limit
        state = self._state()
        self.ho = HeadOffice(creds, clock, offset_ms=state.server_offset_ms if state else 0,
                             transport=transport, on_offset=self._save_offset)
        last = Stamp.parse(state.hlc) if state and state.hlc else None
        self.hlc = HybridClock(creds.terminal_id, wall=self.ho.now_ms, last=last)
        self._pack: tuple[str, RulePack] | None = None
        self._attempts: pages.PageAttempts | None = None  # made with the first page pulled

    def close(self) -> None:
        self.ho.close()

    # --- one round -------------------------------------------------------------------------

    def sync_round(self) -> RoundResult:
        """Push everything, pull everything, renew the allowance if due; one round at a time
        per store, whichever process runs it.

        Raises:
            SyncError: ``sync.in_use`` (retryable) while another process runs a round on this
            store, with its process, account and machine; nothing was sent or read.
        """
        try:
            lock = StoreLock.take(Path(self.store.path), SYNC_SUFFIX, "sync.in_use")
        except DomainError as busy:
            raise SyncError(busy.code, **busy.params) from None
        with lock:
            return self._round()

    def _round(self) -> RoundResult:
        result = RoundResult()
        try:
            while self.push_once(result):
                pass
            self.pull_all(result)
            # An alliance agreement just pulled: the grant brings its issuer's QR keys now,
            # not hours later when it is due (docs/alliance.md).
            if self._grant_due() or result.alliance_terms:
                self.renew()
            if self._blocks_due():
                self.renew_blocks()
        except SyncError as err:
            self._note_error(err)
            raise
        result.unsynced = self.unsynced()
        return result

    # --- push ------------------------------------------------------------------------------

    def push_once(self, result: RoundResult | None = None) -> bool:
        """Send the oldest unacknowledged events; False when there were none."""
        sender, pending, chain, restored = self._outgoing()
        if restored:  # put back from a backup: learn where head office has us first, then
            self.ask_standing()  # read again, renumbered
            sender, pending, chain, _ = self._outgoing()
        if not pending:
            return False
        try:
            sent = self.ho.call_bytes("POST", "/v1/sync/push",
                                      self.batch_body(sender, pending, chain))
        except SyncError as err:
            if err.code == "sync.seq_gap":
                self._rewind(int(err.params["expected_from_seq"]))
                return True
            raise
        from sync.schema import PushResponse

        answer = PushResponse.model_validate(sent)
        self._acknowledge(answer, chain)
        if result is not None:
            result.pushed.update(r.status for r in answer.results)
            result.acked_through_seq = answer.acked_through_seq
        return True

    def _outgoing(self) -> tuple[Sender, list[OutboxEvent], chainhead.Head | None, bool]:
        """In one read: who sends, the oldest unacknowledged events, the chain head, and
        whether the store was restored and has not yet asked head office where it stood."""
        with self.store.peek() as peek:
            sender = peek.sender()
            return (sender, peek.pending(sender.terminal_id, self.batch_size),
                    chainhead.read(peek, sender.terminal_id),
                    peek.restored_at(sender.terminal_id) is not None)

    def ask_standing(self) -> tuple[int, int]:
        """After a restore: skip the outbox and receipt counters past what head office holds
        from this till (sync/standing.py); returns the two counters as they are now."""
        from sync import standing
        from sync.schema import StandingResponse

        answer = StandingResponse.model_validate(self.ho.call("GET", standing.STANDING_PATH))
        return standing.catch_up(self.store, answer)

    def batch(self, settings: StoreSettings | Sender, pending: list[OutboxEvent],
              chain: chainhead.Head | None = None) -> PushRequest:
        """The wire form of a batch; a new batch id for every attempt (its replay key)."""
        from sync.schema import ChainHead, Event, PushRequest

        events = [Event(event_id=e.event_id, seq=e.seq, type=e.type, v=1,
                        occurred_at=e.occurred_at, merchant_id=settings.merchant_id,
                        store_id=settings.store_id, terminal_id=settings.terminal_id,
                        member_id=e.member_id, payload=e.payload) for e in pending]
        return PushRequest(batch_id=new_id_str(), terminal_id=settings.terminal_id,
                           hlc=str(self.hlc.now()), events=events,
                           chain=ChainHead(**asdict(chain)) if chain else None)

    def batch_body(self, settings: StoreSettings | Sender, pending: list[OutboxEvent],
                   chain: chainhead.Head | None = None) -> bytes:
        """The same batch as `batch`, encoded directly (the till's CPU is the cashier's too)."""
        body: dict[str, Any] = {"batch_id": new_id_str(), "terminal_id": settings.terminal_id,
                "hlc": str(self.hlc.now()), "events": [
                    {"event_id": e.event_id, "seq": e.seq, "type": e.type, "v": 1,
                     "occurred_at": e.occurred_at.isoformat(),
                     "merchant_id": settings.merchant_id, "store_id": settings.store_id,
                     "terminal_id": settings.terminal_id, "member_id": e.member_id,
                     "payload": e.payload} for e in pending]}
        if chain is not None:
            body["chain"] = asdict(chain)
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()

    def _acknowledge(self, answer: PushResponse, chain: chainhead.Head | None = None) -> None:
        self.hlc.observe(Stamp.parse(answer.server_hlc))
        with self.store.uow() as uow:
            uow.outbox.ack([r.seq for r in answer.results])
            if chain is not None:
                chainhead.acknowledged(uow, chain)
            self._touch(uow, acked_through_seq=answer.acked_through_seq,
                        last_push_at=self.clock.now())
            uow.commit()

    def _rewind(self, expected: int) -> None:
        """Head office lost events it had acknowledged (restored from a backup): send again."""
        with self.store.uow() as uow:
            uow.sync_outbox.rewind(self.creds.terminal_id, expected)
            self._touch(uow, acked_through_seq=expected - 1)
            uow.commit()

    # --- pull ------------------------------------------------------------------------------

    def pull_all(self, result: RoundResult | None = None) -> int:
        """Pull pages until head office has nothing more; returns the changes received."""
        from sync.schema import PullResponse

        received = 0
        while True:
            state = self._state()
            page = PullResponse.model_validate(self.ho.call(
                "GET", "/v1/sync/pull",
                params={"cursor": state.cursor if state else "", "limit": self.pull_limit}))
            applied = self._apply_pulled(page, state.cursor if state else "")
            received += len(page.changes)
            if result is not None:
                result.pulled += len(page.changes)
                result.alliance_terms += sum(c.entity == "alliance_agreement"
                                             for c in page.changes)
                result.applied += applied
                result.acked_through_seq = max(result.acked_through_seq, page.acked_through_seq)
            if not page.has_more:
                return received

    def _apply_pulled(self, page: PullResponse, cursor: str) -> int:
        """Apply a page; one that failed MAX_PAGE_ATTEMPTS times is applied apart (pages.py)."""
        from sync import pages

        if self._attempts is None:
            self._attempts = pages.PageAttempts()
        try:
            applied = self.apply_page(page.changes, page.acked_through_seq, page.next_cursor,
                                      page.server_hlc)
        except Exception as err:
            if not pages.counts(err) or not self._attempts.failed(cursor):
                raise
            applied = self._apply_apart(page, cursor)
        self._attempts.done(cursor)
        return applied

    def _apply_apart(self, page: PullResponse, cursor: str) -> int:
        from sync import pages

        def one(change: Change) -> int:
            with self.store.uow() as uow:
                done = self._applier(uow, page.acked_through_seq).apply([change])
                uow.commit()
            return done

        applied, aside = pages.apply_apart(one, page.changes)
        with self.store.uow() as uow:
            if aside:
                uow.audit.append(pages.set_aside_entry(aside, cursor, self.clock.now()))
            self._touch(uow, cursor=page.next_cursor, last_pull_at=self.clock.now(),
                        last_error=pages.SET_ASIDE if aside else "")
            uow.commit()
        return applied

    def apply_page(self, changes: list[Change], acked_through_seq: int, cursor: str | None,
                   server_hlc: str) -> int:
        """Apply changes and save the cursor in one local transaction."""
        self.hlc.observe(Stamp.parse(server_hlc))
        with self.store.uow() as uow:
            applied = self._applier(uow, acked_through_seq).apply(changes)
            values: dict[str, Any] = {"last_pull_at": self.clock.now()}
            if cursor is not None:
                values["cursor"] = cursor
            self._touch(uow, **values)
            uow.commit()
        return applied

    def _applier(self, uow: SqlUnitOfWork, acked_through_seq: int) -> Applier:
        from zoneinfo import ZoneInfo

        from sync.apply import Applier

        settings = uow.settings.get()
        now = self.clock.now()
        calendar = BusinessDay(settings.tz, settings.day_close)
        return Applier(uow=uow, acked_through_seq=acked_through_seq, now=now,
                       today=calendar.date_of(now), tz=ZoneInfo(settings.tz),
                       pack=self._pack_for(settings.rulepack), terminal_id=settings.terminal_id,
                       db_path=Path(self.store.path))

    def _pack_for(self, name: str) -> RulePack:
        if self._pack is None or self._pack[0] != name:
            from domain.packload import load_pack

            self._pack = (name, load_pack(name))
        return self._pack[1]

    # --- allowance and look-up ---------------------------------------------------------------

    def renew(self) -> AllowanceGrant:
        from sync.schema import AllowanceGrant

        grant = AllowanceGrant.model_validate(self.ho.call("POST", "/v1/allowances/renew", {}))
        with self.store.uow() as uow:
            self._touch(uow, grant_valid_until=grant.valid_until,
                        grant_limits=grant.limits.model_dump())
            uow.commit()
        path = credentials.path_for(Path(self.store.path))
        if grant.server_keys and tuple(grant.server_keys) != self.ho.creds.server_keys:
            credentials.keep_server_keys(path, grant.server_keys)
            self.ho.trust(grant.server_keys)
        if grant.qr_keys:
            credentials.keep_qr_keys(path, grant.qr_keys)
        if grant.alliance_qr_keys is not None:
            credentials.keep_issuer_keys(path, grant.alliance_qr_keys)
        return grant

    def _grant_due(self) -> bool:
        """Renew once half of the grant's life has gone (or there is none)."""
        state = self._state()
        if state is None or state.grant_valid_until is None:
            return True
        hours = int(state.grant_limits.get("max_offline_hours", 24))
        server_now = datetime.fromtimestamp(self.ho.now_ms() / 1000, UTC)
        return state.grant_valid_until - server_now < timedelta(hours=hours / 2)

    def renew_blocks(self) -> CardBlocksResponse:
        """Card serials for this till: head office allots a new block when it is running low
        (after the push, so head office counts the cards issued offline)."""
        from sync import cardblocks
        from sync.schema import CardBlocksRequest, CardBlocksResponse

        with self.store.reader() as uow:
            level = self._pack_for(uow.settings.get().rulepack).cards.level
        answer = CardBlocksResponse.model_validate(self.ho.call(
            "POST", cardblocks.BLOCKS_PATH, CardBlocksRequest(level=level).model_dump()))
        with self.store.uow() as uow:
            cardblocks.keep(uow, answer.brand, answer.blocks)
            self._touch(uow)
            uow.commit()
        return answer

    def _blocks_due(self) -> bool:
        from sync import cardblocks

        with self.store.reader() as uow:
            return cardblocks.due(uow, self._pack_for(uow.settings.get().rulepack))

    def lookup(self, *, mobile: str | None = None, card: str | None = None) -> str | None:
        """Fetch a member this till does not know yet; returns their id, None if unknown."""
        from sync.schema import LookupResponse

        params = {"mobile": mobile} if mobile else {"card": card}
        answer = LookupResponse.model_validate(self.ho.call("GET", "/v1/members/lookup",
                                                            params=params))
        if not answer.found:
            return None
        self.apply_page(answer.changes, answer.acked_through_seq, None, answer.server_hlc)
        return answer.member_id

    # --- state -----------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        state = self._state()
        unsynced = self.unsynced()
        if state is None or state.enrolled_at is None:
            return SyncStatus(False, False, unsynced, None, "", False)
        with self.store.peek() as peek:
            rulepack = peek.sender().rulepack
        rules = self._pack_for(rulepack).offline
        contact = state.last_contact_at
        online = contact is not None and self.clock.now() - contact <= timedelta(
            seconds=rules.online_grace_s)
        # The offset is head office's clock minus this till's, learnt only from answers head
        # office signed (and at enrolment, from an answer bound to the one-time code).
        return SyncStatus(True, online and not state.revoked, unsynced, contact,
                          state.last_error, state.revoked, clock_skew_ms=-state.server_offset_ms,
                          clock_warn_s=rules.clock_warn_s)

    def unsynced(self) -> int:
        with self.store.peek() as peek:
            return peek.sync_outbox.unsynced(self.creds.terminal_id)

    def _state(self) -> SyncState | None:
        with self.store.peek() as peek:
            return peek.sync_state.get()

    def _touch(self, uow: SqlUnitOfWork, **values: Any) -> None:
        """Update the sync state in the caller's transaction; any answer means contact."""
        values.setdefault("last_contact_at", self.clock.now())
        values.setdefault("last_error", "")
        values.setdefault("hlc", str(self.hlc.last))
        if not uow.sync_state.update(**values):
            uow.sync_state.start(self.creds.terminal_id, self.creds.server, **values)

    def _save_offset(self, offset_ms: int) -> None:
        with self.store.peek(write=True) as peek:
            if peek.sync_state.update(server_offset_ms=offset_ms):
                peek.commit()

    def _note_error(self, err: SyncError) -> None:
        revoked = {"revoked": True} if err.code == "auth.terminal_revoked" else {}
        with self.store.peek(write=True) as peek:
            if peek.sync_state.update(last_error=err.code[:60], **revoked):
                peek.commit()
