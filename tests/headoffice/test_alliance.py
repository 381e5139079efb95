"""Alliances at head office on PostgreSQL (and SQLite): agreements round-trip through the
command line and travel to the partner's tills, a period closes once (a later correction goes
into the next open period), statements net to zero with the hand figures, and the CSV
statement as an accountant opens it."""

from __future__ import annotations

import csv
import io
import itertools
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from domain.alliance import Agreement, partner_terms
from domain.errors import DomainError
from headoffice import alliance, alliance_settlement, tenancy
from headoffice.alliance_settlement import NewEntry
from headoffice.engine import make_engine
from headoffice.migrate import upgrade
from headoffice.sql import retrying
from headoffice.tables import catalog_items, merchant_feed, merchants
from tests.sync.harness import BIN, PgDatabases

FASHION, CAFE, SALON = "M001", "M002", "M003"
SET_UP = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)
_ALLIANCES = itertools.count(1)
DEC_2 = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai: November is over
AGREEMENTS_TOML = """
[[agreements]]
issuer = "M001"
partner = "M002"
starts_on = 2026-11-01
discount_bp = { regular = 1000, new = 500 }
points_per_yuan = 1
points_spendable = true
point_value_fen = 1
commission_bp = 500

[[agreements]]
issuer = "M003"
partner = "M001"
starts_on = "2026-11-01"
ends_on = "2027-10-31"
discount_bp = { regular = 800 }
commission_bp = 200
"""


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres), "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A migrated head office: PostgreSQL, and SQLite (a one-shop head office)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/ho.sqlite3"
    else:
        pg: PgDatabases = request.getfixturevalue("pg")
        url = pg.fresh()
    engine = make_engine(url)
    upgrade(engine)
    for merchant, store in ((FASHION, "F01"), (CAFE, "C01"), (SALON, "S01")):
        tenancy.add_store(engine, tenancy.NewStore(merchant, store, f"店{store}"), SET_UP)
    yield url, engine
    engine.dispose()


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "kaika-headoffice"), "alliance", args[0], "--db", url,
                           *args[1:]], capture_output=True, text=True, timeout=60)


def _alliance_with_agreements(url: str, tmp_path: Path) -> None:
    assert _cli(url, "create", "--code", "A1", "--name", "商圈联盟").returncode == 0
    for merchant in (FASHION, CAFE, SALON):
        assert _cli(url, "add-merchant", "--alliance", "A1", "--merchant", merchant
                    ).returncode == 0
    (tmp_path / "a.toml").write_text(AGREEMENTS_TOML, encoding="utf-8")
    done = _cli(url, "add-agreements", "--alliance", "A1", str(tmp_path / "a.toml"))
    assert done.returncode == 0, done.stderr


def test_agreements_round_trip_and_a_bad_file_names_the_row(db: tuple[str, Engine],
                                                             tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    with engine.connect() as conn:
        stored = alliance.list_agreements(conn, "A1")
    assert [{k: v for k, v in row.items() if k != "id"} for row in stored] == [
        {"issuer": FASHION, "partner": CAFE, "discount_bp": {"new": 500, "regular": 1000},
         "points_per_yuan": 1, "points_spendable": True, "point_value_fen": 1,
         "commission_bp": 500, "settlement": "monthly", "starts_on": "2026-11-01",
         "ends_on": None},
        {"issuer": SALON, "partner": FASHION, "discount_bp": {"regular": 800},
         "points_per_yuan": 0, "points_spendable": False, "point_value_fen": 0,
         "commission_bp": 200, "settlement": "monthly", "starts_on": "2026-11-01",
         "ends_on": "2027-10-31"}]
    (tmp_path / "bad.json").write_text(
        '{"agreements": [{"issuer": "M002", "partner": "M003", "starts_on": "2026-11-01",'
        ' "commission_bp": -5}]}', encoding="utf-8")
    done = _cli(url, "add-agreements", "--alliance", "A1", str(tmp_path / "bad.json"))
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        "bad.json: $.agreements[0].commission_bp: Out of range (rates 0 to 10000 basis points,"
        " points per yuan 0 to 100, point value 0 to 100 fen). [alliance.out_of_range]")
    # The same terms again overlap the stored ones: refused in a sentence, nothing stored.
    again = _cli(url, "add-agreements", "--alliance", "A1", str(tmp_path / "a.toml"))
    assert again.returncode == 1
    assert "[alliance.overlapping_agreement]" in again.stderr
    assert "field=$.agreements[0].starts_on" in again.stderr
    with engine.connect() as conn:
        assert len(alliance.list_agreements(conn, "A1")) == 2


def test_a_coupon_template_the_issuers_pack_lacks_is_refused(db: tuple[str, Engine],
                                                             tmp_path: Path) -> None:
    """The salon's pack (fashion's, the default) defines signup50 but not vip100: a till could
    never honour vip100, so the whole file is refused naming its path; signup50 is kept."""
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    (tmp_path / "c.json").write_text(
        '{"agreements": [{"issuer": "M003", "partner": "M002", "starts_on": "2026-11-01",'
        ' "coupon_templates": ["signup50", "vip100"]}]}', encoding="utf-8")
    done = _cli(url, "add-agreements", "--alliance", "A1", str(tmp_path / "c.json"))
    assert done.returncode != 0
    assert "$.agreements[0].coupon_templates[1]" in done.stderr
    assert "[alliance.template_unknown]" in done.stderr
    (tmp_path / "c.json").write_text(
        '{"agreements": [{"issuer": "M003", "partner": "M002", "starts_on": "2026-11-01",'
        ' "coupon_templates": ["signup50"]}]}', encoding="utf-8")
    done = _cli(url, "add-agreements", "--alliance", "A1", str(tmp_path / "c.json"))
    assert done.returncode == 0, done.stderr
    with engine.connect() as conn:
        stored = alliance.list_agreements(conn, "A1")
    # Listed only when some are: a till older than the field would refuse the agreement.
    assert [row.get("coupon_templates") for row in stored] == [None, None, ["signup50"]]


def _november(engine: Engine) -> None:
    """A fashion member pays ¥86.50 at the café (86 points: the café owes 86 fen; 5 %
    commission 432.5 → 433 fen) and spends 500 points there (fashion owes 500 fen); a salon
    member buys ¥1,000.00 of outerwear at fashion (2 % commission: fashion owes the salon
    2000 fen); a ¥20.00 coupon the café funded is redeemed at the salon (the café owes 2000)."""
    entries = [
        NewEntry("points_issued_by_partner", FASHION, CAFE, date(2026, 11, 3), "sale-c1",
                 points=86),
        NewEntry("commission", FASHION, CAFE, date(2026, 11, 3), "sale-c1", sale_fen=8650),
        NewEntry("points_spent_at_partner", FASHION, CAFE, date(2026, 11, 9), "ledger-f7",
                 points=500),
        NewEntry("commission", SALON, FASHION, date(2026, 11, 30), "sale-f3", sale_fen=100000),
        NewEntry("coupon_funded_redeemed", CAFE, SALON, date(2026, 11, 12), "coupon-Q1",
                 amount_fen=2000),
    ]
    with engine.begin() as conn:
        for entry in entries:
            assert alliance_settlement.record_entry(conn, "A1", entry, DEC_2)["period"] == "2026-11"


def test_a_period_closes_once_and_later_corrections_go_to_the_next(
        db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    with engine.begin() as conn, pytest.raises(DomainError) as err:
        alliance_settlement.close_period(conn, "A1", "2026-11", "财务",
                                         datetime(2026, 11, 30, 15, 59, tzinfo=UTC))
    assert err.value.code == "alliance.period_not_over"  # 23:59 in Shanghai
    with engine.begin() as conn:
        closed = alliance_settlement.close_period(conn, "A1", "2026-11", "财务", DEC_2)
    assert closed["statements"] == {FASHION: -1981, CAFE: -2019, SALON: 4000}
    with engine.begin() as conn, pytest.raises(DomainError) as err:
        alliance_settlement.close_period(conn, "A1", "2026-11", "财务", DEC_2)
    assert err.value.code == "alliance.period_closed"
    # The café sale of 3 November is returned on 5 December: the correction goes to December;
    # November, closed, keeps its figures.
    with engine.begin() as conn:
        late = alliance_settlement.record_entry(conn, "A1", NewEntry(
            "points_issued_by_partner", FASHION, CAFE, date(2026, 11, 3), "return-c1",
            points=-86), DEC_2)
        again = alliance_settlement.record_entry(conn, "A1", NewEntry(
            "points_issued_by_partner", FASHION, CAFE, date(2026, 11, 3), "return-c1",
            points=-86), DEC_2)
    assert (late["period"], late["amount_fen"], late["repeated"]) == ("2026-12", -86, False)
    assert (again["id"], again["repeated"]) == (late["id"], True)
    with engine.begin() as conn, pytest.raises(DomainError) as err:
        alliance_settlement.record_entry(conn, "A1", NewEntry(
            "points_issued_by_partner", FASHION, CAFE, date(2026, 11, 3), "return-c1",
            points=-860), DEC_2)
    assert err.value.code == "alliance.source_reused"
    with engine.connect() as conn:
        november = alliance_settlement.statement(conn, "A1", FASHION, "2026-11")
        december = alliance_settlement.statement(conn, "A1", FASHION, "2026-12")
    assert november["closed_at"] == DEC_2 and november["net_fen"] == -1981
    assert len(november["lines"]) == 4
    assert december["closed_at"] is None
    assert [(ln["source"], ln["amount_fen"]) for ln in december["lines"]] == [("return-c1", -86)]
    tenancy.add_store(engine, tenancy.NewStore("M004", "K01", "店K01"), DEC_2)
    with engine.begin() as conn:
        alliance.add_merchant(conn, "A1", "M004", DEC_2)
        joined_late = alliance_settlement.statement(conn, "A1", "M004", "2026-11")
    assert (joined_late["closed_at"], joined_late["net_fen"], joined_late["lines"]) == (
        DEC_2, 0, [])
    with engine.connect() as conn:
        assert alliance_settlement.periods(conn, "A1") == [
            {"period": "2026-12", "entries": 1, "closed_at": None, "closed_by": None,
             "net_fen": {FASHION: -86, CAFE: 86, SALON: 0, "M004": 0}},
            {"period": "2026-11", "entries": 5, "closed_at": DEC_2, "closed_by": "财务",
             "net_fen": {FASHION: -1981, CAFE: -2019, SALON: 4000}}]


def test_statements_net_to_zero_with_the_hand_figures(db: tuple[str, Engine],
                                                      tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    with engine.begin() as conn:
        alliance_settlement.close_period(conn, "A1", "2026-11", "财务", DEC_2)
        found = {m: alliance_settlement.statement(conn, "A1", m, "2026-11")
                 for m in (FASHION, CAFE, SALON)}
    # Fashion: the café owes it 86 + 433 - 500 = 19; it owes the salon 2000; net -1981.
    assert (found[FASHION]["receivable_fen"], found[FASHION]["payable_fen"]) == (19, 2000)
    assert found[FASHION]["net_fen"] == -1981
    assert (found[CAFE]["receivable_fen"], found[CAFE]["payable_fen"]) == (0, 2019)
    assert (found[SALON]["receivable_fen"], found[SALON]["payable_fen"]) == (4000, 0)
    assert sum(s["net_fen"] for s in found.values()) == 0
    with engine.connect() as conn:
        pays = alliance_settlement.settlement(conn, "A1", "2026-11")
    # Pair by pair: fashion owes the café 500 - 86 - 433 = -19, so the café pays fashion 19;
    # fashion pays the salon 2000; the café pays the salon 2000.
    assert sorted((p["debtor"], p["creditor"], p["amount_fen"], len(p["entries"]))
                  for p in pays) == [(FASHION, SALON, 2000, 1), (CAFE, FASHION, 19, 3),
                                     (CAFE, SALON, 2000, 1)]
    # Every entry is on two statements, with opposite signs.
    lines = [ln for s in found.values() for ln in s["lines"]]
    assert len(lines) == 10 and sum(ln["amount_fen"] for ln in lines) == 0


def test_a_statement_as_csv(db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    with engine.begin() as conn:
        alliance_settlement.close_period(conn, "A1", "2026-11", "财务", DEC_2)
    done = _cli(url, "statement", "--alliance", "A1", "--merchant", SALON, "--period",
                "2026-11", "--format", "csv", "--out", str(tmp_path / "s.csv"))
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "s.csv").read_bytes()
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["alliance", "A1", "merchant", SALON, "period", "2026-11"]
    assert rows[0][7] == "2026-12-02T09:00:00+08:00"  # closed at 09:00 in Shanghai
    body = [[r[0], r[1], r[2], r[3], r[5], r[6], r[7]] for r in rows[2:]]
    assert [r[4] for r in rows[4:6]] == ["1", "1"]  # a kind's count of lines
    assert body == [
        ["line", FASHION, "commission", "sale-f3", "0", "2000", "￥20.00"],
        ["line", CAFE, "coupon_funded_redeemed", "coupon-Q1", "0", "2000", "￥20.00"],
        ["kind_total", "", "commission", "", "0", "2000", "￥20.00"],
        ["kind_total", "", "coupon_funded_redeemed", "", "0", "2000", "￥20.00"],
        ["partner_total", FASHION, "", "", "", "2000", "￥20.00"],
        ["partner_total", CAFE, "", "", "", "2000", "￥20.00"],
        ["receivable", "", "", "", "", "4000", "￥40.00"],
        ["payable", "", "", "", "", "0", "￥0.00"],
        ["net", "", "", "", "", "4000", "￥40.00"]]
    text = _cli(url, "statement", "--alliance", "A1", "--merchant", SALON, "--period",
                "2026-11", "--lang", "en")
    assert "Net: ￥40.00" in text.stdout and "closed 2026-12-02T09:00:00+08:00" in text.stdout


def test_the_command_line_records_closes_once_and_refuses_in_sentences(
        db: tuple[str, Engine], tmp_path: Path) -> None:
    url, _ = db
    _alliance_with_agreements(url, tmp_path)
    record = ("record", "--alliance", "A1", "--issuer", FASHION, "--partner", CAFE,
              "--date", "2026-11-20", "--kind")
    done = _cli(url, *record, "points_spent_at_partner", "--points", "1200", "--source", "L-9")
    assert done.returncode == 0, done.stderr
    refused = _cli(url, "record", "--alliance", "A1", "--issuer", SALON, "--partner", FASHION,
                   "--date", "2026-11-20", "--kind", "points_spent_at_partner", "--points",
                   "10", "--source", "L-10")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "kaika-headoffice: The agreement does not let issuer points be spent at this "
        "partner. (field=kind) [alliance.points_not_spendable_here]")
    outside = _cli(url, *record[:-2], "2026-10-31", "--kind", "commission", "--sale-fen",
                   "100", "--source", "S-1")
    assert outside.returncode == 1 and "[alliance.no_agreement]" in outside.stderr
    close = ("close", "--alliance", "A1", "--period", "2026-11", "--by", "财务")
    assert _cli(url, *close).returncode == 0
    again = _cli(url, *close)
    assert again.returncode == 1 and "[alliance.period_closed]" in again.stderr
    text = _cli(url, "statement", "--alliance", "A1", "--merchant", CAFE, "--period", "2026-11")
    assert text.returncode == 0
    assert "应收: ￥12.00" in text.stdout and "净额: ￥12.00" in text.stdout
    assert f"{FASHION}  在合作方使用积分  L-9  积分 1200  ￥12.00" in text.stdout
    assert "在合作方使用积分  笔数 1  积分 1200  ￥12.00" in text.stdout


def test_terms_change_by_ending_an_agreement_and_starting_another(
        db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    with engine.connect() as conn:
        cafe_id = alliance.list_agreements(conn, "A1")[0]["id"]
    new_terms = Agreement(issuer=FASHION, partner=CAFE, starts_on=date(2027, 1, 1),
                          commission_bp=800)

    def refused(last_day: date) -> str:
        with engine.begin() as conn, pytest.raises(DomainError) as err:
            alliance.end_agreement(conn, "A1", cafe_id, last_day, DEC_2)
        return err.value.code

    with engine.begin() as conn, pytest.raises(DomainError) as err:
        alliance.add_agreements(conn, "A1", [new_terms], DEC_2)
    assert err.value.code == "alliance.overlapping_agreement"
    assert refused(date(2026, 12, 1)) == "alliance.end_in_past"  # Shanghai's 2 December
    with engine.begin() as conn:
        ended = alliance.end_agreement(conn, "A1", cafe_id, date(2026, 12, 31), DEC_2)
        alliance.add_agreements(conn, "A1", [new_terms], DEC_2)
    assert ended["ends_on"] == "2026-12-31"
    assert refused(date(2027, 3, 31)) == "alliance.overlapping_agreement"
    # ¥86.50 on 31 December: 5 % (433 fen); on 1 January: 8 % (692 fen).
    with engine.begin() as conn:
        amounts = [alliance_settlement.record_entry(conn, "A1", NewEntry(
            "commission", FASHION, CAFE, day, f"sale-{day}", sale_fen=8650), DEC_2)["amount_fen"]
            for day in (date(2026, 12, 31), date(2027, 1, 1))]
    assert amounts == [433, 692]
    # The same pair in another alliance may not have other terms on the same days.
    with engine.begin() as conn:
        alliance.create_alliance(conn, "A2", "", DEC_2)
        for merchant in (FASHION, CAFE):
            alliance.add_merchant(conn, "A2", merchant, DEC_2)
    with engine.begin() as conn, pytest.raises(DomainError) as err:
        alliance.add_agreements(conn, "A2", [replace(new_terms, starts_on=date(2027, 6, 1))],
                                DEC_2)
    assert err.value.code == "alliance.overlapping_agreement"
    done = _cli(url, "end-agreement", "--alliance", "A1", "--id", "no-such", "--on",
                "2030-01-01")
    assert done.returncode == 1 and "[alliance.agreement_unknown]" in done.stderr


def test_agreements_travel_to_the_partners_tills(db: tuple[str, Engine],
                                                 tmp_path: Path) -> None:
    """Each agreement is an item of the partner merchant's feed (what its tills pull), with the
    issuer's card brand; ending it sends a new version."""
    url, engine = db
    _alliance_with_agreements(url, tmp_path)

    def items() -> dict[tuple[str, str], tuple[int, dict[str, object]]]:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(merchants.c.code, catalog_items.c.version,
                                          catalog_items.c.data).join(
                merchants, merchants.c.id == catalog_items.c.merchant_id).where(
                catalog_items.c.entity == "alliance_agreement"))
            return {(r.code, str(r.data["issuer"])): (r.version, dict(r.data)) for r in rows}

    with engine.connect() as conn:
        brands = dict(conn.execute(sa.select(merchants.c.code, merchants.c.brand)).all())
        cafe_id = alliance.list_agreements(conn, "A1")[0]["id"]
        fed = set(conn.execute(sa.select(merchants.c.code, merchant_feed.c.entity_id).join(
            merchants, merchants.c.id == merchant_feed.c.merchant_id).where(
            merchant_feed.c.entity == "alliance_agreement")).all())
    found = items()
    assert set(found) == {(CAFE, FASHION), (FASHION, SALON)}
    version, data = found[(CAFE, FASHION)]
    assert version == 1 and data["issuer_brand"] == brands[FASHION]
    assert data["id"] == cafe_id and data["commission_bp"] == 500 and data["alliance"] == "A1"
    assert (CAFE, cafe_id) in fed and len(fed) == 2
    assert partner_terms(data).agreement == Agreement(
        issuer=FASHION, partner=CAFE, starts_on=date(2026, 11, 1),
        discount_bp={"regular": 1000, "new": 500}, points_per_yuan=1, points_spendable=True,
        point_value_fen=1, commission_bp=500)
    with engine.begin() as conn:
        alliance.end_agreement(conn, "A1", cafe_id, date(2026, 12, 31), DEC_2)
    version, data = items()[(CAFE, FASHION)]
    assert (version, data["ends_on"]) == (2, "2026-12-31")


KINDS = ["points_issued_by_partner", "points_spent_at_partner", "coupon_funded_redeemed",
         "commission"]
TRADE = st.lists(st.tuples(st.sampled_from(KINDS), st.permutations([0, 1, 2]),
                           st.integers(-5000, 5000), st.integers(1, 30)), max_size=12)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(trade=TRADE)
def test_kept_statements_net_to_zero_over_random_trade(
        db: tuple[str, Engine], trade: list[tuple[str, list[int], int, int]]) -> None:
    """Three new merchants each honour the others' cards (1 point a yuan at 2 fen, 3 %
    commission); random November trade is recorded, November closed: the kept statements
    net to zero and each equals the sum of its lines."""
    _, engine = db
    code = f"R{next(_ALLIANCES)}"
    trio = [f"{code}{role}" for role in "FCS"]
    for merchant in trio:
        tenancy.add_store(engine, tenancy.NewStore(merchant, f"{merchant}S", merchant), SET_UP)
    terms = [Agreement(issuer=a, partner=b, starts_on=date(2026, 11, 1), points_per_yuan=1,
                       points_spendable=True, point_value_fen=2, commission_bp=300)
             for a in trio for b in trio if a != b]
    with engine.begin() as conn:
        alliance.create_alliance(conn, code, "", SET_UP)
        for merchant in trio:
            alliance.add_merchant(conn, code, merchant, SET_UP)
        alliance.add_agreements(conn, code, terms, SET_UP)
        for n, (kind, (issuer, partner, _), figure, day) in enumerate(trade):
            alliance_settlement.record_entry(conn, code, NewEntry(
                kind, trio[issuer], trio[partner], date(2026, 11, day), f"src-{n}",
                points=figure if kind.startswith("points") else 0, sale_fen=figure,
                amount_fen=figure), DEC_2)
        alliance_settlement.close_period(conn, code, "2026-11", "财务", DEC_2)
        kept = [alliance_settlement.statement(conn, code, m, "2026-11") for m in trio]
    assert sum(s["net_fen"] for s in kept) == 0
    for s in kept:
        assert s["net_fen"] == sum(line["amount_fen"] for line in s["lines"])
        assert s["net_fen"] == s["receivable_fen"] - s["payable_fen"]
    assert sum(len(s["lines"]) for s in kept) == 2 * len(trade)


def _set_up_directly(engine: Engine) -> None:
    with engine.begin() as conn:
        alliance.create_alliance(conn, "A1", "", SET_UP)
        for merchant in (FASHION, CAFE):
            alliance.add_merchant(conn, "A1", merchant, SET_UP)
        alliance.add_agreements(conn, "A1", [Agreement(
            issuer=FASHION, partner=CAFE, starts_on=date(2026, 11, 1), commission_bp=500)],
            SET_UP)


LATE_SALE = NewEntry("commission", FASHION, CAFE, date(2026, 11, 20), "sale-late", sale_fen=100)


def _wait_for_a_lock_wait(engine: Engine) -> None:
    """Until another session of this database waits for a lock (it is blocked, not slow)."""
    ask = sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                  "AND wait_event_type = 'Lock'")
    for _ in range(3000):
        with engine.connect() as conn:
            if conn.execute(ask).scalar():
                return
        time.sleep(0.01)
    raise AssertionError("the entry never waited for the close")


@pytest.mark.postgres
def test_an_entry_recorded_while_a_period_closes_goes_to_the_next(pg: PgDatabases) -> None:
    engine = make_engine(pg.fresh())
    try:
        for merchant, store in ((FASHION, "F01"), (CAFE, "C01")):
            tenancy.add_store(engine, tenancy.NewStore(merchant, store, store), SET_UP)
        _set_up_directly(engine)
        recorded: list[dict[str, object]] = []

        def record() -> None:
            with engine.begin() as conn:
                recorded.append(alliance_settlement.record_entry(conn, "A1", LATE_SALE, DEC_2))

        with engine.connect() as closing:
            with closing.begin():
                alliance_settlement.close_period(closing, "A1", "2026-11", "财务", DEC_2)
                worker = threading.Thread(target=record)
                worker.start()
                _wait_for_a_lock_wait(engine)
            worker.join()
        assert [(r["period"], r["amount_fen"]) for r in recorded] == [("2026-12", 5)]
        with engine.connect() as conn:
            assert alliance_settlement.statement(conn, "A1", CAFE, "2026-11")["lines"] == []
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_under_repeatable_read_an_entry_read_before_a_close_is_refused_then_retried(
        pg: PgDatabases) -> None:
    engine = make_engine(pg.fresh())
    try:
        for merchant, store in ((FASHION, "F01"), (CAFE, "C01")):
            tenancy.add_store(engine, tenancy.NewStore(merchant, store, store), SET_UP)
        _set_up_directly(engine)
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as ingest:
            ingest.begin()
            ingest.execute(sa.text("SELECT 1 FROM alliances"))  # the snapshot is taken here
            with engine.begin() as closing:
                alliance_settlement.close_period(closing, "A1", "2026-11", "财务", DEC_2)
            with pytest.raises(DBAPIError) as err:
                alliance_settlement.record_entry(ingest, "A1", LATE_SALE, DEC_2)
            assert getattr(err.value.orig, "sqlstate", None) == "40001"
            ingest.rollback()
        again = retrying(engine, lambda conn: alliance_settlement.record_entry(
            conn, "A1", LATE_SALE, DEC_2),
                         isolation_level="REPEATABLE READ")
        assert again["period"] == "2026-12"
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_one_fact_sent_by_two_sessions_at_once_is_recorded_once(pg: PgDatabases) -> None:
    engine = make_engine(pg.fresh())
    try:
        for merchant, store in ((FASHION, "F01"), (CAFE, "C01")):
            tenancy.add_store(engine, tenancy.NewStore(merchant, store, store), SET_UP)
        _set_up_directly(engine)
        second: list[dict[str, object]] = []

        def record() -> None:
            with engine.begin() as conn:
                second.append(alliance_settlement.record_entry(conn, "A1", LATE_SALE, DEC_2))

        with engine.connect() as conn:
            with conn.begin():
                first = alliance_settlement.record_entry(conn, "A1", LATE_SALE, DEC_2)
                worker = threading.Thread(target=record)
                worker.start()
                _wait_for_a_lock_wait(engine)  # the second waits on the first's new row
            worker.join()
        assert first["repeated"] is False
        assert [(r["id"], r["repeated"]) for r in second] == [(first["id"], True)]
        with engine.connect() as conn:
            assert len(alliance_settlement.statement(conn, "A1", CAFE, "2026-11")["lines"]) == 1
    finally:
        engine.dispose()
