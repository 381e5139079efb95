"""One-time log-in codes for the member page: six digits, stored hashed, good for five minutes
and one right guess, dead after five wrong ones; throttled per mobile and per client address."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import ValidationError
from domain.ids import new_id_str
from headoffice.member_tables import member_codes
from headoffice.member_web.sender import CodeSender

CODE_MINUTES = 5
MAX_WRONG = 5  # wrong guesses that kill a code: 5 in 10⁶
RESEND_S = 60  # one code a minute to a mobile
PER_MOBILE_HOUR = 5  # codes a mobile may be sent in an hour (each SMS costs, and annoys)
PER_CLIENT_HOUR = 20  # codes one address may ask for in an hour, for any mobiles


def request_code(engine: Engine, merchant_id: str, mobile: str, client: str, now: datetime,
                 sender: CodeSender, lang: str) -> None:
    """Make, store (hashed) and send a code; ValidationError member_code.throttled (with the
    seconds to wait) when this mobile or this address asked too often."""
    code = f"{secrets.randbelow(10**6):06d}"
    code_id = new_id_str()
    with engine.begin() as conn:
        _check_throttle(conn, merchant_id, mobile, client, now)
        conn.execute(member_codes.insert().values(
            id=code_id, merchant_id=merchant_id, mobile=mobile, code_hash=_hash(code_id, code),
            client=client[:64], created_at=now, expires_at=now + timedelta(minutes=CODE_MINUTES)))
        # Sent inside the transaction: a gateway that fails leaves no code row behind.
        sender.send(mobile, code, CODE_MINUTES, lang, now)


def _check_throttle(conn: Connection, merchant_id: str, mobile: str, client: str,
                    now: datetime) -> None:
    hour = now - timedelta(hours=1)
    c = member_codes.c
    sent = list(conn.scalars(sa.select(c.created_at).where(
        c.merchant_id == merchant_id, c.mobile == mobile, c.created_at > hour)
        .order_by(c.created_at.desc())))
    if sent and (now - sent[0]).total_seconds() < RESEND_S:
        raise ValidationError("member_code.throttled", field="mobile",
                              wait_s=RESEND_S - int((now - sent[0]).total_seconds()))
    if len(sent) >= PER_MOBILE_HOUR:
        raise ValidationError("member_code.throttled", field="mobile",
                              wait_s=_wait(sent[-1], now))
    by_client = list(conn.scalars(sa.select(c.created_at).where(
        c.client == client[:64], c.created_at > hour).order_by(c.created_at)))
    if len(by_client) >= PER_CLIENT_HOUR:
        raise ValidationError("member_code.throttled", field="mobile",
                              wait_s=_wait(by_client[0], now))


def _wait(oldest: datetime, now: datetime) -> int:
    return max(int((oldest + timedelta(hours=1) - now).total_seconds()), 1)


def check_code(engine: Engine, merchant_id: str, mobile: str, code: str,
               now: datetime) -> bool:
    """Spend the mobile's latest live code if `code` is it; a wrong guess counts against it."""
    c = member_codes.c
    with engine.begin() as conn:
        row = conn.execute(sa.select(c.id, c.code_hash, c.wrong).where(
            c.merchant_id == merchant_id, c.mobile == mobile, c.used_at.is_(None),
            c.expires_at > now, c.wrong < MAX_WRONG)
            .order_by(c.created_at.desc()).limit(1).with_for_update()).first()
        if row is None:
            return False
        if not secrets.compare_digest(row.code_hash, _hash(row.id, code.strip())):
            conn.execute(member_codes.update().where(c.id == row.id).values(wrong=c.wrong + 1))
            return False
        conn.execute(member_codes.update().where(c.id == row.id).values(used_at=now))
        return True


def _hash(code_id: str, code: str) -> str:
    # Salted with the row's id: the same code sent twice never hashes alike.
    return hashlib.sha256(f"{code_id}:{code}".encode()).hexdigest()
