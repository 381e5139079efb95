"""`kaika support-bundle`: logs, versions, device settings and verify in one zip, with no
mobile number, ID number, card number or key in it, and no key or credentials file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from contextlib import closing
from pathlib import Path

from desktop.bootstrap import open_app
from desktop.demo_data import load_demo
from desktop.support_bundle import scrub
from domain.clock import FixedClock
from domain.services import members
from domain.services.setup import new_settings
from domain.services.staff import login

BIN = Path(sys.executable).parent
ID_NUMBER = "11010519491231002X"
CARD = "4111111111111111"


def test_the_bundle_says_what_support_needs_and_nothing_personal(
        tmp_path: Path, clock: FixedClock) -> None:
    db = tmp_path / "store.sqlite3"
    app = open_app(db, clock=clock, settings=new_settings())
    load_demo(app.ctx)
    desk = login(app.ctx, "3001", "3579").id
    members.register(app.ctx, {"name": "王五", "mobile": "13912345678", "id_number": ID_NUMBER,
                               "privacy_accepted": True}, desk)
    secret = app.settings.card_secret_hex
    app.close()
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "kaika.log").write_text(
        f"2026-01-01 INFO desktop: member 13912345678 signed up, ID {ID_NUMBER}\n"
        f"2026-01-01 ERROR hardware: swipe {CARD} refused\n", encoding="utf-8")
    (logs / "kaika.log.1").write_text("2026-01-01 INFO desktop: started\n", encoding="utf-8")
    devices = tmp_path / "devices.toml"
    devices.write_text('[printer]\nurl = "tcp://192.168.1.50:9100"\n', encoding="utf-8")
    out = tmp_path / "bundle.zip"

    done = subprocess.run(
        [str(BIN / "kaika"), "support-bundle", "--db", str(db), "--devices", str(devices),
         "--out", str(out)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "KAIKA_LOG_DIR": str(logs)})

    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
        texts = {name: bundle.read(name).decode("utf-8") for name in names}
    assert names == {"logs/kaika.log", "logs/kaika.log.1", "versions.json", "devices.txt",
                     "store.json", "verify.txt"}
    everything = "\n".join(texts.values())
    with closing(sqlite3.connect(db)) as conn:
        mobiles = [m for (m,) in conn.execute("SELECT mobile FROM members")]
    key = db.with_name(db.name + ".key").read_bytes().strip().decode()
    assert len(mobiles) > 3 and "13912345678" in mobiles
    for personal in (*mobiles, ID_NUMBER, CARD, key, secret):
        assert personal not in everything
    assert "[mobile ***5678]" in texts["logs/kaika.log"]
    assert "[id number]" in texts["logs/kaika.log"] and "****1111" in texts["logs/kaika.log"]
    assert "tcp://192.168.1.50:9100" in texts["devices.txt"]
    assert texts["verify.txt"].strip().endswith("kaika verify: OK")
    versions = json.loads(texts["versions.json"])
    assert versions["packages"]["kaika"] and versions["python"].startswith("3.")
    assert json.loads(texts["store.json"])["store_code"]


def test_scrub_leaves_what_is_not_personal() -> None:
    line = "sale S001-T01-000123 total 19900 at 2026-01-01T10:00:00Z seq 12345678901234"
    assert scrub(line) == line
    assert scrub("call 13800138000 now") == "call [mobile ***8000] now"
