"""Alliance trade between two merchants' tills and a real head office on PostgreSQL: the
partner's till recognises the issuer's consenting member's card offline from the roster,
sells with the partner discount and earns the issuer's points; head office books them in the
issuer's ledger tagged with the partner and the sale, and the settlement entries once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from domain.alliance import parse_agreements
from domain.errors import DomainError
from domain.event_types import EventType
from domain.events import WalletEntryPosted
from domain.ids import new_id_str
from domain.records import TenderKind, WalletEntry
from domain.services import alliance, cardissue, checkout, members, profiles, returns
from domain.services import cart as carts
from domain.services.context import emit
from headoffice import alliance as ho_alliance
from headoffice import alliance_settlement as ho_settlement
from headoffice.alliance_tables import alliance_entries
from headoffice.tables import catalog_items, events, points_ledger, recon_cases, stores
from tests.sync.harness import BIN, Server, Till

pytestmark = pytest.mark.postgres
FASHION, CAFE = "M701", "M702"
NOW = datetime(2025, 5, 6, 1, 0, tzinfo=UTC)
AGREEMENT = {"issuer": FASHION, "partner": CAFE, "starts_on": "2025-05-01",
             "discount_bp": {"regular": 1000}, "points_per_yuan": 1,
             "points_spendable": True, "point_value_fen": 1, "commission_bp": 500}


def world(make_server: Callable[..., Server],
          make_till: Callable[..., Till]) -> tuple[Server, Till, Till]:
    server = make_server("postgres", stores=())
    server.add_stores("F01", merchant=FASHION)
    server.add_stores("C01", merchant=CAFE)
    fashion, cafe = make_till("F", store_code="F01"), make_till("C", store_code="C01")
    fashion.enroll(server, "F01")
    cafe.enroll(server, "C01")
    fashion.sync()  # its card serials
    cafe.sync()
    return server, fashion, cafe


def member_with_card(till: Till, name: str, mobile: str, consent: bool) -> tuple[str, str]:
    member = members.register(till.ctx, {"name": name, "mobile": mobile,
                                         "privacy_accepted": True,
                                         "consent_alliance": consent}, till.desk).member.id
    return member, cardissue.issue_card(till.ctx, member, till.desk).card.number


def sign_agreement(server: Server) -> str:
    with server.engine.begin() as conn:
        ho_alliance.create_alliance(conn, "A7", "商圈联盟", NOW)
        for code in (FASHION, CAFE):
            ho_alliance.add_merchant(conn, "A7", code, NOW)
        [agreement_id] = ho_alliance.add_agreements(
            conn, "A7", parse_agreements({"agreements": [AGREEMENT]}), NOW)
    return agreement_id


def partner_sale(till: Till, card: str, *skus: str,
                 tenders: tuple[carts.TenderRequest, ...] = ()) -> checkout.Completed:
    cart = alliance.attach(till.ctx, carts.start_sale(till.ctx, till.cashier), card)
    for sku in skus:
        cart = carts.add_item(till.ctx, cart, sku)
    for tender in (*tenders, carts.TenderRequest(TenderKind.CASH)):
        cart = carts.add_tender(cart, tender)
    return checkout.complete(till.ctx, cart)


def ledger(server: Server, member: str) -> list[tuple[Any, ...]]:
    with server.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(points_ledger.c.kind, points_ledger.c.points, points_ledger.c.reason,
                      points_ledger.c.sale_id, stores.c.code)
            .join(stores, stores.c.id == points_ledger.c.store_id)
            .where(points_ledger.c.member_id == member).order_by(points_ledger.c.at,
                                                                 points_ledger.c.id))]


def entries(server: Server) -> list[tuple[Any, ...]]:
    with server.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(sa.select(
            alliance_entries.c.kind, alliance_entries.c.points, alliance_entries.c.amount_fen,
            alliance_entries.c.source)))


def statuses(server: Server, kind: str) -> list[tuple[str, str | None]]:
    with server.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(events.c.status, events.c.code).where(
            events.c.type == kind).order_by(events.c.received_at, events.c.seq))]


def test_partner_sale_offline_books_the_issuers_points_and_settlement_once(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe = world(make_server, make_till)
    zhang, zhang_card = member_with_card(fashion, "张三", "13800138000", consent=True)
    _, li_card = member_with_card(fashion, "李四", "13900139000", consent=False)
    fashion.sync()
    sign_agreement(server)  # the roster of consenting members goes into the café's feed
    _, wang_card = member_with_card(fashion, "王五", "13700137000", consent=True)
    fashion.sync()  # a member consenting after the agreement joins the roster
    cafe.sync()

    with cafe.app.store.reader() as uow:  # nothing of the member but the roster's fields
        assert uow.members.by_mobile("13800138000") is None
        assert uow.alliance.card(zhang_card) is not None
        assert uow.alliance.card(wang_card) is not None
        assert uow.alliance.card(li_card) is None  # no consent: never sent
        assert uow.alliance.card(zhang_card).name_masked == "张*"  # type: ignore[union-attr]

    # The café is offline: ￥1,000 coat at 10 % off = ￥900, 900 issuer points, 45.00 commission.
    cafe.advance(minutes=30)
    with pytest.raises(DomainError) as err:
        alliance.recognise(cafe.ctx, li_card)
    assert err.value.code == "alliance.card_not_recognised"
    sold = partner_sale(cafe, zhang_card, "COAT")
    assert (sold.sale.total_fen, sold.sale.points_earned) == (90000, 900)
    cafe.sync()

    assert ledger(server, zhang) == [("earn", 900, f"alliance:{CAFE}", sold.sale.id, "C01")]
    assert entries(server) == sorted([
        ("points_issued_by_partner", 900, 900, sold.sale.id),
        ("commission", 0, 4500, sold.sale.id)])
    fashion.sync()
    assert fashion.balances(zhang)[0] == 900  # the issuer's till hears of it

    # The same trade sent again (a till restored from a backup re-sends it under a new event
    # id): head office books nothing twice.
    with cafe.app.store.uow() as uow:
        uow.outbox.append(EventType.ALLIANCE_TRADE, _trade_payload(cafe), member_id=None,
                          occurred_at_iso=cafe.clock.now().isoformat())
        uow.commit()
    cafe.sync()
    assert ledger(server, zhang) == [("earn", 900, f"alliance:{CAFE}", sold.sale.id, "C01")]
    assert len(entries(server)) == 2
    assert statuses(server, EventType.ALLIANCE_TRADE)[-1] == ("duplicate", "entry.known")


def _trade_payload(till: Till) -> dict[str, Any]:
    with sqlite3.connect(till.app.store.path) as raw:
        [text] = raw.execute("SELECT payload FROM outbox WHERE type = ?",
                             (EventType.ALLIANCE_TRADE.value,)).fetchone()
    found: dict[str, Any] = json.loads(text)
    return found


def test_return_at_the_partner_reverses_and_refusals_are_quarantined(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe = world(make_server, make_till)
    zhang, card = member_with_card(fashion, "张三", "13800138000", consent=True)
    fashion.sync()
    sign_agreement(server)
    cafe.sync()

    # ￥1,000 coat + ￥89 scarf at 10 % off = 900.00 + 80.10; 500 points pay ￥5.00 and earn
    # nothing: money paid 975.10 → 975 points; commission 5 % of 980.10 = 49.005 → 4901.
    sold = partner_sale(cafe, card, "COAT", "SCARF",
                        tenders=(carts.TenderRequest(TenderKind.POINTS, points=500),))
    assert (sold.sale.total_fen, sold.sale.points_earned) == (98010, 975)
    cafe.sync()
    # The coat comes back: the scarf kept its share of the money (80.10 less its share of the
    # ￥5 in points, 0.41) = 79.69 → 79 points kept, 896 taken back; the points refund in
    # proportion to the coat (459 points), the rest in cash.
    back = returns.return_with_receipt(cafe.ctx, sold.sale.receipt_no, {1: 1}, cafe.cashier)
    assert back.sale.points_earned == -896
    refunded = {t.kind: (t.amount_fen, t.points) for t in back.sale.tenders}
    assert refunded[TenderKind.POINTS] == (-459, -459)
    cafe.sync()
    assert sorted(ledger(server, zhang)) == sorted([
        ("spend", -500, f"alliance:{CAFE}", sold.sale.id, "C01"),
        ("earn", 975, f"alliance:{CAFE}", sold.sale.id, "C01"),
        ("takeback", -896, f"alliance:{CAFE}", back.sale.id, "C01"),
        ("refund", 459, f"alliance:{CAFE}", back.sale.id, "C01")])
    assert entries(server) == sorted([
        ("points_issued_by_partner", 975, 975, sold.sale.id),
        ("points_spent_at_partner", 500, 500, sold.sale.id),
        ("commission", 0, 4901, sold.sale.id),
        ("points_issued_by_partner", -896, -896, back.sale.id),
        ("points_spent_at_partner", -459, -459, back.sale.id),
        ("commission", 0, -4500, back.sale.id)])
    fashion.sync()
    assert fashion.balances(zhang)[0] == 975 - 500 - 896 + 459

    # Forged at the café: its till moves the issuer's member's stored value, and claims a
    # trade under an agreement that is not the café's. Both are quarantined.
    forged = WalletEntry(id=new_id_str(), member_id=zhang, kind="payment", principal_fen=-100,
                         bonus_fen=0, at=cafe.clock.now(), business_date=cafe.ctx.today())
    trade = {**_trade_payload(cafe), "sale_id": new_id_str(), "agreement_id": new_id_str(),
             "earn_entry_id": new_id_str(), "spend_entry_id": new_id_str()}
    with cafe.app.store.uow() as uow:
        emit(cafe.ctx, uow, WalletEntryPosted(forged))
        uow.outbox.append(EventType.ALLIANCE_TRADE, trade, member_id=None,
                          occurred_at_iso=cafe.clock.now().isoformat())
        uow.commit()
    cafe.sync()
    assert statuses(server, EventType.WALLET_ENTRY)[-1] == ("quarantined",
                                                            "member.other_merchant")
    assert statuses(server, EventType.ALLIANCE_TRADE)[-1] == ("quarantined",
                                                              "alliance.no_agreement")
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(recon_cases).where(
            recon_cases.c.kind == "alliance.trade_refused")) == 1
    assert fashion.balances(zhang)[1] == 0 and len(entries(server)) == 6


def test_withdrawn_consent_and_a_replaced_card_leave_the_roster(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe = world(make_server, make_till)
    zhang, card = member_with_card(fashion, "张三", "13800138000", consent=True)
    li, li_card = member_with_card(fashion, "李四", "13900139000", consent=True)
    fashion.sync()
    sign_agreement(server)
    cafe.sync()
    assert alliance.recognise(cafe.ctx, card).card.issuer_member_id == zhang

    profiles.update_member(fashion.ctx, zhang, {"consent_alliance": False}, fashion.desk)
    new_card = cardissue.replace_card(fashion.ctx, li_card, fashion.desk).card.number
    fashion.sync()
    cafe.sync()
    for gone in (card, li_card):
        with pytest.raises(DomainError) as err:
            alliance.recognise(cafe.ctx, gone)
        assert err.value.code == "alliance.card_not_recognised"
    assert alliance.recognise(cafe.ctx, new_card).card.issuer_member_id == li


def test_an_ended_agreement_voids_the_roster_when_the_rosters_are_refreshed(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe = world(make_server, make_till)
    _, card = member_with_card(fashion, "张三", "13800138000", consent=True)
    fashion.sync()
    agreement_id = sign_agreement(server)
    with server.engine.connect() as conn:  # what the café's feed says: four fields, no more
        item = conn.scalar(sa.select(catalog_items.c.data).where(
            catalog_items.c.entity == "alliance_member", catalog_items.c.entity_id == card))
    assert item == {"issuer": FASHION, "issuer_member_id": item["issuer_member_id"],
                    "name_masked": "张*", "tier": item["tier"]}
    cafe.sync()
    with cafe.app.store.reader() as uow:
        assert uow.alliance.card(card) is not None
    with server.engine.begin() as conn:
        ho_alliance.end_agreement(conn, "A7", agreement_id, NOW.date(), NOW)
    done = subprocess.run([str(BIN / "kaika-headoffice"), "alliance", "rosters", "--db",
                           server.db_url, "--alliance", "A7"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"published": {FASHION: 1}}
    cafe.sync()
    with cafe.app.store.reader() as uow:
        assert uow.alliance.card(card) is None


MAY_OVER = datetime(2025, 6, 1, 1, 0, tzinfo=UTC)  # 09:00 on 1 June in Shanghai


def _statement(server: Server, merchant: str, period: str) -> dict[str, Any]:
    with server.engine.connect() as conn:
        return ho_settlement.statement(conn, "A7", merchant, period)


def test_the_month_closes_once_with_statements_that_net_to_zero_and_a_late_return_waits(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe = world(make_server, make_till)
    _, card = member_with_card(fashion, "张三", "13800138000", consent=True)
    fashion.sync()
    sign_agreement(server)
    cafe.sync()
    # 6 May, offline at the café: coat + scarf, 500 points pay ￥5.00 (the figures of the
    # return test above): 975 points issued (café owes 975 fen), 500 spent (fashion owes
    # 500), commission 4901 (café owes). May: fashion +975 − 500 + 4901 = +5376, café −5376.
    sold = partner_sale(cafe, card, "COAT", "SCARF",
                        tenders=(carts.TenderRequest(TenderKind.POINTS, points=500),))
    cafe.sync()
    # 31 May, offline again: the coat comes back (−896 points, −459 refunded, −4500
    # commission); the café's till does not sync before head office closes May.
    cafe.advance(days=25)
    back = returns.return_with_receipt(cafe.ctx, sold.sale.receipt_no, {1: 1}, cafe.cashier)
    assert cafe.ctx.today().isoformat() == "2025-05-31"

    with server.engine.begin() as conn, pytest.raises(DomainError) as err:
        ho_settlement.close_period(conn, "A7", "2025-05", "财务",
                                   datetime(2025, 5, 31, 15, 59, tzinfo=UTC))
    assert err.value.code == "alliance.period_not_over"  # 23:59 on 31 May in Shanghai
    with server.engine.begin() as conn:
        closed = ho_settlement.close_period(conn, "A7", "2025-05", "财务", MAY_OVER)
        pairs = ho_settlement.settlement(conn, "A7", "2025-05")
    assert closed["statements"] == {FASHION: 5376, CAFE: -5376}
    assert sum(closed["statements"].values()) == 0
    assert [(p["debtor"], p["creditor"], p["amount_fen"]) for p in pairs] == [
        (CAFE, FASHION, 5376)]
    may = {code: _statement(server, code, "2025-05") for code in (FASHION, CAFE)}
    for code, other in ((FASHION, CAFE), (CAFE, FASHION)):
        kept = may[code]
        assert kept["closed_at"] == MAY_OVER
        assert {ln["source"] for ln in kept["lines"]} == {sold.sale.id}  # each line its sale
        assert {ln["counterparty"] for ln in kept["lines"]} == {other}
        assert sum(ln["amount_fen"] for ln in kept["lines"]) == kept["net_fen"]
    assert sorted((ln["kind"], ln["amount_fen"]) for ln in may[FASHION]["lines"]) == [
        ("commission", 4901), ("points_issued_by_partner", 975),
        ("points_spent_at_partner", -500)]
    assert may[FASHION]["net_fen"] + may[CAFE]["net_fen"] == 0
    with server.engine.begin() as conn, pytest.raises(DomainError) as err:
        ho_settlement.close_period(conn, "A7", "2025-05", "财务", MAY_OVER)
    assert err.value.code == "alliance.period_closed"

    # The café syncs the return of 31 May after the close: its entries land in June, with the
    # return as their source; May's kept statements do not change.
    cafe.sync()
    assert statuses(server, EventType.ALLIANCE_TRADE)[-1] == ("applied", None)
    assert _statement(server, FASHION, "2025-05") == may[FASHION]
    assert _statement(server, CAFE, "2025-05") == may[CAFE]
    june = {code: _statement(server, code, "2025-06") for code in (FASHION, CAFE)}
    assert june[FASHION]["closed_at"] is None  # provisional
    assert sorted((ln["kind"], ln["source"], ln["amount_fen"]) for ln in june[FASHION]["lines"]) \
        == sorted([("points_issued_by_partner", back.sale.id, -896),
                   ("points_spent_at_partner", back.sale.id, 459),
                   ("commission", back.sale.id, -4500)])
    # June: fashion −896 + 459 − 4500 = −4937, the café +4937.
    assert (june[FASHION]["net_fen"], june[CAFE]["net_fen"]) == (-4937, 4937)
    done = subprocess.run([str(BIN / "kaika-headoffice"), "alliance", "statement", "--db",
                           server.db_url, "--alliance", "A7", "--merchant", CAFE, "--period",
                           "2025-05", "--format", "json"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert (printed["net_fen"], len(printed["lines"])) == (-5376, 3)
