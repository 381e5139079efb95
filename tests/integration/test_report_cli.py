"""`kaika report`, `kaika import members` and `kaika export segment` on a real store file."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.bootstrap import open_app
from desktop.cli import main
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, rewards, shifts
from domain.services.members import find_by_card
from domain.services.setup import new_settings
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer

DAY = "2025-05-06"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A day at the demo store: A pays ￥599 with 1,000 points and cash (earns 998 at × 2),
    B gets a +300 adjustment, the cashier's shift closes ￥1.00 short."""
    path = tmp_path / "store.sqlite3"
    clock = FixedClock(datetime.fromisoformat(f"{DAY}T10:00:00+08:00"))
    app = open_app(path, clock=clock, settings=new_settings())
    try:
        cards = load_demo(app.ctx)
        cashier = login(app.ctx, "1001", "1357").id
        manager = login(app.ctx, "2001", "2468").id
        a, b = (find_by_card(app.ctx, n).member.id for n in cards[:2])
        rewards.adjust_points(app.ctx, a, 1000, "old card", manager)
        rewards.adjust_points(app.ctx, b, 300, "old card", manager)
        shift = shifts.open_shift(app.ctx, cashier, 20000)
        cart = carts.start_sale(app.ctx, cashier, shift.id)
        cart = replace(cart, member_id=a)
        cart = carts.add_item(app.ctx, cart, "A1001")
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.POINTS, points=1000))
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        checkout.complete(app.ctx, cart)
        shifts.close_shift(app.ctx, cashier, 20000 + 49900 - 100)
    finally:
        app.close()
    return path


def run(capsys: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err.decode("utf-8")


def test_points_report_as_text_json_and_csv(db: Path,
                                            capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = run(capsysbinary, "report", "points", "--date", DAY, "--db", str(db))
    text = out.decode("utf-8")
    assert code == 0 and text.splitlines()[0].strip() == "每日积分报表"
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for expected in ("期初积分 0", "消费积分(基础) +499", "倍数奖励 +499", "积分抵现 -1,000",
                     "手工调增 +1,300", "期末积分 1,298", "期末积分价值 ￥129.80", "核对 平衡"):
        assert any(line.endswith(expected) for line in lines), expected
    _, out, _ = run(capsysbinary, "report", "points", "--date", DAY, "--format", "json",
                    "--db", str(db))
    data = json.loads(out)
    assert (data["closing"], data["adds_up"], data["top_earners"][0]["name"]) == (
        1298, True, "张*")
    _, out, _ = run(capsysbinary, "report", "points", "--date", DAY, "--format", "csv",
                    "--db", str(db), "--lang", "en")
    rows = out.decode("utf-8-sig").splitlines()
    assert "Points movement,Outstanding at close,\"1,298\"" in rows
    assert rows[0] == "Daily points report"


def test_points_report_as_pdf_carries_the_figures(db: Path, tmp_path: Path,
                                                  capsysbinary: pytest.CaptureFixture[bytes]
                                                  ) -> None:
    pdf = tmp_path / "points.pdf"
    code, _, _ = run(capsysbinary, "report", "points", "--date", DAY, "--format", "pdf",
                     "--out", str(pdf), "--db", str(db))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes()))
                     .pages)
    for expected in ("每日积分报表", "期初积分", "期末积分", "1,298", "￥129.80", "平衡",
                     "积分前十", "张*"):
        assert expected in text, expected


@pytest.mark.parametrize("width", ["58", "80"])
def test_points_report_printed_on_the_receipt_printer(
        db: Path, width: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with PrinterPeer("tcp") as peer:
        code, _, err = run(capsysbinary, "report", "points", "--date", DAY, "--format", "escpos",
                           "--printer", peer.address, "--width", width, "--db", str(db))
        log = peer.wait_for(lambda log: log.cuts == 1)
    assert code == 0 and "printed" in err
    page = [" ".join(line.split()) for line in log.pages[0]]
    assert page[0] == "每日积分报表"
    assert "营业日 2025-05-06" in page
    assert "期末积分 1,298" in page and "核对 平衡" in page
    assert "消费使用 · 积分抵现 -1,000" in page


def test_z_report_shows_tenders_and_the_cash_over_short(
        db: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = run(capsysbinary, "report", "z", "--date", DAY, "--db", str(db), "--lang",
                       "en")
    lines = [" ".join(line.split()) for line in out.decode("utf-8").splitlines()]
    assert code == 0
    for expected in ("Sales ￥599.00", "Expected ￥699.00", "Counted ￥698.00",
                     "Over/short -￥1.00", "Points ￥100.00 ￥0.00 ￥100.00"):
        assert any(line.endswith(expected) for line in lines), expected


def test_a_report_of_a_missing_database_is_refused(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, _, err = run(capsysbinary, "report", "z", "--db", str(tmp_path / "none.sqlite3"))
    assert code == 1 and "[store.db_missing]" in err
    assert not (tmp_path / "none.sqlite3").exists()


def test_right_after_the_demo_the_report_names_the_demo_store_and_db(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """`./dev.sh run` made demo-store.sqlite3 in the data folder; the report looks for the
    default store.sqlite3 there and says which store files exist and how to choose one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("KAIKA_DB", raising=False)
    demo = tmp_path / "Kaika" / "demo-store.sqlite3"
    demo.parent.mkdir()
    demo.write_bytes(b"")
    code, _, err = run(capsysbinary, "report", "points", "--date", DAY)
    text = " ".join(err.split())
    assert code == 1
    assert text.startswith(f"kaika: There is no store database at {tmp_path / 'Kaika'}")
    assert f"Store databases found: {demo}. Choose one with --db PATH" in text
    assert text.endswith("[store.db_missing]") and "(path=" not in text


def test_import_dry_run_then_import_then_export(
        db: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes],
        monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "old.csv"
    source.write_bytes("名字,电话,分\n陈一,13500135000,100\n钱二,12,5\n孙三,13500135001,x\n"
                       .encode("gb18030"))
    args = ["import", "members", str(source), "--map", "名字=name,电话=mobile,分=points",
            "--db", str(db)]
    code, out, err = run(capsysbinary, *args, "--dry-run")  # reads only: nobody logs in
    assert code == 1
    assert err.splitlines() == ["row 3, column 电话: form.mobile_invalid",
                                "row 4, column 分: import.points_invalid (value=x)"]
    assert "1 row(s) would be imported, 2 bad row(s)" in out.decode("utf-8")
    code, _, err = run(capsysbinary, *args)
    assert code == 1 and "staff.actor_required" in err  # nobody said who imports
    monkeypatch.setenv("KAIKA_PIN", "1357")
    code, _, err = run(capsysbinary, *args, "--staff", "1001")  # the cashier may not
    assert code == 1 and "staff.not_allowed" in err
    monkeypatch.setenv("KAIKA_PIN", "2468")
    code, out, err = run(capsysbinary, *args, "--staff", "2001")  # bad rows: nothing half-done
    assert code == 2 and "2 bad row(s); nothing was imported" in err
    code, out, _ = run(capsysbinary, *args, "--staff", "2001", "--leave-bad-rows-out")
    assert code == 0 and "imported 1 member(s) with 100 points" in out.decode("utf-8")
    target = tmp_path / "never.csv"
    code, out, _ = run(capsysbinary, "export", "segment", "never", "--out", str(target),
                       "--all", "--staff", "2001", "--db", str(db))
    assert code == 0
    exported = target.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in exported[1:]] == ["李四", "王五", "陈一"]


UNIGB_CMAP = Path("/usr/share/poppler/cMap/Adobe-GB1/UniGB-UCS2-H")  # Debian: poppler-data


def _drawable() -> set[int]:
    """The code points the PDF's font (STSong-Light through UniGB-UCS2-H) has a glyph for."""
    import re

    text = UNIGB_CMAP.read_text(encoding="latin-1")
    found: set[int] = set()
    for low, high, _ in re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*(\d+)", text):
        found.update(range(int(low, 16), int(high, 16) + 1))
    for single, _ in re.findall(r"^<([0-9a-f]{4})>\s+(\d+)\s*$", text, flags=re.M):
        found.add(int(single, 16))
    return found


@pytest.mark.skipif(not UNIGB_CMAP.exists(), reason="the font's character map (poppler-data)")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_character_of_a_pdf_report_is_one_its_font_draws(
        db: Path, tmp_path: Path, lang: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """"Bonus · lucky draw": the middle dot is drawn as GB2312's own (・), never as "�"."""
    pdf = tmp_path / "z.pdf"
    for kind in ("points", "z"):
        code, _, _ = run(capsysbinary, "report", kind, "--date", DAY, "--format", "pdf",
                         "--out", str(pdf), "--db", str(db), "--lang", lang)
        assert code == 0
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes()))
                       .pages)
        missing = {ch for ch in text if ord(ch) > 0x7E and ord(ch) not in _drawable()}
        assert not missing, f"{kind}: the font has no glyph for {sorted(missing)}"
        assert "・" in text  # the report's "earned · bonus" style labels
