"""Applying what head office sends to the till's database, inside the caller's transaction.

The caller commits the page and its cursor together, so a till killed half-way re-pulls the
same page and applies it again; every change is idempotent (a newer version replaces an older
one; a balance is recomputed from head office's figure, never added to).

A member's balance at the till is head office's figure plus this till's own ledger entries that
head office has not yet acknowledged (outbox seq after `acked_through_seq`). The difference
from what the till holds is booked as a local ledger entry of kind `sync` (never sent: it is
head office's news, not this till's), and the points lots are rebuilt from head office's
buckets, so `kaika verify` still finds every balance equal to its ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from db.uow import SqlUnitOfWork
from domain import coupons as coupon_rules
from domain import points as points_rules
from domain.event_types import EventType
from domain.ids import new_id_str
from domain.records import (
    Coupon,
    CouponKind,
    CouponState,
    Member,
    MemberPin,
    MemberStatus,
    PointsEntry,
    PointsLot,
    WalletEntry,
)
from domain.rulepack import RulePack
from sync import apply_alliance as alliance
from sync import apply_cards as cards
from sync import apply_owned as owned
from sync.buckets import NEVER, Buckets
from sync.payloads import PIN_HASH, PIN_SET_AT
from sync.schema import Change

SYNC_KIND = "sync"
SYNC_REASON = "head office"


@dataclass
class Applier:
    """Everything applying a page needs besides the changes themselves."""

    uow: SqlUnitOfWork
    acked_through_seq: int
    now: datetime
    today: date
    tz: ZoneInfo
    pack: RulePack
    terminal_id: str
    db_path: Path | None = None

    def apply(self, changes: list[Change]) -> int:
        """Apply a page in order, members first; returns how many changes were applied.

        A card, balance or coupon of a member new here is skipped when its member is not here
        yet, and head office does not send it again until it changes; a page lists each
        entity at its last mention, so a member edited after their card was issued (a tier
        set by the same batch) comes after the card. Merges first, then profiles, then the
        rest in the page's order.
        """
        done = 0
        for change in in_order(changes):
            handler = _HANDLERS.get(change.entity)
            if handler is not None and handler(self, change):
                done += 1
        return done

    def newer(self, change: Change) -> bool:
        """True (and recorded) if this version is newer than the one applied last."""
        return self.uow.pulled.newer(change.entity, change.id, change.version)

    def unacked(self, types: tuple[str, ...],
                member_ids: list[str]) -> list[tuple[str, dict[str, Any]]]:
        """This till's events head office has not applied yet, oldest first."""
        return self.uow.sync_outbox.unacked(self.terminal_id, self.acked_through_seq, types,
                                            member_ids)


# --- members ----------------------------------------------------------------------------------

_MEMBER_FIELDS = {f.name for f in fields(Member)} - {"id", "id_number"}
_DATES = ("joined_on", "tier_since", "deposit_until")
_TIMES = ("consent_marketing_at", "consent_alliance_at", "privacy_accepted_at", "created_at")


def _member(a: Applier, change: Change) -> bool:
    data = {**change.data, **_pending_edits(a, change.id)}
    if not data.get("mobile") or not data.get("name") or not a.newer(change):
        return False  # a member head office knows only by id (a placeholder) cannot be shown
    known = a.uow.members.get(change.id)
    data.update(_pending_tier(a, known))
    owner = a.uow.members.by_mobile(data["mobile"])
    if owner is not None and owner.id != change.id:
        return False  # a twin made here: head office's alias will merge them
    values = _member_values(data, known)
    if not values.get("tier"):
        values["tier"] = a.pack.signup_tier.name  # head office has not heard the tier yet
    if known is None:
        a.uow.members.add(Member(id=change.id, **values))
    else:
        a.uow.members.save(Member(id=change.id, id_number=known.id_number, **values))
    _pin(a, change.id, data)
    return True


def _pin(a: Applier, member_id: str, data: dict[str, Any]) -> None:
    """The member's payment PIN as head office merged it (or as set here and not yet pushed:
    `data` holds this till's pending edits), so the mobile's digits stop paying here too.
    Wrong tries and today's lock are this till's own and stay as they are."""
    hashed = data.get(PIN_HASH)
    held = a.uow.member_pins.get(member_id) or MemberPin(member_id, None)
    if not hashed or held.pin_hash == hashed:
        return
    a.uow.member_pins.save(replace(held, pin_hash=hashed, set_at=_time(data.get(PIN_SET_AT)),
                                   set_by=None))


def _pending_edits(a: Applier, member_id: str) -> dict[str, Any]:
    """Profile fields edited here that head office has not applied yet: shown as edited until
    head office's merge of them comes back (as a balance is shown with the till's entries)."""
    edits: dict[str, Any] = {}
    for _, payload in a.unacked((EventType.MEMBER_PATCHED,), [member_id]):
        edits.update(payload.get("fields", {}))
    return edits


def _pending_tier(a: Applier, known: Member | None) -> dict[str, Any]:
    """The tier and anniversary as this till set them while its change is not yet applied at
    head office (a void or sale between the push and this pull): head office's older tier
    must not overwrite it; its merge comes back with the change's next version."""
    if known is None:
        return {}
    if not a.unacked((EventType.TIER_CHANGED,), [known.id]):
        return {}
    return {"tier": known.tier, "tier_since": known.tier_since.isoformat()}


def _member_values(data: dict[str, Any], known: Member | None) -> dict[str, Any]:
    values = {k: getattr(known, k) for k in _MEMBER_FIELDS} if known else {}
    for key in _MEMBER_FIELDS & set(data):
        value = data[key]
        if value is not None and key in _DATES:
            value = date.fromisoformat(value)
        elif value is not None and key in _TIMES:
            value = datetime.fromisoformat(value)
        elif key == "deposit_rate" and value is not None:
            value = Decimal(str(value))
        elif key == "tags":
            value = tuple(value or ())
        elif key == "status":
            value = MemberStatus(value)
        values[key] = value
    if values.get("joined_on") is None:
        values["joined_on"] = values.get("tier_since") or date.today()
    if values.get("tier_since") is None:
        values["tier_since"] = values["joined_on"]
    if values.get("status") is None:
        values["status"] = MemberStatus.ACTIVE
    return values


def _alias(a: Applier, change: Change) -> bool:
    """Head office merged a member made here into another: the local rows follow."""
    return a.uow.member_merge.merge(change.data["alias_id"], change.data["canonical_id"])


# --- balances ---------------------------------------------------------------------------------


def _balance(a: Applier, change: Change) -> bool:
    member_id = change.id
    if a.uow.members.get(member_id) is None:
        return False
    data = change.data
    unacked = _unacked_entries(a, member_id)
    buckets = Buckets.from_list(int(data["points"]), data.get("buckets", []))
    wallet = [int(data["wallet_principal_fen"]), int(data["wallet_bonus_fen"])]
    for kind, entry in unacked:
        if kind == EventType.POINTS_ENTRY:
            on = datetime.fromisoformat(entry["at"]).astimezone(a.tz).date()
            points = int(entry["points"])
            last = entry.get("last_day")
            day = date.fromisoformat(last) if last else None
            if day is None and points >= 0:
                day = points_rules.expires_on(on, a.pack)
            buckets.apply(entry["kind"], points, day, on)
        else:
            wallet[0] += int(entry["principal_fen"])
            wallet[1] += int(entry["bonus_fen"])
    _settle(a, member_id, buckets, wallet)
    _snapshot(a, change, data)
    return True


def _unacked_entries(a: Applier, member_id: str) -> list[tuple[str, dict[str, Any]]]:
    """This till's ledger entries for the member that head office has not applied yet."""
    ids = [member_id, *a.uow.member_merge.aliases(member_id)]
    return a.unacked((EventType.POINTS_ENTRY, EventType.WALLET_ENTRY), ids)


def _settle(a: Applier, member_id: str, buckets: Buckets, wallet: list[int]) -> None:
    """Book the difference as `sync` entries and rebuild the lots from the buckets."""
    held = a.uow.members.balances(member_id)
    if buckets.balance != held.points:
        a.uow.points.add_entry(PointsEntry(
            id=new_id_str(), member_id=member_id, kind=SYNC_KIND,
            points=buckets.balance - held.points, at=a.now, business_date=a.today,
            reason=SYNC_REASON))
    dp, db = wallet[0] - held.wallet_principal_fen, wallet[1] - held.wallet_bonus_fen
    if dp or db:
        a.uow.wallet.add_entry(WalletEntry(
            id=new_id_str(), member_id=member_id, kind=SYNC_KIND, principal_fen=dp,
            bonus_fen=db, at=a.now, business_date=a.today, reference=SYNC_REASON))
    _rebuild_lots(a, member_id, buckets)


def _rebuild_lots(a: Applier, member_id: str, buckets: Buckets) -> None:
    lots = [lot for lot in a.uow.points.lots(member_id) if lot.remaining > 0]
    held: dict[date, int] = {}
    for lot in lots:
        day = lot.expires_on or NEVER
        held[day] = held.get(day, 0) + lot.remaining
    if held == buckets.by_day:
        return
    for lot in lots:
        lot.remaining = 0
    fresh = [PointsLot(id=new_id_str(), member_id=member_id, earned_on=a.today,
                       expires_on=None if day == NEVER else day, points=n, remaining=n,
                       source=SYNC_KIND)
             for day, n in sorted(buckets.by_day.items()) if n > 0]
    a.uow.points.save_lots(member_id, [*lots, *fresh])


def _snapshot(a: Applier, change: Change, data: dict[str, Any]) -> None:
    a.uow.pulled.save_ho_balance(
        change.id, points=int(data["points"]),
        wallet_principal_fen=int(data["wallet_principal_fen"]),
        wallet_bonus_fen=int(data["wallet_bonus_fen"]), buckets=data.get("buckets", []),
        blocked=bool(data.get("blocked")), version=change.version,
        acked_through_seq=a.acked_through_seq, pulled_at=a.now)


# --- coupons (cards: sync/apply_cards.py) -------------------------------------------------


def _coupon(a: Applier, change: Change) -> bool:
    d = change.data
    member_id = d.get("member_id")
    if "valid_from" not in d or (member_id and a.uow.members.get(member_id) is None):
        return False
    kind = coupon_rules.kind_of(d.get("kind", CouponKind.CASH.value))
    if kind is None or not a.newer(change):
        return False
    coupon = Coupon(
        code=d["code"], template_code=d.get("template_code", ""), kind=kind,
        amount_fen=int(d.get("amount_fen", 0)),
        rate=Decimal(str(d["rate"])) if d.get("rate") is not None else None,
        min_spend_fen=int(d.get("min_spend_fen", 0)), stackable=bool(d.get("stackable", True)),
        valid_from=date.fromisoformat(d["valid_from"]), valid_to=date.fromisoformat(d["valid_to"]),
        state=CouponState(d["state"]), issued_at=_time(d.get("issued_at")) or a.now,
        member_id=member_id, issued_reason=d.get("issued_reason", ""),
        classes=tuple(d.get("classes", ())), gift_sku=d.get("gift_sku"),
        redeemed_sale_id=d.get("redeemed_sale_id"), redeemed_at=_time(d.get("redeemed_at")))
    if a.uow.coupons.get(coupon.code) is None:
        a.uow.coupons.add(coupon)
    else:
        a.uow.coupons.save(coupon)
    return True


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


_FIRST = {"member_alias": 0, "member": 1}  # the rest keep their order (a stable sort)


def in_order(changes: list[Change]) -> list[Change]:
    """The order a page is applied in: merges first, then profiles, then the rest."""
    return sorted(changes, key=lambda c: _FIRST.get(c.entity, len(_FIRST)))


_HANDLERS: dict[str, Callable[[Applier, Change], bool]] = {
    "member": _member,
    "member_alias": _alias,
    "member_balance": _balance,
    "card": cards.card,
    "card_stock": cards.card_stock,
    "coupon": _coupon,
    "product": owned.product,
    "coupon_template": owned.template,
    "staff": owned.staff,
    "gift": owned.gift,
    "draw": owned.draw,
    "rulepack": owned.rulepack,
    "alliance_agreement": alliance.agreement,
    "alliance_member": alliance.member,
    "alliance_coupon": alliance.coupon,
}
