"""The agreements this till honours and the issuers' roster, as pulled from head office."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from db.mapping_values import json_of
from db.repos_driver import execute, fetch_all, fetch_one, upsert_sql
from db.types import dump_json
from domain.alliance_card import AllianceCoupon, RosterCard

_SET_TERMS = upsert_sql("alliance_terms", ("id", "issuer_brand", "data"), ("id",))
_TERMS = "SELECT data FROM alliance_terms ORDER BY id"
_ROSTER_COLUMNS = ("card_number", "issuer", "issuer_member_id", "name_masked", "tier")
_SET_CARD = upsert_sql("alliance_roster", _ROSTER_COLUMNS, ("card_number",))
_CARD = f"SELECT {', '.join(_ROSTER_COLUMNS)} FROM alliance_roster WHERE card_number = ?"
_DROP_CARD = "DELETE FROM alliance_roster WHERE card_number = ?"
_COUPON_TERMS = ("code", "card_number", "issuer", "template", "amount_fen", "valid_from",
                 "valid_to")
_SET_COUPON = upsert_sql("alliance_coupons", _COUPON_TERMS, ("code",))
_COUPONS_OF = (f"SELECT {', '.join(_COUPON_TERMS)}, used_sale_id FROM alliance_coupons "
               "WHERE card_number = ? ORDER BY code")
_COUPON = (f"SELECT {', '.join(_COUPON_TERMS)}, used_sale_id FROM alliance_coupons "
           "WHERE code = ?")
_DROP_COUPON = "DELETE FROM alliance_coupons WHERE code = ?"
_USE_COUPON = "UPDATE alliance_coupons SET used_sale_id = ? WHERE code = ?"


class SqlAllianceRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def save_terms(self, terms_id: str, issuer_brand: str, data: dict[str, Any]) -> None:
        execute(self._s, _SET_TERMS, {"id": terms_id, "issuer_brand": issuer_brand,
                                      "data": dump_json(data)})

    def terms(self) -> list[dict[str, Any]]:
        """Every agreement item held, as head office sent it."""
        return [json_of(row[0]) for row in fetch_all(self._s, _TERMS, ())]

    def put_card(self, card: RosterCard) -> None:
        execute(self._s, _SET_CARD, {c: getattr(card, c) for c in _ROSTER_COLUMNS})

    def drop_card(self, card_number: str) -> None:
        execute(self._s, _DROP_CARD, (card_number,))

    def card(self, card_number: str) -> RosterCard | None:
        row = fetch_one(self._s, _CARD, (card_number,))
        return RosterCard(*row) if row is not None else None

    def put_coupon(self, coupon: AllianceCoupon) -> None:
        values: dict[str, Any] = {c: getattr(coupon, c) for c in _COUPON_TERMS}
        values.update(valid_from=coupon.valid_from.isoformat(),
                      valid_to=coupon.valid_to.isoformat())
        execute(self._s, _SET_COUPON, values)

    def drop_coupon(self, code: str) -> None:
        execute(self._s, _DROP_COUPON, (code,))

    def coupons_of(self, card_number: str) -> list[AllianceCoupon]:
        return [_coupon(row) for row in fetch_all(self._s, _COUPONS_OF, (card_number,))]

    def coupon(self, code: str) -> AllianceCoupon | None:
        row = fetch_one(self._s, _COUPON, (code,))
        return _coupon(row) if row is not None else None

    def use_coupon(self, code: str, sale_id: str | None) -> None:
        execute(self._s, _USE_COUPON, (sale_id, code))


def _coupon(row: Any) -> AllianceCoupon:
    return AllianceCoupon(row[0], row[1], row[2], row[3], int(row[4]),
                          date.fromisoformat(row[5]), date.fromisoformat(row[6]), row[7])
