"""Head-office staff: accounts with one role, scrypt passwords, log-in with throttling,
server-side sessions with expiry, and the audit trail of every log-in and change.

Everything lives in the database (staff, staff_sessions, console_audit), so any replica
answers any request; the throttle counts the audit trail's failures, so it holds across them.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import ValidationError
from domain.ids import new_id_str
from domain.pins import verify_pin
from headoffice.console_tables import console_audit, staff, staff_sessions
from headoffice.tables import merchants

ROLES = ("admin", "marketing", "member_service", "auditor")
# What each role may do: every console route names one of these, and one dependency checks it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "terminals.view": frozenset({"admin", "member_service", "auditor"}),
    "terminals.revoke": frozenset({"admin"}),
    "stores.enrol": frozenset({"admin"}),  # make a one-time enrolment code for a new till
    "audit.view": frozenset({"admin", "auditor"}),
    # Members (PIPL): marketing works on segments, never on one person's record.
    "members.view": frozenset({"admin", "member_service", "auditor"}),
    "members.mobile": frozenset({"admin", "member_service"}),  # others see 138****1234
    # Alliances (issue 15): statements and activity are read by administrators and auditors
    # (finance checks them); agreements and closing a period are an administrator's, and only
    # head office's own (console/alliance.may_manage): they bind every merchant.
    "alliance.view": frozenset({"admin", "auditor"}),
    "alliance.manage": frozenset({"admin"}),
    # Corrections on a member's record (points, cards): audited, synced to the tills.
    "members.correct": frozenset({"admin", "member_service"}),
    # Rule packs and catalogue: marketing and admin publish; auditors read what was published.
    "packs.view": frozenset({"admin", "marketing", "auditor"}),
    "packs.publish": frozenset({"admin", "marketing"}),
    # Reports are totals by store and day (no person in them): not member service's work.
    "reports.view": frozenset({"admin", "marketing", "auditor"}),
    "coupons.bulk": frozenset({"admin", "marketing"}),  # bulk coupons to a segment
    "cases.view": frozenset({"admin", "member_service", "auditor"}),
    "cases.resolve": frozenset({"admin", "member_service"}),  # auditors read, never change
}
# scrypt at 2**15 (32 MiB, about 0.1 s): slow for guessing, fine for one log-in.
N, R, P = 2**15, 8, 1
MIN_PASSWORD = 10
MAX_FAILURES = 5  # per account, in THROTTLE_WINDOW since its last successful log-in
MAX_ADDRESS_FAILURES = 20  # per client address: an office behind one NAT shares it
THROTTLE_WINDOW = timedelta(minutes=15)
SESSION_IDLE = timedelta(minutes=30)
SESSION_MAX = timedelta(hours=8)
CLI = "cli"  # the client address recorded for kaika-headoffice commands


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    login: str
    name: str
    role: str
    merchant_id: str | None  # None: every merchant


@dataclass(frozen=True, slots=True)
class Session:
    token: str  # for the cookie only: never stored
    csrf: str
    member: StaffMember
    expires_at: datetime


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt_hex$hash_hex`, the PINs' format (domain/pins.py checks both)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P,
                            maxmem=256 * N * R + 1024 * 1024, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


_DUMMY = hash_password("not-a-password-of-anyone")


def check_new(login: str, name: str, role: str, password: str) -> None:
    if not login or len(login) > 64 or not login.isascii() or not login.isprintable() \
            or " " in login:
        raise ValidationError("staff.login_invalid", field="login")
    if not name.strip() or len(name) > 100 or not name.isprintable():
        raise ValidationError("staff.name_invalid", field="name")
    if role not in ROLES:
        raise ValidationError("staff.role_invalid", field="role", roles=", ".join(ROLES))
    if len(password) < MIN_PASSWORD:
        raise ValidationError("staff.password_short", field="password", min=MIN_PASSWORD)


def add(engine: Engine, login: str, name: str, role: str, password: str,
        now: datetime, merchant: str | None = None) -> str:
    """A new account (audited as made from the command line); its id. With `merchant` (its
    code) the account sees and changes that merchant's stores and tills only."""
    check_new(login, name, role, password)
    staff_id = new_id_str()
    with engine.begin() as conn:
        if conn.scalar(sa.select(staff.c.id).where(staff.c.login == login)) is not None:
            raise ValidationError("staff.login_taken", field="login", login=login)
        merchant_id = None if merchant is None else conn.scalar(
            sa.select(merchants.c.id).where(merchants.c.code == merchant))
        if merchant is not None and merchant_id is None:
            raise ValidationError("merchant.unknown", field="merchant", code=merchant)
        conn.execute(staff.insert().values(id=staff_id, login=login, name=name, role=role,
                                           password_hash=hash_password(password),
                                           created_at=now, merchant_id=merchant_id))
        audit(conn, now, CLI, "staff.added", login=login, staff_id=staff_id, target=login,
              detail=f"{role} {merchant or '*'}")
    return staff_id


def listed(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            sa.select(staff.c.login, staff.c.name, staff.c.role, staff.c.created_at,
                      staff.c.disabled_at).order_by(staff.c.login)).mappings()]


def set_password(engine: Engine, login: str, password: str, now: datetime) -> None:
    """A new password (from the command line); the account's sessions end."""
    check_new(login, "-", ROLES[0], password)
    _change(engine, login, now, "staff.password_set", password_hash=hash_password(password))


def disable(engine: Engine, login: str, now: datetime) -> None:
    """The account logs in no more; its sessions end at once."""
    _change(engine, login, now, "staff.disabled", disabled_at=now)


def _change(engine: Engine, login: str, now: datetime, action: str, **values: object) -> None:
    with engine.begin() as conn:
        staff_id = conn.scalar(sa.select(staff.c.id).where(staff.c.login == login))
        if staff_id is None:
            raise ValidationError("staff.unknown", field="login", login=login)
        conn.execute(staff.update().where(staff.c.id == staff_id).values(**values))
        conn.execute(staff_sessions.delete().where(staff_sessions.c.staff_id == staff_id))
        audit(conn, now, CLI, action, login=login, staff_id=staff_id, target=login)


def audit(conn: Connection, now: datetime, client: str, action: str, *, login: str,
          staff_id: str | None = None, target: str = "", detail: str = "") -> None:
    conn.execute(console_audit.insert().values(
        id=new_id_str(), at=now, staff_id=staff_id, login=login[:64], client=client[:64],
        action=action, target=target[:100], detail=detail[:500]))


def throttled(conn: Connection, login: str, client: str, now: datetime) -> bool:
    """Too many failures lately for this account or from this address."""
    since = now - THROTTLE_WINDOW
    last_ok = conn.scalar(sa.select(sa.func.max(console_audit.c.at)).where(
        console_audit.c.login == login, console_audit.c.action == "login.ok",
        console_audit.c.at >= since))
    failed = sa.select(sa.func.count()).select_from(console_audit).where(
        console_audit.c.action == "login.failed")
    by_login = conn.scalar(failed.where(console_audit.c.login == login,
                                        console_audit.c.at >= (last_ok or since)))
    by_client = conn.scalar(failed.where(console_audit.c.client == client,
                                         console_audit.c.at >= since))
    return (by_login or 0) >= MAX_FAILURES or (by_client or 0) >= MAX_ADDRESS_FAILURES


def log_in(engine: Engine, login: str, password: str, client: str,
           now: datetime) -> Session | None:
    """A new session for the right password; None (audited) otherwise.

    Raises:
        ValidationError: staff.throttled while too many recent failures stand.
    """
    with engine.begin() as conn:
        refused = throttled(conn, login, client, now)
        if refused:  # recorded, then refused once this transaction is committed
            audit(conn, now, client, "login.throttled", login=login)
    if refused:
        raise ValidationError("staff.throttled", field="login",
                              minutes=THROTTLE_WINDOW.seconds // 60)
    with engine.begin() as conn:
        row = conn.execute(sa.select(staff).where(staff.c.login == login,
                                                  staff.c.disabled_at.is_(None))).first()
        # An unknown login costs the same scrypt as a known one: timing tells nothing.
        if not verify_pin(password, row.password_hash if row else _DUMMY) or row is None:
            audit(conn, now, client, "login.failed", login=login,
                  staff_id=row.id if row else None)
            return None
        member = StaffMember(row.id, row.login, row.name, row.role, row.merchant_id)
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), member,
                          now + SESSION_IDLE)
        conn.execute(staff_sessions.insert().values(
            token_hash=_digest(session.token), staff_id=member.id, csrf=session.csrf,
            client=client[:64], created_at=now, expires_at=session.expires_at))
        audit(conn, now, client, "login.ok", login=login, staff_id=member.id)
    return session


def session_for(engine: Engine, token: str, now: datetime) -> Session | None:
    """The live session of this cookie, its expiry moved on (idle limit, absolute cap)."""
    if not token or len(token) > 100:
        return None
    joined = staff_sessions.join(staff, staff.c.id == staff_sessions.c.staff_id)
    with engine.begin() as conn:
        row = conn.execute(sa.select(staff_sessions, staff.c.login, staff.c.name, staff.c.role,
                                     staff.c.merchant_id)
                           .select_from(joined).where(
            staff_sessions.c.token_hash == _digest(token),
            staff_sessions.c.expires_at > now, staff.c.disabled_at.is_(None))).first()
        if row is None:
            return None
        expires = min(now + SESSION_IDLE, row.created_at + SESSION_MAX)
        conn.execute(staff_sessions.update().where(
            staff_sessions.c.token_hash == row.token_hash).values(expires_at=expires))
    member = StaffMember(row.staff_id, row.login, row.name, row.role, row.merchant_id)
    return Session(token, row.csrf, member, expires)


def log_out(engine: Engine, session: Session, client: str, now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(staff_sessions.delete().where(
            (staff_sessions.c.token_hash == _digest(session.token))
            | (staff_sessions.c.expires_at < now)))  # and sweep the long expired
        audit(conn, now, client, "logout", login=session.member.login,
              staff_id=session.member.id)


def may(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def recent_audit(engine: Engine, merchant_id: str | None, login: str = "",
                 limit: int = 200) -> list[dict[str, object]]:
    """The newest entries of the console's audit trail, of one account when `login` is given;
    for a merchant's staff, only what that merchant's accounts did."""
    stmt = sa.select(console_audit).order_by(console_audit.c.id.desc()).limit(limit)
    if login:
        stmt = stmt.where(console_audit.c.login == login)
    if merchant_id is not None:
        stmt = stmt.where(console_audit.c.staff_id.in_(
            sa.select(staff.c.id).where(staff.c.merchant_id == merchant_id)))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]
