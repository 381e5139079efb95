"""The peer's ESC/POS reader: pieces, Chinese text, codes, status queries and garbage."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hardware import escpos_commands as cmd
from hardware.escpos_render import render
from hardware.layout import Align
from hardware.peers.escpos_stream import (
    QR,
    BarcodeEvent,
    CutEvent,
    DrawerPulse,
    EscposStream,
    Line,
    Picture,
    StatusQuery,
    Unknown,
    code128_text,
)
from hardware.profiles import BUILTIN
from hardware.receipt import Receipt, Symbology

RECEIPT = (Receipt().text("测试页", Align.CENTER, width=2, height=2, bold=True)
           .amount("合计", 123450).qr("KAIKA:1300440100012")
           .barcode("690123456789", Symbology.EAN13).barcode("1300440100012")
           .kick_drawer(5, 60, 240).cut(partial=True))
EXPECTED = [
    Line("测试页", align=1, bold=True, width=2, height=2),
    Line("合计" + " " * 34 + "￥1,234.50"),
    QR("KAIKA:1300440100012"),
    BarcodeEvent("EAN13", "6901234567892"),
    BarcodeEvent("CODE128", "1300440100012"),
    DrawerPulse(5, 60, 240),
    CutEvent(partial=True),
]


def test_reads_back_a_rendered_receipt() -> None:
    assert EscposStream().feed(render(RECEIPT, BUILTIN["80"])) == EXPECTED


def test_same_events_when_bytes_arrive_one_at_a_time() -> None:
    stream = EscposStream()
    data = render(RECEIPT, BUILTIN["80"])
    events = [e for i in range(len(data)) for e in stream.feed(data[i:i + 1])]
    assert events == EXPECTED


def test_gbk_printer_reads_gbk() -> None:
    data = cmd.INIT + cmd.CHINESE_ON + "会员〇￥".encode("gbk") + b"\n"
    assert EscposStream("gbk").feed(data) == [Line("会员〇￥")]


def test_status_queries_are_reported_for_an_answer() -> None:
    events = EscposStream().feed(cmd.status_query(1) + b"\x1dr1" + cmd.status_query(4))
    assert events == [StatusQuery("DLE EOT", 1), StatusQuery("GS r", 1), StatusQuery("DLE EOT", 4)]


def test_unknown_commands_are_reported_and_skipped() -> None:
    events = EscposStream().feed(b"\x1b\x7fAB\n")
    assert events == [Unknown(b"\x1b\x7f"), Line("AB")]


def test_code128_code_sets() -> None:
    assert code128_text(b"{BM:12") == "M:12"
    assert code128_text(b"{C" + bytes([13, 0, 44]) + b"{B7") == "1300447"


def test_a_raster_header_asking_for_gigabytes_is_garbage_not_a_wait() -> None:
    events = EscposStream().feed(b"\x1dv0\x00\xff\xff\xff\xffOK\n")
    assert events[0] == Unknown(b"\x1dv")
    assert events[-1] == Line("0\ufffd\ufffd\ufffd\ufffdOK")  # the rest read as text


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_garbage_never_breaks_the_reader(data: bytes) -> None:
    events = EscposStream().feed(data)
    kinds = (Line, QR, BarcodeEvent, CutEvent, DrawerPulse, StatusQuery, Unknown, Picture)
    assert all(isinstance(event, kinds) for event in events)
