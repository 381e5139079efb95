"""The records and events one import batch writes: per member what signing up at the desk with
opening balances writes (member, tier history, points lot and entry, wallet entry, card).

`build_part` is what an import sends to another process (desktop/workers.py) while the store
writes the batch before: its arguments and answer are plain, picklable values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain import points as rules
from domain.cards import card_expiry
from domain.events import (
    CardIssued,
    EventPayload,
    MemberCreated,
    PointsEntryPosted,
    TierChanged,
    WalletEntryPosted,
)
from domain.ids import new_id_str
from domain.import_jobs import MemberBatch, PreparedBatch
from domain.importing import ImportRow
from domain.records import Card, CardState, Member, PointsEntry, PointsLot, TierChange, WalletEntry
from domain.services.context import OutboxRow, ServiceContext, outbox_rows

KIND = "import"  # the ledger kind and lot source of opening balances
REASON = "opening balance"


@dataclass(frozen=True, slots=True)
class BatchStamp:
    """What every member of one batch shares: the time, the dates, the pack's terms."""

    now: datetime
    today: date  # business date of the ledger entries
    local: date  # calendar date: lots and card expiry
    expires_on: date | None
    card_expiry: str  # the card's expiry as printed: YYMM
    signup_tier: str

    @classmethod
    def of(cls, ctx: ServiceContext) -> BatchStamp:
        local = ctx.local_date()
        return cls(ctx.now(), ctx.today(), local, rules.expires_on(local, ctx.pack),
                   card_expiry(local, ctx.pack.cards), ctx.pack.signup_tier.name)


Prepare = Callable[[MemberBatch, Sequence[OutboxRow]], PreparedBatch]


@dataclass(frozen=True, slots=True)
class BuiltBatch:
    """A batch ready for its transaction. With the store's inserts made (`prepared`) only
    what the transaction still reads is kept: the member ids and each event's type and
    member (their texts are in `prepared`), so little travels back from a worker process."""

    member_ids: tuple[str, ...]
    events: tuple[tuple[str, str | None], ...]  # (type, member id), in queue order
    prepared: PreparedBatch | None
    batch: MemberBatch | None = None  # the records and events, when nothing prepared them
    outbox: list[OutboxRow] | None = None


def build_part(stamp: BatchStamp, rows: Sequence[ImportRow], posted_by: str | None,
               prepare: Prepare | None) -> BuiltBatch:
    """`build_batch`, and the store's inserts made from it when the store gave `prepare`."""
    batch, events = build_batch(stamp, rows, posted_by)
    ids = tuple(m.id for m in batch.members)
    types = tuple((str(kind), member_id) for kind, _, member_id in events)
    if prepare is None:
        return BuiltBatch(ids, types, None, batch, events)
    return BuiltBatch(ids, types, prepare(batch, events))


def build_batch(stamp: BatchStamp, rows: Sequence[ImportRow],
                posted_by: str | None) -> tuple[MemberBatch, list[OutboxRow]]:
    """The batch's rows, and its events in the order the members' own writes would queue
    them: member.created, tier.changed, points.entry, wallet.entry, card.issued. A helper
    of `imports.import_members` (the use case, which checks who imports), not one itself."""
    batch, events = MemberBatch(), []
    for row in rows:
        events += _add(batch, stamp, row, posted_by)
    return batch, outbox_rows(events)


def _add(batch: MemberBatch, stamp: BatchStamp, row: ImportRow,
         staff_id: str | None) -> list[EventPayload]:
    member = _member(stamp, row)
    batch.members.append(member)
    change = TierChange(id=new_id_str(), member_id=member.id, at=stamp.now, from_tier="",
                        to_tier=member.tier, reason="import")
    batch.tier_changes.append(change)
    events: list[EventPayload] = [MemberCreated(member), TierChanged(change)]
    if row.points:
        events.append(PointsEntryPosted(_points(batch, stamp, member.id, row.points, staff_id)))
    if row.wallet_fen or row.wallet_bonus_fen:
        entry = WalletEntry(id=new_id_str(), member_id=member.id, kind=KIND,
                            principal_fen=row.wallet_fen, bonus_fen=row.wallet_bonus_fen,
                            at=stamp.now, business_date=stamp.today, staff_id=staff_id,
                            reference=REASON)
        batch.wallet.append(entry)
        events.append(WalletEntryPosted(entry))
    if row.card:
        card = Card(number=row.card, member_id=member.id, state=CardState.ACTIVE,
                    expiry=stamp.card_expiry, kind="preprinted", issued_at=stamp.now)
        batch.cards.append(card)
        events.append(CardIssued(card))
    return events


def _points(batch: MemberBatch, stamp: BatchStamp, member_id: str, points: int,
            staff_id: str | None) -> PointsEntry:
    """A new member owes no points, so the whole opening balance is one lot."""
    lot_points = rules.lot_points_after_debt(0, points)
    if lot_points > 0:
        batch.lots.append(PointsLot(id=new_id_str(), member_id=member_id, earned_on=stamp.local,
                                    expires_on=stamp.expires_on, points=lot_points,
                                    remaining=lot_points, source=KIND, sale_id=None))
    entry = PointsEntry(id=new_id_str(), member_id=member_id, kind=KIND, points=points,
                        at=stamp.now, business_date=stamp.today, reason=REASON,
                        staff_id=staff_id)
    batch.points.append(entry)
    return entry


def _member(stamp: BatchStamp, row: ImportRow) -> Member:
    form, now, today = row.form, stamp.now, stamp.today
    return Member(
        id=new_id_str(), name=form.name, mobile=form.mobile, joined_on=row.joined_on or today,
        tier=row.tier or stamp.signup_tier, tier_since=today, gender=form.gender,
        birth_year=form.birth_year, birth_month=form.birth_month, birth_day=form.birth_day,
        id_number=form.id_number, occupation=form.occupation, income_band=form.income_band,
        address=form.address, email=form.email, source=form.source,
        consent_marketing=form.consent_marketing,
        consent_marketing_at=now if form.consent_marketing else None,
        privacy_accepted_at=now if form.privacy_accepted else None, tags=form.tags,
        notes=form.notes, created_at=now)
