"""Alliance trade beyond the first cut, between two merchants' tills and a real head office on
PostgreSQL: a commission entry for every partner sale (0 % too, for the activity report), and
the issuer's dynamic QR honoured at the partner's till with the issuer's public key only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from domain.alliance import parse_agreements
from domain.services import returns
from headoffice import alliance as ho_alliance
from headoffice.alliance_activity import activity
from headoffice.alliance_tables import alliance_entries
from tests.sync.harness import Server, Till
from tests.sync.test_alliance_trade import (
    AGREEMENT,
    CAFE,
    FASHION,
    NOW,
    member_with_card,
    partner_sale,
    world,
)

pytestmark = pytest.mark.postgres


def sign(server: Server, **terms: Any) -> str:
    with server.engine.begin() as conn:
        ho_alliance.create_alliance(conn, "A8", "商圈联盟", NOW)
        for code in (FASHION, CAFE):
            ho_alliance.add_merchant(conn, "A8", code, NOW)
        [agreement_id] = ho_alliance.add_agreements(
            conn, "A8", parse_agreements({"agreements": [{**AGREEMENT, **terms}]}), NOW)
    return agreement_id


def commissions(server: Server) -> list[tuple[Any, ...]]:
    with server.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(sa.select(
            alliance_entries.c.source, alliance_entries.c.amount_fen,
            alliance_entries.c.sale_fen).where(alliance_entries.c.kind == "commission")))


def test_a_sale_under_0_percent_commission_is_recorded_once_with_its_amount(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe = world(make_server, make_till)
    _, card = member_with_card(fashion, "张三", "13800138000", consent=True)
    fashion.sync()
    sign(server, commission_bp=0, points_per_yuan=0)
    cafe.sync()

    # ￥1,000 coat at 10 % off: ￥900.00 bought, no points, no commission; the scarf comes back.
    sold = partner_sale(cafe, card, "COAT", "SCARF")
    cafe.sync()
    back = returns.return_with_receipt(cafe.ctx, sold.sale.receipt_no, {1: 1}, cafe.cashier)
    cafe.sync()
    cafe.sync()  # nothing new: each source still once
    assert commissions(server) == sorted([(sold.sale.id, 0, sold.sale.total_fen),
                                          (back.sale.id, 0, back.sale.total_fen)])
    assert (sold.sale.total_fen, back.sale.total_fen) == (98010, -90000)
    with server.engine.connect() as conn:
        report = activity(conn, "A8", FASHION, NOW.date(), NOW.date())
    ours = report["ours_at_partners_total"]
    assert (ours["sales"], ours["returns"], ours["sale_fen"], ours["commission_fen"]) == (
        1, 1, 8010, 0)
