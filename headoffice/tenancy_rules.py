"""What each event kind may name: every object must belong to the sender's merchant.

`RULES` lists, for every event kind of `sync.payloads.PAYLOADS`, the references its payload
carries (a JSON path into the payload) and the kind of object each names. `refusals` looks the
named objects up, a query per kind for the whole batch, and answers the events naming an
object of another merchant, with the code `<kind>.other_merchant`; ingest quarantines them
before anything is merged, so nothing of another merchant is read, changed or re-owned.

How each kind of object is owned:
- member: `members.merchant_id` (an alias answers for itself, not for its canonical member);
- card: the merchant of the member holding it (`cards.member_id`);
- coupon: `coupons.merchant_id` (a coupon may have no member; NULL, a legacy row no store ever
  announced, belongs to nobody and is refused to everybody);
- sale: the merchant of the store that sold it (a return's original sale, an entry's sale);
- store (by code): `stores.merchant_id`; a code head office does not know (a till's code from
  before it was enrolled) names nothing;
- draw: resolved in the sender's own store (spins are kept per store and change no stock at
  head office), so it cannot name another merchant's draw: `SCOPED`, nothing to look up.
An object head office does not know yet names nothing: the event creates it for the sender's
merchant (or a later event from the same till does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from domain.event_types import EventType
from headoffice.batch import Batch, Item
from headoffice.cases import open_case
from headoffice.sql import among
from headoffice.tables import cards, coupons, members, sales, stores
from sync.payloads import Payload

_SALE_REFS = ("member_id", "original_sale_id", "coupons_redeemed", "tenders.coupon_code",
              "store_code")
_CARD_REFS = ("member_id", "number", "replaced_by")
_COUPON_STATE = ("member_id", "code")


@dataclass(frozen=True, slots=True)
class Ref:
    """A payload path (dots; a list on the way is walked item by item) naming an object."""

    kind: str
    path: str


_KIND_OF_PATH = {"member_id": "member", "id": "member", "original_sale_id": "sale",
                 "sale_id": "sale", "coupons_redeemed": "coupon",
                 "tenders.coupon_code": "coupon", "store_code": "store", "number": "card",
                 "replaced_by": "card", "code": "coupon", "draw_code": "draw"}


def _named(*paths: str) -> tuple[Ref, ...]:
    return tuple(Ref(_KIND_OF_PATH[p], p) for p in paths)


# The envelope's member_id is checked for every kind, besides these.
RULES: dict[str, tuple[Ref, ...]] = {
    EventType.POINTS_ENTRY: _named("member_id", "sale_id"),
    EventType.WALLET_ENTRY: _named("member_id", "sale_id"),
    EventType.SALE_COMPLETED: _named(*_SALE_REFS),
    EventType.RETURN_COMPLETED: _named(*_SALE_REFS),
    EventType.MEMBER_CREATED: _named("id"),
    EventType.MEMBER_PATCHED: _named("member_id"),
    EventType.CARD_ISSUED: _named(*_CARD_REFS),
    EventType.CARD_CHANGED: _named(*_CARD_REFS),
    EventType.COUPON_ISSUED: _named(*_COUPON_STATE),
    EventType.COUPON_REDEEMED: _named("member_id", "code", "sale_id"),
    EventType.COUPON_RESTORED: _named(*_COUPON_STATE),
    EventType.COUPON_EXPIRED: _named(*_COUPON_STATE),
    EventType.COUPON_VOIDED: _named(*_COUPON_STATE),
    EventType.TIER_CHANGED: _named("member_id"),
    EventType.SHIFT_CLOSED: (),  # the till's own shift, kept under its own store
    EventType.DRAW_SPUN: _named("member_id", "draw_code"),
    EventType.AUDIT_ENTRY: (),  # the till's own audit trail, kept under its own store
    # The issuer's member and card are another merchant's by design: alliance_ingest checks
    # them against an agreement in force instead; the sales named are the sender's own.
    EventType.ALLIANCE_TRADE: _named("sale_id", "original_sale_id"),
}
SCOPED = frozenset({"draw"})  # resolved in the sender's own store
_ENVELOPE_MEMBER = Ref("member", "member_id")
# Each kind's references with their paths split once (`references` runs per event).
_PATHS = {kind: tuple((ref, tuple(ref.path.split("."))) for ref in refs)
          for kind, refs in RULES.items()}


def _members(b: Batch, ids: set[str]) -> dict[str, set[str]]:
    rows = b.conn.execute(sa.select(members.c.id, members.c.merchant_id)
                          .where(among(b.conn, members.c.id, sorted(ids))))
    return _grouped(rows)


def _cards(b: Batch, numbers: set[str]) -> dict[str, set[str]]:
    rows = b.conn.execute(sa.select(cards.c.number, members.c.merchant_id)
                          .join(members, members.c.id == cards.c.member_id)
                          .where(among(b.conn, cards.c.number, sorted(numbers))))
    found = _grouped(rows)
    # A card whose member is unknown here belongs to nobody: no sender may take it over.
    orphans = b.conn.scalars(sa.select(cards.c.number).where(
        among(b.conn, cards.c.number, sorted(numbers - set(found)))))
    return {**found, **{n: {""} for n in orphans}}


def _coupons(b: Batch, codes: set[str]) -> dict[str, set[str]]:
    rows = b.conn.execute(sa.select(coupons.c.code, coupons.c.merchant_id)
                          .where(among(b.conn, coupons.c.code, sorted(codes))))
    return {code: {merchant or ""} for code, merchant in rows}


def _sales(b: Batch, ids: set[str]) -> dict[str, set[str]]:
    rows = b.conn.execute(sa.select(sales.c.id, stores.c.merchant_id)
                          .join(stores, stores.c.id == sales.c.store_id)
                          .where(among(b.conn, sales.c.id, sorted(ids))))
    return _grouped(rows)


def _stores(b: Batch, codes: set[str]) -> dict[str, set[str]]:
    rows = b.conn.execute(sa.select(stores.c.code, stores.c.merchant_id)
                          .where(among(b.conn, stores.c.code, sorted(codes))))
    return _grouped(rows)


OWNERS: dict[str, Callable[[Batch, set[str]], dict[str, set[str]]]] = {
    "member": _members, "card": _cards, "coupon": _coupons, "sale": _sales, "store": _stores}


def _grouped(rows: Iterable[Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for key, merchant in rows:
        found.setdefault(str(key), set()).add(str(merchant))
    return found


def references(item: Item[Payload]) -> list[tuple[Ref, str]]:
    """(ref, value) for every object the event names, the envelope's member first."""
    found: list[tuple[Ref, str]] = []
    if item.event.member_id:
        found.append((_ENVELOPE_MEMBER, item.event.member_id))
    for ref, parts in _PATHS[item.event.type]:
        _values(item.payload, parts, 0, ref, found)
    return found


def _values(node: Any, path: tuple[str, ...], at: int, ref: Ref,
            found: list[tuple[Ref, str]]) -> None:
    """Append (ref, value) for each non-empty string at `path[at:]` below `node` (a list on
    the way is walked item by item); a list of found lists, not generators: ingest calls
    this for every reference of every event."""
    if isinstance(node, list):
        for each in node:
            _values(each, path, at, ref, found)
        return
    if at == len(path):
        if isinstance(node, str) and node:
            found.append((ref, node))
        return
    name = path[at]
    child = node.get(name) if isinstance(node, dict) else getattr(node, name, None)
    if child is None:
        extra = getattr(node, "model_extra", None)
        if not extra:
            return
        child = extra.get(name)
    if child is not None:
        _values(child, path, at + 1, ref, found)


@dataclass(frozen=True, slots=True)
class Refused:
    """Why an event is refused: the first object it names that another merchant owns."""

    code: str  # `<kind>.other_merchant`
    kind: str
    value: str
    owners: frozenset[str]  # the owning merchants ("" for an object that belongs to nobody)


def refusals(b: Batch, items: list[Item[Payload]]) -> dict[str, Refused]:
    """Event id -> why, for each event naming another merchant's object."""
    named: list[tuple[Item[Payload], str, str]] = []
    for item in items:
        for ref, value in references(item):
            if ref.kind not in SCOPED:
                named.append((item, ref.kind, value))
    owners: dict[str, dict[str, set[str]]] = {}
    for kind, lookup in OWNERS.items():
        wanted = {value for _, k, value in named if k == kind}
        owners[kind] = lookup(b, wanted) if wanted else {}
    refused: dict[str, Refused] = {}
    for item, kind, value in named:
        merchants = owners[kind].get(value)
        if merchants is not None and b.terminal.merchant_id not in merchants:
            refused.setdefault(item.event_id, Refused(f"{kind}.other_merchant", kind, value,
                                                      frozenset(merchants)))
    return refused


def open_cases(b: Batch, items: list[Item[Payload]], refused: dict[str, Refused]) -> None:
    """Refusals are seen by people, not only logged: one case for the sender's merchant (its
    till named what is not its own: a tampered till, or numbers issued before enrolment that
    another merchant already holds) and one for each merchant whose objects were named."""
    if not refused:
        return
    types = {i.event_id: i.event.type for i in items}
    listed = [{"event_id": e, "type": types.get(e, ""), "code": r.code, "object": r.kind,
               "id": r.value} for e, r in refused.items()]
    sender = {"terminal_id": b.terminal.id, "store_id": b.terminal.store_id}
    open_case(b, "tenancy.refused", None, 0, {**sender, "events": listed})
    for owner in sorted({o for r in refused.values() for o in r.owners} - {""}):
        mine = [e for e, r in zip(listed, refused.values(), strict=True) if owner in r.owners]
        open_case(b, "tenancy.named_by_other", None, 0,
                  {**sender, "merchant_id": b.terminal.merchant_id, "events": mine},
                  merchant_id=owner)
