"""Every record the store keeps is written and read back through its repository and held
against the schema: each column of its table is written by its mapper and read by it, and the
values come back equal. Driven by the schema, so a column added to a table without a mapper
(or a table without a case here) fails."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from db import mapping_members as mm
from db import mapping_sales as ms
from db import mapping_store as mst
from db.crypto import FieldCipher
from db.repos_driver import insert_sql
from db.rows import metadata
from db.rows_base import columns_of
from db.store import StoreDb
from db.uow import SqlUnitOfWork
from domain.catalog import Product, ProductClass
from domain.import_jobs import ImportJob
from domain.luckydraw import Draw, Prize, PrizeKind, Spin
from domain.records import (
    AuditEntry,
    Balances,
    Card,
    CardState,
    ClosedDay,
    Coupon,
    CouponKind,
    CouponState,
    CouponTemplate,
    Gift,
    HeldSale,
    Member,
    MemberPin,
    MemberStatus,
    OutboxEvent,
    PointsEntry,
    PointsLot,
    Role,
    Sale,
    SaleKind,
    SaleLine,
    Shift,
    Staff,
    Tender,
    TenderKind,
    TierChange,
    WalletEntry,
)
from domain.serials import SerialBlock

from .conftest import store_settings

AT = datetime(2025, 3, 8, 2, 0, 1, 250000, tzinfo=UTC)
DAY = date(2025, 3, 8)
MEMBER = "0190a1b2-0000-7000-8000-00000000000m"
STAFF = "0190a1b2-0000-7000-8000-00000000000s"


class Seen(dict[str, Any]):
    """A row by name that remembers which columns its mapper read."""

    def __init__(self, row: dict[str, Any]) -> None:
        super().__init__(row)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


@dataclass(frozen=True)
class Case:
    """One record type: how to write and read it through its repository, its table, its
    mapper from a named row, and the table's columns the record does not carry (with why)."""

    table: str
    record: Any
    write: Callable[[SqlUnitOfWork, Any], None]
    read: Callable[[SqlUnitOfWork, Any], Any]
    mapper: Callable[[dict[str, Any]], Any]
    not_in_record: dict[str, str] = field(default_factory=dict)


def _member() -> Member:
    return Member(
        id=MEMBER, name="王五", mobile="13800138000", joined_on=date(2024, 1, 2), tier="金卡",
        tier_since=date(2025, 1, 10), status=MemberStatus.ACTIVE, gender="m",
        birth_year=1988, birth_month=7, birth_day=9, id_number="11010519491231002X",
        occupation="工程师", income_band="20-30k", address="上海市徐汇区", email="w@example.com",
        referrer_id="0190a1b2-0000-7000-8000-0000000000r1", source="store",
        consent_marketing=True, consent_marketing_at=AT, consent_alliance=True,
        consent_alliance_at=AT, privacy_accepted_at=AT, tags=("vip", "外套"), notes="备注",
        home_store="S012", staff_id=STAFF,
        created_at=AT, deposit_rate=Decimal("0.85"), deposit_until=date(2025, 12, 31))


def _sale() -> Sale:
    line = SaleLine(line_no=1, sku="SKU1", name="外套", product_class="apparel",
                    category="外套", qty=2, unit_price_fen=10000, list_fen=20000,
                    discount_fen=1000, coupon_fen=500, final_fen=18500, points_earned=185,
                    reasons=({"rule": "tier", "fen": 1000},), original_line_no=3, paid_fen=18500)
    tender = Tender(kind=TenderKind.CASH, amount_fen=18500, reference="ref-1", points=10,
                    wallet_principal_fen=7, wallet_bonus_fen=3, coupon_code="C1",
                    given_fen=20000, change_fen=1500)
    return Sale(id="sale-1", receipt_no="S012-T02-000001", kind=SaleKind.SALE, at=AT,
                business_date=DAY, store_code="S012", terminal_code="T02",
                cashier_id=STAFF, lines=[line], tenders=[tender], total_fen=18500,
                rounding_fen=-1, member_id=MEMBER, shift_id="shift-1",
                original_sale_id="sale-0", points_earned=185, qualifying_fen=18500,
                coupons_redeemed=("C1",), applied=({"rule": "tier"},), rulepack="fashion",
                approved_by=STAFF, member_tier="金卡", birthday=True)


def _product() -> Product:
    return Product(sku="SKU1", name="外套", price_fen=10000, product_class=ProductClass.SPECIAL,
                   category="外套", barcode="6901234567892", pinyin_initials="wt",
                   is_weighed=True, active=True, campaign_price_fen=8800)


def _cases() -> list[Case]:
    staff = Staff(id=STAFF, number="0007", name="李店长", role=Role.MANAGER,
                  pin_hash="scrypt$x", active=True, card_number="1231010000017")
    shift = Shift(id="shift-1", cashier_id=STAFF, opened_at=AT, business_date=DAY,
                  float_fen=50000, closed_at=AT, counted_fen=60000, expected_fen=59900)
    template = CouponTemplate(code="T10", name="满100减10", kind=CouponKind.CASH, amount_fen=1000,
                              rate=Decimal("0.9"), min_spend_fen=10000, stackable=False,
                              valid_days=30, valid_months=1, valid_from=DAY,
                              valid_to=date(2025, 4, 8), classes=("apparel",),
                              channels=("till", "wechat"), gift_sku="GIFT1")
    coupon = Coupon(code="C1", template_code="T10", kind=CouponKind.CASH, amount_fen=1000,
                    rate=Decimal("0.9"), min_spend_fen=10000, stackable=False,
                    valid_from=DAY, valid_to=date(2025, 4, 8), state=CouponState.REDEEMED,
                    issued_at=AT, member_id=MEMBER, issued_reason="birthday",
                    classes=("apparel",), gift_sku="GIFT1", redeemed_sale_id="sale-1",
                    redeemed_at=AT)
    prize = Prize(draw_code="D1", code="P1", name="一等奖", kind=PrizeKind.POINTS, weight=5,
                  points=100, coupon_template="T10", allotted=10, given=1)
    spin = Spin(id="spin-1", draw_code="D1", member_id=MEMBER, at=AT, business_date=DAY,
                free=True, cost_points=0, roll=3, out_of=10, prize_code="P1",
                prize_kind=PrizeKind.POINTS, points_won=100, coupon_code="C1", staff_id=STAFF)
    return [
        Case("store_settings", store_settings(cashier_signup=True, card_brand="KK"),
             lambda u, r: u.settings.save(r), lambda u, r: u.settings.get(), mst.settings_from,
             {"id": "the one row's key"}),
        Case("staff", staff, lambda u, r: u.staff.add(r), lambda u, r: u.staff.get(r.id),
             mst.staff_from),
        Case("shifts", shift, lambda u, r: u.shifts.add(r), lambda u, r: u.shifts.get(r.id),
             mst.shift_from),
        Case("products", _product(), lambda u, r: u.products.add(r),
             lambda u, r: u.products.get(r.sku), mst.product_from),
        Case("gifts", Gift(code="GIFT1", name="围巾", cost_fen=3000, points_price=500, stock=4,
                           active=False),
             lambda u, r: u.gifts.add(r), lambda u, r: u.gifts.get(r.code), mst.gift_from),
        Case("coupon_templates", template, lambda u, r: u.coupons.add_template(r),
             lambda u, r: u.coupons.template(r.code), mst.template_from),
        Case("coupons", coupon, lambda u, r: u.coupons.add(r),
             lambda u, r: u.coupons.get(r.code), mm.coupon_from),
        Case("cards", Card(number="1231010000017", member_id=MEMBER, state=CardState.ACTIVE,
                           expiry="2912", kind="magstripe", is_staff=True,
                           replaced_by="1231010000025", issued_at=AT),
             _add_card, lambda u, r: u.cards.get(r.number), mm.card_from),
        Case("tier_changes", TierChange(id="tc-1", member_id=MEMBER, at=AT, from_tier="银卡",
                                        to_tier="金卡", reason="spend"),
             lambda u, r: u.tiers.add_change(r), lambda u, r: u.tiers.history(MEMBER)[0],
             mm.tier_change_from),
        Case("points_lots", PointsLot(id="lot-1", member_id=MEMBER, earned_on=DAY,
                                      expires_on=date(2026, 3, 8), points=100, remaining=40,
                                      source="earn", sale_id="sale-1"),
             lambda u, r: u.points.save_lots(MEMBER, [r]),
             lambda u, r: u.points.lots(MEMBER)[0], mm.lot_from),
        Case("points_ledger", PointsEntry(id="pe-1", member_id=MEMBER, kind="earn", points=185,
                                          at=AT, business_date=DAY, reason="sale",
                                          sale_id="sale-1", staff_id=STAFF,
                                          last_day=date(2026, 3, 8)),
             lambda u, r: u.points.add_entry(r), lambda u, r: u.points.entries(MEMBER)[0],
             mm.points_entry_from),
        Case("wallet_ledger", WalletEntry(id="we-1", member_id=MEMBER, kind="top_up",
                                          principal_fen=10000, bonus_fen=500, at=AT,
                                          business_date=DAY, sale_id="sale-1", staff_id=STAFF,
                                          reference="wx-1", tender_kind="wechat"),
             lambda u, r: u.wallet.add_entry(r), lambda u, r: u.wallet.entries(MEMBER)[0],
             mm.wallet_entry_from),
        Case("member_pins", MemberPin(member_id=MEMBER, pin_hash="scrypt$p", set_at=AT,
                                      set_by=STAFF, failures=2, failed_on=DAY),
             lambda u, r: u.member_pins.save(r), lambda u, r: u.member_pins.get(MEMBER),
             mm.pin_from),
        Case("sales", _sale(), lambda u, r: u.sales.add(r), lambda u, r: u.sales.get(r.id),
             lambda row: ms.sale_from(row, [], [])),
        Case("sale_lines", _sale(), lambda u, r: u.sales.add(r),
             lambda u, r: u.sales.get(r.id), ms._line_from,
             {"sale_id": "the sale it belongs to"}),
        Case("tenders", _sale(), lambda u, r: u.sales.add(r), lambda u, r: u.sales.get(r.id),
             ms._tender_from, {"sale_id": "the sale it belongs to",
                               "tender_no": "the order of the sale's tenders"}),
        Case("held_sales", HeldSale(id="held-1", held_at=AT, held_by=STAFF, total_fen=18500,
                                    items=2, member_id=MEMBER, cart={"lines": [["SKU1", 2]]}),
             lambda u, r: u.held.add(r), lambda u, r: u.held.get(r.id), ms.held_from),
        Case("closed_days", ClosedDay(business_date=DAY, closed_at=AT, staff_id=STAFF,
                                      z={"sales": 1, "total_fen": 18500}),
             lambda u, r: u.days.add(r), lambda u, r: u.days.get(DAY), ms.closed_day_from),
        Case("draws", Draw(code="D1", name="春节抽奖", cost_points=50, free_spins_per_day=2,
                           starts=DAY, ends=date(2025, 4, 1), active=False),
             lambda u, r: u.draws.save(r), lambda u, r: u.draws.get(r.code), mst.draw_from),
        Case("draw_prizes", prize, _add_prize,
             lambda u, r: u.draws.prizes("D1")[0], mst.prize_from,
             {"position": "the prize's place on the wheel, kept by the repository"}),
        Case("draw_spins", spin, lambda u, r: u.draws.add_spin(r),
             lambda u, r: u.draws.spins(MEMBER, "D1", DAY)[0], mst.spin_from),
        Case("card_blocks", SerialBlock("1231010", 100, 199),
             lambda u, r: u.card_serials.add_blocks([r]),
             lambda u, r: u.card_serials.blocks("1231010")[0], mst.block_from,
             {"allotted_at": "when head office allotted it: the repository's clock"}),
        Case("import_jobs", ImportJob(key="k" * 64, id="job-1", staff_id=STAFF,
                                      started_at=AT, rows=10, last_row=7, imported=6,
                                      finished_at=AT),
             lambda u, r: u.imports.save_job(r), lambda u, r: u.imports.job(r.key),
             mst.job_from),
        Case("audit_log", AuditEntry(id="audit-1", at=AT, action="member.edit",
                                     staff_id=STAFF, target=MEMBER, details={"field": "name"},
                                     approved_by=STAFF),
             lambda u, r: u.audit.append(r), lambda u, r: u.audit_trail.entries()[-1],
             ms.audit_from, {"seq": "the chain's order", "prev_hash": "the chain's link",
                             "hash": "the chain's link"}),
        Case("outbox", OutboxEvent(seq=1, event_id="", type="member.created",
                                   payload={"id": MEMBER}, occurred_at=AT, member_id=MEMBER,
                                   acked=False),
             lambda u, r: u.outbox.append(r.type, r.payload, member_id=r.member_id,
                                          occurred_at_iso=r.occurred_at.isoformat()),
             lambda u, r: u.outbox.pending()[0], ms.outbox_from,
             {"terminal_id": "the till that queued it", "acked_at": "set when head office "
              "answers"}),
    ]


def _add_card(uow: SqlUnitOfWork, card: Card) -> None:
    """The card it was replaced by first (a foreign key), then the card itself."""
    assert card.replaced_by is not None
    uow.cards.add(Card(number=card.replaced_by, member_id=MEMBER, state=CardState.ACTIVE,
                       expiry="2912", kind="magstripe", is_staff=False, replaced_by=None,
                       issued_at=AT))
    uow.cards.add(card)


def _add_prize(uow: SqlUnitOfWork, prize: Prize) -> None:
    uow.draws.save(Draw(code=prize.draw_code, name="抽奖", cost_points=0,
                        free_spins_per_day=1, starts=None, ends=None, active=True))
    uow.draws.save_prize(prize)


# Tables written by statements of their own rather than a record's mapper, with where.
NO_RECORD = {
    "members": "test_members_and_balances_round_trip (the ID number is encrypted)",
    "member_balances": "test_members_and_balances_round_trip",
    "terminals": "SettingsRepo.save, from the settings (test_settings_register_the_terminal)",
    "roles": "migration 0001's fixed list",
    "counters": "SqlCounters",
    "chain_marks": "db/audit.py",
    "member_search_terms": "db/member_terms.py",
    "points_days": "triggers (migration 0016)",
    "points_draws": "PointsRepo.add_draws",
    "member_figures": "db/member_figures.py",
    "member_figures_window": "db/member_figures.py",
    "sync_state": "db/repos_sync_state.py",
    "sync_versions": "db/repos_pull.py",
    "ho_balances": "db/repos_pull.py",
    "ho_allotments": "db/repos_pull.py",
    "card_stock": "db/repos_pull.py",
    "card_conflicts": "db/repos_pull.py",
    "member_aliases": "db/repos_merge.py",
    "offline_spends": "db/repos_sync.py",
    "alliance_terms": "db/repos_alliance.py (tests/integration/test_alliance_till.py)",
    "alliance_roster": "db/repos_alliance.py (tests/integration/test_alliance_till.py)",
    "alliance_coupons": "db/repos_alliance.py (tests/integration/test_alliance_till_coupons.py)",
}
CASES = _cases()


def _table_columns(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _last_row(path: Path, table: str) -> dict[str, Any]:
    with closing(sqlite3.connect(path)) as conn:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid DESC LIMIT 1")
        row = cursor.fetchone()
        return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _write_member(uow: SqlUnitOfWork) -> None:
    uow.members.add(_member())
    uow.staff.add(Staff(id=STAFF, number="0007", name="李店长", role=Role.MANAGER,
                        pin_hash="scrypt$x", active=True, card_number="1231010000017"))


def test_every_table_has_a_case_or_says_who_writes_it() -> None:
    tables = {t.name for t in metadata.sorted_tables}
    cased = {c.table for c in CASES}
    assert tables - cased - set(NO_RECORD) == set(), "a table without a mapper case"
    assert (cased | set(NO_RECORD)) - tables == set()


@pytest.mark.parametrize("case", CASES, ids=[c.table for c in CASES])
def test_a_record_round_trips_and_every_column_is_mapped(
        bare_store: StoreDb, db_path: Path, case: Case) -> None:
    with bare_store.uow() as uow:
        uow.settings.save(store_settings())
        if case.table != "staff":
            _write_member(uow)
        else:
            uow.members.add(_member())
        case.write(uow, case.record)
        uow.commit()
    with bare_store.uow() as uow:
        back = case.read(uow, case.record)
    _assert_same(case, back)
    row = _last_row(db_path, case.table)
    assert set(row) == set(_table_columns(db_path, case.table))
    by_trigger = set(row) - set(columns_of(_row_class(case.table)))
    assert {c for c in by_trigger if not c.endswith("seal")} == set(), by_trigger
    written = {name for name, value in row.items() if value is not None}
    empty = set(row) - by_trigger - written - set(case.not_in_record)
    assert empty == set(), "columns the mapper left empty"
    seen = Seen(row)
    case.mapper(seen)
    unread = set(row) - by_trigger - seen.read
    assert unread == set(case.not_in_record), "columns the mapper does not read"


def _assert_same(case: Case, back: Any) -> None:
    """The record read back equals the one written (a sale's children are compared whole;
    the outbox's seq and event id are the store's to give)."""
    expected = case.record
    if case.table == "outbox":
        expected = OutboxEvent(seq=back.seq, event_id=back.event_id, type=expected.type,
                               payload=expected.payload, occurred_at=expected.occurred_at,
                               member_id=expected.member_id, acked=False)
    assert back == expected


def _row_class(table: str) -> Any:
    from db.rows import Base
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table:  # type: ignore[attr-defined]
            return mapper.class_
    raise AssertionError(table)


def test_members_and_balances_round_trip(bare_store: StoreDb, db_path: Path) -> None:
    """The member (its ID number stored only encrypted) and its zero balances row."""
    member = _member()
    with bare_store.uow() as uow:
        uow.settings.save(store_settings())
        uow.members.add(member)
        uow.commit()
    with bare_store.uow() as uow:
        assert uow.members.get(MEMBER) == member
        assert uow.members.balances(MEMBER) == Balances(MEMBER, 0, 0, 0)
    row = _last_row(db_path, "members")
    assert set(row) == set(mm.MEMBER_COLUMNS) == set(_table_columns(db_path, "members"))
    assert {k for k, v in row.items() if v is None} == set()
    assert member.id_number is not None and member.id_number not in str(row["id_number_enc"])
    seen = Seen(row)
    cipher = FieldCipher.__new__(FieldCipher)
    cipher.decrypt = lambda token: "decrypted"  # type: ignore[method-assign]
    assert mm.member_from(seen, cipher).id_number == "decrypted"
    assert seen.read == set(mm.MEMBER_COLUMNS)
    balances = Seen(_last_row(db_path, "member_balances"))
    mm.balances_from(balances)
    assert set(balances) - balances.read == {"seal"}


def test_a_column_without_a_mapper_is_caught(bare_store: StoreDb, db_path: Path) -> None:
    """What the test above would meet after a migration adds a column the mapper does not
    know: the mapper's INSERT (its columns are the schema's) has no value for it."""
    params = mst.gift_params(Gift(code="G", name="g", cost_fen=1, points_price=1, stock=1))
    sql = insert_sql("gifts", (*mst.GIFT_COLUMNS, "colour"))
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("ALTER TABLE gifts ADD COLUMN colour TEXT")
        with pytest.raises(sqlite3.ProgrammingError, match="colour"):
            conn.execute(sql, params)
