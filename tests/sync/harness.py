"""Test harness: real head-office processes, real till databases, and what to compare.

`Server` runs `kaika-headoffice serve` as a child process on 127.0.0.1 (an ephemeral port)
against a PostgreSQL database made for the test (from a migrated template) or a SQLite file.
`Till` is a real store database driven through the services, synced by the real client.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy import Engine

from db.verify import verify
from desktop.bootstrap import App, open_app
from domain.catalog import Product, ProductClass
from domain.clock import FixedClock
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, members, wallet
from domain.services.setup import add_products, new_settings
from headoffice import keys, tenancy
from headoffice.cli import ADMIN_TOKEN_ENV
from headoffice.engine import make_engine
from headoffice.keys import KEY_FILE_ENV
from headoffice.migrate import upgrade
from headoffice.publish import ProductDoc, Publication, publish
from headoffice.tables import (
    events,
    member_balances,
    merchants,
    points_ledger,
    recon_cases,
    sales,
    stores,
    wallet_ledger,
)
from headoffice.tables import members as ho_members
from sync import credentials
from sync.client import SyncClient
from sync.enroll import enroll
from tests.staffing import cashier, desk, manager

PG_ADMIN = os.environ.get("KAIKA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
BIN = Path(sys.executable).parent
ADMIN_TOKEN = "test-admin-token"
CATALOG = [
    Product("COAT", "羊毛外套", 100000, ProductClass.REGULAR, "outerwear"),
    Product("SHOES", "运动鞋", 50000, ProductClass.REGULAR, "shoes"),
    Product("SCARF", "丝巾", 8900, ProductClass.REGULAR, "accessories"),
    Product("SOCKS", "袜子", 1500, ProductClass.SPECIAL, "accessories"),
    Product("GIFTBOX", "礼盒", 30000, ProductClass.NO_POINTS, "gifts"),  # earns no points
    Product("BAG", "手袋", 50000, ProductClass.NO_POINTS, "bags"),
]


def pg_url(name: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def _admin() -> Engine:
    return sa.create_engine(PG_ADMIN.replace("postgresql://", "postgresql+psycopg://"),
                            isolation_level="AUTOCOMMIT")


class PgDatabases:
    """Databases for one test session: a migrated template, then a fresh copy per test."""

    def __init__(self) -> None:
        self.prefix = f"kaika_test_{uuid.uuid4().hex[:8]}"
        self.template = f"{self.prefix}_tpl"
        self.made: list[str] = []
        self._admin = _admin()
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.template}"'))
        self.made.append(self.template)
        engine = make_engine(pg_url(self.template))
        upgrade(engine)
        engine.dispose()

    def fresh_empty(self) -> str:
        """A database with nothing in it (for migration tests)."""
        name = f"{self.prefix}_{len(self.made)}"
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        self.made.append(name)
        return pg_url(name)

    def fresh(self) -> str:
        name = f"{self.prefix}_{len(self.made)}"
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"'))
        self.made.append(name)
        return pg_url(name)

    def drop_all(self) -> None:
        with self._admin.connect() as conn:
            for name in reversed(self.made):
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._admin.dispose()


class Server:
    """A real `kaika-headoffice serve` process, signing its answers with a key file of its own
    (`key_file`, given through the environment as an operator would)."""

    def __init__(self, db_url: str, workdir: Path, auth_cache_s: float = 1.0,
                 card_block_size: int | None = None,
                 extra_args: tuple[str, ...] = (), pooler: str = "none") -> None:
        self.db_url = db_url
        self.workdir = workdir
        self.auth_cache_s = auth_cache_s
        self.options = [] if card_block_size is None else [
            "--card-block-size", str(card_block_size)]
        self.extra_args = (*extra_args, "--db-pooler", pooler)
        self.port = 0
        self.proc: subprocess.Popen[str] | None = None
        self.key_file = workdir / f"answer-keys-{uuid.uuid4().hex[:8]}"
        self.public_key = keys.new_key_file(self.key_file)
        self.engine = make_engine(db_url, pool_size=2, pooler=pooler)
        if db_url.startswith("sqlite"):
            upgrade(self.engine)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        log = open(self.workdir / "server.log", "a")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [str(BIN / "kaika-headoffice"), "serve", "--db", self.db_url, "--host", "127.0.0.1",
             "--port", str(self.port), "--auth-cache-seconds", str(self.auth_cache_s),
             "--graceful-seconds", "1", *self.options, *self.extra_args],
            stdout=subprocess.PIPE, stderr=log, text=True,
            env={**os.environ, KEY_FILE_ENV: str(self.key_file),
                 ADMIN_TOKEN_ENV: ADMIN_TOKEN})  # the token never in argv: `ps` shows it
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"head office did not start: {line!r}; see {log.name}")
        self.port = int(line.rsplit(":", 1)[1])
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None

    def stop(self) -> None:
        self.kill(signal.SIGTERM)
        self.engine.dispose()

    def admin(self, method: str, path: str, **kw: Any) -> httpx.Response:
        return httpx.request(method, self.url + path, timeout=10,
                             headers={"authorization": f"Bearer {ADMIN_TOKEN}"}, **kw)

    def add_stores(self, *codes: str, merchant: str = "M001") -> None:
        """Stores of a merchant, and the merchant's catalogue published to them."""
        for code in codes:
            tenancy.add_store(self.engine, tenancy.NewStore(merchant, code, f"店{code}"), _now())
        publish(self.engine, Publication(products=[
            ProductDoc(sku=p.sku, name=p.name, price_fen=p.price_fen,
                       product_class=p.product_class, category=p.category) for p in CATALOG]),
            merchant, _now())

    def code_for(self, store_code: str, terminal_id: str | None = None) -> str:
        """A one-time code for a new till of the store, or to re-enrol `terminal_id`."""
        return tenancy.new_enrol_code(self.engine, store_code, _now(), terminal_id=terminal_id)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Till:
    """A store database driven through the services, with its own hand-set clock. A new
    database gets the catalogue; an existing one (a copied template) keeps what it has."""

    path: Path
    clock: FixedClock
    store_code: str = "S001"  # only for a new database (receipt numbers before enrolment)
    app: App = field(init=False)
    client: SyncClient | None = None
    cashier: str = field(init=False)  # its staff (a copied template keeps the template's)
    desk: str = field(init=False)
    manager: str = field(init=False)

    def __post_init__(self) -> None:
        fresh = not self.path.exists()
        self.app = open_app(self.path, clock=self.clock,
                            settings=new_settings(store_code=self.store_code))
        if fresh:
            add_products(self.app.ctx, list(CATALOG))
        ctx = self.app.ctx
        self.cashier, self.desk, self.manager = cashier(ctx), desk(ctx), manager(ctx)

    @property
    def ctx(self) -> Any:
        return self.app.ctx

    def enroll(self, server: Server, store_code: str, **kw: Any) -> None:
        enroll(self.app.store, server.url, server.code_for(store_code), self.clock)
        self.connect(server.url, **kw)

    def connect(self, url: str, **kw: Any) -> SyncClient:
        """A sync client talking to `url` (the server, or a proxy in front of it)."""
        if self.client is not None:
            self.client.close()
        path = credentials.path_for(self.app.store.path)
        creds = replace(credentials.load(path), server=url)
        self.client = SyncClient(self.app.store, creds, self.clock, **kw)
        return self.client

    def sync(self) -> Any:
        assert self.client is not None
        return self.client.sync_round()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.app.close()

    # --- trading ------------------------------------------------------------------------

    def register(self, name: str, mobile: str) -> str:
        return members.register(self.ctx, {"name": name, "mobile": mobile,
                                           "privacy_accepted": True}, self.desk).member.id

    def sale(self, member_id: str | None, *lines: tuple[str, int],
             tenders: tuple[carts.TenderRequest, ...] = (),
             coupons: tuple[str, ...] = ()) -> checkout.Completed:
        cart = carts.start_sale(self.ctx, self.cashier)
        cart = replace(cart, member_id=member_id)
        if member_id is not None:  # the member's card is swiped
            cart = replace(cart,
                           shown=members.shown(self.ctx, members.member_view(self.ctx, member_id),
                                       "swipe").shown)
        for sku, qty in lines:
            cart = carts.add_item(self.ctx, cart, sku, qty)
        for code in coupons:
            cart = carts.add_coupon(cart, code)
        for tender in tenders or (carts.TenderRequest(TenderKind.CASH),):
            cart = carts.add_tender(cart, tender)
        return checkout.complete(self.ctx, cart)

    def topup(self, member_id: str, amount_fen: int) -> None:
        # By mobile: the desk needs no drawer for it (cash at the desk goes through one).
        wallet.top_up(self.ctx, member_id, amount_fen, self.desk, TenderKind.MOBILE, "WX-1")

    def balances(self, member_id: str) -> tuple[int, int, int]:
        with self.app.store.reader() as uow:
            b = uow.members.balances(member_id)
        return b.points, b.wallet_principal_fen, b.wallet_bonus_fen

    def member_by_mobile(self, mobile: str) -> str | None:
        with self.app.store.reader() as uow:
            found = uow.members.by_mobile(mobile)
        return found.id if found else None

    def patch(self, member_id: str, fields: dict[str, Any], hlc: str) -> None:
        """A profile edit as the front desk would send it (`member.patched` with its stamp)."""
        with self.app.store.uow() as uow:
            uow.outbox.append("member.patched", {"member_id": member_id, "fields": fields,
                                                 "hlc": hlc},
                              member_id=member_id, occurred_at_iso=self.clock.now().isoformat())
            uow.commit()

    def coupons(self, member_id: str) -> list[Any]:
        with self.app.store.reader() as uow:
            return uow.coupons.for_member(member_id)

    def member(self, member_id: str) -> Any:
        with self.app.store.reader() as uow:
            return uow.members.get(member_id)

    def advance(self, **delta: float) -> None:
        self.clock.advance(timedelta(**delta))

    def problems(self) -> list[Any]:
        return verify(self.app.store)


def copy_db(src: Path, dst: Path) -> Path:
    """A closed till database copied with its side files. Its ids (events, sales, members)
    are the template's: copies must go to head offices of their own."""
    shutil.copy(src, dst)
    for suffix in ("-wal", "-shm", ".key"):
        extra = src.with_name(src.name + suffix)
        if extra.exists():
            shutil.copy(extra, dst.with_name(dst.name + suffix))
    return dst


def snapshot(engine: Engine, merchant: str = "M001") -> dict[str, Any]:
    """One merchant's sales, ledgers and balances at head office, keyed by what is the same in
    every run (receipt numbers, mobiles), so a run with faults compares with one without."""
    with engine.connect() as conn:
        merchant_id = conn.scalar(sa.select(merchants.c.id).where(merchants.c.code == merchant))
        store_ids = list(conn.scalars(sa.select(stores.c.id).where(
            stores.c.merchant_id == merchant_id)))
        mobile = {r.id: (r.mobile or r.canonical_id or r.id) for r in conn.execute(
            sa.select(ho_members.c.id, ho_members.c.mobile, ho_members.c.canonical_id)
            .where(ho_members.c.merchant_id == merchant_id))}
        ids = list(mobile)
        return {
            "sales": sorted((r.receipt_no, r.kind, r.total_fen, r.points_earned)
                            for r in conn.execute(sa.select(sales).where(
                                sales.c.store_id.in_(store_ids)))),
            "points": Counter((mobile[r.member_id], r.kind, r.points) for r in conn.execute(
                sa.select(points_ledger).where(points_ledger.c.member_id.in_(ids)))),
            "wallet": Counter((mobile[r.member_id], r.kind, r.principal_fen, r.bonus_fen)
                              for r in conn.execute(sa.select(wallet_ledger).where(
                                  wallet_ledger.c.member_id.in_(ids)))),
            "balances": {mobile[r.member_id]: (r.points, r.wallet_principal_fen,
                                               r.wallet_bonus_fen)
                         for r in conn.execute(sa.select(member_balances).where(
                             member_balances.c.member_id.in_(ids)))},
            "events": Counter((r.type, r.status) for r in conn.execute(
                sa.select(events.c.type, events.c.status).where(
                    events.c.store_id.in_(store_ids)))),
            "cases": sorted((r.kind, r.amount) for r in conn.execute(
                sa.select(recon_cases).where(recon_cases.c.merchant_id == merchant_id))),
        }


def outbox_ids(till: Till) -> set[str]:
    with till.app.store.reader() as uow:
        return set(uow.session.scalars(sa.text("SELECT event_id FROM outbox")))


def ho_event_ids(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(sa.select(events.c.event_id)))
