"""The command line's refusals speak the language $KAIKA_LANG names, as the till does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def refusal(tmp_path: Path, lang: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "KAIKA_LANG"}
    env.update({"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)})
    if lang is not None:
        env["KAIKA_LANG"] = lang
    done = subprocess.run([str(BIN / "kaika"), "report", "z", "--db",
                           str(tmp_path / "none.sqlite3")], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 1 and done.stdout == ""
    return " ".join(done.stderr.split())


def test_a_refusal_is_in_chinese_when_kaika_lang_says_so(tmp_path: Path) -> None:
    text = refusal(tmp_path, "zh_CN")
    assert text.startswith("kaika: ") and text.endswith("[store.db_missing]")
    assert "There is no store database" not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    assert "Traceback" not in text


@pytest.mark.parametrize("lang", [None, "en"])
def test_a_refusal_stays_english_unless_asked(tmp_path: Path, lang: str | None) -> None:
    text = refusal(tmp_path, lang)
    assert text.startswith(f"kaika: There is no store database at {tmp_path}")
    assert text.endswith("[store.db_missing]")


def test_the_stores_found_are_listed_in_chinese_too(tmp_path: Path) -> None:
    demo = tmp_path / "Kaika" / "demo-store.sqlite3"
    demo.parent.mkdir()
    demo.write_bytes(b"")
    text = refusal(tmp_path, "zh_CN")
    assert f"找到这些门店数据库：{demo}。请用 --db PATH 选择（或设置 KAIKA_DB）。" in text
