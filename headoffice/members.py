"""Members at head office: creation, twins merged by alias, profile fields merged by HLC, tiers.

Profile fields merge one by one, last writer wins by hybrid logical clock, so edits of
different fields at two tills both survive; the member's payment PIN (its hash, with the time
it was set) merges the same way but is kept out of the profile, in columns of its own.
Marketing consent is the exception that protects the member: an opt-out wins over an opt-in
made within 24 hours of it (concurrent edits), and only an opt-in stamped more than 24 hours
after the opt-out overrides it; the consent's time goes with the consent it was recorded with.
A member created offline at two stores with the same mobile becomes one: the first to arrive is
canonical, the other an alias whose events are applied to the canonical member from then on.
Aliases never hold a balance of their own (a till's events for a member follow its
member.created), so no balance has to move when twins merge.

A batch's member events are merged in memory in seq order and written with a few statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, assert_never

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.hlc import Stamp, clamp
from headoffice.batch import Batch, Item
from headoffice.cases import open_case
from headoffice.sql import among, bulk_insert, existing, insert_ignore, update_many
from headoffice.tables import (
    cards,
    coupons,
    member_balances,
    member_interest,
    members,
    tier_changes,
)
from sync.payloads import (
    PIN_FIELDS,
    PIN_HASH,
    PIN_SET_AT,
    PROFILE_FIELDS,
    MemberCreatedV1,
    MemberPatchedV1,
    TierChangedV1,
)

# The two wire models of member events, applied together in seq order.
MemberPayload = MemberCreatedV1 | MemberPatchedV1
CONSENT = "consent_marketing"
CONSENT_AT = "consent_marketing_at"
CONSENT_WINDOW_MS = 24 * 3600 * 1000
MERGED = frozenset(PROFILE_FIELDS + PIN_FIELDS)


def load(b: Batch, member_ids: Iterable[str]) -> dict[str, str]:
    """Known members among `member_ids` -> their merchant; fills the batch's alias map."""
    ids = sorted(set(member_ids))
    merchant: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        rows = b.conn.execute(sa.select(members.c.id, members.c.merchant_id,
                                        members.c.canonical_id)
                              .where(among(b.conn, members.c.id, ids[i:i + 500])))
        for member_id, merchant_id, canonical_id in rows:
            merchant[member_id] = merchant_id
            if canonical_id:
                b.aliases[member_id] = canonical_id
    return merchant


def _balance_row(b: Batch, member_id: str) -> dict[str, Any]:
    return {"member_id": member_id, "points": 0, "wallet_principal_fen": 0,
            "wallet_bonus_fen": 0, "version": 0, "updated_at": b.now}


def ensure(b: Batch, member_ids: Iterable[str]) -> None:
    """A member this head office has not heard of yet (a sale arrived before the sign-up, or
    a till's members from before enrolment): a placeholder, filled in when the profile comes."""
    ids = sorted(set(member_ids))
    if not ids:
        return
    insert_ignore(b.conn, members, [
        {"id": m, "merchant_id": b.terminal.merchant_id, "mobile": None,
         "home_store_id": b.terminal.store_id, "profile": {}, "stamps": {}, "version": 1}
        for m in ids])
    insert_ignore(b.conn, member_balances, [_balance_row(b, m) for m in ids])


def follow(b: Batch, member_ids: Iterable[str], born: set[str]) -> None:
    """The pushing store follows every member it served; a new follower gets the whole member
    (one born in this batch has nothing yet but what the batch itself announces)."""
    ids = sorted(set(member_ids))
    known = existing(b.conn, member_interest, ("member_id", "store_id"),
                     [(m, b.terminal.store_id) for m in ids])
    new = [m for m in ids if (m, b.terminal.store_id) not in known]
    bulk_insert(b.conn, member_interest, [
        {"member_id": m, "store_id": b.terminal.store_id, "since": b.now} for m in new])
    for member_id in new:
        b.followers(member_id).add(b.terminal.store_id)
        items = ([("member", member_id), ("member_balance", member_id)] if member_id in born
                 else member_items(b.conn, member_id))
        for entity, entity_id in items:
            b.feed.store(b.terminal.store_id, entity, entity_id)


def member_items(conn: Connection, member_id: str) -> list[tuple[str, str]]:
    """Everything a store needs to know about a member: profile, balance, cards, coupons."""
    items = [("member", member_id), ("member_balance", member_id)]
    items += [("card", n) for n in conn.scalars(
        sa.select(cards.c.number).where(cards.c.member_id == member_id))]
    items += [("coupon", c) for c in conn.scalars(sa.select(coupons.c.code).where(
        coupons.c.member_id == member_id, coupons.c.state == "issued"))]
    return items


class _Profiles:
    """The batch's view of member profiles: each field's value and stamp, what changed."""

    def __init__(self, b: Batch) -> None:
        self.b = b
        self.fields: dict[str, dict[str, tuple[Any, Stamp]]] = {}
        self.changed: set[str] = set()
        self.new_members: dict[str, dict[str, Any]] = {}
        self.born: set[str] = set()  # canonical members created by this batch

    def load(self, member_ids: set[str]) -> None:
        ids = sorted(member_ids - set(self.fields))
        for member_id in ids:
            self.fields[member_id] = {}
        for i in range(0, len(ids), 500):
            for r in self.b.conn.execute(sa.select(members.c.id, members.c.profile,
                                                   members.c.stamps, members.c.pin_hash,
                                                   members.c.pin_set_at)
                                         .where(among(self.b.conn, members.c.id, ids[i:i + 500]))):
                profile, stamps = {**(r.profile or {}), **_pin_values(r)}, r.stamps or {}
                self.fields[r.id] = {f: (profile.get(f), Stamp.parse(h))
                                     for f, h in stamps.items()}

    def merge(self, member_id: str, values: dict[str, Any], stamp: Stamp) -> None:
        """Last writer wins per field; a stamp too far ahead of head office is clamped first."""
        ahead = stamp.ms - self.b.now_ms
        stamp, clamped = clamp(stamp, self.b.now_ms)
        if clamped:
            self.b.clock_ahead_ms = max(self.b.clock_ahead_ms, ahead)
        current = self.fields.setdefault(member_id, {})
        for field in _winners(values, stamp, current):
            value = values[field]
            if field == "mobile" and member_id not in self.born and _mobile_taken(
                    self.b, member_id, value):
                open_case(self.b, "member.mobile_conflict", member_id, 0, {"mobile": value})
                continue
            current[field] = (value, stamp)
            self.changed.add(member_id)

    def write(self) -> None:
        for member_id, row in self.new_members.items():
            row.update(self._columns(member_id))
        bulk_insert(self.b.conn, members, list(self.new_members.values()))
        bulk_insert(self.b.conn, member_balances, [
            _balance_row(self.b, m) for m, row in self.new_members.items()
            if not row["canonical_id"]])
        update_many(self.b.conn, members, "id", [
            {"id": m, **self._columns(m)} for m in sorted(self.changed - set(self.new_members))],
            bump="version")
        for member_id in sorted(self.changed):
            self.b.feed.stores(self.b.followers(member_id), "member", member_id)

    def _columns(self, member_id: str) -> dict[str, Any]:
        fields = self.fields.get(member_id, {})
        profile = {f: v for f, (v, _) in fields.items() if f not in PIN_FIELDS}
        set_at = fields.get(PIN_SET_AT, (None,))[0]
        return {"profile": profile, "stamps": {f: str(s) for f, (_, s) in fields.items()},
                "mobile": profile.get("mobile"), PIN_HASH: fields.get(PIN_HASH, (None,))[0],
                PIN_SET_AT: datetime.fromisoformat(set_at) if set_at else None}


def _pin_values(row: Any) -> dict[str, Any]:
    """The PIN columns as the merge holds them (wire form), beside the profile fields."""
    set_at = row.pin_set_at.isoformat() if row.pin_set_at else None
    return {PIN_HASH: row.pin_hash, PIN_SET_AT: set_at}


def _wins(field: str, value: Any, stamp: Stamp, old: Any, old_stamp: Stamp,
          withdrawn: bool = True) -> bool:
    if field == CONSENT and value is False and old is True:
        return stamp > old_stamp or old_stamp.ms - stamp.ms <= CONSENT_WINDOW_MS
    if field == CONSENT and value is True and old is False and withdrawn:
        # Another till's opt-in within a day of the opt-out may not have seen it; the same
        # till's later opt-in did: that is the member's new choice.
        same_till = stamp.node == old_stamp.node and stamp > old_stamp
        return same_till or stamp.ms > old_stamp.ms + CONSENT_WINDOW_MS
    return stamp > old_stamp


def _withdrawn(current: dict[str, tuple[Any, Stamp]]) -> bool:
    """The refusal in force is an opt-out with its time, not a consent never given (sign-up)."""
    return CONSENT_AT in current and current[CONSENT_AT][0] is not None


def _winners(values: dict[str, Any], stamp: Stamp,
             current: dict[str, tuple[Any, Stamp]]) -> list[str]:
    """The fields of one edit that win over what head office holds. The consent's time goes
    with the consent it was recorded with, won or lost, not last-writer-wins on its own."""
    consent = CONSENT in values and (CONSENT not in current or _wins(
        CONSENT, values[CONSENT], stamp, *current[CONSENT], withdrawn=_withdrawn(current)))
    won = []
    for field, value in values.items():
        if field not in MERGED:
            continue
        if field == PIN_SET_AT:
            continue  # decided with its PIN below
        if field in (CONSENT, CONSENT_AT) and CONSENT in values:
            if consent:
                won.append(field)
        elif field not in current or _wins(field, value, stamp, *current[field]):
            won.append(field)
    if PIN_HASH in won:
        won.append(PIN_SET_AT)  # the time a PIN was set goes with that PIN, won or lost
    return won


def _mobile_taken(b: Batch, member_id: str, mobile: Any) -> bool:
    owner = b.conn.scalar(sa.select(members.c.id).where(
        members.c.merchant_id == b.terminal.merchant_id, members.c.mobile == mobile,
        members.c.canonical_id.is_(None), members.c.id != member_id))
    return owner is not None


def apply_events(b: Batch, items: list[Item[MemberPayload]]) -> set[str]:
    """member.created and member.patched, in seq order, merged in memory, written at the end.

    Returns the members this batch created.
    """
    if not items:
        return set()
    items = sorted(items, key=lambda i: i.event.seq)
    profiles = _Profiles(b)
    created = [i.payload for i in items if isinstance(i.payload, MemberCreatedV1)]
    known = {r.id: r.canonical_id for r in b.conn.execute(
        sa.select(members.c.id, members.c.canonical_id)
        .where(among(b.conn, members.c.id, [p.id for p in created])))} if created else {}
    twins = _twins(b, {p.mobile for p in created})
    patched = {b.canonical(i.payload.member_id) or i.payload.member_id for i in items
               if isinstance(i.payload, MemberPatchedV1)}
    profiles.load({(k or i) for i, k in known.items()} | set(twins.values()) | patched)
    for item in items:
        p = item.payload
        if isinstance(p, MemberCreatedV1):
            _created(b, profiles, item, p, known, twins)
        elif isinstance(p, MemberPatchedV1):
            member_id = b.canonical(p.member_id) or p.member_id
            profiles.load({member_id})
            stamp = Stamp.parse(p.hlc) if p.hlc else _stamp(item.event.occurred_at,
                                                             b.terminal.id)
            profiles.merge(member_id, _patched_fields(p, item.event.occurred_at), stamp)
        else:
            assert_never(p)
    profiles.write()
    return profiles.born


def _patched_fields(p: MemberPatchedV1, occurred_at: datetime) -> dict[str, Any]:
    """An edit's fields; a PIN from a till that does not say when it was set, set then."""
    if PIN_HASH in p.fields and PIN_SET_AT not in p.fields:
        return {**p.fields, PIN_SET_AT: occurred_at.isoformat()}
    return p.fields


def _twins(b: Batch, mobiles: set[str]) -> dict[str, str]:
    if not mobiles:
        return {}
    rows = b.conn.execute(sa.select(members.c.mobile, members.c.id).where(
        members.c.merchant_id == b.terminal.merchant_id,
        among(b.conn, members.c.mobile, sorted(mobiles)),
        members.c.canonical_id.is_(None)))
    return {r.mobile: r.id for r in rows}


def _stamp(at: datetime, node: str) -> Stamp:
    return Stamp(int(at.timestamp() * 1000), 0, node)


def _created(b: Batch, profiles: _Profiles, item: Item[MemberPayload], p: MemberCreatedV1,
             known: dict[str, str | None], twins: dict[str, str]) -> None:
    if p.id in known:
        canonical = known[p.id] or p.id
        if canonical == p.id and p.tier:  # a placeholder learns its tier from the sign-up
            _set_tier(b, p.id, p.tier, item.event.occurred_at,
                      p.tier_since or b.business_date(item.event.occurred_at))
    else:
        twin = twins.get(p.mobile)
        row = profiles.new_members[p.id] = {
            "id": p.id, "merchant_id": b.terminal.merchant_id,
            "mobile": None if twin else p.mobile, "canonical_id": twin,
            "home_store_id": b.terminal.store_id, "created_at": b.now,
            "tier": "" if twin else p.tier,
            "tier_since": None if twin else (p.tier_since
                                             or b.business_date(item.event.occurred_at)),
            "tier_at": None if twin else item.event.occurred_at, "profile": {}, "stamps": {},
            "version": 1}
        known[p.id] = twin
        twins.setdefault(p.mobile, p.id)
        canonical = twin or p.id
        if not twin:
            profiles.born.add(p.id)
            profiles.fields[p.id] = {}
        else:  # an alias keeps no profile of its own
            row["mobile"] = None
    if canonical != p.id:
        b.aliases[p.id] = canonical
        _announce_alias(b, p.id, canonical)
    profiles.load({canonical})
    extra = {k: v for k, v in (p.model_extra or {}).items() if k not in PIN_FIELDS}
    fields = {**extra, "name": p.name, "mobile": p.mobile}  # a PIN comes only by its own edit
    profiles.merge(canonical, fields, _stamp(item.event.occurred_at, b.terminal.id))


def _announce_alias(b: Batch, alias: str, canonical: str) -> None:
    stores = {b.terminal.store_id, *b.followers(alias), *b.followers(canonical)}
    items = member_items(b.conn, canonical)
    for store_id in sorted(stores):
        b.feed.store(store_id, "member_alias", alias)
        for entity, entity_id in items:
            b.feed.store(store_id, entity, entity_id)
    insert_ignore(b.conn, member_interest, [
        {"member_id": canonical, "store_id": s, "since": b.now} for s in sorted(stores)])
    b.followers(canonical).update(stores)


def apply_tiers(b: Batch, items: list[Item[TierChangedV1]]) -> None:
    """tier.changed: history appended; the member's tier is the latest change by time, dated
    from the anniversary the till gave it (an older till's change: from its business date)."""
    rows: list[dict[str, Any]] = []
    since: dict[str, date] = {}
    for item in items:
        p = item.payload
        rows.append({"id": p.id, "member_id": b.canonical(p.member_id), "store_id":
                     b.terminal.store_id, "at": p.at, "from_tier": p.from_tier,
                     "to_tier": p.to_tier, "reason": p.reason})
        since[p.id] = p.tier_since or b.business_date(p.at)
    found = existing(b.conn, tier_changes, ("id",), [(r["id"],) for r in rows])
    latest: dict[str, dict[str, Any]] = {}
    new = []
    for item, row in zip(items, rows, strict=True):
        if (row["id"],) in found:
            b.mark(item.event_id, "duplicate", "tier_change.known")
            continue
        new.append(row)
        if row["member_id"] not in latest or latest[row["member_id"]]["at"] <= row["at"]:
            latest[row["member_id"]] = row
    bulk_insert(b.conn, tier_changes, new)
    if latest:
        _set_tiers(b, [(m, r["to_tier"], r["at"], since[r["id"]]) for m, r in latest.items()])


def _set_tier(b: Batch, member_id: str, tier: str, at: datetime, since: Any) -> None:
    _set_tiers(b, [(member_id, tier, at, since)])


def _set_tiers(b: Batch, changes: list[tuple[str, str, datetime, Any]]) -> None:
    """Each member's tier becomes the change's unless a later one is already in force.

    The version moves either way: a till kept its own tier while its change was unsent
    (sync/apply.py), so once the change has lost here it must hear the winner again.
    """
    at = sa.bindparam("at", type_=members.c.tier_at.type)
    won = sa.or_(members.c.tier_at.is_(None), members.c.tier_at <= at)
    b.conn.execute(
        members.update().where(members.c.id == sa.bindparam("m"))
        .values(tier=sa.case((won, sa.bindparam("tier", type_=members.c.tier.type)),
                             else_=members.c.tier),
                tier_since=sa.case((won, sa.bindparam("since", type_=members.c.tier_since.type)),
                                   else_=members.c.tier_since),
                tier_at=sa.case((won, at), else_=members.c.tier_at),
                version=members.c.version + 1),
        [{"m": m, "tier": t, "at": when, "since": day} for m, t, when, day in changes])
    for member_id, *_ in changes:
        b.feed.stores(b.followers(member_id), "member", member_id)
