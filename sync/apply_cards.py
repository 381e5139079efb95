"""Cards from head office at the till: a pulled card never takes a number from another member
here, and pre-printed stock registered to the store (see sync/apply.py for the transaction).

Head office never moves a card between members, so a pulled card naming a number this till
holds for someone else means the number was issued twice (before enrolment, or by a till
restored from an old backup): the local card is kept, so the member in front of the till is
still the one their card names here, and the conflict is recorded for `kaika verify`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from domain.records import Card, CardState
from sync.schema import Change

if TYPE_CHECKING:
    from sync.apply import Applier


def card(a: Applier, change: Change) -> bool:
    d = change.data
    held = a.uow.cards.get(d["number"])
    if held is not None and _canonical(a, held.member_id) != _canonical(a, d["member_id"]):
        _conflict(a, held, d["member_id"])
        return False
    if a.uow.members.get(d["member_id"]) is None or not a.newer(change):
        return False
    successor = d.get("replaced_by")
    pulled = Card(number=d["number"], member_id=d["member_id"], state=CardState(d["state"]),
                  expiry=d["expiry"], kind=d.get("kind", "stripe"),
                  is_staff=bool(d.get("is_staff")),
                  replaced_by=successor if successor and a.uow.cards.get(successor) else None,
                  issued_at=_time(d.get("issued_at")))
    if held is None:
        a.uow.cards.add(pulled)
    else:
        a.uow.cards.save(pulled)
    return True


def _canonical(a: Applier, member_id: str) -> str:
    return a.uow.member_merge.canonical(member_id)


def _conflict(a: Applier, held: Card, other: str) -> None:
    a.uow.pulled.note_card_conflict(held.number, other, held.member_id, a.now)


def card_stock(a: Applier, change: Change) -> bool:
    """Pre-printed numbers registered to this store: `link_card` accepts them, offline too."""
    if not a.newer(change):
        return False
    d = change.data
    a.uow.pulled.save_card_stock(change.id, str(d["prefix"]), int(d["first"]), int(d["last"]))
    return True


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
