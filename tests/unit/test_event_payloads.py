"""The typed payloads send exactly the JSON tills sent before them, and each fits its wire model.

Tills in the field and head office must go on understanding each other: for every event type,
the JSON a payload makes equals (same keys, same order, same values) what the services wrote
before payloads were typed (`_old`, the expressions each call site used), and the text frozen
in tests/data/event_wire_v1.json. The contract tables: every event type has one payload class
(whose `TYPE` is that type), and the wire model `sync/payloads.PAYLOADS` names for it reads the
JSON back with the same values.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any, get_args

import pytest

from domain.event_types import EventType
from domain.events import (
    PAYLOAD_CLASSES,
    AuditRecorded,
    CardChanged,
    CardIssued,
    CouponExpired,
    CouponIssued,
    CouponRedeemed,
    CouponRestored,
    CouponVoided,
    DrawSpun,
    EventPayload,
    MemberCreated,
    MemberPatched,
    PointsEntryPosted,
    ReturnCompleted,
    SaleCompleted,
    ShiftClosed,
    TierChanged,
    WalletEntryPosted,
)
from domain.records import CouponState
from domain.wire import to_wire
from sync.payloads import PAYLOADS, parse_payload
from tests.event_samples import Ids, steps

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T")
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "event_wire_v1.json"


def _old(p: EventPayload) -> Any:
    """The payload as the services built it before it was typed (one line per call site)."""
    match p:
        case MemberCreated(member=m):  # members.register, imports, announce
            return {k: v for k, v in to_wire(m).items() if k != "id_number"}
        case MemberPatched():  # profiles.update_member, member_pin.set_pin
            return {"member_id": p.member_id, "fields": dict(p.fields), "hlc": p.hlc}
        case CouponRedeemed():  # sale_effects._redeem_coupons
            return {"code": p.code, "member_id": p.member_id, "sale_id": p.sale_id,
                    "at": p.at.isoformat()}
        case CouponRestored():  # returns._give_back_coupons
            return {"code": p.code, "member_id": p.member_id, "state": p.state.value}
        case CouponExpired():  # maintenance._expire_coupons
            return {"code": p.code, "member_id": p.member_id}
        case CouponVoided():  # takeback.withdraw
            return {"code": p.code, "member_id": p.member_id, "state": CouponState.VOID.value}
        case TierChanged(change=c, tier_since=None):  # sign-up, import
            return to_wire(c)
        case TierChanged(change=c, tier_since=since):  # maintenance.change_tier
            assert since is not None
            return {**to_wire(c), "tier_since": since.isoformat()}
        case PointsEntryPosted(entry=r) | WalletEntryPosted(entry=r) | AuditRecorded(entry=r):
            return to_wire(r)
        case SaleCompleted(sale=r) | ReturnCompleted(sale=r):
            return to_wire(r)
        case CardIssued(card=r) | CardChanged(card=r):
            return to_wire(r)
        case CouponIssued(coupon=r):
            return to_wire(r)
        case ShiftClosed(shift=r):
            return to_wire(r)
        case DrawSpun(spin=r):
            return to_wire(r)
        case _:  # a type added since payloads were typed: held to its frozen JSON only
            return None


def _key(i: int, p: EventPayload) -> str:
    return f"{i:02d} {p.TYPE.value}"


def test_every_event_type_has_one_payload_class_naming_it() -> None:
    assert set(PAYLOAD_CLASSES) == set(EventType)
    assert set(PAYLOAD_CLASSES.values()) == set(get_args(EventPayload))
    assert all(cls.TYPE is t for t, cls in PAYLOAD_CLASSES.items())
    assert {p.TYPE for p in steps()} == set(EventType)  # the samples cover every type


@pytest.mark.parametrize("i", range(len(steps())))
def test_the_wire_json_is_what_the_old_code_sent(i: int) -> None:
    p = steps()[i]
    old, new = _old(p), p.wire()
    if old is not None:
        assert list(new.items()) == list(old.items())  # same keys, same order, same values
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert json.dumps(new, ensure_ascii=False) == golden[_key(i, p)]


@pytest.mark.parametrize("i", range(len(steps())))
def test_the_wire_model_of_its_type_reads_it_back(i: int) -> None:
    p = steps()[i]
    wire = p.wire()
    parsed = parse_payload(p.TYPE, 1, wire)
    assert type(parsed) is PAYLOADS[p.TYPE]
    dumped = parsed.model_dump(mode="json")
    # Every field the model names (and the extras it keeps whole) comes back as sent.
    assert _instants({k: v for k, v in dumped.items() if k in wire}) == _instants(
        {k: v for k, v in wire.items() if k in dumped})


def _instants(value: Any) -> Any:
    """Times as instants: the model writes UTC as `Z` where the till wrote `+00:00`."""
    if isinstance(value, dict):
        return {k: _instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_instants(v) for v in value]
    if isinstance(value, str) and ISO_TIME.match(value):
        return datetime.fromisoformat(value)
    return value


def test_a_member_created_never_carries_the_id_number() -> None:
    created = steps(Ids())[0]
    assert isinstance(created, MemberCreated)
    assert "id_number" not in created.wire()
    assert created.member.id_number  # the record has one: it stays at the till


def test_the_envelope_member_is_the_payloads() -> None:
    by_type = {p.TYPE: p for p in steps()}
    assert by_type[EventType.SHIFT_CLOSED].member_id is None
    assert by_type[EventType.AUDIT_ENTRY].member_id is None
    assert {p.member_id for t, p in by_type.items()
            if t not in (EventType.SHIFT_CLOSED, EventType.AUDIT_ENTRY,
                         EventType.ALLIANCE_TRADE)} == {Ids().member}
    # The issuer's member is not the partner's: named in the payload, never the envelope.
    assert by_type[EventType.ALLIANCE_TRADE].member_id is None


def write_golden() -> None:
    """Freeze the samples' JSON (by hand, when a type is added: the diff must add only it)."""
    found = {_key(i, p): json.dumps(p.wire(), ensure_ascii=False)
             for i, p in enumerate(steps())}
    GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_golden()
