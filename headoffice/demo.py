"""`kaika-headoffice demo`: a head office on this machine in one command — a SQLite database,
answer keys, two stores and a console administrator — served on 127.0.0.1 with the staff
console and the members' page for the phone."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from headoffice import keys, serve, staff, tenancy
from headoffice.engine import make_engine
from headoffice.migrate import upgrade
from headoffice.serve import OPTIONS
from headoffice.tables import stores

DEMO_STORES = (("S001", "南京西路店"), ("S002", "淮海中路店"))
ADMIN = "admin"
PASSWORD_FILE = "admin-password.txt"  # the demo's one secret a person types; 0600, beside it
# The member page's one-time codes: the console sender writes them here (no SMS in a demo).
CODES_FILE = "member-codes.jsonl"
MERCHANT = "M01"


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="a demo head office with its web console on 127.0.0.1")
    demo.add_argument("--folder", type=Path, default=None,
                      help="where its database and keys live (default: the user's data "
                           "folder, Kaika/headoffice-demo); made on the first run, kept")
    demo.add_argument("--port", type=int, default=8600)
    demo.set_defaults(func=run)


def default_folder() -> Path:
    """The platform's per-user data folder, as the till's demo store uses."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "Kaika" / "headoffice-demo"


def run(args: argparse.Namespace) -> int:
    folder = (args.folder or default_folder()).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    url, key_file = prepare(folder)
    password = (folder / PASSWORD_FILE).read_text(encoding="utf-8").strip()
    print(f"kaika-headoffice: demo head office in {folder}\n"
          f"kaika-headoffice: console http://127.0.0.1:{args.port}/console/login "
          f"— log in as {ADMIN} / {password} (Ctrl-C stops it)\n"
          f"kaika-headoffice: member page http://127.0.0.1:{args.port}/m/{MERCHANT}/login — "
          f"sign up at http://127.0.0.1:{args.port}/m/join/{DEMO_STORES[0][0]}; the log-in "
          f"codes are written to {folder / CODES_FILE}", flush=True)
    # The serve below reads its settings from the environment too: codes to the file.
    os.environ["KAIKA_HO_SMS_OUTBOX"] = str(folder / CODES_FILE)
    options = argparse.Namespace(**{name: None for name in OPTIONS}, config=None,
                                 admin_token=None)
    options.db, options.host, options.port = url, "127.0.0.1", args.port
    options.answer_key_file, options.workers = key_file, 1
    return serve.run(options)


def prepare(folder: Path) -> tuple[str, Path]:
    """The database at head with the demo's stores and administrator, and the key file;
    whatever an earlier run made is kept as it is."""
    url = f"sqlite:///{folder / 'headoffice.sqlite3'}"
    key_file = folder / "answer-keys"
    if not key_file.exists():
        keys.new_key_file(key_file)
    engine = make_engine(url)
    try:
        upgrade(engine)
        _stores(engine)
        _admin(engine, folder / PASSWORD_FILE)
    finally:
        engine.dispose()
    return url, key_file


def _stores(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        known = set(conn.scalars(sa.select(stores.c.code)))
    for code, name in DEMO_STORES:
        if code not in known:
            tenancy.add_store(engine, tenancy.NewStore(
                merchant_code=MERCHANT, code=code, name=name, merchant_name="开卡示范商户"),
                datetime.now(UTC))


def _admin(engine: sa.Engine, password_file: Path) -> None:
    if password_file.exists():
        return
    password = secrets.token_urlsafe(12)  # shown on screen: a demo, on this machine only
    staff.add(engine, ADMIN, "示范管理员", "admin", password, datetime.now(UTC))
    fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(password + "\n")
