"""The till's swipe reads: card → member with balances, then the panel's lots and coupons."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy.orm import Session

from db.crypto import FieldCipher
from db.mapping_members import (
    BALANCE_COLUMNS,
    CARD_COLUMNS,
    COUPON_COLUMNS,
    LOT_COLUMNS,
    MEMBER_COLUMNS,
    balances_from,
    card_from,
    coupon_from,
    lot_from,
    member_from,
)
from db.repos_driver import Named, fetch_snapshot
from domain.records import CardHolder, CouponState, PanelExtras


def _columns(alias: str, columns: Sequence[str]) -> str:
    return ", ".join(f"{alias}.{c}" for c in columns)


def _json_rows(alias: str, columns: Sequence[str]) -> str:
    """A column that holds the subquery's rows as one JSON array of arrays ('[]' if none)."""
    return f"json_group_array(json_array({_columns(alias, columns)}))"


# Member and balances are LEFT JOINed so an unknown card and a card without its member stay
# apart (the till refuses them differently).
CARD_HOLDER = (
    f"SELECT {_columns('c', CARD_COLUMNS)}, {_columns('m', MEMBER_COLUMNS)}, "
    f"{_columns('b', BALANCE_COLUMNS)} "
    "FROM cards c LEFT JOIN members m ON m.id = c.member_id "
    "LEFT JOIN member_balances b ON b.member_id = c.member_id "
    "WHERE c.number = ?")

# Both lists as JSON arrays from subqueries on their member_id indexes; the `+` keeps SQLite
# from choosing the (expires_on, member_id) or (state, valid_to) indexes, which would walk
# every member's rows.
PANEL_EXTRAS = (
    f"SELECT (SELECT {_json_rows('l', LOT_COLUMNS)} FROM points_lots l "
    "WHERE l.member_id = :member_id AND l.remaining > 0 "
    "AND +l.expires_on BETWEEN :today AND :expiring_by), "
    f"(SELECT {_json_rows('k', COUPON_COLUMNS)} FROM coupons k "
    "WHERE k.member_id = :member_id AND +k.state = :issued AND +k.valid_to >= :today)")

_MEMBER_AT = len(CARD_COLUMNS)
_BALANCES_AT = _MEMBER_AT + len(MEMBER_COLUMNS)


def holder_by_card(session: Session, cipher: FieldCipher, number: str) -> CardHolder | None:
    """MemberRepo.by_card: one SELECT, outside a transaction when none is open."""
    row = fetch_snapshot(session, CARD_HOLDER, (number,))
    return None if row is None else holder_from_plain(row, cipher)


def holder_from_plain(r: Sequence[Any], cipher: FieldCipher) -> CardHolder:
    """The joined row split by the three column lists that built CARD_HOLDER, each part
    then read by name (a missing member or balances row is all NULLs)."""
    card = _named(CARD_COLUMNS, r[:_MEMBER_AT])
    member = _named(MEMBER_COLUMNS, r[_MEMBER_AT:_BALANCES_AT])
    balances = _named(BALANCE_COLUMNS, r[_BALANCES_AT:])
    return CardHolder(
        card=card_from(card),
        member=None if member["id"] is None else member_from(member, cipher),
        balances=None if balances["member_id"] is None else balances_from(balances))


def _named(columns: Sequence[str], values: Sequence[Any]) -> Named:
    return dict(zip(columns, values, strict=True))


def panel_extras(session: Session, member_id: str, today: date,
                 expiring_by: date) -> PanelExtras:
    """MemberRepo.panel_extras: one SELECT, outside a transaction when none is open."""
    row = fetch_snapshot(session, PANEL_EXTRAS, {
        "member_id": member_id, "today": today.isoformat(),
        "expiring_by": expiring_by.isoformat(), "issued": CouponState.ISSUED.value})
    assert row is not None  # a SELECT of two aggregates always returns its one row
    coupons = [coupon_from(_named(COUPON_COLUMNS, c)) for c in _rows(row[1])]
    # The port promises issue order; an aggregate's input order is not guaranteed in SQL.
    coupons.sort(key=lambda c: (c.issued_at, c.code))
    return PanelExtras(lots=tuple(lot_from(_named(LOT_COLUMNS, lot)) for lot in _rows(row[0])),
                       coupons=tuple(coupons))


def _rows(text: str) -> list[list[object]]:
    """A JSON column of rows; most members hold no coupon, so skip the parser for '[]'."""
    return [] if text == "[]" else cast(list[list[object]], json.loads(text))
