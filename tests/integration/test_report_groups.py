"""The Analysis and Tiers figures the database groups give exactly what the straightforward
computation gives (every member's facts mapped, a sales query per member) on random stores."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from db import verify_figures
from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain import analysis, importing, tiers
from domain.analysis import AnalysisRules
from domain.clock import FixedClock
from domain.records import Member, MemberStatus, TenderKind
from domain.services import cart as carts
from domain.services import checkout, imports, maintenance, returns, shifts, tier_outlook
from domain.services import reports as report_services
from domain.services.maintenance import add_years, latest_due_since, reviewed_tiers
from domain.services.staff import login
from tests.staffing import manager

TODAY = date(2025, 5, 6)  # tests/conftest.py START
CATEGORIES = ("外套", "衬衫", "裤装", "配饰", "")
TIERS = ("普通会员", "银卡", "金卡", "钻石卡")


def _member(rng: random.Random, n: int) -> Member:
    birth = rng.choice([None, (2, 29), (2, 28), (3, 1), (5, 6), (5, 9), (12, 31), (1, 1),
                        (rng.randint(1, 12), rng.randint(1, 28))])
    return Member(
        id=f"m{n:04d}", name=rng.choice(["张三", "李四", "王五"]), mobile=f"1390000{n:04d}",
        joined_on=TODAY - timedelta(days=rng.randint(0, 900)), tier=rng.choice(TIERS),
        tier_since=TODAY - timedelta(days=rng.randint(300, 420)),
        status=rng.choice([MemberStatus.ACTIVE] * 5 + [MemberStatus.FROZEN]),
        birth_month=birth[0] if birth else None, birth_day=birth[1] if birth else None,
        consent_marketing=rng.random() < 0.5)


def _sale(rng: random.Random, n: int, member: str | None) -> list[tuple[str, dict[str, object]]]:
    """A sale (or a return) of 1-3 lines on a random day of the last two years, raw rows."""
    day = TODAY - timedelta(days=rng.randint(-3, 700))  # a few after "today" too
    kind = "return" if rng.random() < 0.15 else "sale"
    total = rng.choice([9900, 19900, 29900, 50000, rng.randint(1, 90000)])
    total = -total if kind == "return" else total
    sale = {"id": f"s{n:05d}", "receipt": f"R{n:05d}", "kind": kind,
            "at": f"{day.isoformat()}T02:00:00.000000+00:00", "day": day.isoformat(),
            "total": total, "member": member, "qualifying": total if rng.random() < 0.8 else 0}
    rows: list[tuple[str, dict[str, object]]] = [(_SALE, sale)]
    for line in range(rng.randint(1, 3)):
        rows.append((_LINE, {"sale": sale["id"], "no": line + 1,
                             "category": rng.choice(CATEGORIES)}))
    return rows


_SALE = ("INSERT INTO sales (id, receipt_no, kind, at, business_date, store_code, "
         "terminal_code, cashier_id, total_fen, member_id, qualifying_fen) VALUES (:id, "
         ":receipt, :kind, :at, :day, 'S001', 'T01', 'c1', :total, :member, :qualifying)")
_LINE = ("INSERT INTO sale_lines (sale_id, line_no, sku, name, product_class, category, qty, "
         "unit_price_fen, list_fen, discount_fen, coupon_fen, final_fen) VALUES (:sale, :no, "
         "'A1', '外套', 'regular', :category, 1, 100, 100, 0, 0, 100)")


def _random_store(app: App, seed: int) -> None:
    rng = random.Random(seed)
    members = [_member(rng, n) for n in range(60)]
    with app.store.uow() as uow:
        for member in members:
            uow.members.add(member)
        uow.commit()
    with app.store.engine.begin() as conn:
        for n in range(400):
            buyer = rng.choice(members[:45]).id if rng.random() < 0.9 else None
            for statement, params in _sale(rng, n, buyer):
                conn.execute(text(statement), params)


SEEDS = [1, 2, 3, 4]


@pytest.mark.parametrize("seed", SEEDS)
def test_analysis_figures_equal_those_of_every_members_facts(app: App, seed: int) -> None:
    _random_store(app, seed)
    for rules in (AnalysisRules(), AnalysisRules(window_days=90, key_orders=2,
                                                  birthday_days=30)):
        for today in (TODAY, TODAY - timedelta(days=200)):
            facts = report_services.member_facts(app.ctx, rules, today)
            expected = analysis.summarize(facts, today, rules)
            assert report_services.analysis_summary(app.ctx, rules, today) == expected
            for days in (1, 7, 60, 400):
                assert report_services.birthday_members(app.ctx, days, rules, today) == \
                    analysis.birthdays_within(facts, today, days)
            for days in (10, 90, 300):
                idle = analysis.dormant(facts, today, days)
                assert report_services.dormant_members(app.ctx, days, 10_000, rules,
                                                       today) == (len(idle), idle)
                assert report_services.dormant_members(app.ctx, days, 3, rules,
                                                       today) == (len(idle), idle[:3])


def test_an_empty_store_has_no_buyers(app: App) -> None:
    summary = report_services.analysis_summary(app.ctx, today=TODAY)
    assert summary == analysis.summarize([], TODAY)


def _straight_outlook(app: App, days: int, today: date) -> list[tier_outlook.Outlook]:
    """The outlook as it was computed before: the candidates, then each one's sales."""
    last = today + timedelta(days=days - 1)
    ctx = app.ctx
    found = []
    with ctx.reader() as uow:
        for m in uow.members.tier_since_on_or_before(latest_due_since(last),
                                                     reviewed_tiers(ctx)):
            year_end = add_years(m.tier_since, 1) - timedelta(days=1)
            history = [(s.business_date, s.qualifying_fen)
                       for s in uow.sales.member_sales(m.id, m.tier_since, year_end)]
            kept, figures = tiers.review(m.tier, history, m.tier_since, year_end, ctx.pack)
            rule = tiers.tier_of(ctx.pack, m.tier)
            found.append(tier_outlook.Outlook(
                m.id, m.name, m.mobile[:3] + "****" + m.mobile[-4:], m.tier,
                add_years(m.tier_since, 1), m.tier_since, figures["spend_fen"],
                figures["order_days"], rule.retain_spend_fen or 0, rule.retain_days, kept.name))
    return sorted(found, key=lambda o: (o.anniversary, o.name, o.member_id))


@pytest.mark.parametrize("seed", SEEDS)
def test_tier_figures_equal_a_sales_query_per_member(app: App, seed: int) -> None:
    _random_store(app, seed)
    for days in (1, 30, 120):
        assert tier_outlook.upcoming(app.ctx, days, TODAY) == _straight_outlook(app, days, TODAY)
    with app.ctx.reader() as uow:
        active = Counter(f.tier for f in uow.reports.member_facts(TODAY, TODAY))
    assert tier_outlook.tier_counts(app.ctx) == [(t.name, active.get(t.name, 0))
                                                 for t in app.ctx.pack.tiers]
    assert sum(n for _, n in tier_outlook.tier_counts(app.ctx)) > 0


def test_a_29_february_birthday_is_listed_on_28_february_of_a_common_year() -> None:
    assert (2, 29) in analysis.birthday_dates(date(2025, 2, 28), 1)
    assert (2, 29) not in analysis.birthday_dates(date(2024, 2, 28), 1)
    assert analysis.birthday_dates(date(2024, 2, 28), 2) == ((2, 28), (2, 29))
    assert len(analysis.birthday_dates(date(2025, 1, 1), 365)) == 366




def _kept_figures_are_exact(app: App) -> None:
    """member_figures equals the figures recomputed from sales (kaika verify's check), the
    Analysis page reads them for today's window, and gives what every member's facts give."""
    today = app.ctx.today()
    summary = report_services.analysis_summary(app.ctx)
    with app.ctx.reader() as uow:
        assert uow.reports.figures_window() == (today - timedelta(days=364), today)
    with app.store.engine.connect() as conn:
        assert verify_figures.member_figures(conn, 10) == []
    facts = report_services.member_facts(app.ctx)
    assert summary == analysis.summarize(facts, today)
    idle = analysis.dormant(facts, today, 30)
    assert report_services.dormant_members(app.ctx, 30, 5) == (len(idle), idle[:5])


def _member_sale(app: App, cashier: str, shift: str, member: str,
                 items: list[tuple[str, int]]) -> checkout.Completed:
    cart = carts.start_sale(app.ctx, cashier, shift)
    cart = replace(cart, member_id=member)
    for sku, qty in items:
        cart = carts.add_item(app.ctx, cart, sku, qty=qty)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    return checkout.complete(app.ctx, cart)


def test_kept_figures_stay_exact_through_sales_returns_day_closes_and_an_import(
        app: App, clock: FixedClock) -> None:
    _random_store(app, 5)
    load_demo(app.ctx)
    _kept_figures_are_exact(app)  # the first open moves the window to today
    cashier, boss = login(app.ctx, "1001", "1357").id, login(app.ctx, "2001", "2468").id
    buyers = [f.member_id for f in report_services.member_facts(app.ctx)][:6]
    for day in range(3):
        shift = shifts.open_shift(app.ctx, cashier, 0).id
        done = [_member_sale(app, cashier, shift, member, [("A1001", 1), ("B2002", 2)])
                for member in buyers[day:day + 3]]
        _kept_figures_are_exact(app)
        returns.return_with_receipt(app.ctx, done[0].sale.receipt_no, {1: 1}, cashier, shift)
        _kept_figures_are_exact(app)
        shifts.close_shift(app.ctx, cashier, 0)  # a variance is recorded, not refused
        clock.set(clock.now() + timedelta(hours=11))  # 21:00, after the day's trade
        closed = maintenance.close_day(app.ctx, boss).business_date
        with app.ctx.reader() as uow:  # the close moved the window a day: sales leave it
            assert uow.reports.figures_window() == (closed - timedelta(days=363),
                                                     closed + timedelta(days=1))
        _kept_figures_are_exact(app)
        clock.set(clock.now() + timedelta(hours=13))  # 10:00 the next day
    table = importing.parse_csv(IMPORTED.encode("utf-8"))
    imports.import_members(app.ctx, table, {}, manager(app.ctx))
    _kept_figures_are_exact(app)


IMPORTED = "姓名,手机,积分\n陈一,13500135000,1200\n王八,13500135004,\n"


def test_verify_names_a_member_whose_kept_figures_differ(app: App) -> None:
    _random_store(app, 6)
    report_services.analysis_summary(app.ctx)
    with app.store.engine.begin() as conn:
        member = conn.execute(text("SELECT member_id FROM member_figures "
                                   "ORDER BY member_id LIMIT 1")).scalar_one()
        conn.execute(text("UPDATE member_figures SET orders = orders + 1 "
                          "WHERE member_id = :m"), {"m": member})
    found = verify(app.store)
    assert [p.params["member_id"] for p in found if p.code == verify_figures.CODE] == \
        [member, member]
