"""Rule packs and catalogue from the console: an uploaded publication file is checked as the
command line checks it (each problem with its JSON path), kept as a draft with what it changes,
and published by marketing at once or from an effective day (Beijing date); a due draft is
published by `release_due`, which the server runs every minute.

Publishing is headoffice/publish.py's, the CLI's own: the merchant's feed carries every item,
so every store's tills pull it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.errors import NotFound, ValidationError
from domain.ids import new_id_str
from headoffice import staff
from headoffice.console.packdiff import Row, changes
from headoffice.console.terminals import SHOWN_IN
from headoffice.console_tables import pack_drafts
from headoffice.publish import Publication, checked, publish_in
from headoffice.sql import for_update
from headoffice.staff import Session
from headoffice.tables import merchants

MAX_UPLOAD = 1024 * 1024  # a catalogue of some thousand products; the CLI takes larger
RECENT = 20  # drafts listed on the page
SCHEDULER = "scheduler"  # the client address of a publication released on its day
log = logging.getLogger(__name__)


@dataclass
class Checked:
    draft_id: str | None = None
    problems: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def today(now: datetime) -> date:
    return now.astimezone(SHOWN_IN).date()


def check_upload(engine: Engine, data: bytes, file_name: str, session: Session,
                 client: str, now: datetime) -> Checked:
    """Check the file; a good one becomes a draft (audited) with what it would change."""
    name = (file_name or "upload.json")[-200:]
    if len(data) > MAX_UPLOAD:
        return Checked(problems=[f"{name}: larger than {MAX_UPLOAD // 1024} KiB"])
    doc, problems = checked(data, name)
    if doc is None:
        return Checked(problems=problems)
    with engine.begin() as conn:
        merchant_id, problem = _merchant_of(conn, doc, session, name)
        if merchant_id is None:
            return Checked(problems=[problem])
        draft_id = new_id_str()
        conn.execute(pack_drafts.insert().values(
            id=draft_id, merchant_id=merchant_id, file_name=name,
            doc=doc.model_dump_json(by_alias=True), status="draft", effective_on=None,
            created_by=session.member.login, created_at=now))
        staff.audit(conn, now, client, "pack.checked", login=session.member.login,
                    staff_id=session.member.id, target=draft_id, detail=name)
        return Checked(draft_id, [], changes(conn, merchant_id, doc))


def _merchant_of(conn: Connection, doc: Publication, session: Session,
                 name: str) -> tuple[str | None, str]:
    """The merchant the file is for: the account's own (a file naming another is refused), or
    for the operator's accounts the one `$.merchant` names."""
    mine = session.member.merchant_id
    if doc.merchant is None and mine is None:
        return None, f"{name}: $.merchant: name the merchant (its code) this file is for"
    named = None if doc.merchant is None else conn.scalar(
        sa.select(merchants.c.id).where(merchants.c.code == doc.merchant))
    if doc.merchant is not None and (named is None or (mine is not None and named != mine)):
        return None, f"{name}: $.merchant: no such merchant for this account: {doc.merchant}"
    return named or mine, ""


def draft(conn: Connection, draft_id: str, merchant_id: str | None) -> dict[str, object]:
    """One draft with what it changes now (pack.unknown: none, or another merchant's)."""
    row = _row(conn, draft_id, merchant_id)
    doc = Publication.model_validate_json(row["doc"])
    shown = _shown(dict(row))
    shown["rows"] = changes(conn, row["merchant_id"], doc) if row["status"] != "published" \
        else []
    return shown


def _row(conn: Connection, draft_id: str, merchant_id: str | None,
         lock: bool = False) -> sa.RowMapping:
    stmt = sa.select(pack_drafts).where(pack_drafts.c.id == draft_id)
    if merchant_id is not None:
        stmt = stmt.where(pack_drafts.c.merchant_id == merchant_id)
    row = conn.execute(for_update(conn, stmt) if lock else stmt).mappings().first()
    if row is None:
        raise NotFound("pack.unknown", draft_id=draft_id)
    return row


def recent(conn: Connection, merchant_id: str | None) -> list[dict[str, object]]:
    stmt = (sa.select(pack_drafts.c.id, pack_drafts.c.file_name, pack_drafts.c.status,
                      pack_drafts.c.effective_on, pack_drafts.c.created_by,
                      pack_drafts.c.created_at, pack_drafts.c.published_at,
                      merchants.c.code.label("merchant"))
            .join(merchants, merchants.c.id == pack_drafts.c.merchant_id)
            .order_by(pack_drafts.c.id.desc()).limit(RECENT))
    if merchant_id is not None:
        stmt = stmt.where(pack_drafts.c.merchant_id == merchant_id)
    return [_shown(dict(r)) for r in conn.execute(stmt).mappings()]


def _shown(row: dict[str, object]) -> dict[str, object]:
    for key in ("created_at", "published_at"):
        at = row.get(key)
        if isinstance(at, datetime):
            row[key] = at.astimezone(SHOWN_IN).strftime("%Y-%m-%d %H:%M")
    return row


def parse_day(text: str, now: datetime) -> date:
    """The effective day: empty for today; a past day is refused (pack.effective_past)."""
    if not text.strip():
        return today(now)
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("pack.effective_invalid", field="effective_on") from None
    if day < today(now):
        raise ValidationError("pack.effective_past", field="effective_on",
                              today=today(now).isoformat())
    return day


def publish_draft(engine: Engine, draft_id: str, day_text: str, session: Session,
                  client: str, now: datetime) -> str:
    """Publish the draft today, or schedule it for its day; "published" or "scheduled"."""
    day = parse_day(day_text, now)
    with engine.begin() as conn:
        row = _row(conn, draft_id, session.member.merchant_id, lock=True)
        if row["status"] != "draft":
            raise ValidationError("pack.not_draft", field="draft", status=row["status"])
        status = "published" if day <= today(now) else "scheduled"
        if status == "published":
            _publish(conn, row, now)
        conn.execute(pack_drafts.update().where(pack_drafts.c.id == draft_id).values(
            status=status, effective_on=day))
        staff.audit(conn, now, client, f"pack.{status}", login=session.member.login,
                    staff_id=session.member.id, target=draft_id,
                    detail=f"{row['file_name']} {day.isoformat()}")
    return status


def _publish(conn: Connection, row: sa.RowMapping, now: datetime) -> None:
    code = conn.scalar(sa.select(merchants.c.code).where(merchants.c.id == row["merchant_id"]))
    doc = Publication.model_validate_json(row["doc"])
    publish_in(conn, doc.model_copy(update={"merchant": None}), code, now)
    conn.execute(pack_drafts.update().where(pack_drafts.c.id == row["id"]).values(
        published_at=now))


def release_due(engine: Engine, now: datetime) -> int:
    """Publish every scheduled draft whose day has come (each in its own transaction, locked
    so two servers never publish one twice); how many."""
    with engine.connect() as conn:
        due = list(conn.scalars(sa.select(pack_drafts.c.id).where(
            pack_drafts.c.status == "scheduled", pack_drafts.c.effective_on <= today(now))
            .order_by(pack_drafts.c.effective_on, pack_drafts.c.id)))
    done = 0
    for draft_id in due:
        with engine.begin() as conn:
            row = _row(conn, draft_id, None, lock=True)
            if row["status"] != "scheduled":
                continue  # another server released it meanwhile
            _publish(conn, row, now)
            conn.execute(pack_drafts.update().where(pack_drafts.c.id == draft_id)
                         .values(status="published"))
            staff.audit(conn, now, SCHEDULER, "pack.published", login=row["created_by"],
                        target=draft_id, detail=f"{row['file_name']} on its day")
            done += 1
    return done


@dataclass
class Releaser:
    """`release_due` once per `step`, logging a failing database without flooding the log:
    the traceback once when the failure starts, a one-line warning at most every
    `warn_every` while it lasts, and a line when releasing works again."""

    engine: Engine
    clock: Callable[[], datetime]
    warn_every: timedelta = timedelta(hours=1)
    failing_since: datetime | None = None
    warned_at: datetime | None = None

    def step(self) -> None:
        now = self.clock()
        try:
            release_due(self.engine, now)
        except Exception as err:  # a database away for a while: try again next round
            self._failed(now, err)
            return
        if self.failing_since is not None:
            log.info("releasing scheduled publications works again (failing since %s)",
                     self.failing_since.isoformat())
            self.failing_since = self.warned_at = None

    def _failed(self, now: datetime, err: Exception) -> None:
        if self.failing_since is None or self.warned_at is None:
            self.failing_since = self.warned_at = now
            log.error("releasing scheduled publications failed; retrying", exc_info=err)
        elif now - self.warned_at >= self.warn_every:
            self.warned_at = now
            first = str(err).strip().splitlines()[:1] or [""]
            log.warning("releasing scheduled publications still failing since %s: %s: %s",
                        self.failing_since.isoformat(), type(err).__name__, first[0])


def start_releasing(engine: Engine, clock: Callable[[], datetime], every_s: float = 60.0,
                    warn_every: timedelta = timedelta(hours=1)) -> threading.Event:
    """Run `release_due` every minute in the background; set the event to stop."""
    stop = threading.Event()
    releaser = Releaser(engine, clock, warn_every)

    def loop() -> None:
        while not stop.wait(every_s):
            releaser.step()
    threading.Thread(target=loop, name="pack-release", daemon=True).start()
    return stop
