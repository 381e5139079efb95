"""The points entry's hand-written event payload is exactly what the generic `to_wire` makes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.events import PointsEntryPosted
from domain.records import PointsEntry
from domain.wire import to_wire


def test_entry_wire_is_to_wire() -> None:
    at = datetime(2027, 1, 1, 3, 0, 0, 123456, tzinfo=UTC)
    plain = PointsEntry(id="e1", member_id="m1", kind="expire", points=-120, at=at,
                        business_date=date(2026, 12, 31), reason="expired before 2027-01-01")
    full = PointsEntry(id="e2", member_id="m2", kind="refund", points=30, at=at,
                       business_date=date(2026, 12, 31), reason="退货", sale_id="s1",
                       staff_id="st1", last_day=date(2027, 12, 31))
    assert PointsEntryPosted(plain).wire() == to_wire(plain)
    assert PointsEntryPosted(full).wire() == to_wire(full)
