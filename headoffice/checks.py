"""`kaika-headoffice check`: consistency checks over what head office holds, each a named
function giving findings; a finding that needs a person opens a reconciliation case once.

`cards`: card numbers issued to two members. A sync never moves a card between members any
more (headoffice/cardids.py), but before that rule a later till silently took a number over,
and the evidence is in head office's records: the tills' audit entries (`card_issued`,
`card_linked`, `card_replaced` name the number and the member), the cards themselves, and
quarantined card events. Each number claimed by two members (aliases resolved) is a finding;
one without a `card.duplicate_number` case gets one, for the merchant of the member who holds
the card now, so a manager replaces the other member's card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.event_types import EventType
from headoffice.cases import insert_case
from headoffice.tables import audit_entries, cards, events, members, recon_cases

CARD_AUDIT = ("card_issued", "card_linked", "card_replaced")
DUPLICATE = "card.duplicate_number"


@dataclass(frozen=True, slots=True)
class Claim:
    number: str
    member_id: str
    store_id: str | None
    source: str  # card | audit | quarantined


def card_numbers(conn: Connection, now: datetime) -> list[dict[str, Any]]:
    """Numbers claimed by two members, each with its claims and its case."""
    claims: dict[str, list[Claim]] = {}
    for r in conn.execute(_claims_of_duplicates()):
        claims.setdefault(r.number, []).append(Claim(r.number, r.member_id, r.store_id,
                                                     r.source))
    cased = _cased_numbers(conn)
    findings = []
    for number, found in sorted(claims.items()):
        case_id = cased.get(number) or _open(conn, number, found, now)
        findings.append({"check": "cards", "code": DUPLICATE, "number": number,
                         "case_id": case_id, "claims": _distinct(found)})
    return findings


def _claims_of_duplicates() -> sa.Select[Any]:
    """Every claim (member with aliases resolved, store, source) on a number that two members
    claim, in one statement that reads the same on PostgreSQL and SQLite."""
    body, payload = audit_entries.c.body, events.c.payload
    number = sa.case((audit_entries.c.action == "card_replaced",
                      body[("details", "new_number")].as_string()),
                     else_=body["target"].as_string())
    raw = sa.union_all(
        sa.select(cards.c.number, cards.c.member_id, cards.c.store_id,
                  sa.literal("card").label("source")),
        sa.select(number, body[("details", "member_id")].as_string(), audit_entries.c.store_id,
                  sa.literal("audit")).where(audit_entries.c.action.in_(CARD_AUDIT)),
        sa.select(payload["number"].as_string(), payload["member_id"].as_string(),
                  events.c.store_id, sa.literal("quarantined")).where(
            events.c.status == "quarantined",
            events.c.type.in_((EventType.CARD_ISSUED.value,
                               EventType.CARD_CHANGED.value)))).subquery()
    claims = (sa.select(raw.c.number, sa.func.coalesce(members.c.canonical_id, raw.c.member_id)
                        .label("member_id"), raw.c.store_id, raw.c.source)
              .join(members, members.c.id == raw.c.member_id, isouter=True)
              .where(raw.c.number.is_not(None), raw.c.member_id.is_not(None)).subquery())
    twice = (sa.select(claims.c.number).group_by(claims.c.number)
             .having(sa.func.count(sa.distinct(claims.c.member_id)) > 1))
    return sa.select(claims).where(claims.c.number.in_(twice)).order_by(
        claims.c.number, claims.c.member_id)


def _cased_numbers(conn: Connection) -> dict[str, str]:
    rows = conn.execute(sa.select(recon_cases.c.id, recon_cases.c.details).where(
        recon_cases.c.kind == DUPLICATE))
    return {str((r.details or {}).get("number")): r.id for r in rows}


def _distinct(claims: list[Claim]) -> list[dict[str, Any]]:
    seen = {(c.member_id, c.store_id, c.source) for c in claims}
    return [{"member_id": m, "store_id": s, "source": src} for m, s, src in sorted(
        seen, key=lambda x: (x[0], x[1] or "", x[2]))]


def _open(conn: Connection, number: str, claims: list[Claim], now: datetime) -> str:
    holder = next((c for c in claims if c.source == "card"), claims[0])
    merchant = conn.scalar(sa.select(members.c.merchant_id).where(
        members.c.id == holder.member_id)) or ""
    others = [c for c in _distinct(claims) if c["member_id"] != holder.member_id]
    return insert_case(conn, merchant, DUPLICATE, holder.member_id, 0, {
        "number": number, "found_by": "check",
        "held_by": {"member_id": holder.member_id, "store_id": holder.store_id},
        "claimed_by": others[0], "claims": _distinct(claims)}, now)


CHECKS: dict[str, Callable[[Connection, datetime], list[dict[str, Any]]]] = {
    "cards": card_numbers,
}


def run(conn: Connection, now: datetime, only: str | None = None) -> list[dict[str, Any]]:
    """Every check's findings (or one check's), cases opened in the caller's transaction."""
    findings: list[dict[str, Any]] = []
    for name, check in CHECKS.items():
        if only is None or only == name:
            findings.extend(check(conn, now))
    return findings
