"""Bulk coupons to a segment of a merchant's members: the segment (tier, a store where they
bought, when they last bought, marketing consent), its count before issuing, and one issue per
form (the form's own id keys the batch: a repeated POST or a double click issues nothing more).

Each coupon is made by the domain's own rule (domain/coupons.issue, a fresh code) from a
template of the merchant's pack or catalogue, stored as a till's `coupon.issued` would be, and
put on the feed of every store following its member."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain import coupons as coupon_rules
from domain.errors import NotFound, ValidationError
from domain.events import CouponIssued
from domain.records import CouponTemplate
from headoffice import staff
from headoffice.console.terminals import SHOWN_IN
from headoffice.console_tables import coupon_batches
from headoffice.feed import FeedWriter, interested_stores
from headoffice.members import CONSENT
from headoffice.packs import PackBook
from headoffice.sql import bulk_insert
from headoffice.staff import Session
from headoffice.tables import catalog_items, coupons, members, sales, stores
from sync.apply_owned import template_of
from sync.payloads import CouponIssuedV1

VISITS = ("", "within", "lapsed")  # any; bought within N days; bought before, not in N days
MAX_DAYS = 3650
MAX_MEMBERS = 100_000  # one issue; a larger segment is cut in two by tier or store
REASON = "bulk"  # domain/reasons.COUPON_REASONS


@dataclass(frozen=True, slots=True)
class Segment:
    tier: str = ""
    store: str = ""
    visited: str = ""
    days: int = 0
    consent: bool = True  # only members who agreed to marketing

    def describe(self) -> str:
        """The segment in one line, kept with the batch and in the audit trail."""
        parts = [f"tier={self.tier or '*'}", f"store={self.store or '*'}"]
        if self.visited:
            parts.append(f"{self.visited}={self.days}d")
        parts.append("consent" if self.consent else "all")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Issued:
    batch_id: str
    issued: int
    repeated: bool


def segment_of(fields: dict[str, str]) -> Segment:
    visited = fields.get("visited", "")
    if visited not in VISITS:
        raise ValidationError("coupons.segment_invalid", field="visited")
    days_text = fields.get("days", "").strip()
    days = int(days_text) if days_text.isdigit() and len(days_text) <= 4 else -1
    if visited and not 1 <= days <= MAX_DAYS:
        raise ValidationError("coupons.days_invalid", field="days", max=MAX_DAYS)
    return Segment(fields.get("tier", "")[:40], fields.get("store", "")[:16], visited,
                   max(days, 0) if visited else 0, fields.get("consent", "") == "1")


def templates(conn: Connection, merchant_id: str, packs: PackBook) -> list[CouponTemplate]:
    """The merchant's templates: its pack's, then its published catalogue's (which win)."""
    found = {t.code: t for t in packs.for_merchant(conn, merchant_id).coupons.templates}
    for data in conn.scalars(sa.select(catalog_items.c.data).where(
            catalog_items.c.merchant_id == merchant_id,
            catalog_items.c.entity == "coupon_template")):
        made = template_of(dict(data))
        if made is not None:
            found[made.code] = made
    return sorted(found.values(), key=lambda t: t.code)


def tiers(conn: Connection, merchant_id: str, packs: PackBook) -> list[str]:
    return [t.name for t in packs.for_merchant(conn, merchant_id).tiers]


def store_codes(conn: Connection, merchant_id: str) -> list[str]:
    return list(conn.scalars(sa.select(stores.c.code).where(
        stores.c.merchant_id == merchant_id).order_by(stores.c.code)))


def matching(conn: Connection, merchant_id: str, seg: Segment, now: datetime) -> Any:
    """The select of the segment's member ids (canonical members of the merchant)."""
    stmt = sa.select(members.c.id).where(members.c.merchant_id == merchant_id,
                                         members.c.canonical_id.is_(None))
    if seg.tier:
        stmt = stmt.where(members.c.tier == seg.tier)
    if seg.consent:
        stmt = stmt.where(members.c.profile[CONSENT].as_boolean().is_(True))
    if seg.store:
        store_id = conn.scalar(sa.select(stores.c.id).where(
            stores.c.code == seg.store, stores.c.merchant_id == merchant_id))
        if store_id is None:
            raise ValidationError("coupons.store_unknown", field="store", code=seg.store)
        stmt = stmt.where(sa.exists().where(sales.c.member_id == members.c.id,
                                            sales.c.store_id == store_id))
    if seg.visited:
        recent = sa.exists().where(sales.c.member_id == members.c.id,
                                   sales.c.at >= now - timedelta(days=seg.days))
        stmt = stmt.where(recent) if seg.visited == "within" else stmt.where(
            ~recent, sa.exists().where(sales.c.member_id == members.c.id))
    return stmt


def count(conn: Connection, merchant_id: str, seg: Segment, now: datetime) -> int:
    return int(conn.scalar(sa.select(sa.func.count()).select_from(
        matching(conn, merchant_id, seg, now).subquery())) or 0)


def issue(engine: Engine, packs: PackBook, merchant_id: str, template_code: str, seg: Segment,
          once: str, session: Session, client: str, now: datetime) -> Issued:
    """One coupon of the template to every member of the segment, once per form."""
    batch_id = _once(once)
    try:
        with engine.begin() as conn:
            return _issue(conn, packs, merchant_id, template_code, seg, batch_id, session,
                          client, now)
    except sa.exc.IntegrityError:  # the same form at the same time: the first one issued
        with engine.connect() as conn:
            done = conn.scalar(sa.select(coupon_batches.c.issued).where(
                coupon_batches.c.id == batch_id))
        return Issued(batch_id, int(done or 0), repeated=True)


def _issue(conn: Connection, packs: PackBook, merchant_id: str, template_code: str,
           seg: Segment, batch_id: str, session: Session, client: str,
           now: datetime) -> Issued:
    done = conn.scalar(sa.select(coupon_batches.c.issued).where(coupon_batches.c.id == batch_id))
    if done is not None:
        return Issued(batch_id, int(done), repeated=True)
    template = next((t for t in templates(conn, merchant_id, packs)
                     if t.code == template_code), None)
    if template is None:
        raise NotFound("coupon.template_unknown", template=template_code)
    ids = list(conn.scalars(matching(conn, merchant_id, seg, now).limit(MAX_MEMBERS + 1)))
    if len(ids) > MAX_MEMBERS:
        raise ValidationError("coupons.too_many", field="tier", max=MAX_MEMBERS)
    # Written first: a second transaction with this form's id waits here, then finds it.
    conn.execute(coupon_batches.insert().values(
        id=batch_id, merchant_id=merchant_id, template_code=template.code,
        segment=seg.describe(), issued=len(ids), created_by=session.member.login,
        created_at=now))
    today = now.astimezone(SHOWN_IN).date()
    rows = [_row(template, member_id, merchant_id, now, today) for member_id in ids]
    bulk_insert(conn, coupons, rows)
    feed = FeedWriter()
    followers = interested_stores(conn, ids)
    for row in rows:
        feed.stores(followers.get(row["member_id"], []), "coupon", row["code"])
    feed.flush(conn, now)
    staff.audit(conn, now, client, "coupons.bulk_issued", login=session.member.login,
                staff_id=session.member.id, target=f"{template.code} ×{len(ids)}",
                detail=f"{batch_id} {seg.describe()}")
    return Issued(batch_id, len(ids), repeated=False)


def _row(template: CouponTemplate, member_id: str, merchant_id: str, now: datetime,
         today: Any) -> dict[str, Any]:
    """A coupon made by the domain's rule, stored as a till's `coupon.issued` is."""
    coupon = coupon_rules.issue(template, coupon_rules.new_code(os.urandom), member_id, now,
                                today, REASON)
    body = CouponIssuedV1.model_validate(CouponIssued(coupon).wire()).model_dump(mode="json")
    return {"code": coupon.code, "member_id": member_id, "merchant_id": merchant_id,
            "template_code": template.code, "state": coupon.state.value,
            "redeemed_sale_id": None, "redeemed_store_id": None,
            "body": {**body, "member_id": member_id}, "version": 1}


def recent(conn: Connection, merchant_id: str | None) -> list[dict[str, Any]]:
    stmt = sa.select(coupon_batches).order_by(coupon_batches.c.id.desc()).limit(20)
    if merchant_id is not None:
        stmt = stmt.where(coupon_batches.c.merchant_id == merchant_id)
    return [{**dict(r), "created_at": r["created_at"].astimezone(SHOWN_IN).strftime(
        "%Y-%m-%d %H:%M")} for r in conn.execute(stmt).mappings()]


def _once(once: str) -> str:
    try:
        return str(uuid.UUID(once))
    except ValueError:
        raise ValidationError("form.stale", field="once") from None
