"""Alliances at head office: who belongs, the agreements between members (each announced to
the partner's tills), and the look-ups that the trade entries and settlement beside it
(headoffice/alliance_settlement.py) share."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.alliance import Agreement, parse_agreement, template_problems
from domain.errors import NotFound, ValidationError
from domain.ids import new_id_str
from headoffice import alliance_roster
from headoffice.alliance_tables import alliance_agreements, alliance_merchants, alliances
from headoffice.feed import FeedWriter
from headoffice.packs import PackBook
from headoffice.publish import merchant_item
from headoffice.sql import insert_ignore
from headoffice.tables import merchants

# Periods are calendar months of the alliance's local time (every merchant on one head office
# keeps Chinese business dates).
ALLIANCE_TZ = ZoneInfo("Asia/Shanghai")
NAME_MAX = 100
AGREEMENT_ENTITY = "alliance_agreement"  # in the partner merchant's feed


def create_alliance(conn: Connection, code: str, name: str, now: datetime) -> str:
    if not code.strip() or len(code) > 16:
        raise ValidationError("alliance.bad_code", field="code")
    if len(name) > NAME_MAX:
        raise ValidationError("alliance.name_too_long", field="name", max=NAME_MAX)
    alliance_id = new_id_str()
    if not insert_ignore(conn, alliances, [{"id": alliance_id, "code": code,
                                            "name": name or code, "created_at": now}],
                         returning=alliances.c.id):
        raise ValidationError("alliance.code_taken", field="code", alliance=code)
    return alliance_id


def add_merchant(conn: Connection, alliance_code: str, merchant_code: str,
                 now: datetime) -> bool:
    """The merchant joins the alliance; False when it was a member already."""
    alliance_id = alliance_id_of(conn, alliance_code)
    merchant_id = _merchant_ids(conn, [merchant_code])[merchant_code]
    return bool(insert_ignore(conn, alliance_merchants, [
        {"alliance_id": alliance_id, "merchant_id": merchant_id, "joined_at": now}],
        returning=alliance_merchants.c.merchant_id))


def add_agreements(conn: Connection, alliance_code: str, found: list[Agreement],
                   now: datetime, path: str = "$") -> list[str]:
    """Store agreements (all or none): both merchants must be members and no agreement may
    overlap a stored one for the same issuer and partner, in this alliance or another (a
    till must know which terms apply); the refusal names the row."""
    alliance_id = lock_alliance(conn, alliance_code)
    members = member_codes(conn, alliance_id)
    stored = [agreement for _, agreement in agreements_of(conn, None)]
    ids: list[str] = []
    for index, agreement in enumerate(found):
        where = f"{path}.agreements[{index}]"
        for role in ("issuer", "partner"):
            if getattr(agreement, role) not in members:
                raise ValidationError("alliance.merchant_not_member", field=f"{where}.{role}",
                                      merchant=getattr(agreement, role), alliance=alliance_code)
        if any(agreement.overlaps(other) for other in stored):
            raise ValidationError("alliance.overlapping_agreement", field=f"{where}.starts_on")
        _check_templates(conn, agreement, members[agreement.issuer], where)
        ids.append(_insert_agreement(conn, alliance_id, members, agreement, now))
        stored.append(agreement)
    feed = FeedWriter()
    for agreement_id, agreement in zip(ids, found, strict=True):
        _announce(conn, feed, alliance_code, agreement_id, agreement, members)
    _rosters(conn, feed, {members[a.issuer] for a in found}, now)
    feed.flush(conn, now)
    return ids


def _check_templates(conn: Connection, agreement: Agreement, issuer_id: str,
                     where: str) -> None:
    """A template the issuer's pack does not define (or not a cash one) could never be
    honoured as agreed: refused here, not at a till."""
    if not agreement.coupon_templates:
        return
    pack = PackBook(ttl_s=0).for_merchant(conn, issuer_id)
    problems = template_problems(
        agreement, {t.code: t for t in pack.coupons.templates}, where)
    if problems:  # one at a time, in a sentence, like the other refusals of stored terms
        raise ValidationError(problems[0].code, field=problems[0].path,
                              template=agreement.coupon_templates[_index(problems[0].path)])


def _index(path: str) -> int:
    return int(path.rsplit("[", 1)[1].rstrip("]"))


def _rosters(conn: Connection, feed: FeedWriter, issuer_ids: set[str], now: datetime) -> None:
    """The issuers' rosters in their partners' feeds follow the agreements (a new partner
    gets the consenting members' cards; one whose agreements ended gets them voided)."""
    today = now.astimezone(ALLIANCE_TZ).date()
    for issuer_id in sorted(issuer_ids):
        alliance_roster.refresh(conn, feed, issuer_id, today)


def _announce(conn: Connection, feed: FeedWriter, alliance_code: str, agreement_id: str,
              agreement: Agreement, members: dict[str, str]) -> None:
    """The agreement travels to the partner's tills like a rule pack: its terms and the
    issuer's card brand (how a till knows the card). A till that does not know the entity
    yet ignores it."""
    issuer = conn.execute(sa.select(merchants.c.brand, merchants.c.name).where(
        merchants.c.id == members[agreement.issuer])).one()
    merchant_item(conn, feed, members[agreement.partner], AGREEMENT_ENTITY, agreement_id, {
        "id": agreement_id, "alliance": alliance_code, **agreement.to_dict(),
        "issuer_brand": issuer.brand, "issuer_name": issuer.name})


def _insert_agreement(conn: Connection, alliance_id: str, members: dict[str, str],
                      agreement: Agreement, now: datetime) -> str:
    agreement_id = new_id_str()
    conn.execute(alliance_agreements.insert().values(
        id=agreement_id, alliance_id=alliance_id, issuer_id=members[agreement.issuer],
        partner_id=members[agreement.partner], starts_on=agreement.starts_on,
        ends_on=agreement.ends_on, terms=agreement.to_dict(), created_at=now))
    return agreement_id


def end_agreement(conn: Connection, alliance_code: str, agreement_id: str, last_day: date,
                  now: datetime) -> dict[str, Any]:
    """Set an agreement's last day: from today on, never back (tills may have honoured it
    offline until now), not before its start, and overlapping no other terms of the pair."""
    alliance_id = lock_alliance(conn, alliance_code)
    stored = agreements_of(conn, None)
    found = next((a for aid, a in agreements_of(conn, alliance_id) if aid == agreement_id), None)
    if found is None:
        raise NotFound("alliance.agreement_unknown", agreement=agreement_id)
    if last_day < now.astimezone(ALLIANCE_TZ).date():
        raise ValidationError("alliance.end_in_past", field="on", day=last_day.isoformat())
    ended = replace(found, ends_on=last_day)
    if last_day < found.starts_on:
        raise ValidationError("alliance.ends_before_start", field="on")
    if any(ended.overlaps(other) for aid, other in stored if aid != agreement_id):
        raise ValidationError("alliance.overlapping_agreement", field="on")
    conn.execute(alliance_agreements.update().where(
        alliance_agreements.c.id == agreement_id).values(ends_on=last_day,
                                                           terms=ended.to_dict()))
    feed = FeedWriter()
    codes = member_codes(conn, alliance_id)
    _announce(conn, feed, alliance_code, agreement_id, ended, codes)
    _rosters(conn, feed, {codes[ended.issuer]}, now)
    feed.flush(conn, now)
    return {"id": agreement_id, **ended.to_dict()}


def list_agreements(conn: Connection, alliance_code: str) -> list[dict[str, Any]]:
    alliance_id = alliance_id_of(conn, alliance_code)
    return [{"id": agreement_id, **agreement.to_dict()}
            for agreement_id, agreement in agreements_of(conn, alliance_id)]


def agreements_of(conn: Connection, alliance_id: str | None) -> list[tuple[str, Agreement]]:
    """(id, terms) of the alliance's agreements; of every alliance for None."""
    query = sa.select(alliance_agreements.c.id, alliance_agreements.c.terms).order_by(
        alliance_agreements.c.starts_on, alliance_agreements.c.id)
    if alliance_id is not None:
        query = query.where(alliance_agreements.c.alliance_id == alliance_id)
    rows = conn.execute(query)
    return [(row.id, parse_agreement(row.terms)) for row in rows]


def alliance_id_of(conn: Connection, code: str) -> str:
    """The alliance's id (NotFound alliance.unknown)."""
    found = conn.execute(sa.select(alliances.c.id).where(alliances.c.code == code)).scalar()
    if found is None:
        raise NotFound("alliance.unknown", alliance=code)
    return str(found)


def lock_alliance(conn: Connection, code: str, *, share: bool = False) -> str:
    """The alliance's row locked: closing a period (FOR UPDATE, and it changes the row) waits
    for entries being recorded (FOR SHARE) and they for it, so none slips into a period while
    it closes; under REPEATABLE READ an entry whose snapshot predates a close fails to lock
    (a serialization failure, retried) rather than write into the closed period."""
    stmt = sa.select(alliances.c.id).where(alliances.c.code == code)
    if conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update(read=share)
    found = conn.execute(stmt).scalar()
    if found is None:
        raise NotFound("alliance.unknown", alliance=code)
    return str(found)


def _merchant_ids(conn: Connection, codes: list[str]) -> dict[str, str]:
    rows = conn.execute(sa.select(merchants.c.code, merchants.c.id).where(
        merchants.c.code.in_(codes)))
    found = {row.code: row.id for row in rows}
    for code in codes:
        if code not in found:
            raise NotFound("merchant.unknown", merchant=code)
    return found


def member_codes(conn: Connection, alliance_id: str) -> dict[str, str]:
    """Member merchants of the alliance: code -> id."""
    rows = conn.execute(sa.select(merchants.c.code, merchants.c.id).join(
        alliance_merchants, alliance_merchants.c.merchant_id == merchants.c.id).where(
        alliance_merchants.c.alliance_id == alliance_id).order_by(merchants.c.code))
    return {row.code: row.id for row in rows}


def member_merchant_id(members: dict[str, str], code: str, field: str, alliance: str) -> str:
    """The id of the member merchant `code` in `members` (refused, naming `field`, if none)."""
    if code not in members:
        raise ValidationError("alliance.merchant_not_member", field=field, merchant=code,
                              alliance=alliance)
    return members[code]
