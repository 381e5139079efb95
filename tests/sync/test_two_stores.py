"""The issue's two-store scenario: a member signs up at store A offline and earns there, spends
at store B, and once both reconnect head office and both tills agree on every figure."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from domain.records import TenderKind
from domain.services.cart import TenderRequest
from headoffice.tables import member_interest, recon_cases, sales, stores
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till, snapshot

MOBILE = "13800138000"


def test_sign_up_offline_at_a_earn_there_spend_at_b_and_both_agree(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    a.sync()
    b.sync()

    # Store A is offline for two hours: sign-up, a ￥1,000 coat (× 3 ladder), a ￥1,000 top-up.
    a.advance(hours=2)
    member = a.register("张三", MOBILE)
    coat = a.sale(member, ("COAT", 1))
    a.topup(member, 100000)
    assert coat.sale.points_earned == 3000
    assert a.balances(member) == (3000, 100000, 5000)
    a.sync()  # A reconnects

    # Store B looks the member up online, then loses its link and sells offline: a ￥500 pair
    # of shoes paid with 1,000 points (￥100), ￥200 of stored value and cash.
    assert b.client is not None and b.client.lookup(mobile=MOBILE) == member
    assert b.balances(member) == (3000, 100000, 5000)
    b.advance(minutes=10)
    shoes = b.sale(member, ("SHOES", 1), tenders=(
        TenderRequest(TenderKind.POINTS, points=1000),
        TenderRequest(TenderKind.WALLET, amount_fen=20000),
        TenderRequest(TenderKind.CASH)))
    wallet = next(t for t in shoes.sale.tenders if t.kind is TenderKind.WALLET)
    # Principal and bonus in proportion (100,000 : 5,000), the remainder fen from principal;
    # points on the money paid: 50,000 - 10,000 (points) - 952 (bonus) = 39,048 fen, x 2.
    assert (wallet.wallet_principal_fen, wallet.wallet_bonus_fen) == (19048, 952)
    assert shoes.sale.points_earned == 780
    expected = (3000 - 1000 + 780, 100000 - 19048, 5000 - 952)
    assert b.balances(member) == expected

    b.sync()  # B reconnects
    a.sync()  # A hears what happened at B

    assert snapshot(server.engine, tenant.merchant)["balances"][MOBILE] == expected
    assert a.balances(member) == b.balances(member) == expected
    assert a.problems() == [] and b.problems() == []
    with server.engine.connect() as conn:
        rows = conn.execute(sa.select(stores.c.code, sales.c.total_fen)
                            .join(stores, stores.c.id == sales.c.store_id)
                            .where(sales.c.member_id == member)).all()
        assert sorted(rows) == [(tenant.a, 100000), (tenant.b, 50000)]
        followers = set(conn.scalars(sa.select(stores.c.code).join(
            member_interest, member_interest.c.store_id == stores.c.id).where(
            member_interest.c.member_id == member)))
        assert followers == {tenant.a, tenant.b}
        assert conn.scalar(sa.select(sa.func.count()).select_from(recon_cases).where(
            recon_cases.c.member_id == member)) == 0
    # A books B's activity as one head-office catch-up entry, never sent back.
    with a.app.store.reader() as uow:
        caught_up = [e.points for e in uow.points.entries(member) if e.kind == "sync"]
        kinds = {row[0] for row in uow.session.execute(sa.text("SELECT type FROM outbox"))}
    assert caught_up == [780 - 1000]
    assert "points.entry" in kinds and all(k != "sync" for k in kinds)
    # Coupons issued at A (sign-up; 满888 for the coat) can be used at B. B's ¥500 shoes win
    # no 满488: spend-and-get counts money paid, and ¥100 of points and ¥9.52 of wallet bonus
    # leave ¥390.48 (docs/rules.md).
    with b.app.store.reader() as uow:
        held = sorted(c.template_code for c in uow.coupons.for_member(member))
    assert held == ["signup50", "spend888"]
