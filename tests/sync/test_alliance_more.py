"""Alliance trade beyond the first cut, between two merchants' tills and a real head office on
PostgreSQL: a commission entry for every partner sale (0 % too, for the activity report), and
the issuer's dynamic QR honoured at the partner's till with the issuer's public key only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from domain import dynamicqr
from domain.alliance import parse_agreements
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, returns, till
from headoffice import alliance as ho_alliance
from headoffice import keys
from headoffice.alliance_activity import activity
from headoffice.alliance_tables import alliance_entries
from sync import credentials, qrkeys
from sync.signing import KeyPair
from tests.sync.harness import Server, Till
from tests.sync.test_alliance_trade import (
    AGREEMENT,
    CAFE,
    FASHION,
    NOW,
    ledger,
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


def merchant_key(server: Server, till_: Till) -> KeyPair:
    """The merchant's QR key as head office derives it (what the member page signs with)."""
    with till_.app.store.reader() as uow:
        merchant_id = uow.settings.get().merchant_id
    return qrkeys.merchant_pairs(keys.read_file(server.key_file).pairs, merchant_id)[0]


def test_the_issuers_phone_qr_at_the_partners_till_offline_with_its_public_key(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe = world(make_server, make_till)
    zhang, card = member_with_card(fashion, "张三", "13800138000", consent=True)
    fashion.sync()
    sign(server)
    cafe.sync()
    # The round that pulled the agreement renewed the grant: the issuer's public QR keys.
    issuer_key = merchant_key(server, fashion)
    saved = credentials.load(credentials.path_for(cafe.app.store.path))
    brand = card[:2]
    assert saved.alliance_qr_keys == {brand: (issuer_key.public_text(),)}
    assert issuer_key.public_text() not in saved.qr_keys  # the café's own keys stay its own
    mine = credentials.load(credentials.path_for(fashion.app.store.path))
    assert mine.alliance_qr_keys == {}  # the café issues nothing fashion honours

    # Offline at the café: 张三 shows fashion's member page QR.
    cafe.advance(minutes=5)
    seen = dynamicqr.SeenNonces(cafe.clock, ttl_s=cafe.ctx.pack.cards.dynamic_qr_ttl_s)
    shown = dynamicqr.make_payload(card, cafe.clock.now(), issuer_key.private.sign,
                                   b"\x01" * dynamicqr.NONCE_BYTES)
    start = till.TillSale(cart=carts.start_sale(cafe.ctx, cafe.cashier))
    on = till.attach_code(cafe.ctx, start, shown, scanned=True, seen=seen)
    assert on.cart.alliance is not None and on.cart.alliance.card.card_number == card
    with pytest.raises(DomainError) as err:
        till.attach_code(cafe.ctx, start, shown, seen=seen)
    assert err.value.code == "card.qr_replayed"
    cafe_own = merchant_key(server, cafe)  # a key that is not the issuer's proves nothing
    forged = dynamicqr.make_payload(card, cafe.clock.now(), cafe_own.private.sign,
                                    b"\x02" * dynamicqr.NONCE_BYTES)
    with pytest.raises(DomainError) as err:
        till.attach_code(cafe.ctx, start, forged, seen=seen)
    assert err.value.code == "card.qr_bad_signature"

    cart = carts.add_tender(carts.add_item(cafe.ctx, on.cart, "COAT"),
                            carts.TenderRequest(TenderKind.CASH))
    sold = checkout.complete(cafe.ctx, cart)
    assert (sold.sale.total_fen, sold.sale.points_earned) == (90000, 900)
    cafe.sync()
    assert ledger(server, zhang) == [("earn", 900, f"alliance:{CAFE}", sold.sale.id, "C01")]
