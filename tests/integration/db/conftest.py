"""Fixtures for the store-database tests: a real SQLite file in tmp_path, migrated to head."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from db.store import StoreDb
from domain.clock import FixedClock
from domain.ids import new_id_str
from domain.records import Member, MemberStatus, StoreSettings

T0 = datetime(2025, 3, 8, 2, 0, tzinfo=UTC)


def store_settings(**overrides: Any) -> StoreSettings:
    base: dict[str, Any] = {
        "merchant_id": "0190a1b2-0000-7000-8000-000000000001",
        "store_id": "0190a1b2-0000-7000-8000-000000000002",
        "store_code": "S012", "store_name": "南京西路店",
        "terminal_id": "0190a1b2-0000-7000-8000-000000000003", "terminal_code": "T02",
        "region_code": "3101", "rulepack": "fashion", "tz": "Asia/Shanghai",
        "day_close": time(4, 0), "card_secret_hex": "ab" * 32,
        "receipt": {"width": 80, "encoding": "gb18030", "footer": "谢谢惠顾"},
    }
    base.update(overrides)
    return StoreSettings(**base)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def bare_store(db_path: Path, clock: FixedClock) -> Iterator[StoreDb]:
    """Migrated to head, but no settings yet (an uninitialised till)."""
    store = StoreDb.open(db_path, clock=clock)
    yield store
    store.close()


@pytest.fixture
def store(bare_store: StoreDb) -> StoreDb:
    """A store with its settings saved, so counters and the outbox know their terminal."""
    with bare_store.uow() as uow:
        uow.settings.save(store_settings())
        uow.commit()
    return bare_store


@pytest.fixture
def make_member() -> Callable[..., Member]:
    """A member with every field filled; override any by keyword."""
    counter = iter(range(10_000))

    def build(**overrides: Any) -> Member:
        n = next(counter)
        fields: dict[str, Any] = {
            "id": new_id_str(), "name": "张三", "mobile": f"1380013{n:04d}",
            "joined_on": date(2024, 1, 1), "tier": "银卡", "tier_since": date(2025, 1, 10),
            "status": MemberStatus.ACTIVE, "gender": "f", "birth_year": 1990,
            "birth_month": 3, "birth_day": 8, "id_number": "11010519491231002X",
            "occupation": "教师", "income_band": "10-20k", "address": "上海市静安区",
            "email": "zhang@example.com", "referrer_id": None, "source": "wechat",
            "consent_marketing": True,
            "consent_marketing_at": datetime(2024, 1, 1, 1, 2, 3, 456789, tzinfo=UTC),
            "privacy_accepted_at": datetime(2024, 1, 1, 1, 2, 3, tzinfo=UTC),
            "tags": ("vip", "外套"), "notes": "喜欢黑色", "home_store": "S012",
            "staff_id": None, "created_at": datetime(2024, 1, 1, 1, 0, tzinfo=UTC),
            "deposit_rate": Decimal("0.75"), "deposit_until": date(2025, 12, 31),
        }
        fields.update(overrides)
        return Member(**fields)

    return build


@pytest.fixture
def add_member(store: StoreDb, make_member: Callable[..., Member]) -> Callable[..., Member]:
    """Insert a member (committed) and return it."""

    def add(**overrides: Any) -> Member:
        member = make_member(**overrides)
        with store.uow() as uow:
            uow.members.add(member)
            uow.commit()
        return member

    return add
