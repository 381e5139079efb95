"""The alliance's printed side: a statement as an A4 PDF whose Chinese text is drawn by its
font, and rule 5's activity report (a merchant's members at partners, partners' members at
its stores) with figures worked by hand, on PostgreSQL (and SQLite)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from domain.errors import DomainError
from headoffice import alliance_settlement
from headoffice.alliance_settlement import NewEntry
from tests.headoffice.test_alliance import (
    CAFE,
    DEC_2,
    FASHION,
    SALON,
    _alliance_with_agreements,
    _cli,
    _november,
    db,
)
from tests.sync.harness import BIN

__all__ = ["db"]  # the fixture, shared with test_alliance
UNIGB_CMAP = Path("/usr/share/poppler/cMap/Adobe-GB1/UniGB-UCS2-H")  # Debian: poppler-data


def _drawable() -> set[int]:
    """The code points the PDF's font (STSong-Light through UniGB-UCS2-H) has a glyph for."""
    text = UNIGB_CMAP.read_text(encoding="latin-1")
    found: set[int] = set()
    for low, high, _ in re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*(\d+)", text):
        found.update(range(int(low, 16), int(high, 16) + 1))
    for single, _ in re.findall(r"^<([0-9a-f]{4})>\s+(\d+)\s*$", text, flags=re.M):
        found.add(int(single, 16))
    return found


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_closed_statement_as_a_pdf_in_chinese(db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    with engine.begin() as conn:
        alliance_settlement.close_period(conn, "A1", "2026-11", "财务", DEC_2)
    out = tmp_path / "fashion.pdf"
    done = _cli(url, "statement", "--alliance", "A1", "--merchant", FASHION, "--period",
                "2026-11", "--format", "pdf", "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = _pdf_text(out.read_bytes())
    # Fashion: receivable 19 (the café: 86 + 433 - 500), payable 2000 (the salon), net -1981.
    for shown in ("联盟结算单", "商户", FASHION, "已结算 2026-12-02T09:00:00+08:00",
                  "应收", "￥0.19", "应付", "￥20.00", "净额", "-￥19.81",
                  "合作方代发积分", "在合作方使用积分", "佣金", "sale-c1", "ledger-f7", "sale-f3"):
        assert shown in text, shown
    if UNIGB_CMAP.exists():
        missing = {ch for ch in text if ord(ch) > 0x7E and ord(ch) not in _drawable()}
        assert not missing, f"the font has no glyph for {sorted(missing)}"


def test_a_provisional_statement_as_a_pdf_in_english_on_standard_output(
        db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    done = subprocess.run([str(BIN / "kaika-headoffice"), "alliance", "statement", "--db", url,
                           "--alliance", "A1", "--merchant", SALON, "--period", "2026-11",
                           "--format", "pdf", "--lang", "en"], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = _pdf_text(done.stdout)
    assert "Alliance statement" in text and "provisional (not closed)" in text
    assert "Net" in text and "￥40.00" in text and "coupon funded, redeemed" in text


def _more_cafe_trade(engine: Engine) -> None:
    """A return at the café of ¥20.00 of the 3 November sale (20 points and 5 % commission
    back: -20 points, -100 fen) and another fashion member's ¥30.00 sale there (30 points,
    150 fen commission)."""
    with engine.begin() as conn:
        for new in (
                NewEntry("points_issued_by_partner", FASHION, CAFE, date(2026, 11, 20),
                         "ret-c1", points=-20),
                NewEntry("commission", FASHION, CAFE, date(2026, 11, 20), "ret-c1",
                         sale_fen=-2000),
                NewEntry("points_issued_by_partner", FASHION, CAFE, date(2026, 11, 25),
                         "sale-c2", points=30),
                NewEntry("commission", FASHION, CAFE, date(2026, 11, 25), "sale-c2",
                         sale_fen=3000)):
            alliance_settlement.record_entry(conn, "A1", new, DEC_2)


def _activity(url: str, merchant: str, *days: str, fmt: str = "json") -> str:
    done = _cli(url, "activity", "--alliance", "A1", "--merchant", merchant, *days,
                "--format", fmt)
    assert done.returncode == 0, done.stderr
    return done.stdout


ZERO = dict.fromkeys(("sales", "returns", "sale_fen", "points_earned", "points_spends",
                      "points_spent", "commission_fen", "coupons", "coupon_fen"), 0)


def test_activity_both_ways_with_the_hand_figures(db: tuple[str, Engine],
                                                  tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    _more_cafe_trade(engine)
    fashion = json.loads(_activity(url, FASHION, "--period", "2026-11"))
    # Fashion's members at the café: sales sale-c1 and sale-c2, the return ret-c1;
    # bought 8650 - 2000 + 3000 = 9650 fen; earned 86 - 20 + 30 = 96 points; paid once with
    # 500 points; commission 433 - 100 + 150 = 483 fen.
    cafe_row = {**ZERO, "counterparty": CAFE, "name": "M002", "sales": 2, "returns": 1,
                "sale_fen": 9650, "points_earned": 96, "points_spends": 1,
                "points_spent": 500, "commission_fen": 483}
    assert fashion["ours_at_partners"] == [cafe_row]
    # The salon's member bought ¥1,000.00 at fashion (2 % commission: 2000 fen).
    salon_row = {**ZERO, "counterparty": SALON, "name": "M003", "sales": 1,
                 "sale_fen": 100000, "commission_fen": 2000}
    assert fashion["partners_here"] == [salon_row]
    assert fashion["partners_here_total"] == {k: salon_row[k] for k in ZERO}
    assert (fashion["from"], fashion["to"]) == ("2026-11-01", "2026-11-30")
    cafe = json.loads(_activity(url, CAFE, "--period", "2026-11"))
    # The café sees the same trade from its side, and its ¥20.00 coupon redeemed at the salon.
    assert cafe["partners_here"] == [{**cafe_row, "counterparty": FASHION, "name": "M001"}]
    assert cafe["ours_at_partners"] == [{**ZERO, "counterparty": SALON, "name": "M003",
                                         "coupons": 1, "coupon_fen": 2000}]
    salon = json.loads(_activity(url, SALON, "--period", "2026-11"))
    assert salon["ours_at_partners"] == [{**salon_row, "counterparty": FASHION,
                                          "name": "M001"}]


def test_activity_for_a_range_of_days_holds_no_sale_or_member(
        db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    _more_cafe_trade(engine)
    text = _activity(url, FASHION, "--from", "2026-11-01", "--to", "2026-11-10")
    found = json.loads(text)
    # Only 3 and 9 November: sale-c1 (¥86.50, 86 points, 433 fen) and the 500-point spend.
    assert found["ours_at_partners"] == [{
        **ZERO, "counterparty": CAFE, "name": "M002", "sales": 1, "sale_fen": 8650,
        "points_earned": 86, "points_spends": 1, "points_spent": 500, "commission_fen": 433}]
    assert found["partners_here"] == [] and found["partners_here_total"] == ZERO
    # Figures per merchant only: no sale, ledger entry or member of another merchant.
    assert not re.search(r"sale-|ledger-|coupon-|ret-", text)


def test_activity_as_csv_and_text_and_its_refusals(db: tuple[str, Engine],
                                                   tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    _november(engine)
    data = _activity(url, FASHION, "--period", "2026-11", fmt="csv")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert data.startswith("\ufeff")
    assert rows[0] == ["alliance", "A1", "merchant", FASHION, "from", "2026-11-01", "to",
                       "2026-11-30"]
    assert rows[1][:5] == ["direction", "counterparty", "counterparty_name", "sales", "returns"]
    assert rows[2] == ["ours_at_partners", CAFE, "M002", "1", "0", "8650", "86", "1", "500",
                       "433", "0", "0"]
    assert rows[3][:2] == ["ours_at_partners", "total"] and rows[5][:2] == ["partners_here",
                                                                            "total"]
    assert rows[4] == ["partners_here", SALON, "M003", "1", "0", "100000", "0", "0", "0",
                       "2000", "0", "0"]
    zh = _activity(url, FASHION, "--period", "2026-11", fmt="text")
    assert "本商户会员在合作商户的消费" in zh and "消费金额: ￥86.50" in zh
    en = _cli(url, "activity", "--alliance", "A1", "--merchant", FASHION, "--period",
              "2026-11", "--lang", "en").stdout
    assert "Partners' members at our stores" in en and "Commission: ￥20.00" in en
    backwards = _cli(url, "activity", "--alliance", "A1", "--merchant", FASHION,
                     "--from", "2026-11-10", "--to", "2026-11-01")
    assert backwards.returncode != 0 and "[alliance.bad_range]" in backwards.stderr
    assert "is before the first" in backwards.stderr
    stranger = _cli(url, "activity", "--alliance", "A1", "--merchant", "M009", "--period",
                    "2026-11")
    assert "[alliance.merchant_not_member]" in stranger.stderr


@pytest.mark.parametrize("period", ["2026-13", "26-11"])
def test_activity_refuses_a_bad_period(db: tuple[str, Engine], tmp_path: Path,
                                       period: str) -> None:
    url, _ = db
    _alliance_with_agreements(url, tmp_path)
    done = _cli(url, "activity", "--alliance", "A1", "--merchant", FASHION, "--period", period)
    assert done.returncode != 0 and "[alliance.bad_period]" in done.stderr


def test_a_commission_sent_again_with_another_sale_amount_is_refused(
        db: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = db
    _alliance_with_agreements(url, tmp_path)
    sale = NewEntry("commission", FASHION, CAFE, date(2026, 11, 3), "sale-c9", sale_fen=8650)
    with engine.begin() as conn:
        first = alliance_settlement.record_entry(conn, "A1", sale, DEC_2)
        again = alliance_settlement.record_entry(conn, "A1", sale, DEC_2)
    assert (again["id"], again["repeated"], first["amount_fen"]) == (first["id"], True, 433)
    with engine.begin() as conn, pytest.raises(DomainError) as err:
        alliance_settlement.record_entry(conn, "A1", replace(sale, sale_fen=8700), DEC_2)
    assert err.value.code == "alliance.source_reused"
