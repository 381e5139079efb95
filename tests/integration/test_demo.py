"""`kaika demo` (the README's run command until the till window exists) end to end."""

from __future__ import annotations

import io
from pathlib import Path

from desktop.demo import run_demo


def test_demo_rings_a_member_sale_and_the_printer_peer_reads_it(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_demo(tmp_path / "demo.sqlite3", out) == 0
    text = out.getvalue()
    assert "会员 张三" in text
    assert "S001-T01-000001" in text
    printed = text.split("打印机收到")[1]
    for expected in ("开卡示范店", "羊毛外套 ×1", "合计", "￥777.00", "找零", "￥23.00", "张*"):
        assert expected in printed, expected
    assert "钱箱脉冲 1" in text


def test_demo_runs_again_on_the_same_store(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    assert run_demo(db, io.StringIO()) == 0
    out = io.StringIO()
    assert run_demo(db, out) == 0
    assert "S001-T01-000002" in out.getvalue()
