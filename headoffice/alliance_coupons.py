"""The issuer's coupons a partner honours, in the partner merchant's feed (docs/alliance.md).

Beside the roster: one `alliance_coupon` item per live coupon (id = its code) of a roster
card's member, of a template an agreement not yet ended lists — the card number, the issuer,
the template, the amount and the validity, nothing else. A coupon redeemed anywhere, expired,
voided, of a member no longer on the roster or of a template no longer honoured turns into
`{"void": true}`; an item is published only when what it says changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from headoffice.alliance_tables import alliance_agreements
from headoffice.feed import FeedWriter
from headoffice.publish import merchant_item
from headoffice.sql import among
from headoffice.tables import catalog_items, coupons

COUPON_ENTITY = "alliance_coupon"
VOID: dict[str, Any] = {"void": True}


def honoured_templates(conn: Connection, issuer_id: str, today: date) -> dict[str, set[str]]:
    """Partner merchant -> the issuer's templates its agreements not yet ended list."""
    a = alliance_agreements
    rows = conn.execute(sa.select(a.c.partner_id, a.c.terms).where(
        a.c.issuer_id == issuer_id, sa.or_(a.c.ends_on.is_(None), a.c.ends_on >= today)))
    found: dict[str, set[str]] = {}
    for partner_id, terms in rows:
        found.setdefault(partner_id, set()).update((terms or {}).get("coupon_templates", []))
    return found


def member_coupons(conn: Connection, issuer_id: str, member_ids: list[str]) -> list[Any]:
    """The issuer's coupons held by these members (every state: a dead one voids its item)."""
    if not member_ids:
        return []
    return list(conn.execute(sa.select(coupons.c.code, coupons.c.member_id,
                                       coupons.c.template_code, coupons.c.state, coupons.c.body)
                             .where(coupons.c.merchant_id == issuer_id,
                                    among(conn, coupons.c.member_id, member_ids))
                             .order_by(coupons.c.code)))


def publish(conn: Connection, feed: FeedWriter, partner_id: str, issuer_code: str,
            wanted: list[tuple[Any, str | None]], templates: set[str], today: date) -> int:
    """Bring the partner's items of these coupons (each with the honoured card of its
    member, None when the member is not on the roster) up to date; items published."""
    if not wanted:
        return 0
    held = _held(conn, partner_id, [row.code for row, _ in wanted])
    published = 0
    for row, card in wanted:
        data = _item(issuer_code, row, card, templates, today)
        if held.get(row.code, VOID) != data:
            merchant_item(conn, feed, partner_id, COUPON_ENTITY, row.code, data)
            published += 1
    return published


def _item(issuer_code: str, row: Any, card: str | None, templates: set[str],
          today: date) -> dict[str, Any]:
    body = row.body or {}
    valid_to = str(body.get("valid_to") or "")
    if (card is None or row.state != "issued" or row.template_code not in templates
            or body.get("kind") != "cash" or not valid_to or valid_to < today.isoformat()):
        return VOID
    return {"card": card, "issuer": issuer_code, "template": row.template_code,
            "amount_fen": int(body.get("amount_fen", 0)),
            "valid_from": str(body.get("valid_from")), "valid_to": valid_to}


def _held(conn: Connection, partner_id: str, codes: list[str]) -> dict[str, Any]:
    rows = conn.execute(sa.select(catalog_items.c.entity_id, catalog_items.c.data).where(
        catalog_items.c.merchant_id == partner_id, catalog_items.c.entity == COUPON_ENTITY,
        among(conn, catalog_items.c.entity_id, codes)))
    return {entity_id: data for entity_id, data in rows}
