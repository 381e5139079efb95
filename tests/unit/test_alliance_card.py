"""An issuer's card at a partner: recognised only on the roster under an agreement in force,
points rounded down once on the earning classes, points paying at the agreed value."""

from __future__ import annotations

from datetime import date

import pytest

from domain.alliance import partner_terms
from domain.alliance_card import (
    RosterCard,
    mask_for_partner,
    points_earned,
    points_value_fen,
    recognise,
)
from domain.catalog import ProductClass as C
from domain.errors import DomainError

CARD = RosterCard("7710310100001", "M077", "member-1", "张*", "金卡")


def terms(**changes: object):
    data = {"id": "a1", "alliance": "A1", "issuer_brand": "77", "issuer_name": "云裳",
            "issuer": "M077", "partner": "M001", "starts_on": "2025-05-01",
            "ends_on": "2025-05-31", "discount_bp": {"regular": 1000}, "points_per_yuan": 2,
            "points_spendable": True, "point_value_fen": 1, "commission_bp": 0, **changes}
    return partner_terms(data)


def test_recognised_only_on_the_roster_and_while_the_agreement_is_in_force() -> None:
    assert recognise(CARD, CARD.card_number, [terms()], date(2025, 5, 31)).card == CARD
    for card, day, code in ((None, date(2025, 5, 6), "alliance.card_not_recognised"),
                            (CARD, date(2025, 6, 1), "alliance.no_agreement_today"),
                            (CARD, date(2025, 4, 30), "alliance.no_agreement_today")):
        with pytest.raises(DomainError) as err:
            recognise(card, CARD.card_number, [terms()], day)
        assert err.value.code == code
    other = terms(issuer="M078")  # another issuer's agreement does not honour this card
    with pytest.raises(DomainError):
        recognise(CARD, CARD.card_number, [other], date(2025, 5, 6))


def test_points_on_earning_classes_rounded_down_once_for_the_sale() -> None:
    member = recognise(CARD, CARD.card_number, [terms()], date(2025, 5, 6))
    # 0.99 + 0.99 + 0.99 = 2.97 yuan → 2 yuan × 2; group-buy and no-points lines earn none.
    paid = [(C.REGULAR, 99), (C.SPECIAL, 99), (C.NEW, 99), (C.GROUP_BUY, 100000),
            (C.NO_POINTS, 100000)]
    assert points_earned(member, paid) == 4


def test_points_pay_at_the_agreed_value_never_more_than_due() -> None:
    member = recognise(CARD, CARD.card_number, [terms(point_value_fen=5)], date(2025, 5, 6))
    assert points_value_fen(member, 100, 500) == 500
    with pytest.raises(DomainError) as err:
        points_value_fen(member, 101, 500)
    assert err.value.code == "alliance.points_exceed_due"
    closed = recognise(CARD, CARD.card_number,
                       [terms(points_spendable=False, point_value_fen=0, points_per_yuan=0)],
                       date(2025, 5, 6))
    with pytest.raises(DomainError) as err:
        points_value_fen(closed, 1, 500)
    assert err.value.code == "alliance.points_not_spendable_here"


def test_rates_per_class_from_basis_points() -> None:
    member = recognise(CARD, CARD.card_number, [terms(discount_bp={"regular": 1000, "new": 0})],
                       date(2025, 5, 6))
    assert {k.value: str(v) for k, v in member.rates().items()} == {"regular": "0.9"}


def test_a_partner_sees_only_the_first_character() -> None:
    assert [mask_for_partner(n) for n in ("张三", "欧阳娜娜", "李", "")] == [
        "张*", "欧***", "李", ""]
