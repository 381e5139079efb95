"""A win32:// printer (a Windows print queue) gets the receipt's raw GB18030 bytes.

pywin32 is only on Windows; here a stand-in `win32print` (and `pywintypes`) on the path of a
child Python records each raw job the way the Windows spooler would receive it, and the
printer peer's ESC/POS reader reads the recorded bytes back like a thermal printer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hardware.peers.printer_peer import PrinterEmulator

ROOT = Path(__file__).resolve().parents[3]

FAKE_PYWINTYPES = '''
class error(Exception):
    """pywin32's error: (winerror, funcname, message)."""
'''

# The calls python-escpos's Win32Raw makes, recording what a spooler would see.
FAKE_WIN32PRINT = '''
import json, os
import pywintypes

PRINTER_ENUM_NAME = 8
_LOG = os.environ["FAKE_SPOOLER"]
_QUEUES = ["Microsoft Print to PDF", "XP-80C 收银", "XP-58"]
_jobs = {}


def _save(entry):
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\\n")


def EnumPrinters(flags, name, level):
    assert level == 4
    return [{"pPrinterName": q, "pServerName": None, "Attributes": 0} for q in _QUEUES]


def GetDefaultPrinter():
    return "XP-58"


def OpenPrinter(name):
    if name not in _QUEUES:
        raise pywintypes.error(1801, "OpenPrinter", "The printer name is invalid.")
    handle = len(_jobs) + 1
    _jobs[handle] = {"queue": name, "data": b"", "pages": 0, "closed": False}
    return handle


def StartDocPrinter(handle, level, info):
    _jobs[handle]["doc"] = list(info)
    return 42


def StartPagePrinter(handle):
    _jobs[handle]["pages"] += 1


def WritePrinter(handle, data):
    assert isinstance(data, bytes), type(data)
    _jobs[handle]["data"] += data
    return len(data)


def EndPagePrinter(handle):
    pass


def EndDocPrinter(handle):
    pass


def ClosePrinter(handle):
    job = _jobs.pop(handle)
    _save({"queue": job["queue"], "doc": job["doc"], "pages": job["pages"],
           "data": job["data"].hex()})
'''

PRINT_A_RECEIPT = textwrap.dedent('''
    import sys
    from hardware.addresses import parse_address
    from hardware.layout import Align
    from hardware.print_queue import PrintQueue
    from hardware.printer import EscposPrinter
    from hardware.profiles import BUILTIN
    from hardware.receipt import Receipt

    receipt = (Receipt().text("开卡时装 徐汇店", Align.CENTER, width=2, height=2)
               .columns("羊毛混纺修身西装外套", "1 x ￥150.00").rule()
               .amount("合计", 15000, bold=True).qr("KAIKA:S012-T02-000123").cut())
    outcome = PrintQueue(EscposPrinter(parse_address(sys.argv[1]), BUILTIN["80"])).submit(receipt)
    print(outcome.printed, outcome.error_code)
''')


def _print_through_fake_spooler(tmp_path: Path, url: str) -> tuple[str, list[dict[str, object]]]:
    fakes = tmp_path / "fakes"
    fakes.mkdir(exist_ok=True)
    (fakes / "pywintypes.py").write_text(FAKE_PYWINTYPES, encoding="utf-8")
    (fakes / "win32print.py").write_text(FAKE_WIN32PRINT, encoding="utf-8")
    spool = tmp_path / "spool.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fakes), str(ROOT)]),
           "FAKE_SPOOLER": str(spool)}
    done = subprocess.run([sys.executable, "-c", PRINT_A_RECEIPT, url], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    jobs = [json.loads(line) for line in spool.read_text("utf-8").splitlines()] \
        if spool.exists() else []
    return done.stdout.strip(), jobs


@pytest.mark.slow
def test_a_chinese_receipt_reaches_the_windows_queue_as_gb18030(tmp_path: Path) -> None:
    said, jobs = _print_through_fake_spooler(tmp_path, "win32://XP-80C%20收银")
    assert said == "True None"
    assert len(jobs) == 1
    job = jobs[0]
    assert job["queue"] == "XP-80C 收银"
    assert job["doc"][2] == "RAW"  # raw ESC/POS, not a page the Windows driver would render
    data = bytes.fromhex(str(job["data"]))
    assert "羊毛混纺修身西装外套".encode("gb18030") in data
    assert "合计".encode("gb18030") in data
    printer = PrinterEmulator(decode_pictures=False)
    printer.receive(data)
    log = printer.snapshot()
    assert log.cuts == 1
    assert log.pages[0][0] == "开卡时装 徐汇店"
    assert log.pages[0][-1].startswith("合计") and log.pages[0][-1].endswith("￥150.00")
    assert log.qr == ["KAIKA:S012-T02-000123"]


@pytest.mark.slow
def test_win32_with_no_name_prints_on_the_default_queue(tmp_path: Path) -> None:
    said, jobs = _print_through_fake_spooler(tmp_path, "win32://")
    assert said == "True None"
    assert [job["queue"] for job in jobs] == ["XP-58"]


@pytest.mark.slow
def test_an_unknown_windows_queue_is_reported_not_printed(tmp_path: Path) -> None:
    said, jobs = _print_through_fake_spooler(tmp_path, "win32://No Such Printer")
    printed, code = said.split()
    assert printed == "False"
    assert code.startswith("printer.")
    assert jobs == []
