"""`GET /v1/sync/pull` and what head office publishes: catalogue, prices, staff, templates, packs,
allotments; and the feed's sequence, gapless and in commit order under concurrent writers."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from domain.packload import PACK_DIR
from domain.records import AuditEntry
from domain.services import rewards, staff
from headoffice.publish import GiftDoc, PriceDoc, Publication, StaffDoc, TemplateDoc, publish
from headoffice.tables import store_feed, stores
from sync.pages import AUDIT_ACTION, MAX_PAGE_ATTEMPTS, SET_ASIDE
from sync.schema import PullResponse
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till

PACK_TOML = """name = "house"
title = "自有规则"
"""


def test_published_prices_staff_templates_and_allotments_reach_the_tills(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    till.sync()
    now = datetime.now(UTC)
    publish(server.engine, Publication(
        prices=[PriceDoc(sku="COAT", price_fen=88800, campaign_price_fen=79900)],
        staff=[StaffDoc(number="2001", name="店长 王", role="manager", pin="2468")],
        coupon_templates=[TemplateDoc(code="vip100", name="VIP ￥100", kind="cash",
                                      amount_fen=10000, min_spend_fen=50000, stackable=False,
                                      valid_days=30)],
        gifts=[GiftDoc(store=tenant.a, code="MUG", name="马克杯", cost_fen=2000,
                       points_price=600, allotted=10)]), tenant.merchant, now)
    till.sync()
    member = till.register("张三", "13800138000")
    till.sale(member, ("SHOES", 2))  # ￥1,000: 3,000 points
    rewards.redeem_gift(till.ctx, member, "MUG", till.desk)
    publish(server.engine, Publication(gifts=[GiftDoc(
        store=tenant.a, code="MUG", name="马克杯", cost_fen=2000, points_price=600,
        allotted=15)]), tenant.merchant, now)  # five more: allotments are cumulative
    till.sync()

    with till.app.store.reader() as uow:
        coat = uow.products.get("COAT")
        assert coat is not None and (coat.price_fen, coat.campaign_price_fen) == (88800, 79900)
        template = uow.coupons.template("vip100")
        assert template is not None and (template.amount_fen, template.stackable) == (
            10000, False)
        gift = uow.gifts.get("MUG")
        assert gift is not None and gift.stock == 10 - 1 + 5
    manager = staff.login(till.ctx, "2001", "2468")  # the PIN hash came from head office
    assert (manager.name, manager.role.value) == ("店长 王", "manager")


def test_a_published_rule_pack_is_checked_and_saved_beside_the_database(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    from domain.errors import RulePackError
    from headoffice.publish import RulePackDoc

    with pytest.raises(RulePackError):
        publish(server.engine, Publication(rulepack=RulePackDoc(name="house", toml=PACK_TOML)),
                tenant.merchant, datetime.now(UTC))
    fashion = (PACK_DIR / "fashion.toml").read_text(encoding="utf-8").replace(
        'name = "fashion"', 'name = "house"').replace("per_sale_points = 3000",
                                                      "per_sale_points = 1000")
    publish(server.engine, Publication(rulepack=RulePackDoc(name="house", toml=fashion)),
            tenant.merchant, datetime.now(UTC))
    till = make_till()
    till.enroll(server, tenant.a)
    till.sync()
    with till.app.store.reader() as uow:
        chosen = uow.settings.get().rulepack
    assert chosen.endswith("rulepacks/house.toml")
    assert (till.path.parent / "rulepacks" / "house.toml").read_text(encoding="utf-8") == fashion
    with till.app.store.reader() as uow:
        limits = uow.session.scalar(sa.text("SELECT grant_limits FROM sync_state"))
    assert '"per_sale_points":1000' in limits  # head office grants the pack's allowance


def test_pages_resume_at_the_cursor_and_an_unknown_cursor_starts_again(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    assert till.client is not None
    first = PullResponse.model_validate(till.client.ho.call(
        "GET", "/v1/sync/pull", params={"cursor": "", "limit": 3}))
    rest = PullResponse.model_validate(till.client.ho.call(
        "GET", "/v1/sync/pull", params={"cursor": first.next_cursor, "limit": 1000}))
    again = PullResponse.model_validate(till.client.ho.call(
        "GET", "/v1/sync/pull", params={"cursor": "not-a-cursor", "limit": 1000}))
    skus = [c.id for c in (*first.changes, *rest.changes) if c.entity == "product"]
    assert (len(first.changes), first.has_more, rest.has_more) == (3, True, False)
    assert sorted(skus) == sorted({c.id for c in again.changes if c.entity == "product"})
    assert len(skus) == len(set(skus)) == 6


@pytest.mark.postgres
def test_the_feed_is_gapless_and_a_reader_pulling_meanwhile_misses_nothing(
        backend: str, server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    tills = [make_till(f"T{i}") for i in range(3)]
    members = []
    for n, till in enumerate(tills):
        till.enroll(server, tenant.a)
        member = till.register(f"会员{n}", f"1380013800{n}")
        members.append(member)
        for _ in range(40):
            till.sale(member, ("SCARF", 1))
    reader = make_till("reader")
    reader.enroll(server, tenant.a)
    assert reader.client is not None
    seen: set[tuple[str, str]] = set()
    done = threading.Event()

    def pull_meanwhile() -> None:
        cursor = ""
        while True:
            last_round = done.is_set()  # the writers had all committed before this page
            page = PullResponse.model_validate(reader.client.ho.call(  # type: ignore[union-attr]
                "GET", "/v1/sync/pull", params={"cursor": cursor, "limit": 7}))
            seen.update((c.entity, c.id) for c in page.changes)
            cursor = page.next_cursor
            if last_round and not page.has_more:
                return

    puller = threading.Thread(target=pull_meanwhile)
    pusher = [threading.Thread(target=t.client.push_once) for t in tills]  # type: ignore[union-attr]
    puller.start()
    for thread in pusher:
        thread.start()
    for thread in pusher:
        thread.join()
    done.set()
    puller.join(30)

    with server.engine.connect() as conn:
        seqs = list(conn.scalars(sa.select(store_feed.c.seq).join(
            stores, stores.c.id == store_feed.c.store_id).where(stores.c.code == tenant.a)
            .order_by(store_feed.c.seq)))
    assert seqs == list(range(1, len(seqs) + 1))
    assert {("member_balance", m) for m in members} <= seen


def test_a_change_the_till_cannot_apply_is_set_aside_after_some_rounds_and_the_pull_goes_on(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    """A till-side defect (here a trigger refusing one price) fails the page at every round;
    after MAX_PAGE_ATTEMPTS the other changes are applied and the refused one is set aside."""
    till = make_till()
    till.enroll(server, tenant.a)
    till.sync()
    coat = _price(till, "COAT")
    with sqlite3.connect(till.app.store.path) as raw:
        raw.execute("CREATE TRIGGER refuse_price BEFORE UPDATE ON products "
                    "WHEN NEW.price_fen = 77700 BEGIN SELECT RAISE(ABORT, 'refused'); END")
    now = datetime.now(UTC)
    publish(server.engine, Publication(prices=[PriceDoc(sku="COAT", price_fen=77700),
                                               PriceDoc(sku="SHOES", price_fen=45600)]),
            tenant.merchant, now)

    for _ in range(MAX_PAGE_ATTEMPTS - 1):
        with pytest.raises(IntegrityError):
            till.sync()
    till.sync()

    assert (_price(till, "COAT"), _price(till, "SHOES")) == (coat, 45600)
    [entry] = [e for e in _audit(till) if e.action == AUDIT_ACTION]
    assert [(c["entity"], c["id"]) for c in entry.details["changes"]] == [("product", "COAT")]
    assert till.client is not None and till.client.status().last_error == SET_ASIDE
    publish(server.engine, Publication(prices=[PriceDoc(sku="SOCKS", price_fen=1200)]),
            tenant.merchant, now)
    till.sync()  # past the page: the next change arrives at once
    assert _price(till, "SOCKS") == 1200 and till.client.status().last_error == ""


def _price(till: Till, sku: str) -> int:
    with till.app.store.reader() as uow:
        product = uow.products.get(sku)
    assert product is not None
    return product.price_fen


def _audit(till: Till) -> list[AuditEntry]:
    with till.app.store.reader() as uow:
        return uow.audit.entries()
