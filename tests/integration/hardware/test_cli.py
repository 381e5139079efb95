"""`kaika hardware ...` against the peers: what a store installer types, end to end."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from domain.cards import track2_data
from hardware.cli import SECRET_ENV, register
from hardware.peers.display_peer import DisplayPeer
from hardware.peers.line_peers import CardReaderPeer, ScannerPeer
from hardware.peers.msr605_peer import Msr605Peer
from hardware.peers.printer_peer import PrinterPeer
from hardware.tracks import Tracks

pytestmark = pytest.mark.timeout(30)
CARD = "1304401000125"
SECRET_HEX = "00112233445566778899"


def kaika(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="kaika")
    register(parser.add_subparsers())
    args = parser.parse_args(["hardware", *argv])
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("width", "columns"), [("58", 32), ("80", 48)])
def test_test_print_is_read_back_by_the_peer(capsys: pytest.CaptureFixture[str],
                                             printer_peer: PrinterPeer, width: str,
                                             columns: int) -> None:
    code, out, _ = kaika(capsys, "test-print", "--printer", printer_peer.address,
                         "--width", width, "--store-name", "开卡时装 徐汇店")
    assert code == 0 and "test page printed" in out
    log = printer_peer.wait_for(lambda log: log.cuts == 1)
    page = log.pages[0]
    assert page[:2] == ["测试页", "开卡时装 徐汇店"]
    assert f"合计{' ' * (columns - 12)}￥108.80" in page
    assert f"会员折扣 8.5折{' ' * (columns - 22)}-￥19.20" in page
    assert "〇一二三四五六七八九十 ￥￥" in page
    assert "".join(str(i % 10) for i in range(1, columns + 1)) in page
    assert log.qr == [f"KAIKA-TEST:{width}mm:gb18030"]
    assert log.barcodes == [("EAN13", "6901234567892")]


def test_test_print_in_gbk(capsys: pytest.CaptureFixture[str]) -> None:
    with PrinterPeer(encoding="gbk") as peer:
        code, _, _ = kaika(capsys, "test-print", "--printer", peer.address, "--encoding", "gbk")
        log = peer.wait_for(lambda log: log.cuts == 1)
    assert code == 0
    assert log.pages[0][0] == "测试页"
    assert log.qr == ["KAIKA-TEST:80mm:gbk"]


def test_test_print_through_the_kaika_command(printer_peer: PrinterPeer,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["hardware", "test-print", "--printer", printer_peer.address]) == 0
    assert printer_peer.wait_for(lambda log: log.cuts == 1).pages[0][0] == "测试页"


def test_paper_out_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str],
                                         printer_peer: PrinterPeer) -> None:
    printer_peer.emulator.paper_out = True
    code, out, err = kaika(capsys, "test-print", "--printer", printer_peer.address)
    assert code == 1 and out == ""
    assert err == (f"kaika: printer.paper_out: load a paper roll and close the cover; the "
                   f"receipt waits for reprint ({printer_peer.address})\n")


@pytest.mark.parametrize(("url", "expected"), [
    ("tcp://127.0.0.1:1", "kaika: printer.offline: not reachable"),
    ("tcp://", "kaika: device.address_invalid: the device URL is malformed"),
])
def test_unreachable_or_malformed_printer(capsys: pytest.CaptureFixture[str], url: str,
                                          expected: str) -> None:
    code, _, err = kaika(capsys, "test-print", "--printer", url)
    assert code == 1 and err.startswith(expected) and err.count("\n") == 1


def test_open_drawer(capsys: pytest.CaptureFixture[str], printer_peer: PrinterPeer) -> None:
    code, out, _ = kaika(capsys, "open-drawer", "--printer", printer_peer.address,
                         "--pin", "5", "--pulse-ms", "60")
    log = printer_peer.wait_for(lambda log: bool(log.drawer_pulses))
    assert code == 0 and out == "kaika: drawer pulse sent (pin 5, 60 ms)\n"
    assert [(p.pin, p.on_ms) for p in log.drawer_pulses] == [(5, 60)]


def test_encode_card_writes_and_verifies(capsys: pytest.CaptureFixture[str],
                                         msr605_peer: Msr605Peer,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET_HEX)
    code, out, _ = kaika(capsys, "encode-card", "--encoder", msr605_peer.address,
                         "--card", CARD, "--expiry", "3111")
    stripe = track2_data(CARD, "3111", bytes.fromhex(SECRET_HEX)).strip(";?")
    assert code == 0
    assert out == "kaika: card 1304*****0125 written and verified (track 2, expiry 3111)\n"
    assert msr605_peer.written == [Tracks(track2=stripe)]
    assert msr605_peer.coercivity == "H"


@pytest.mark.parametrize(("argv", "code"), [
    (["--card", CARD], "card.secret_missing"),
    (["--card", "1304401000126", "--secret-hex", SECRET_HEX], "card.bad_number"),
    (["--card", CARD, "--secret-hex", "zz"], "card.secret_invalid"),
])
def test_encode_card_refusals(capsys: pytest.CaptureFixture[str], msr605_peer: Msr605Peer,
                              monkeypatch: pytest.MonkeyPatch, argv: list[str],
                              code: str) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    status, _, err = kaika(capsys, "encode-card", "--encoder", msr605_peer.address, *argv)
    assert status == 1 and err.startswith(f"kaika: {code}: ")
    assert msr605_peer.written == []


def test_encode_card_that_fails_verification(capsys: pytest.CaptureFixture[str],
                                             msr605_peer: Msr605Peer) -> None:
    msr605_peer.corrupt_writes = True
    status, _, err = kaika(capsys, "encode-card", "--encoder", msr605_peer.address,
                           "--card", CARD, "--secret-hex", SECRET_HEX)
    assert status == 1
    assert err.splitlines()[-1] == ("kaika: encoder.verify_mismatch: the card reads back "
                                    "differently: use a new card")


def test_read_card_from_a_serial_reader_is_masked(capsys: pytest.CaptureFixture[str],
                                                  card_reader_peer: CardReaderPeer,
                                                  repeater: Any) -> None:
    swipe = Tracks("KAIKA^MEMBER", f"{CARD}=3111553")
    with repeater(lambda: card_reader_peer.swipe(swipe)):
        code, out, _ = kaika(capsys, "read-card", "--reader", card_reader_peer.address,
                             "--timeout", "5")
    assert code == 0
    assert out == ("track 1: KAIKA^******\ntrack 2: 1304*****0125=3111***\ntrack 3: -\n")


def test_read_card_refuses_a_bank_card(capsys: pytest.CaptureFixture[str],
                                       card_reader_peer: CardReaderPeer, repeater: Any) -> None:
    pan = "6011000000000004"
    with repeater(lambda: card_reader_peer.swipe(Tracks(f"B{pan}^X/Y^3012101",
                                                        f"{pan}=3012101"))):
        code, out, err = kaika(capsys, "read-card", "--reader", card_reader_peer.address)
    assert code == 1 and out == "" and pan not in err
    assert err.splitlines() == ["kaika: swipe a card...", "kaika: card.bank_card: this is a "
                                "bank card: take card payments on the bank terminal"]


def test_read_card_from_a_wedge_reader(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"%E?;{CARD}=3111553?\n"))
    code, out, _ = kaika(capsys, "read-card", "--reader", "wedge:")
    assert code == 0
    assert out == "track 1: unreadable (E)\ntrack 2: 1304*****0125=3111***\ntrack 3: -\n"


def test_scan_prints_codes_as_they_arrive(capsys: pytest.CaptureFixture[str],
                                          scanner_peer: ScannerPeer, repeater: Any) -> None:
    with repeater(lambda: scanner_peer.scan("2100123012503")):
        code, out, err = kaika(capsys, "scan", "--scanner", scanner_peer.address,
                               "--count", "2", "--timeout", "5")
    assert code == 0 and "scanning on" in err
    assert out == "weighed\t2100123012503\tplu=00123\tprice_fen=1250\n" * 2


def test_scan_a_video(capsys: pytest.CaptureFixture[str], code_video: Path) -> None:
    code, out, _ = kaika(capsys, "scan", "--scanner", str(code_video))
    assert code == 0
    assert out.splitlines() == ["text\tKAIKA:1304401000125", "gtin\t6901234567892",
                                f"text\t{CARD}", "weighed\t2100123012503\tplu=00123\t"
                                "price_fen=1250"]


def test_scan_from_a_wedge_reads_lines_and_reports_bad_ones(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("6901234567892\n会员\n96385074\n"))
    code, out, err = kaika(capsys, "scan", "--scanner", "wedge:")
    assert code == 0
    assert out == "gtin\t6901234567892\ngtin\t96385074\n"
    assert err.startswith("kaika: scanner.not_ascii")


def test_list_configured_devices(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                 printer_peer: PrinterPeer, display_peer: DisplayPeer) -> None:
    devices = tmp_path / "devices.toml"
    devices.write_text(
        f'[printer]\nurl = "{printer_peer.address}"\nwidth = 58\n\n[drawer]\npin = 2\n\n'
        f'[display]\nurl = "{display_peer.address}"\n\n[scanner]\nurl = "wedge:"\n\n'
        '[encoder]\nurl = "tcp://127.0.0.1:1"\n', encoding="utf-8")
    printer_peer.emulator.paper_near_end = True
    code, out, _ = kaika(capsys, "list", "--devices", str(devices))
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"devices from {devices}:"
    assert lines[1].split() == ["printer", "online", printer_peer.address, "(paper", "low)"]
    assert lines[2].split()[:2] == ["drawer", "online"]
    assert lines[3].split() == ["scanner", "unknown", "wedge:", "keyboard", "wedge"]
    assert lines[4].split() == ["encoder", "offline", "tcp://127.0.0.1:1",
                                "device.address_unsupported"]
    assert lines[5].split() == ["display", "online", display_peer.address]


def test_list_without_a_devices_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = kaika(capsys, "list", "--devices", str(tmp_path / "none.toml"))
    assert code == 0 and out.startswith("kaika: no devices configured in ")


def test_list_demo_devices(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = kaika(capsys, "list", "--demo")
    states = [line.split()[1] for line in out.splitlines()[1:]]
    assert code == 0 and states == ["online"] * 7


def test_peers_prints_settings_that_point_at_running_simulators(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = kaika(capsys, "peers", "--seconds", "0.1")
    settings_text, summary = out.rsplit("}\n", 1)
    settings = json.loads(settings_text + "}")
    assert code == 0
    assert settings["printer"]["url"].startswith("tcp://127.0.0.1:")
    assert sorted(settings) == ["camera", "card_reader", "display", "drawer", "encoder",
                                "printer", "scanner"]
    assert summary == ("kaika: printer peer cut 0 page(s), 0 drawer pulse(s); encoder wrote "
                       "0 card(s)\n")
