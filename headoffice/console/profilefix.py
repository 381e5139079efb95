"""A profile fix from the console: the name, gender or birthday of a member put right by member
service, with a reason. The values pass the front desk's own checks
(domain/forms.validate_member_form); each changed field is stamped by head office's hybrid
clock past every stamp it holds, so it wins the field-by-field merge (headoffice/members.py)
as a later till edit would, and a till edit made after it still wins over it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from domain import forms
from domain.card_data import check_text
from domain.errors import NotFound, ValidationError
from domain.hlc import Stamp, tick
from headoffice import staff
from headoffice.console.corrections import REASON_MAX
from headoffice.console.terminals import SHOWN_IN
from headoffice.feed import FeedWriter, interested_stores
from headoffice.sql import for_update
from headoffice.staff import Session
from headoffice.tables import members

FIXABLE = ("name", "gender", "birthday")  # the form's keys; the mobile is the member's key
BIRTHDAY = ("birth_year", "birth_month", "birth_day")
NODE = "headoffice"  # the hybrid clock's node name for head office's own edits
# Stand-ins for the required fields not being fixed: only what is changed is checked.
_STAND_IN = {"name": "-", "mobile": "13000000000", "privacy_accepted": True}


@dataclass(frozen=True, slots=True)
class Fixed:
    fields: list[str]  # the profile fields that changed (none: nothing written)


def fix_profile(engine: Engine, member_id: str, typed: dict[str, str], reason: str,
                session: Session, client: str, now: datetime) -> Fixed:
    """Set the typed fields that differ; raises forms.FormErrors naming each bad field."""
    if not reason.strip():
        raise ValidationError("profile.reason_required", field="reason")
    reason = check_text("reason", reason.strip())[:REASON_MAX]
    with engine.begin() as conn:
        stmt = sa.select(members.c.id, members.c.merchant_id, members.c.profile,
                         members.c.stamps).where(members.c.id == member_id,
                                                 members.c.canonical_id.is_(None))
        if session.member.merchant_id is not None:
            stmt = stmt.where(members.c.merchant_id == session.member.merchant_id)
        row = conn.execute(for_update(conn, stmt)).first()
        if row is None:
            raise NotFound("member.unknown", member_id=member_id)
        profile, stamps = dict(row.profile or {}), dict(row.stamps or {})
        values = _changed(profile, typed, now)
        if not values:
            return Fixed([])
        stamp = tick(max((Stamp.parse(s) for s in stamps.values()), default=None),
                     int(now.timestamp() * 1000), NODE)
        profile.update(values)
        stamps.update({field: str(stamp) for field in values})
        conn.execute(members.update().where(members.c.id == row.id).values(
            profile=profile, stamps=stamps, version=members.c.version + 1))
        feed = FeedWriter()  # every store following the member pulls the profile
        feed.stores(interested_stores(conn, [row.id]).get(row.id, []), "member", row.id)
        feed.flush(conn, now)
        staff.audit(conn, now, client, "profile.corrected", login=session.member.login,
                    staff_id=session.member.id, target=row.id,
                    detail=f"{', '.join(sorted(values))}: {reason}")
    return Fixed(sorted(values))


def _changed(profile: dict[str, Any], typed: dict[str, str], now: datetime) -> dict[str, Any]:
    """The fixable fields typed that differ from the profile, checked as the front desk
    checks them; the birthday as its three parts."""
    asked = {k: v.strip() for k, v in typed.items() if k in FIXABLE}
    raw: dict[str, object] = {**_STAND_IN, **asked}
    form = forms.validate_member_form(raw, now.astimezone(SHOWN_IN).date())
    new: dict[str, Any] = {}
    if "name" in asked and form.name != profile.get("name"):
        new["name"] = form.name
    if "gender" in asked and form.gender != (profile.get("gender") or ""):
        new["gender"] = form.gender
    if asked.get("birthday"):
        parts = (form.birth_year, form.birth_month, form.birth_day)
        if parts != tuple(profile.get(k) for k in BIRTHDAY):
            new.update(zip(BIRTHDAY, parts, strict=True))
    return new
