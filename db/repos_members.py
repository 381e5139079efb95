"""Repositories for members, their balances projection, cards, tier history and coupons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from db.crypto import FieldCipher
from db.mapping_members import (
    BALANCE_COLUMNS,
    CARD_COLUMNS,
    COUPON_COLUMNS,
    MEMBER_COLUMNS,
    TIER_CHANGE_COLUMNS,
    balances_from,
    card_from,
    card_params,
    coupon_from,
    coupon_params,
    member_from,
    member_params,
    tier_change_from,
    tier_change_params,
)
from db.mapping_store import TEMPLATE_COLUMNS, template_from, template_params
from db.member_search import search_members
from db.member_terms import add_terms, refresh_terms
from db.repos_cardholder import holder_by_card, panel_extras
from db.repos_driver import (
    execute,
    fetch_all_named,
    fetch_named,
    fetch_one,
    insert_sql,
    select_sql,
    upsert_sql,
    write,
)
from domain.errors import NotFound, ValidationError
from domain.records import (
    Balances,
    Card,
    CardHolder,
    Coupon,
    CouponState,
    CouponTemplate,
    Member,
    MemberStatus,
    PanelExtras,
    TierChange,
)

CARD_NUMBER_LENGTH = 13
SERIAL_LENGTH = 5


class SqlMemberRepo:
    """Plain sqlite3 statements (db/repos_driver.py): a swipe at the till reads here."""

    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self._s = session
        self._cipher = cipher

    def get(self, member_id: str) -> Member | None:
        return self._one(_MEMBER_BY_ID, (member_id,))

    def by_mobile(self, mobile: str) -> Member | None:
        return self._one(_MEMBER_BY_MOBILE, (mobile,))

    def add(self, member: Member) -> None:
        """Insert the member with a zero balances row; a taken mobile is refused by field."""
        taken = fetch_one(self._s, _MOBILE_TAKEN, (member.mobile,))
        if taken is not None:
            raise ValidationError("member.mobile_taken", field="mobile", member_id=taken[0])
        write(self._s, _INSERT_MEMBER, lambda: member_params(member, self._cipher))
        execute(self._s, _INSERT_BALANCES, (member.id,))
        add_terms(self._s, member.id, member.name, member.mobile)

    def save(self, member: Member) -> None:
        """Insert or replace every column (what the ORM's merge did); the search terms
        follow a changed name or mobile."""
        refresh_terms(self._s, member.id, member.name, member.mobile)
        write(self._s, _UPSERT_MEMBER, lambda: member_params(member, self._cipher))

    def balances(self, member_id: str) -> Balances:
        """One read by primary key; ledgers move the projection with plain SQL."""
        row = fetch_named(self._s, _BALANCES, (member_id,))
        if row is None:
            raise NotFound("member.not_found", member_id=member_id)
        return balances_from(row)

    def tier_since_on_or_before(self, day: date, tiers: Sequence[str]) -> list[Member]:
        """Active members of `tiers` whose tier dates from `day` or earlier: only the tiers
        with a review (a store's floor tier holds most members and has no anniversary)."""
        if not tiers:
            return []
        marks = ", ".join("?" * len(tiers))
        sql = select_sql("members", MEMBER_COLUMNS,
                         f"status = ? AND tier_since <= ? AND tier IN ({marks})",
                         "tier_since, id")
        rows = fetch_all_named(self._s, sql,
                               (MemberStatus.ACTIVE.value, day.isoformat(), *tiers))
        return [member_from(r, self._cipher) for r in rows]

    def due_for_review(self, tier: str, day: date, after: tuple[date, str] | None,
                       limit: int) -> list[Member]:
        """Up to `limit` active members of `tier` whose tier dates from `day` or earlier, by
        (tier_since, id) after `after`: one page of the index range (migration 0013)."""
        since, last_id = after if after is not None else (date.min, "")
        rows = fetch_all_named(self._s, _DUE_FOR_REVIEW, {
            "tier": tier, "day": day.isoformat(), "since": since.isoformat(), "id": last_id,
            "status": MemberStatus.ACTIVE.value, "n": limit})
        return [member_from(r, self._cipher) for r in rows]

    def count_due_for_review(self, tier: str, day: date) -> int:
        """How many `due_for_review` would page through from the start."""
        row = fetch_one(self._s, _COUNT_DUE, (tier, day.isoformat(), MemberStatus.ACTIVE.value))
        return int(row[0]) if row else 0

    def _one(self, sql: str, params: tuple[str]) -> Member | None:
        row = fetch_named(self._s, sql, params)
        return None if row is None else member_from(row, self._cipher)

    def search(self, text: str, limit: int = 50) -> list[Member]:
        """Card number, mobile (prefix or ending), name or pinyin initials (db/member_search)."""
        return search_members(self._s, self._cipher, text, limit)

    def by_card(self, number: str) -> CardHolder | None:
        """The swipe's one-statement read (db/repos_cardholder.py)."""
        return holder_by_card(self._s, self._cipher, number)

    def panel_extras(self, member_id: str, today: date, expiring_by: date) -> PanelExtras:
        return panel_extras(self._s, member_id, today, expiring_by)


_DUE_FOR_REVIEW = select_sql(
    "members", MEMBER_COLUMNS,
    "tier = :tier AND tier_since <= :day AND (tier_since, id) > (:since, :id) "
    "AND status = :status", "tier_since, id") + " LIMIT :n"
_COUNT_DUE = "SELECT COUNT(*) FROM members WHERE tier = ? AND tier_since <= ? AND status = ?"
_MEMBER_BY_ID = select_sql("members", MEMBER_COLUMNS, "id = ?")
_MEMBER_BY_MOBILE = select_sql("members", MEMBER_COLUMNS, "mobile = ?")
_MOBILE_TAKEN = "SELECT id FROM members WHERE mobile = ?"
_INSERT_MEMBER = insert_sql("members", MEMBER_COLUMNS)
_UPSERT_MEMBER = upsert_sql("members", MEMBER_COLUMNS, ("id",))
_INSERT_BALANCES = ("INSERT INTO member_balances "
                    "(member_id, points, wallet_principal_fen, wallet_bonus_fen) "
                    "VALUES (?, 0, 0, 0)")
_BALANCES = select_sql("member_balances", BALANCE_COLUMNS, "member_id = ?")
class SqlCardRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, number: str) -> Card | None:
        row = fetch_named(self._s, _CARD, (number,))
        return None if row is None else card_from(row)

    def for_member(self, member_id: str) -> list[Card]:
        return [card_from(r) for r in fetch_all_named(self._s, _MEMBER_CARDS, (member_id,))]

    def add(self, card: Card) -> None:
        write(self._s, _INSERT_CARD, lambda: card_params(card))

    def save(self, card: Card) -> None:
        write(self._s, _UPSERT_CARD, lambda: card_params(card))


_CARD = select_sql("cards", CARD_COLUMNS, "number = ?")
_MEMBER_CARDS = select_sql("cards", CARD_COLUMNS, "member_id = ?", "issued_at, number")
_INSERT_CARD = insert_sql("cards", CARD_COLUMNS)
_UPSERT_CARD = upsert_sql("cards", CARD_COLUMNS, ("number",))


class SqlTierRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add_change(self, change: TierChange) -> None:
        write(self._s, _INSERT_TIER_CHANGE, lambda: tier_change_params(change))

    def history(self, member_id: str) -> list[TierChange]:
        rows = fetch_all_named(self._s, _TIER_HISTORY, (member_id,))
        return [tier_change_from(r) for r in rows]


_INSERT_TIER_CHANGE = insert_sql("tier_changes", TIER_CHANGE_COLUMNS)
_TIER_HISTORY = select_sql("tier_changes", TIER_CHANGE_COLUMNS, "member_id = ?", "at, id")


class SqlCouponRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, code: str) -> Coupon | None:
        row = fetch_named(self._s, _COUPON, (code,))
        return None if row is None else coupon_from(row)

    def for_member(self, member_id: str) -> list[Coupon]:
        rows = fetch_all_named(self._s, _MEMBER_COUPONS, (member_id,))
        return [coupon_from(r) for r in rows]

    def add(self, coupon: Coupon) -> None:
        write(self._s, _INSERT_COUPON, lambda: coupon_params(coupon))

    def save(self, coupon: Coupon) -> None:
        write(self._s, _UPSERT_COUPON, lambda: coupon_params(coupon))

    def issued_valid_to_before(self, day: date) -> list[Coupon]:
        rows = fetch_all_named(self._s, _ISSUED_BEFORE,
                               (CouponState.ISSUED.value, day.isoformat()))
        return [coupon_from(r) for r in rows]

    def template(self, code: str) -> CouponTemplate | None:
        row = fetch_named(self._s, _TEMPLATE, (code,))
        return None if row is None else template_from(row)

    def add_template(self, template: CouponTemplate) -> None:
        """Templates belong to head office: adding one it sends again replaces the old copy."""
        write(self._s, _SAVE_TEMPLATE, lambda: template_params(template))

    def templates(self) -> list[CouponTemplate]:
        return [template_from(r) for r in fetch_all_named(self._s, _TEMPLATES, ())]


_COUPON = select_sql("coupons", COUPON_COLUMNS, "code = ?")
_MEMBER_COUPONS = select_sql("coupons", COUPON_COLUMNS, "member_id = ?", "issued_at, code")
_ISSUED_BEFORE = select_sql("coupons", COUPON_COLUMNS, "state = ? AND valid_to < ?",
                            "valid_to, code")
_INSERT_COUPON = insert_sql("coupons", COUPON_COLUMNS)
_UPSERT_COUPON = upsert_sql("coupons", COUPON_COLUMNS, ("code",))
_TEMPLATE = select_sql("coupon_templates", TEMPLATE_COLUMNS, "code = ?")
_TEMPLATES = select_sql("coupon_templates", TEMPLATE_COLUMNS, "1", "code")
_SAVE_TEMPLATE = upsert_sql("coupon_templates", TEMPLATE_COLUMNS, ("code",))
