"""Members' sessions on the member page: a random token in the cookie, its hash in the table."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Engine

from headoffice.member_tables import member_sessions

LIFETIME = timedelta(days=7)  # a phone is personal; a week between log-ins, then a new code


@dataclass(frozen=True)
class MemberSession:
    member_id: str
    merchant_id: str
    csrf: str
    token: str = ""  # only when just opened: the cookie's value


def open_session(engine: Engine, member_id: str, merchant_id: str,
                 now: datetime) -> MemberSession:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(member_sessions.insert().values(
            token_hash=_digest(token), member_id=member_id, merchant_id=merchant_id,
            csrf=csrf, created_at=now, expires_at=now + LIFETIME))
    return MemberSession(member_id, merchant_id, csrf, token)


def session_for(engine: Engine, token: str, now: datetime) -> MemberSession | None:
    if not token:
        return None
    s = member_sessions.c
    with engine.connect() as conn:
        row = conn.execute(sa.select(s.member_id, s.merchant_id, s.csrf).where(
            s.token_hash == _digest(token), s.expires_at > now)).first()
    return None if row is None else MemberSession(row.member_id, row.merchant_id, row.csrf)


def end_session(engine: Engine, token: str) -> None:
    with engine.begin() as conn:
        conn.execute(member_sessions.delete().where(
            member_sessions.c.token_hash == _digest(token)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
