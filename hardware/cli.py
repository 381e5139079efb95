"""`kaika hardware ...`: list devices, print a test page, open the drawer, read and encode
cards, and watch a scanner. Errors are one line: the code and what to check."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from domain.cards import card_expiry, track2_data
from domain.errors import DomainError, ValidationError
from domain.rulepack import CardRules
from hardware import devices_store
from hardware.addresses import is_video_path, parse_address
from hardware.base import CodeReader
from hardware.camera import CameraScanner
from hardware.card_reader import SerialCardReader, SwipeParser
from hardware.devices_file import read_devices
from hardware.devices_store import default_devices_path
from hardware.drawer import CashDrawer
from hardware.errors import DeviceError
from hardware.hints import error_line
from hardware.msr605 import Coercivity, check_written
from hardware.registry import DeviceRegistry, build_encoder, build_printer, card_brands
from hardware.scan_codes import DEFAULT_LAYOUTS, ScannedCode, interpret
from hardware.scanner import SerialScanner
from hardware.testpage import test_page
from hardware.tracks import Tracks, mask

DEVICES_ENV = devices_store.DEVICES_ENV
SECRET_ENV = "KAIKA_CARD_SECRET"
Command = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `hardware` and its sub-commands to the `kaika` command line."""
    parser = subparsers.add_parser("hardware", help="check and try the store's devices")
    sub = parser.add_subparsers(dest="hardware_command", metavar="COMMAND", required=True)
    _add_list(sub)
    _add_test_print(sub)
    _add_open_drawer(sub)
    _add_read_card(sub)
    _add_encode_card(sub)
    _add_scan(sub)
    peers = sub.add_parser("peers", help="run simulated devices (demo) and print their URLs")
    peers.add_argument("--seconds", type=float, default=0, help="stop after this long (0: Ctrl-C)")
    peers.set_defaults(func=_guarded(_peers))


def _add_list(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="configured devices and their status")
    p.add_argument("--devices", type=Path, help=f"devices file (default: ${DEVICES_ENV} or the "
                   "config folder's devices.toml)")
    p.add_argument("--demo", action="store_true", help="list the simulated demo devices")
    p.set_defaults(func=_guarded(_list))


def _add_test_print(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("test-print", help="print a test page")
    p.add_argument("--printer", required=True, metavar="URL")
    p.add_argument("--width", choices=("58", "80"), default="80")
    p.add_argument("--columns", type=int, choices=(48, 42), default=48,
                   help="80 mm only: 42 for TM-T88-class printers")
    p.add_argument("--encoding", choices=("gb18030", "gbk"), default="gb18030")
    p.add_argument("--no-chinese-font", action="store_true",
                   help="print Chinese as pictures (printers without a Chinese font)")
    p.add_argument("--store-name", default="开卡 Kaika")
    p.set_defaults(func=_guarded(_test_print))


def _add_open_drawer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("open-drawer", help="kick the cash drawer through the printer")
    p.add_argument("--printer", required=True, metavar="URL")
    p.add_argument("--pin", type=int, choices=(2, 5), default=2)
    p.add_argument("--pulse-ms", type=int, default=100)
    p.set_defaults(func=_guarded(_open_drawer))


def _add_read_card(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("read-card", help="read one swipe and print its tracks, masked")
    p.add_argument("--reader", required=True, metavar="URL", help="a serial port, or wedge:")
    p.add_argument("--brands", default=CardRules().brand, help="our card brands, comma-separated")
    p.add_argument("--lrc", choices=("auto", "yes", "no"), default="auto")
    p.add_argument("--timeout", type=float, default=30.0)
    p.set_defaults(func=_guarded(_read_card))


def _add_encode_card(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("encode-card", help="write a member card's stripe and verify it")
    p.add_argument("--encoder", required=True, metavar="URL")
    p.add_argument("--card", required=True, metavar="NUMBER", help="13-digit card number")
    p.add_argument("--expiry", metavar="YYMM", help="default: valid_years from this month")
    p.add_argument("--secret-hex", help=f"the store's card secret (default: ${SECRET_ENV})")
    p.add_argument("--lo-co", action="store_true", help="low-coercivity cards (default Hi-Co)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a swipe")
    p.set_defaults(func=_guarded(_encode_card))


def _add_scan(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scan", help="print codes as they are scanned")
    p.add_argument("--scanner", required=True, metavar="URL",
                   help="a serial port, camera://N, a video file, or wedge: (reads lines)")
    p.add_argument("--count", type=int, default=0, help="stop after this many codes")
    p.add_argument("--timeout", type=float, default=0, help="stop after this long (0: never)")
    p.set_defaults(func=_guarded(_scan))


def _guarded(command: Command) -> Command:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except DomainError as exc:
            if exc.code == "device.file_invalid":  # the file is wrong, not a device: exit 2
                for problem in exc.params["problems"]:
                    print(f"kaika: {exc.params['file']}: {problem}", file=sys.stderr)
                return 2
            print(error_line(exc), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130

    return run


# -- list ---------------------------------------------------------------------------------

def load_devices(path: Path | None) -> tuple[Path, dict[str, Any]]:
    """The devices file (TOML or JSON); a missing file means no devices configured."""
    target = path or default_devices_path()
    if not target.exists():
        return target, {}
    return target, read_devices(target)


def _list(args: argparse.Namespace) -> int:
    if args.demo:
        from hardware.peers.demo import DemoRig

        with DemoRig() as rig:
            return _print_statuses(rig.settings(), "demo devices")
    path, settings = load_devices(args.devices)
    if not settings:
        print(f"kaika: no devices configured in {path}")
        return 0
    return _print_statuses(settings, str(path))


def _print_statuses(settings: Mapping[str, Any], source: str) -> int:
    print(f"devices from {source}:")
    for entry in DeviceRegistry(settings).statuses():
        status = entry.status
        extra = " ".join(x for x in (status.code or "", status.detail) if x)
        low = " (paper low)" if status.paper_low else ""
        print(f"  {entry.role:<12} {status.state.value:<11} {entry.url}  {extra}{low}".rstrip())
    return 0


# -- printer and drawer -------------------------------------------------------------------

def _test_print(args: argparse.Namespace) -> int:
    printer = build_printer({"url": args.printer, "width": args.width, "columns": args.columns,
                             "encoding": args.encoding,
                             "chinese_font": not args.no_chinese_font})
    page = test_page(args.store_name, printer.profile, args.printer, datetime.now())
    printer.print_receipt(page)
    print(f"kaika: test page printed on {args.printer} ({printer.profile.name}, "
          f"{printer.profile.encoding})")
    return 0


def _open_drawer(args: argparse.Namespace) -> int:
    printer = build_printer({"url": args.printer})
    CashDrawer(printer, args.pin, args.pulse_ms, args.pulse_ms).open()
    print(f"kaika: drawer pulse sent (pin {args.pin}, {args.pulse_ms} ms)")
    return 0


# -- cards ----------------------------------------------------------------------------------

def _read_card(args: argparse.Namespace) -> int:
    address = parse_address(args.reader)
    brands = card_brands({"brands": args.brands})
    if address.kind == "wedge":
        tracks = SwipeParser(brands, args.lrc).parse(_read_hidden_line("swipe a card: "))
    else:
        reader = SerialCardReader(address, brands, lrc_mode=args.lrc)
        try:
            reader.open()
            print("kaika: swipe a card...", file=sys.stderr, flush=True)
            found = reader.read_swipe(args.timeout)
        finally:
            reader.close()
        if found is None:
            raise DeviceError("card.no_swipe", address=args.reader)
        tracks = found
    for number in (1, 2, 3):
        print(f"track {number}: {_shown(tracks, number)}")
    return 0


def _shown(tracks: Tracks, number: int) -> str:
    if number in tracks.unreadable:
        return "unreadable (E)"
    body = tracks.get(number)
    return "-" if body is None else mask(body)


def _read_hidden_line(prompt: str) -> str:
    # A wedge reader types the stripe into the terminal: do not echo it on screen.
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline()


def _encode_card(args: argparse.Namespace) -> int:
    expiry = args.expiry or card_expiry(date.today(), CardRules())
    track2 = track2_data(args.card, expiry, _secret(args.secret_hex)).strip(";?")
    wanted = Tracks(track2=track2)
    encoder = build_encoder({"url": args.encoder, "swipe_timeout": args.timeout})
    try:
        encoder.test_communication()
        encoder.set_coercivity(Coercivity.LO if args.lo_co else Coercivity.HI)
        print("kaika: swipe the card through the encoder to write it...", file=sys.stderr,
              flush=True)
        encoder.write(wanted)
        print("kaika: swipe it again to check it...", file=sys.stderr, flush=True)
        check_written(wanted, encoder.read())
    finally:
        encoder.close()
    print(f"kaika: card {mask(args.card)} written and verified (track 2, expiry {expiry})")
    return 0


def _secret(given: str | None) -> bytes:
    text = given or os.environ.get(SECRET_ENV, "")
    if not text:
        raise DomainError("card.secret_missing")
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise ValidationError("card.secret_invalid", field="secret_hex") from None


# -- scanners -------------------------------------------------------------------------------

def _scan(args: argparse.Namespace) -> int:
    address = parse_address(args.scanner)
    deadline = time.monotonic() + args.timeout if args.timeout else None
    if address.kind == "wedge":
        return _scan_lines(args.count)
    source: CodeReader
    if address.kind == "camera" or is_video_path(address):
        source = CameraScanner(address)
    else:
        source = SerialScanner(address)
    try:
        source.open()
        print(f"kaika: scanning on {args.scanner} (Ctrl-C to stop)", file=sys.stderr, flush=True)
        return _scan_loop(source, args.count, deadline)
    finally:
        source.close()


def _scan_loop(source: CodeReader, count: int, deadline: float | None) -> int:
    seen = 0
    while (not count or seen < count) and (deadline is None or time.monotonic() < deadline):
        wait = 0.5 if deadline is None else max(min(deadline - time.monotonic(), 0.5), 0.0)
        try:
            code = source.read(wait)
        except DeviceError as exc:
            if exc.code.endswith((".offline", ".disconnected", ".permission_denied")):
                raise
            print(error_line(exc), file=sys.stderr)  # a bad code; keep listening
            continue
        if code is not None:
            print(_code_line(code), flush=True)
            seen += 1
        elif isinstance(source, CameraScanner) and source.ended:
            break
    return 0


def _scan_lines(count: int) -> int:
    seen = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            print(_code_line(interpret(line, DEFAULT_LAYOUTS)), flush=True)
        except DeviceError as exc:
            print(error_line(exc), file=sys.stderr)
        seen += 1
        if count and seen >= count:
            break
    return 0


def _code_line(code: ScannedCode) -> str:
    line = f"{code.kind.value}\t{code.text}"
    if code.weighed is not None:
        w = code.weighed
        line += f"\tplu={w.plu}"
        line += f"\tprice_fen={w.price_fen}" if w.price_fen is not None else ""
        line += f"\tweight_g={w.weight_g}" if w.weight_g is not None else ""
    return line


# -- peers ----------------------------------------------------------------------------------

def _peers(args: argparse.Namespace) -> int:
    from hardware.peers.demo import DemoRig

    with DemoRig() as rig:
        print(json.dumps(rig.settings(), indent=2, ensure_ascii=False), flush=True)
        started = time.monotonic()
        while not args.seconds or time.monotonic() - started < args.seconds:
            time.sleep(0.1)
        log = rig.printer.received
        print(f"kaika: printer peer cut {log.cuts} page(s), {len(log.drawer_pulses)} drawer "
              f"pulse(s); encoder wrote {len(rig.encoder.written)} card(s)")
    return 0
