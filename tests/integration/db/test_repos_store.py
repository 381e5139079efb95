"""Round trips and lookups of settings, staff, shifts, products, gifts and coupon templates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from db.store import StoreDb
from domain.catalog import Product, ProductClass
from domain.errors import NotFound
from domain.records import CouponTemplate, Gift, Role, Shift, Staff

from .conftest import store_settings


def test_settings_round_trip_and_register_the_terminal(bare_store: StoreDb) -> None:
    settings = store_settings(day_close=time(5, 30), receipt={"width": 58, "lines": ["甲", 2]})
    with bare_store.uow() as uow:
        uow.settings.save(settings)
        uow.commit()
    with bare_store.uow() as uow:
        assert uow.settings.get() == settings
    with bare_store.engine.connect() as conn:
        terminal = conn.exec_driver_sql("SELECT id, code FROM terminals").one()
    assert tuple(terminal) == (settings.terminal_id, "T02")


def test_settings_can_be_changed_and_stay_one_row(store: StoreDb) -> None:
    with store.uow() as uow:
        uow.settings.save(store_settings(rulepack="retail", store_name="新店"))
        uow.commit()
    with store.uow() as uow:
        assert (uow.settings.get().rulepack, uow.settings.get().store_name) == ("retail", "新店")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM store_settings").scalar() == 1


def test_an_uninitialised_store_says_so(bare_store: StoreDb) -> None:
    with bare_store.uow() as uow, pytest.raises(NotFound) as caught:
        uow.settings.get()
    assert caught.value.code == "store.not_initialised"
    with bare_store.uow() as uow, pytest.raises(NotFound):
        uow.counters.next("receipt")


def test_staff_round_trip_by_id_and_number(store: StoreDb) -> None:
    staff = Staff(id="s1", number="0007", name="李店长", role=Role.MANAGER,
                  pin_hash="scrypt$16384$8$1$c2FsdA$aGFzaA", card_number="1231010000017")
    with store.uow() as uow:
        uow.staff.add(staff)
        uow.commit()
    with store.uow() as uow:
        assert uow.staff.get("s1") == staff
        assert uow.staff.by_number("0007") == staff
        assert uow.staff.by_number("0008") is None
        staff.active = False
        uow.staff.save(staff)
        uow.commit()
    with store.uow() as uow:
        found = uow.staff.get("s1")
        assert found is not None and found.active is False and found.role is Role.MANAGER


def test_open_shift_is_the_cashiers_unclosed_one(store: StoreDb) -> None:
    opened = datetime(2025, 3, 8, 1, 0, tzinfo=UTC)
    old = Shift(id="sh1", cashier_id="c1", opened_at=opened, business_date=date(2025, 3, 7),
                float_fen=50000, closed_at=datetime(2025, 3, 8, 9, 0, tzinfo=UTC),
                counted_fen=123450, expected_fen=123400)
    new = Shift(id="sh2", cashier_id="c1", opened_at=datetime(2025, 3, 9, 1, 0, tzinfo=UTC),
                business_date=date(2025, 3, 9), float_fen=50000)
    with store.uow() as uow:
        uow.shifts.add(old)
        uow.shifts.add(new)
        uow.commit()
    with store.uow() as uow:
        assert uow.shifts.get("sh1") == old
        assert uow.shifts.open_for("c1") == new
        assert uow.shifts.open_for("c2") is None
        closed = Shift(**{**_fields(new), "closed_at": datetime(2025, 3, 9, 10, tzinfo=UTC),
                          "counted_fen": 60000, "expected_fen": 60000})
        uow.shifts.save(closed)
        uow.commit()
    with store.uow() as uow:
        assert uow.shifts.open_for("c1") is None
        assert uow.shifts.get("sh2") == closed


def _fields(shift: Shift) -> dict[str, object]:
    return {name: getattr(shift, name) for name in Shift.__slots__}  # type: ignore[attr-defined]


CATALOG = [
    Product(sku="A100", name="外套", price_fen=15000, category="outerwear",
            barcode="6901234567892"),
    Product(sku="A101", name="羊毛外套", price_fen=59900, product_class=ProductClass.NEW,
            category="outerwear", barcode="6901234567908", campaign_price_fen=49900),
    Product(sku="B200", name="T恤", price_fen=9900, product_class=ProductClass.SPECIAL),
    Product(sku="C300", name="散装核桃", price_fen=4980, is_weighed=True,
            pinyin_initials="HT"),
    Product(sku="D400", name="旧款外套", price_fen=100, active=False),
]


@pytest.fixture
def catalog(store: StoreDb) -> StoreDb:
    with store.uow() as uow:
        for product in CATALOG:
            uow.products.add(product)
        uow.commit()
    return store


def test_products_round_trip_with_computed_pinyin(catalog: StoreDb) -> None:
    with catalog.uow() as uow:
        coat = uow.products.get("A101")
        walnut = uow.products.get("C300")
        assert uow.products.get("nope") is None
    assert coat == Product(sku="A101", name="羊毛外套", price_fen=59900,
                           product_class=ProductClass.NEW, category="outerwear",
                           barcode="6901234567908", pinyin_initials="ymwt",
                           campaign_price_fen=49900)
    assert walnut is not None and walnut.pinyin_initials == "ht"  # given ones are kept
    assert walnut.is_weighed is True


def test_search_by_pinyin_initials_barcode_sku_prefix_and_name(catalog: StoreDb) -> None:
    with catalog.uow() as uow:
        assert _skus(uow.products.search("wt")) == ["A100"]
        assert _skus(uow.products.search("WT")) == ["A100"]
        assert _skus(uow.products.search("tx")) == ["B200"]
        assert _skus(uow.products.search("690123456790")) == ["A101"]
        assert _skus(uow.products.search("A10")) == ["A100", "A101"]
        assert _skus(uow.products.search("a10")) == ["A100", "A101"]
        assert _skus(uow.products.search("外套")) == ["A100", "A101"]  # D400 is retired
        assert _skus(uow.products.search("A", limit=1)) == ["A100"]
        assert uow.products.search("  ") == []


def test_barcode_lookup_prefers_an_active_product(catalog: StoreDb) -> None:
    with catalog.uow() as uow:
        uow.products.add(Product(sku="A099", name="外套旧码", price_fen=1, active=False,
                                 barcode="6901234567892"))
        found = uow.products.by_barcode("6901234567892")
        assert found is not None and found.sku == "A100"
        assert uow.products.by_barcode("000") is None


def test_saving_a_product_recomputes_empty_initials(catalog: StoreDb) -> None:
    with catalog.uow() as uow:
        uow.products.save(Product(sku="B200", name="长袖衬衫", price_fen=19900))
        uow.commit()
    with catalog.uow() as uow:
        assert _skus(uow.products.search("cxcs")) == ["B200"]
        assert _skus(uow.products.search("tx")) == []
        found = uow.products.get("B200")
    assert found is not None and found.name == "长袖衬衫" and found.price_fen == 19900
    assert found.pinyin_initials == "cxcs"


def _skus(products: list[Product]) -> list[str]:
    return [p.sku for p in products]


def test_gifts_round_trip_and_list_in_code_order(store: StoreDb) -> None:
    umbrella = Gift(code="G2", name="雨伞", cost_fen=3000, points_price=900, stock=12)
    mug = Gift(code="G1", name="马克杯", cost_fen=1500, points_price=450, stock=0, active=False)
    with store.uow() as uow:
        uow.gifts.add(umbrella)
        uow.gifts.add(mug)
        uow.commit()
    with store.uow() as uow:
        assert uow.gifts.all() == [mug, umbrella]
        umbrella.stock -= 1
        uow.gifts.save(umbrella)
        uow.commit()
    with store.uow() as uow:
        found = uow.gifts.get("G2")
    assert found is not None and found.stock == 11


def test_coupon_templates_keep_decimals_dates_and_tuples(store: StoreDb) -> None:
    percent = CouponTemplate(code="T90", name="9折券", kind="percent", rate=Decimal("0.90"),
                             min_spend_fen=20000, stackable=False,
                             valid_from=date(2025, 1, 1), valid_to=date(2025, 12, 31),
                             classes=("regular", "new"), channels=("store", "wechat"))
    cash = CouponTemplate(code="C50", name="新会员券", kind="cash", amount_fen=5000,
                          valid_days=30)
    with store.uow() as uow:
        uow.coupons.add_template(percent)
        uow.coupons.add_template(cash)
        uow.commit()
    with store.uow() as uow:
        found = uow.coupons.template("T90")
        assert found == percent
        assert uow.coupons.template("C50") == cash
        assert uow.coupons.template("X") is None
    assert found is not None and str(found.rate) == "0.90"  # the exact text, trailing zero kept
