"""Repositories for members, their balances projection, cards, tier history and coupons."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from db.crypto import FieldCipher
from db.mapping import (
    balances_from_row,
    card_from_row,
    card_to_row,
    coupon_from_row,
    coupon_to_row,
    member_from_row,
    member_to_row,
    tier_change_from_row,
    tier_change_params,
)
from db.mapping_store import template_from_row, template_to_row
from db.rows import BalanceRow, CardRow, CouponRow, CouponTemplateRow, MemberRow, TierChangeRow
from db.rows_base import insert_row, table_of
from domain.errors import NotFound, ValidationError
from domain.records import (
    Balances,
    Card,
    Coupon,
    CouponState,
    CouponTemplate,
    Member,
    MemberStatus,
    TierChange,
)

CARD_NUMBER_LENGTH = 13
SERIAL_LENGTH = 5


class SqlMemberRepo:
    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self._s = session
        self._cipher = cipher

    def get(self, member_id: str) -> Member | None:
        row = self._s.get(MemberRow, member_id)
        return None if row is None else member_from_row(row, self._cipher)

    def by_mobile(self, mobile: str) -> Member | None:
        row = self._s.scalar(select(MemberRow).where(MemberRow.mobile == mobile))
        return None if row is None else member_from_row(row, self._cipher)

    def add(self, member: Member) -> None:
        """Insert the member with a zero balances row; a taken mobile is refused by field."""
        taken = self._s.scalar(select(MemberRow.id).where(MemberRow.mobile == member.mobile))
        if taken is not None:
            raise ValidationError("member.mobile_taken", field="mobile", member_id=taken)
        insert_row(self._s, member_to_row(member, self._cipher))
        insert_row(self._s, BalanceRow(member_id=member.id, points=0, wallet_principal_fen=0,
                                       wallet_bonus_fen=0))

    def save(self, member: Member) -> None:
        self._s.merge(member_to_row(member, self._cipher))

    def balances(self, member_id: str) -> Balances:
        """One read by primary key; never a cached object, as ledgers move it with Core SQL."""
        stmt = select(BalanceRow).where(BalanceRow.member_id == member_id).execution_options(
            populate_existing=True)
        row = self._s.scalar(stmt)
        if row is None:
            raise NotFound("member.not_found", member_id=member_id)
        return balances_from_row(row)

    def tier_since_on_or_before(self, day: date) -> list[Member]:
        stmt = (select(MemberRow)
                .where(MemberRow.status == MemberStatus.ACTIVE.value,
                       MemberRow.tier_since <= day)
                .order_by(MemberRow.tier_since, MemberRow.id))
        return [member_from_row(r, self._cipher) for r in self._s.scalars(stmt)]


class SqlCardRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, number: str) -> Card | None:
        row = self._s.get(CardRow, number)
        return None if row is None else card_from_row(row)

    def for_member(self, member_id: str) -> list[Card]:
        stmt = (select(CardRow).where(CardRow.member_id == member_id)
                .order_by(CardRow.issued_at, CardRow.number))
        return [card_from_row(r) for r in self._s.scalars(stmt)]

    def add(self, card: Card) -> None:
        insert_row(self._s, card_to_row(card))

    def save(self, card: Card) -> None:
        self._s.merge(card_to_row(card))

    def max_serial(self, prefix: str) -> int:
        """Highest serial among 13-digit numbers that start with `prefix`; 0 if none."""
        start = len(prefix) + 1
        serial = cast(func.substr(CardRow.number, start, SERIAL_LENGTH), Integer)
        stmt = select(func.max(serial)).where(
            CardRow.number >= prefix, CardRow.number < prefix + "\U0010ffff",
            func.length(CardRow.number) == CARD_NUMBER_LENGTH)
        found = self._s.scalar(stmt)
        return int(found or 0)


class SqlTierRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add_change(self, change: TierChange) -> None:
        self._s.execute(table_of(TierChangeRow).insert(), tier_change_params(change))

    def history(self, member_id: str) -> list[TierChange]:
        stmt = (select(TierChangeRow).where(TierChangeRow.member_id == member_id)
                .order_by(TierChangeRow.at, TierChangeRow.id))
        return [tier_change_from_row(r) for r in self._s.scalars(stmt)]


class SqlCouponRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, code: str) -> Coupon | None:
        row = self._s.get(CouponRow, code)
        return None if row is None else coupon_from_row(row)

    def for_member(self, member_id: str) -> list[Coupon]:
        stmt = (select(CouponRow).where(CouponRow.member_id == member_id)
                .order_by(CouponRow.issued_at, CouponRow.code))
        return [coupon_from_row(r) for r in self._s.scalars(stmt)]

    def add(self, coupon: Coupon) -> None:
        insert_row(self._s, coupon_to_row(coupon))

    def save(self, coupon: Coupon) -> None:
        self._s.merge(coupon_to_row(coupon))

    def issued_valid_to_before(self, day: date) -> list[Coupon]:
        stmt = (select(CouponRow)
                .where(CouponRow.state == CouponState.ISSUED.value, CouponRow.valid_to < day)
                .order_by(CouponRow.valid_to, CouponRow.code))
        return [coupon_from_row(r) for r in self._s.scalars(stmt)]

    def template(self, code: str) -> CouponTemplate | None:
        row = self._s.get(CouponTemplateRow, code)
        return None if row is None else template_from_row(row)

    def add_template(self, template: CouponTemplate) -> None:
        """Templates belong to head office: adding one it sends again replaces the old copy."""
        self._s.merge(template_to_row(template))
