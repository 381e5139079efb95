"""The roster of an issuer's cards in each partner merchant's feed (docs/alliance.md).

A partner's till recognises an issuer's card offline by finding its number here: one
`alliance_member` item per usable card of a member who consented to the alliance, with the
issuer, the member's id, the name masked and the tier — nothing else (no mobile, ID number,
history: issue 15 rule 3); the member's coupons a partner honours go beside it
(headoffice/alliance_coupons.py). Withdrawn consent, a card blocked, lost or replaced, or no
agreement left that honours the issuer at that partner turn the item into `{"void": true}`; an
item is published only when what it says changes, so a member edited twice sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.alliance_card import mask_for_partner
from domain.errors import NotFound
from headoffice import alliance_coupons
from headoffice.alliance_tables import alliance_agreements, alliances
from headoffice.feed import FeedWriter
from headoffice.publish import merchant_item
from headoffice.sql import among
from headoffice.tables import cards, catalog_items, members, merchants

ROSTER_ENTITY = "alliance_member"
USABLE = ("issued", "active")  # card states a partner may honour
VOID: dict[str, Any] = {"void": True}
ALLIANCE_TZ = ZoneInfo("Asia/Shanghai")  # as headoffice/alliance.py (which imports this)


def issuers(conn: Connection) -> set[str]:
    """Merchants whose cards some agreement (ended or not) is about."""
    return set(conn.execute(sa.select(alliance_agreements.c.issuer_id).distinct()).scalars())


def honoured_issuers(conn: Connection, partner_id: str, now: datetime) -> dict[str, str]:
    """Card brand -> merchant id of each issuer an agreement not yet ended lets this partner
    honour: whose public QR keys the partner's tills get with each grant."""
    today = now.astimezone(ALLIANCE_TZ).date()
    a = alliance_agreements
    rows = conn.execute(sa.select(merchants.c.brand, merchants.c.id).distinct()
                        .join(a, a.c.issuer_id == merchants.c.id)
                        .where(a.c.partner_id == partner_id,
                               sa.or_(a.c.ends_on.is_(None), a.c.ends_on >= today)))
    return {str(brand): str(merchant_id) for brand, merchant_id in rows if brand}


def refresh_alliance(conn: Connection, alliance_code: str, now: datetime) -> dict[str, int]:
    """Every issuer's rosters for the alliance's agreements brought up to date, published in
    one feed flush; issuer code -> items published. Run daily (`kaika-headoffice alliance
    rosters`): an agreement whose last day has passed leaves its partner's roster voided."""
    alliance_id = conn.execute(sa.select(alliances.c.id).where(
        alliances.c.code == alliance_code)).scalar()
    if alliance_id is None:
        raise NotFound("alliance.unknown", alliance=alliance_code)
    issuer_ids = sorted(set(conn.execute(sa.select(alliance_agreements.c.issuer_id).where(
        alliance_agreements.c.alliance_id == alliance_id)).scalars()))
    feed, today, done = FeedWriter(), now.astimezone(ALLIANCE_TZ).date(), {}
    for issuer_id in issuer_ids:
        code = str(conn.execute(sa.select(merchants.c.code).where(
            merchants.c.id == issuer_id)).scalar())
        done[code] = refresh(conn, feed, issuer_id, today)
    feed.flush(conn, now)
    return done


def refresh(conn: Connection, feed: FeedWriter, issuer_id: str, today: date,
            member_ids: Iterable[str] | None = None) -> int:
    """Bring every partner's roster of this issuer's cards (of `member_ids`, or all) up to
    date; returns how many items were published."""
    partners = _partners(conn, issuer_id, today)
    if not partners:
        return 0
    code = str(conn.execute(sa.select(merchants.c.code).where(
        merchants.c.id == issuer_id)).scalar())
    rows = _cards(conn, issuer_id, member_ids)
    wanted = {number: _entry(code, row) for number, row in rows}
    templates = alliance_coupons.honoured_templates(conn, issuer_id, today)
    found = alliance_coupons.member_coupons(conn, issuer_id, sorted({r.id for _, r in rows}))
    published = 0
    for partner_id, honours in partners.items():
        held = _held(conn, partner_id, list(wanted))
        for number, entry in wanted.items():
            data = entry if honours and entry is not None else VOID
            if held.get(number, VOID) != data:
                merchant_item(conn, feed, partner_id, ROSTER_ENTITY, number, data)
                published += 1
        holders = _holders(rows, wanted) if honours else {}
        published += alliance_coupons.publish(
            conn, feed, partner_id, code, [(c, holders.get(c.member_id)) for c in found],
            templates.get(partner_id, set()), today)
    return published


def _holders(rows: list[tuple[str, Any]], wanted: dict[str, Any]) -> dict[str, str]:
    """Member -> the first of their cards on the roster (their coupons travel with it)."""
    found: dict[str, str] = {}
    for number, row in rows:
        if wanted[number] is not None:
            found.setdefault(row.id, number)
    return found


def _partners(conn: Connection, issuer_id: str, today: date) -> dict[str, bool]:
    """Partner merchant -> whether an agreement still honours the issuer (in force now or
    later); a partner whose agreements all ended is listed False so its roster is voided."""
    rows = conn.execute(sa.select(alliance_agreements.c.partner_id,
                                  alliance_agreements.c.ends_on).where(
        alliance_agreements.c.issuer_id == issuer_id))
    found: dict[str, bool] = {}
    for partner_id, ends_on in rows:
        found[partner_id] = found.get(partner_id, False) or ends_on is None or ends_on >= today
    return found


def _cards(conn: Connection, issuer_id: str,
           member_ids: Iterable[str] | None) -> list[tuple[str, Any]]:
    query = (sa.select(cards.c.number, cards.c.state, members.c.id, members.c.tier,
                       members.c.profile, members.c.canonical_id)
             .join(members, members.c.id == cards.c.member_id)
             .where(members.c.merchant_id == issuer_id).order_by(cards.c.number))
    if member_ids is not None:
        ids = sorted(set(member_ids))
        if not ids:
            return []
        query = query.where(among(conn, cards.c.member_id, ids))
    return [(row.number, row) for row in conn.execute(query)]


def _entry(issuer_code: str, row: Any) -> dict[str, Any] | None:
    """The roster item for a card, or None when it may not be honoured."""
    profile = row.profile or {}
    if (row.state not in USABLE or row.canonical_id is not None
            or not profile.get("consent_alliance")
            or profile.get("status", "active") != "active"):
        return None
    return {"issuer": issuer_code, "issuer_member_id": row.id,
            "name_masked": mask_for_partner(str(profile.get("name", ""))), "tier": row.tier}


def _held(conn: Connection, partner_id: str, numbers: list[str]) -> dict[str, Any]:
    """What the partner's feed says of these cards now."""
    if not numbers:
        return {}
    rows = conn.execute(sa.select(catalog_items.c.entity_id, catalog_items.c.data).where(
        catalog_items.c.merchant_id == partner_id, catalog_items.c.entity == ROSTER_ENTITY,
        among(conn, catalog_items.c.entity_id, numbers)))
    return {entity_id: data for entity_id, data in rows}
