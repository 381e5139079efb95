"""Head office's side of partner trade: an `alliance.trade` books the issuer's points and the
settlement entries; member and card changes keep the partners' rosters true (docs/alliance.md).

Whatever the till claims is checked here: the card must be the issuer's, held by the member
named, under the agreement named, in force that day between the issuer and the sender's
merchant, with figures the agreement allows, and its issuer coupons
(headoffice/alliance_coupon_ingest.py). A refused trade is quarantined with a case, like
every refusal of ingest; nothing of it is booked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from domain import points as points_rules
from domain.alliance import Agreement, parse_agreement
from domain.alliance_settlement import EntryKind
from domain.alliance_settlement import trade_entries as settlement_entries
from domain.errors import DomainError
from headoffice import alliance_coupon_ingest, alliance_roster, ledgers
from headoffice.alliance_settlement import NewEntry, record_entry
from headoffice.alliance_tables import alliance_agreements, alliance_entries, alliances
from headoffice.batch import Batch, Item
from headoffice.cases import open_case
from headoffice.tables import cards, members, merchants
from sync.payloads import AllianceTradeV1, PointsEntryV1

CASE = "alliance.trade_refused"


@dataclass(frozen=True, slots=True)
class _Checked:
    item: Item[AllianceTradeV1]
    member_id: str  # canonical, the issuer's
    issuer_id: str
    alliance: str
    agreement: Agreement
    coupons: list[alliance_coupon_ingest.Use]


def apply(b: Batch, items: list[Item[AllianceTradeV1]]) -> None:
    """Book each trade that passes the checks: settlement entries once per source, then the
    issuer's points ledger (entries by the ids the till made: a repeat books nothing)."""
    if not items:
        return
    partner = _code(b, b.terminal.merchant_id)
    ledger: list[Item[PointsEntryV1]] = []
    with_coupons: set[str] = set()
    for item in items:
        try:
            checked = _check(b, item, partner)
            with b.conn.begin_nested():
                _entries(b, checked, partner)
        except DomainError as err:
            _refuse(b, item, err)
            continue
        ledger += _ledger_items(b, checked, partner)
        if checked.coupons:
            with_coupons.add(checked.member_id)
    ledgers.apply(b, ledger, [])
    follow(b, with_coupons)  # a coupon redeemed leaves every partner's feed


def _refuse(b: Batch, item: Item[AllianceTradeV1], err: DomainError) -> None:
    b.mark(item.event_id, "quarantined", err.code)
    p = item.payload
    open_case(b, CASE, None, p.sale_fen, {"event_id": item.event_id, "code": err.code,
                                          "sale_id": p.sale_id, "issuer": p.issuer,
                                          "card_last4": p.card_number[-4:]})


def _check(b: Batch, item: Item[AllianceTradeV1], partner: str) -> _Checked:
    p = item.payload
    card = b.conn.execute(sa.select(cards.c.member_id, members.c.merchant_id,
                                    members.c.canonical_id)
                          .join(members, members.c.id == cards.c.member_id)
                          .where(cards.c.number == p.card_number)).first()
    if card is None:
        raise DomainError("alliance.card_unknown", card_number=p.card_number[-4:])
    member_id = card.canonical_id or card.member_id
    if _code(b, card.merchant_id) != p.issuer or b.canonical(p.issuer_member_id) not in (
            member_id, card.member_id):
        raise DomainError("alliance.card_mismatch", card_number=p.card_number[-4:])
    row = b.conn.execute(sa.select(alliance_agreements, alliances.c.code.label("alliance"))
                         .join(alliances, alliances.c.id == alliance_agreements.c.alliance_id)
                         .where(alliance_agreements.c.id == p.agreement_id)).first()
    if (row is None or row.issuer_id != card.merchant_id
            or row.partner_id != b.terminal.merchant_id):
        raise DomainError("alliance.no_agreement", issuer=p.issuer, partner=partner,
                          day=p.business_date.isoformat())
    agreement = parse_agreement(row.terms)
    if not agreement.in_force(p.business_date):
        raise DomainError("alliance.no_agreement", issuer=p.issuer, partner=partner,
                          day=p.business_date.isoformat())
    _check_figures(p, agreement, _booked(b, row.alliance_id, p.original_sale_id))
    uses = alliance_coupon_ingest.check(b, p, member_id, card.merchant_id, agreement)
    return _Checked(item, member_id, card.merchant_id, row.alliance, agreement, uses)


def _check_figures(p: AllianceTradeV1, agreement: Agreement,
                   booked: dict[str, int] | None) -> None:
    """Signs follow the kind (a return's figures are negative); a sale earns at most what
    the agreement gives on its money, a return takes back and gives back at most what its
    sale booked; points are spent only where the agreement lets them pay."""
    sign = -1 if p.original_sale_id else 1
    figures = (p.sale_fen, p.points_earned, p.points_spent)
    if any(value * sign < 0 for value in figures):
        raise DomainError("alliance.figures_invalid", field="sale_fen")
    if booked is None and abs(p.points_earned) > agreement.points_earned(abs(p.sale_fen)):
        raise DomainError("alliance.figures_invalid", field="points_earned")
    if booked is not None and (
            -p.points_earned > booked.get(EntryKind.POINTS_ISSUED_BY_PARTNER, 0)
            or -p.points_spent > booked.get(EntryKind.POINTS_SPENT_AT_PARTNER, 0)):
        raise DomainError("alliance.figures_invalid", field="points_earned")
    if p.points_spent and not (agreement.points_spendable and agreement.point_value_fen):
        raise DomainError("alliance.points_not_spendable_here", issuer=p.issuer)


def _booked(b: Batch, alliance_id: str, original_sale_id: str | None) -> dict[str, int] | None:
    """For a return, the points its sale booked by kind (none booked: a return may reverse
    no points)."""
    if original_sale_id is None:
        return None
    rows = b.conn.execute(sa.select(alliance_entries.c.kind, alliance_entries.c.points).where(
        alliance_entries.c.alliance_id == alliance_id,
        alliance_entries.c.source == original_sale_id)).all()
    return {kind: points for kind, points in rows}


def _entries(b: Batch, c: _Checked, partner: str) -> None:
    """The settlement entries of the trade, each once (record_entry keeps a repeat once)."""
    p = c.item.payload
    for kind, points, sale_fen in trade_entries(p):
        record_entry(b.conn, c.alliance, NewEntry(
            kind=kind.value, issuer=p.issuer, partner=partner, occurred_on=p.business_date,
            source=p.sale_id, points=points, sale_fen=sale_fen,
            note=f"card …{p.card_number[-4:]}"), b.now)
    alliance_coupon_ingest.settle(b, p, c.coupons, c.alliance, partner, c.member_id,
                                  c.issuer_id)


def trade_entries(p: AllianceTradeV1) -> list[tuple[EntryKind, int, int]]:
    """The entries a trade gives (domain/alliance_settlement.trade_entries)."""
    return settlement_entries(p.points_earned, p.points_spent, p.sale_fen)


def _ledger_items(b: Batch, c: _Checked, partner: str) -> list[Item[PointsEntryV1]]:
    """The issuer's ledger entries, tagged with the partner (reason) and its sale (sale_id);
    points earned last as long as the issuer's own rule pack says."""
    p = c.item.payload
    pack = b.packs.for_merchant(b.conn, c.issuer_id) if b.packs else b.pack
    expires = points_rules.expires_on(b.local_date(p.at), pack)
    reason = f"alliance:{partner}"
    found = []
    if p.points_earned:
        found.append(PointsEntryV1(
            id=p.earn_entry_id, member_id=c.member_id,
            kind="earn" if p.points_earned > 0 else "takeback", points=p.points_earned,
            at=p.at, business_date=p.business_date, reason=reason, sale_id=p.sale_id,
            last_day=expires if p.points_earned > 0 else None))
    if p.points_spent:
        found.append(PointsEntryV1(
            id=p.spend_entry_id, member_id=c.member_id,
            kind="spend" if p.points_spent > 0 else "refund", points=-p.points_spent,
            at=p.at, business_date=p.business_date, reason=reason, sale_id=p.sale_id,
            last_day=expires if p.points_spent < 0 else None))
    return [Item(c.item.event, entry) for entry in found]


def _code(b: Batch, merchant_id: str) -> str:
    return str(b.conn.execute(sa.select(merchants.c.code).where(
        merchants.c.id == merchant_id)).scalar())


def follow(b: Batch, member_ids: Iterable[str]) -> None:
    """Rosters follow the members and cards a batch changed (consent, tier, name, a card
    blocked or replaced), for each issuer some agreement is about."""
    ids = sorted({b.canonical(m) for m in member_ids})
    if not ids or not (issuer_ids := alliance_roster.issuers(b.conn)):
        return
    by_merchant: dict[str, list[str]] = {}
    for member_id, merchant_id in b.conn.execute(sa.select(members.c.id, members.c.merchant_id)
                                                 .where(members.c.id.in_(ids))):
        if merchant_id in issuer_ids:
            by_merchant.setdefault(merchant_id, []).append(member_id)
    today = b.local_date(b.now)
    for merchant_id, found in sorted(by_merchant.items()):
        alliance_roster.refresh(b.conn, b.feed, merchant_id, today, found)


