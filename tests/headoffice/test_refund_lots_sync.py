"""Points a return gives back keep their own expiry at head office too (issue 11 item 2): the
refund's entry names the lots' last valid day and head office files the points under it, so
the till's lots rebuilt from head office's buckets keep that day (a real head office)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import sqlalchemy as sa

from domain.events import PointsEntryPosted
from domain.ids import new_id_str
from domain.records import PointsEntry, PointsLot, TenderKind
from domain.services import returns
from domain.services.cart import TenderRequest
from domain.services.context import emit
from headoffice.tables import points_buckets, points_ledger
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till

LAST_DAY_2024 = date(2025, 12, 31)  # points earned in 2024 are valid to the end of 2025


def _old_points(till: Till, member: str, points: int) -> None:
    """700 points earned on 1 March 2024, as an opening balance brought over from before."""
    earned = date(2024, 3, 1)
    with till.app.store.uow() as uow:
        uow.points.save_lots(member, [PointsLot(
            id=new_id_str(), member_id=member, earned_on=earned, expires_on=LAST_DAY_2024,
            points=points, remaining=points, source="seed")])
        entry = PointsEntry(id=new_id_str(), member_id=member, kind="seed", points=points,
                            at=datetime(2024, 3, 1, 4, tzinfo=UTC), business_date=earned,
                            reason="opening balance")
        uow.points.add_entry(entry)
        emit(till.ctx, uow, PointsEntryPosted(entry))
        uow.commit()


def test_refunded_points_keep_their_lots_last_day_at_head_office(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    member = till.register("张三", "13800138000")
    _old_points(till, member, 700)
    till.sync()
    # ¥89.00: 700 points pay ¥70.00 (the 2024 lot), ¥19.00 cash earns 19 points (valid to
    # 2026-12-31), which the return takes back from that lot of the sale's own.
    sale = till.sale(member, ("SCARF", 1), tenders=(
        TenderRequest(TenderKind.POINTS, points=700), TenderRequest(TenderKind.CASH)))
    till.sync()
    till.advance(minutes=2)
    returns.return_with_receipt(till.ctx, sale.sale.receipt_no, {1: 1}, till.cashier)
    till.sync()
    with server.engine.connect() as conn:
        buckets = dict(conn.execute(sa.select(points_buckets.c.last_day, points_buckets.c.remaining)
                                    .where(points_buckets.c.member_id == member)).all())
        [refund] = conn.execute(sa.select(points_ledger.c.points, points_ledger.c.last_day).where(
            points_ledger.c.member_id == member, points_ledger.c.kind == "refund")).all()
    assert refund == (700, LAST_DAY_2024)
    assert buckets == {LAST_DAY_2024: 700}  # not a fresh lot valid until 2026-12-31
    with till.app.store.reader() as uow:
        held = {lot.expires_on: lot.remaining for lot in uow.points.lots(member)
                if lot.remaining}
    assert held == {LAST_DAY_2024: 700}
    assert till.balances(member)[0] == 700
    assert till.problems() == []
