"""Every export is safe to open: members and staff named like formulas come out quoted, and
negative money and points stay numbers (issue 9). Files are read back as a spreadsheet would
be given them: with the csv module, from the bytes on disk."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from desktop.bootstrap import App, open_app
from desktop.cli import main
from desktop.demo_data import load_demo
from desktop.viewmodels.audit_view import AuditModel
from desktop.viewmodels.desk_events import EventsDesk
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.lookup import LookupModel
from domain.clock import FixedClock
from domain.records import Role, TenderKind
from domain.services import cart as carts
from domain.services import checkout, members, returns, shifts
from domain.services.campaigns import InvitationRule
from domain.services.setup import new_settings
from domain.services.staff import add_staff, login

DAY = "2025-05-06"
PAYLOADS = ("=cmd|' /C calc'!A0", "+SUM(1+1)", "@SUM(1)", "-2+3+cmd|' /C calc'!A0")
# What a spreadsheet runs: a cell starting with one of these that is not a plain number.
_TRIGGER = tuple("=+-@\t\r＝＋－＠")
_NUMBER = re.compile(r"[+-]?[￥¥]?[0-9][0-9,]*(\.[0-9]+)?%?")


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def cells_of(data: bytes) -> list[str]:
    return [cell for row in rows_of(data) for cell in row]


def assert_safe(data: bytes, *expected: str) -> list[str]:
    """No cell a spreadsheet would run; a cell starts with each `expected` text, quoted."""
    cells = cells_of(data)
    live = [c for c in cells if c.startswith(_TRIGGER) and c != "-" and not _NUMBER.fullmatch(c)]
    assert live == []
    for text in expected:
        assert any(c.startswith("'" + text) for c in cells), text
    return cells


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store named like a formula: four members named like formulas buy today from a
    cashier named like one; one sale is returned, so refunds are negative money."""
    path = tmp_path / "store.sqlite3"
    app = open_app(path, clock=FixedClock(datetime.fromisoformat(f"{DAY}T10:00:00+08:00")),
                   settings=new_settings(name=PAYLOADS[1]))
    try:
        load_demo(app.ctx)
        admin = login(app.ctx, "0001", "8024").id
        for i, name in enumerate(PAYLOADS):
            add_staff(app.ctx, f"50{i}", name, Role.CASHIER, "1357", by=admin)
            login(app.ctx, f"50{i}", "1357")  # each on the audit trail by name
        cashier = login(app.ctx, "500", "1357")
        shift = shifts.open_shift(app.ctx, cashier.id, 20000)
        receipts = [_buy(app, cashier.id, shift.id, i, name) for i, name in enumerate(PAYLOADS)]
        returns.return_with_receipt(app.ctx, receipts[0], {1: 1}, cashier.id, shift.id)
        shifts.close_shift(app.ctx, cashier.id, 20000)
    finally:
        app.close()
    return path


def _buy(app: App, cashier: str, shift: str, i: int, name: str) -> str:
    done = members.register(app.ctx, {"name": name, "mobile": f"1360013600{i}",
                                      "privacy_accepted": True, "consent_marketing": True},
                            login(app.ctx, "3001", "3579").id)
    cart = carts.start_sale(app.ctx, cashier, shift)
    cart = replace(cart, member_id=done.member.id)
    cart = carts.add_item(app.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    return checkout.complete(app.ctx, cart).sale.receipt_no


def cli(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> bytes:
    assert main(list(argv)) == 0
    return capsysbinary.readouterr().out


def test_reports_from_the_command_line(db: Path,
                                       capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    z = cli(capsysbinary, "report", "z", "--date", DAY, "--format", "csv", "--db", str(db))
    cells = assert_safe(z, PAYLOADS[1])  # the store's name
    assert any(c.startswith("-￥") for c in cells)  # the refund: a number, not quoted
    points = cli(capsysbinary, "report", "points", "--date", DAY, "--format", "csv",
                 "--db", str(db))
    cells = assert_safe(points, PAYLOADS[1])
    assert any(c.startswith("-") and _NUMBER.fullmatch(c) for c in cells)  # points taken back
    # The top earners' names are masked (=****…0) and still must not run.
    assert any(c.startswith("'=") and "*" in c for c in cells)


def test_segment_export_from_the_command_line(db: Path, tmp_path: Path,
                                              capsysbinary: pytest.CaptureFixture[bytes],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "light.csv"
    monkeypatch.setenv("KAIKA_PIN", "2468")
    cli(capsysbinary, "export", "segment", "light", "--out", str(out), "--staff", "2001",
        "--db", str(db))
    assert_safe(out.read_bytes(), *PAYLOADS)
    named = {row[0]: row for row in rows_of(out.read_bytes())[1:]}
    # Only the text is quoted: mobile, points and revenue are as they were.
    row = named["'" + PAYLOADS[3]]
    assert row[1] == "13600136003" and row[4].isdigit() and _NUMBER.fullmatch(row[7])


@pytest.fixture
def app(db: Path) -> Iterator[App]:
    opened = open_app(db, clock=FixedClock(datetime.fromisoformat(f"{DAY}T18:00:00+08:00")))
    yield opened
    opened.close()


def test_audit_trail_export(app: App, tmp_path: Path) -> None:
    path = tmp_path / "audit.csv"
    assert AuditModel(TillEnv(app.ctx, "Kaika")).export(path) > 0
    assert_safe(path.read_bytes(), *PAYLOADS)  # every cashier logged in: staff names


def test_member_statement_and_invitation_list(app: App, tmp_path: Path) -> None:
    env = TillEnv(app.ctx, "Kaika")
    lookup = LookupModel(env)
    for name in PAYLOADS:
        (hit,) = [h for h in lookup.search(name) if h.name == name] or [None]
        assert hit is not None, name
        found = lookup.statement(hit.member_id, *lookup.default_period())
        assert_safe(lookup.csv(found).encode("utf-8"), name)
    path = tmp_path / "invited.csv"
    desk = EventsDesk(env, login(app.ctx, "3001", "3579"))
    assert desk.export_csv(desk.invitations(InvitationRule()), path) >= len(PAYLOADS)
    assert_safe(path.read_bytes(), *PAYLOADS)
