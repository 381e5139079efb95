"""Merchants, stores and terminals: adding a store, one-time enrolment codes, revocation."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import DomainError, NotFound, ValidationError
from domain.ids import new_id_str
from domain.packload import load_pack
from headoffice import cardblocks, chainheads
from headoffice.packs import PackBook
from headoffice.sql import for_update, insert_ignore
from headoffice.tables import (
    enrol_codes,
    merchant_feed_heads,
    merchants,
    store_feed_heads,
    stores,
    terminals,
)
from sync.schema import EnrollRequest, EnrollResponse, StoreInfo
from sync.signing import valid_public_key

# No 0/O, 1/I/L: the code is read aloud over the phone and typed at the till.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
DEFAULT_CODE_MINUTES = 15


@dataclass(frozen=True, slots=True)
class NewStore:
    merchant_code: str
    code: str
    name: str
    region_code: str = "3101"
    tz: str = "Asia/Shanghai"
    day_close: str = "04:00"
    rulepack: str = "fashion"
    merchant_name: str = ""
    brand: str | None = None  # the merchant's card brand BB; None: head office chooses


def add_store(engine: Engine, new: NewStore, now: datetime) -> StoreInfo:
    """Create a store (and its merchant on first use, with its card brand); store codes are
    unique in a head office."""
    pack = load_pack(new.rulepack)  # an unknown pack is refused here, not at the first sale
    with engine.begin() as conn:
        merchant_id = _merchant(conn, new, pack.cards.brand, now)
        if conn.scalar(sa.select(stores.c.id).where(stores.c.code == new.code)):
            raise ValidationError("store.code_taken", field="code", code=new.code)
        store_id = new_id_str()
        conn.execute(stores.insert().values(
            id=store_id, merchant_id=merchant_id, code=new.code, name=new.name,
            region_code=new.region_code, tz=new.tz, day_close=new.day_close, created_at=now))
        conn.execute(store_feed_heads.insert().values(store_id=store_id, seq=0))
        return store_info(conn, store_id)


def _merchant(conn: Connection, new: NewStore, pack_brand: str, now: datetime) -> str:
    found = conn.execute(sa.select(merchants.c.id, merchants.c.brand).where(
        merchants.c.code == new.merchant_code)).first()
    if found:
        if new.brand is not None and new.brand != found.brand:
            raise ValidationError("merchant.brand_fixed", field="brand", brand=found.brand)
        return str(found.id)
    merchant_id = new_id_str()
    conn.execute(merchants.insert().values(
        id=merchant_id, code=new.merchant_code, name=new.merchant_name or new.merchant_code,
        rulepack=new.rulepack, created_at=now,
        brand=cardblocks.choose_brand(conn, new.brand, pack_brand)))
    insert_ignore(conn, merchant_feed_heads, [{"merchant_id": merchant_id, "seq": 0}])
    return merchant_id


def store_info(conn: Connection, store_id: str) -> StoreInfo:
    row = conn.execute(
        sa.select(stores, merchants.c.code.label("merchant_code"),
                  merchants.c.rulepack.label("rulepack"), merchants.c.brand.label("brand"))
        .join(merchants, merchants.c.id == stores.c.merchant_id)
        .where(stores.c.id == store_id)).mappings().one()
    return StoreInfo(merchant_id=row["merchant_id"], merchant_code=row["merchant_code"],
                     store_id=row["id"], store_code=row["code"], store_name=row["name"],
                     region_code=row["region_code"], tz=row["tz"], day_close=row["day_close"],
                     rulepack=row["rulepack"], card_brand=row["brand"])


def list_stores(engine: Engine) -> list[StoreInfo]:
    with engine.connect() as conn:
        ids = conn.scalars(sa.select(stores.c.id).order_by(stores.c.code)).all()
        return [store_info(conn, i) for i in ids]


def _hash(code: str) -> str:
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def new_enrol_code(engine: Engine, store_code: str, now: datetime,
                   minutes: int = DEFAULT_CODE_MINUTES, terminal_id: str | None = None) -> str:
    """A one-time code binding the next till that uses it to the store. Only its hash is kept.

    With `terminal_id`, the code re-enrols that known terminal of the store (a reinstall gives
    it a new key) and nothing else; without, it enrols a new terminal only.
    """
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with engine.begin() as conn:
        store_id = conn.scalar(sa.select(stores.c.id).where(stores.c.code == store_code))
        if store_id is None:
            raise NotFound("store.unknown", code=store_code)
        if terminal_id is not None:
            _check_reinstall(conn, store_id, terminal_id)
        conn.execute(enrol_codes.insert().values(
            code_hash=_hash(raw), store_id=store_id, created_at=now,
            expires_at=now + timedelta(minutes=minutes), for_terminal_id=terminal_id))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def _check_reinstall(conn: Connection, store_id: str, terminal_id: str) -> None:
    known = conn.execute(sa.select(terminals.c.store_id, terminals.c.revoked_at).where(
        terminals.c.id == terminal_id)).first()
    if known is None:
        raise NotFound("terminal.unknown", terminal_id=terminal_id)
    if known.store_id != store_id:
        raise DomainError("enroll.terminal_taken", terminal_id=terminal_id)
    if known.revoked_at is not None:
        raise DomainError("enroll.terminal_revoked", terminal_id=terminal_id)


def enroll(conn: Connection, req: EnrollRequest, now: datetime,
           server_keys: list[str]) -> EnrollResponse:
    """Register a till's public key under the code's store; the code is then spent. The till
    learns head office's answer keys (`server_keys`) from the answer."""
    code = conn.execute(for_update(conn, sa.select(enrol_codes).where(
        enrol_codes.c.code_hash == _hash(req.code)))).mappings().first()
    if code is None:
        raise DomainError("enroll.code_unknown")
    if code["used_at"] is not None:
        raise DomainError("enroll.code_used")
    if code["expires_at"] < now:
        raise DomainError("enroll.code_expired", expired_at=code["expires_at"].isoformat())
    if not valid_public_key(req.public_key):
        raise ValidationError("enroll.public_key_invalid", field="public_key")
    info = store_info(conn, code["store_id"])
    terminal_id, terminal_code = _register(conn, req, info, now, code["for_terminal_id"])
    conn.execute(enrol_codes.update().where(enrol_codes.c.code_hash == code["code_hash"])
                 .values(used_at=now, terminal_id=terminal_id))
    return EnrollResponse(terminal_id=terminal_id, terminal_code=terminal_code, store=info,
                          server_time=now, server_keys=server_keys)


def _register(conn: Connection, req: EnrollRequest, info: StoreInfo, now: datetime,
              for_terminal: str | None) -> tuple[str, str]:
    terminal_id = req.terminal_id or new_id_str()
    if for_terminal is not None and for_terminal != terminal_id:
        raise DomainError("enroll.code_for_other_terminal", terminal_id=terminal_id)
    known = conn.execute(sa.select(terminals).where(terminals.c.id == terminal_id)
                         ).mappings().first()
    if known is not None:
        # A code for a new till must not re-key a till that is enrolled: whoever held it with
        # a known terminal id would lock the real till out. The same till enrolling again (a
        # reinstall) needs a code made for its id (`enroll --terminal`); it keeps id and code.
        if known["revoked_at"] is not None:
            raise DomainError("enroll.terminal_revoked", terminal_id=terminal_id)
        if known["store_id"] != info.store_id:
            raise DomainError("enroll.terminal_taken", terminal_id=terminal_id)
        if for_terminal != terminal_id:
            raise DomainError("enroll.terminal_known", terminal_id=terminal_id)
        conn.execute(terminals.update().where(terminals.c.id == terminal_id).values(
            public_key=req.public_key, app_version=req.app_version[:40]))
        chainheads.forget(conn, terminal_id)  # a reinstalled till starts a new audit chain
        return terminal_id, str(known["code"])
    code = req.terminal_code or _next_terminal_code(conn, info.store_id)
    taken = conn.scalar(sa.select(terminals.c.id).where(
        terminals.c.store_id == info.store_id, terminals.c.code == code))
    if taken:
        raise ValidationError("enroll.terminal_code_taken", field="terminal_code", code=code)
    conn.execute(terminals.insert().values(
        id=terminal_id, merchant_id=info.merchant_id, store_id=info.store_id, code=code,
        public_key=req.public_key, enrolled_at=now, app_version=req.app_version[:40]))
    return terminal_id, code


def _next_terminal_code(conn: Connection, store_id: str) -> str:
    used = set(conn.scalars(sa.select(terminals.c.code).where(terminals.c.store_id == store_id)))
    n = 1
    while f"T{n:02d}" in used:
        n += 1
    return f"T{n:02d}"


def revoke(engine: Engine, terminal_id: str, now: datetime, *, restore: bool = False) -> None:
    """A lost or stolen till: its credentials stop working within the auth cache's lifetime."""
    with engine.begin() as conn:
        done = conn.execute(terminals.update().where(terminals.c.id == terminal_id)
                            .values(revoked_at=None if restore else now))
        if done.rowcount != 1:
            raise NotFound("terminal.unknown", terminal_id=terminal_id)


def list_terminals(engine: Engine, store_code: str | None = None,
                   packs: PackBook | None = None) -> list[dict[str, object]]:
    """Enrolled tills with when head office last heard from each and how far its clock was
    (the till's minus head office's), `clock_flagged` beyond the merchant's `clock_warn_s`."""
    packs = packs or PackBook()
    stmt = (sa.select(terminals.c.id, terminals.c.code, stores.c.code.label("store"),
                      terminals.c.enrolled_at, terminals.c.revoked_at, terminals.c.last_seen_at,
                      terminals.c.acked_through_seq, terminals.c.clock_skew_ms,
                      terminals.c.clock_flagged_at, terminals.c.merchant_id)
            .join(stores, stores.c.id == terminals.c.store_id)
            .order_by(stores.c.code, terminals.c.code))
    if store_code:
        stmt = stmt.where(stores.c.code == store_code)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
        for row in rows:
            limit_s = packs.for_merchant(conn, str(row.pop("merchant_id"))).offline.clock_warn_s
            row.update(_skew(row["clock_skew_ms"], limit_s))
    return rows


def _skew(skew_ms: object, limit_s: int) -> dict[str, object]:
    if not isinstance(skew_ms, int):
        return {"clock_skew": None, "clock_flagged": False}
    seconds = abs(skew_ms) // 1000
    text = (f"{'-' if skew_ms < 0 else '+'}{seconds // 3600}:{seconds // 60 % 60:02d}:"
            f"{seconds % 60:02d}")
    return {"clock_skew": text, "clock_flagged": abs(skew_ms) > limit_s * 1000}
